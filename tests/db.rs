//! The storage layer against real SQLite files, seeded from the engine
//! test pack (`tests/fixtures/pack`): wages from the files its manifest
//! names, FAQs and testimonials from the loaded `Site`. Figures are read
//! back against the pack's own CSV files, through the manifest's columns.

mod common;

use careers::content::Site;
use careers::content::data::{FaqSeed, TestimonialSeed};
use careers::content::dataset::states::abbr_for_fips;
use careers::content::dataset::wages::{Area, Value, WageField};
use careers::db::{self, DbError, Pool, SeedReport, SiteRows};
use common::copy::copy_dir;
use common::tables::{Row, Wages};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

fn pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(common::PACK)
}

/// The test pack, loaded once.
fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        careers::content::load(&pack(), Default::default())
            .unwrap_or_else(|e| panic!("the test pack loads:\n{e}"))
    })
}

/// The pack's wage files, read through its manifest.
fn wages() -> Wages {
    Wages::of(&pack())
}

/// Seeds the test pack.
fn seed(conn: &mut Connection) -> SeedReport {
    db::seed(conn, site(), &pack()).unwrap()
}

/// A fresh database file in a temp folder, seeded.
fn seeded() -> (TempDir, Pool) {
    let dir = TempDir::new().unwrap();
    let pool = db::open(&dir.path().join("careers.db")).unwrap();
    seed(&mut pool.get().unwrap());
    (dir, pool)
}

fn counts(c: &Connection) -> BTreeMap<String, i64> {
    db::counts(c).unwrap().into_iter().collect()
}

/// A content folder holding a copy of the pack's `data/` only (the
/// manifest and its tables).
fn data_copy() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(&pack().join("data"), &dir.path().join("data"));
    dir
}

/// Seeds only the wage files of the pack at `content` (no FAQs, no
/// testimonials).
fn seed_wages(c: &mut Connection, content: &Path) -> Result<SeedReport, DbError> {
    let m = common::tables::manifest(content)
        .wages
        .expect("the pack has wages");
    db::seed_with(
        c,
        content,
        SiteRows {
            wages: Some(&m),
            faqs: &[],
            testimonials: &[],
            renamed: Vec::new(),
        },
    )
}

/// The wage fields a row lists in a flag column (top-coded or not
/// released), as the model names them.
fn flagged(w: &Wages, row: &Row, topcoded: bool) -> Vec<WageField> {
    WageField::ALL
        .iter()
        .copied()
        .filter(|f| {
            if topcoded {
                w.topcoded(row, *f)
            } else {
                w.not_released(row, *f)
            }
        })
        .collect()
}

#[test]
fn migrations_validate() {
    db::migrations::MIGRATIONS.validate().unwrap();
}

#[test]
fn open_creates_the_folder_and_works_twice_on_one_file() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("nested/folder/careers.db");
    let first = db::open(&path).unwrap();
    let second = db::open(&path).unwrap();
    let (a, b) = (first.get().unwrap(), second.get().unwrap());
    assert_eq!(counts(&a), counts(&b));
    assert!(counts(&a).contains_key("wages"));

    let pragma = |name: &str| -> String {
        a.query_row(&format!("PRAGMA {name}"), [], |r| {
            r.get::<_, rusqlite::types::Value>(0)
        })
        .map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .unwrap()
    };
    assert_eq!(pragma("journal_mode"), "wal");
    assert_eq!(pragma("foreign_keys"), "1");
    assert_eq!(pragma("synchronous"), "2"); // FULL: an acknowledged write is on disk
    assert_eq!(pragma("busy_timeout"), "5000");
    assert_eq!(
        pragma("user_version"),
        careers::db::migrations::MIGRATION_LIST.len().to_string(),
        "every migration ran"
    );

    drop((a, b, first, second));
    // And again after closing: migrations are not re-run.
    let third = db::open(&path).unwrap();
    assert!(counts(&third.get().unwrap()).contains_key("faqs"));
}

#[test]
fn seeding_twice_leaves_the_same_rows() {
    let dir = TempDir::new().unwrap();
    let pool = db::open(&dir.path().join("careers.db")).unwrap();
    let mut conn = pool.get().unwrap();
    let first = seed(&mut conn);
    let after_first = counts(&conn);
    let second = seed(&mut conn);
    let after_second = counts(&conn);
    assert_eq!(after_first, after_second);
    assert_eq!(
        second,
        SeedReport::default(),
        "unchanged content writes nothing"
    );

    let w = wages();
    let wage_rows = w.national.len() + w.states.len() + w.areas.len();
    assert!(!w.states.is_empty() && !w.areas.is_empty());
    assert_eq!(first.wages, wage_rows);
    assert_eq!(after_first["wages"], wage_rows as i64);
    assert_eq!(after_first["seed_files"], 3, "one per wage file");
    // Projections and published figures live in the compiled model, not
    // in the database.
    for gone in ["projections", "published_figures"] {
        assert!(!after_first.contains_key(gone), "{gone}: {after_first:?}");
    }
    let site = site();
    assert_eq!(first.faqs, site.faqs.len());
    assert_eq!(first.testimonials, site.testimonials.len());
    assert_eq!(after_first["faqs"], site.faqs.len() as i64);
    assert_eq!(after_first["testimonials"], site.testimonials.len() as i64);
    // Answers are stored rendered.
    let html: String = conn
        .query_row(
            "SELECT answer_html FROM faqs WHERE seed_key = 'electrician-license'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(html.contains("<strong>trade license</strong>"), "{html}");

    // A new pool on the same file (a restart) does not duplicate anything.
    drop(conn);
    drop(pool);
    let pool = db::open(&dir.path().join("careers.db")).unwrap();
    let mut conn = pool.get().unwrap();
    assert_eq!(seed(&mut conn), SeedReport::default());
    assert_eq!(counts(&conn), after_first);
}

#[test]
fn a_state_row_matches_the_csv() {
    let (_dir, pool) = seeded();
    let c = pool.get().unwrap();
    let w = wages();
    let cols = &w.manifest.columns;
    let row = w
        .states
        .iter()
        .find(|r| w.area(r) == "New York" && w.code(r) == "47-2111")
        .expect("the test table has New York 47-2111");

    let ny = db::state_wage(&c, "47-2111", "NY").unwrap().unwrap();
    assert_eq!(ny.mean, w.whole(row, WageField::Mean));
    assert!(ny.mean.is_some());
    assert_eq!(ny.median, w.whole(row, WageField::Median));
    assert_eq!(ny.area_name, "New York");
    assert_eq!(ny.area, Area::State);
    assert_eq!(ny.area_code, row[&cols.area_code]);
    assert_eq!(
        ny.state_fips.as_deref(),
        Some(row[&cols.state_fips].as_str())
    );
    assert_eq!(ny.state_abbr.as_deref(), Some("NY"));
    assert_eq!(ny.employment, w.whole(row, WageField::Employment));
    assert_eq!(
        ny.hourly_mean,
        Some(w.cell(row, WageField::HourlyMean).parse().unwrap())
    );
    assert_eq!(
        db::state_wage(&c, "47-2111", "ny").unwrap().as_ref(),
        Some(&ny)
    );

    let states = db::state_wages(&c, "47-2111").unwrap();
    let in_csv = w.states.iter().filter(|r| w.code(r) == "47-2111").count();
    assert!(in_csv >= 3);
    assert_eq!(states.len(), in_csv);
    assert!(states.windows(2).all(|w| w[0].area_name <= w[1].area_name));
    assert!(states.iter().all(|w| w.state_abbr.is_some()));
}

#[test]
fn a_national_row_matches_the_csv() {
    let (_dir, pool) = seeded();
    let c = pool.get().unwrap();
    let w = wages();
    let row = w.national_row("47-2111").expect("the national row");
    let n = db::national_wage(&c, "47-2111").unwrap().unwrap();
    assert_eq!(n.median, w.whole(row, WageField::Median));
    assert_eq!(n.median, Some(61_000), "the test table's figure");
    for f in WageField::ALL {
        if *f != WageField::HourlyMean {
            assert_eq!(n.whole(*f), w.whole(row, *f), "{f:?}");
        }
    }
    assert_eq!(n.area, Area::National);
    assert_eq!(n.title, row[&w.manifest.columns.title]);
    assert_eq!(n.state_abbr, None);
    assert_eq!(n.state_fips, None);
    assert!(n.not_released.is_empty() && n.topcoded.is_empty());
    // The row the model compiled is the row the database holds.
    assert_eq!(site().data.national("47-2111"), Some(&n));

    let all = db::national_wage(&c, &w.manifest.all_code)
        .unwrap()
        .unwrap();
    let all_row = w.national_row(&w.manifest.all_code).unwrap();
    assert_eq!(all.employment, w.whole(all_row, WageField::Employment));
    assert_eq!(
        all.hourly_mean,
        Some(w.cell(all_row, WageField::HourlyMean).parse().unwrap())
    );
    assert!(db::national_wage(&c, "99-9999").unwrap().is_none());
}

#[test]
fn topcoded_and_not_released_cells_are_none_and_listed() {
    let (_dir, pool) = seeded();
    let c = pool.get().unwrap();
    let w = wages();
    let cols = &w.manifest.columns;

    // Every wage cell of this metro row is top-coded.
    let row = w
        .areas
        .iter()
        .find(|r| w.topcoded(r, WageField::Mean) && w.topcoded(r, WageField::P10))
        .expect("a wholly top-coded metro row");
    let got = db::area_wage(&c, &row[&cols.area_code], w.code(row))
        .unwrap()
        .unwrap();
    assert_eq!(got.area, Area::Local);
    assert_eq!((got.mean, got.median, got.p90), (None, None, None));
    assert_eq!(got.value(WageField::Mean), Value::TopCoded);
    assert_eq!(got.value(WageField::HourlyMean), Value::TopCoded);
    assert_eq!(got.value(WageField::P90), Value::TopCoded);
    assert!(got.not_released.is_empty());
    assert_eq!(got.employment, w.whole(row, WageField::Employment));
    assert!(got.employment.is_some());
    assert_eq!(
        got.topcoded,
        flagged(&w, row, true),
        "the CSV's columns, as fields"
    );

    // Only the 90th percentile top-coded.
    let row = w
        .national
        .iter()
        .find(|r| flagged(&w, r, true) == [WageField::P90])
        .expect("a row with only p90 top-coded");
    let got = db::national_wage(&c, w.code(row)).unwrap().unwrap();
    assert_eq!(got.p90, None);
    assert_eq!(got.value(WageField::P90), Value::TopCoded);
    assert_eq!(got.median, w.whole(row, WageField::Median));
    assert!(got.median.is_some());
    assert_eq!(
        got.value(WageField::Median),
        Value::Whole(got.median.unwrap())
    );

    // Not released, on a state row.
    let row = w
        .states
        .iter()
        .find(|r| w.not_released(r, WageField::Mean))
        .expect("a state row with wages not released");
    let abbr = abbr_for_fips(&row[&cols.state_fips]).unwrap();
    let got = db::state_wage(&c, w.code(row), abbr).unwrap().unwrap();
    assert_eq!(got.mean, None);
    assert_eq!(got.hourly_mean, None);
    assert_eq!(got.value(WageField::Mean), Value::NotReleased);
    assert_eq!(got.value(WageField::Median), Value::NotReleased);
    assert_eq!(got.not_released, flagged(&w, row, false));
    assert!(got.topcoded.is_empty());

    // Employment not released, on a metro row.
    let row = w
        .areas
        .iter()
        .find(|r| w.not_released(r, WageField::Employment))
        .expect("a metro row with employment not released");
    let got = db::area_wage(&c, &row[&cols.area_code], w.code(row))
        .unwrap()
        .unwrap();
    assert_eq!(got.employment, None);
    assert_eq!(got.value(WageField::Employment), Value::NotReleased);
}

#[test]
fn top_metros_skip_unpublished_means_and_sort_highest_first() {
    let (_dir, pool) = seeded();
    let c = pool.get().unwrap();
    let w = wages();
    let code = "47-2111";
    let in_csv: Vec<&Row> = w.areas.iter().filter(|r| w.code(r) == code).collect();
    let with_mean: Vec<i64> = in_csv
        .iter()
        .filter_map(|r| w.whole(r, WageField::Mean))
        .collect();
    assert!(with_mean.len() >= 2 && with_mean.len() < in_csv.len());
    let top = db::top_metros(&c, code, 10).unwrap();
    assert_eq!(
        top.len(),
        with_mean.len(),
        "areas without a mean are left out"
    );
    assert!(top.iter().all(|w| w.area == Area::Local));
    assert!(top.iter().all(|w| w.mean.is_some()));
    assert!(top.windows(2).all(|w| w[0].mean >= w[1].mean));
    assert_eq!(top[0].mean, with_mean.iter().max().copied());
    assert_eq!(db::top_metros(&c, code, 1).unwrap().len(), 1);
    assert!(db::top_metros(&c, code, 0).unwrap().is_empty());
    assert!(db::top_metros(&c, "99-9999", 5).unwrap().is_empty());
}

#[test]
fn faqs_added_by_people_are_returned_and_survive_seeding() {
    let (_dir, pool) = seeded();
    let mut c = pool.get().unwrap();
    let role = "test-role-faq";
    let later = db::insert_faq(&c, Some(role), 20, "Second?", "**Yes**.").unwrap();
    let first = db::insert_faq(&c, Some(role), 10, "First?", "No.").unwrap();
    let site_wide = db::insert_faq(&c, None, 9999, "Site-wide?", "Yes.").unwrap();

    let got = db::faqs(&c, Some(role)).unwrap();
    assert_eq!(got.iter().map(|f| f.id).collect::<Vec<_>>(), [first, later]);
    assert_eq!(got[1].answer_md, "**Yes**.");
    assert_eq!(got[1].role_slug.as_deref(), Some(role));
    assert_eq!(got[1].source_key, None);
    let global = db::faqs(&c, None).unwrap();
    assert!(global.iter().any(|f| f.id == site_wide));
    assert!(global.iter().all(|f| f.role_slug.is_none()));

    seed(&mut c);
    assert_eq!(db::faqs(&c, Some(role)).unwrap(), got);
}

#[test]
fn only_approved_testimonials_are_returned_oldest_first() {
    let (_dir, pool) = seeded();
    let c = pool.get().unwrap();
    let role = "test-role-testimonials";
    let pending =
        db::insert_testimonial(&c, role, "Pat", "Welder", "Pending quote", false, "pending")
            .unwrap();
    let a = db::insert_testimonial(&c, role, "Ana", "Welder", "First", false, "approved").unwrap();
    let b = db::insert_testimonial(&c, role, "Bo", "Analyst", "Second", true, "approved").unwrap();
    db::insert_testimonial(&c, role, "Rex", "Welder", "Rejected", false, "rejected").unwrap();

    let got = db::testimonials(&c, role).unwrap();
    assert_eq!(got.iter().map(|t| t.id).collect::<Vec<_>>(), [a, b]);
    assert!(!got.iter().any(|t| t.id == pending));
    assert!(got[1].illustrative && !got[0].illustrative);
    assert!(got[0].created_at.ends_with('Z'));
    assert!(db::testimonials(&c, "no-such-role").unwrap().is_empty());

    let err = db::insert_testimonial(&c, role, "X", "Y", "Z", false, "published").unwrap_err();
    assert!(matches!(err, DbError::Invalid(_)), "{err}");
}

#[test]
fn backup_writes_a_copy_with_the_same_rows() {
    let (dir, pool) = seeded();
    let c = pool.get().unwrap();
    db::insert_faq(&c, None, 1, "Backed up?", "Yes.").unwrap();
    let out = dir.path().join("backups/careers-copy.db");
    db::backup(&c, &out).unwrap();
    // A second backup replaces the first.
    db::backup(&c, &out).unwrap();

    let copy = Connection::open(&out).unwrap();
    assert_eq!(counts(&copy), counts(&c));
    let reopened = db::open(&out).unwrap();
    let r = reopened.get().unwrap();
    assert_eq!(
        db::national_wage(&r, "47-2111").unwrap(),
        db::national_wage(&c, "47-2111").unwrap()
    );
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_changed_csv_is_reimported_and_unchanged_ones_are_skipped() {
    let content = data_copy();
    let w = wages();
    let dir = TempDir::new().unwrap();
    let pool = db::open(&dir.path().join("careers.db")).unwrap();
    let mut c = pool.get().unwrap();
    let first = seed_wages(&mut c, content.path()).unwrap();
    assert_eq!(
        first.wages,
        w.national.len() + w.states.len() + w.areas.len()
    );
    assert_eq!(first.faqs + first.testimonials, 0);

    // Change one value and drop one row of the national file.
    let national = content.path().join("data").join(&w.manifest.national);
    let text = std::fs::read_to_string(&national).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let kept: Vec<String> = lines
        .iter()
        .filter(|l| !l.contains(",15-2031,"))
        .map(|l| {
            if l.contains(",47-2111,") {
                l.replace(",61000,", ",61001,")
            } else {
                (*l).to_owned()
            }
        })
        .collect();
    assert_eq!(kept.len(), lines.len() - 1);
    std::fs::write(&national, kept.join("\n") + "\n").unwrap();

    let second = seed_wages(&mut c, content.path()).unwrap();
    // The national file's remaining rows rewritten + 1 deleted; others skipped.
    assert_eq!(second.wages, w.national.len() - 1 + 1);
    let n = db::national_wage(&c, "47-2111").unwrap().unwrap();
    assert_eq!(n.median, Some(61_001));
    assert!(db::national_wage(&c, "15-2031").unwrap().is_none());
    assert!(db::state_wage(&c, "15-2031", "CA").unwrap().is_some());

    assert_eq!(
        seed_wages(&mut c, content.path()).unwrap(),
        SeedReport::default()
    );

    // Rows deleted behind the seeder's back are put back on the next run.
    c.execute(
        "DELETE FROM wages WHERE area_type = 'state' AND soc_code = '47-2111'",
        [],
    )
    .unwrap();
    let fixed = seed_wages(&mut c, content.path()).unwrap();
    assert_eq!(fixed.wages, w.states.len());
    assert!(db::state_wage(&c, "47-2111", "NY").unwrap().is_some());
}

#[test]
fn a_bad_csv_cell_fails_with_file_and_line_and_writes_nothing() {
    let content = data_copy();
    let w = wages();
    let dir = TempDir::new().unwrap();
    let pool = db::open(&dir.path().join("careers.db")).unwrap();
    let mut c = pool.get().unwrap();
    let before = counts(&c);

    let areas = w.manifest.areas.clone().expect("an areas file");
    let metro = content.path().join("data").join(&areas);
    let text = std::fs::read_to_string(&metro).unwrap();
    let broken = text.replacen(",99840,", ",99 840,", 1);
    assert_ne!(broken, text);
    std::fs::write(&metro, broken).unwrap();

    let err = seed_wages(&mut c, content.path()).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, DbError::Data { line: 2, .. }), "{message}");
    assert!(message.contains(&format!("{areas}:2")), "{message}");
    assert!(
        message.contains(&w.manifest.columns.mean),
        "names the column: {message}"
    );
    assert_eq!(counts(&c), before, "the transaction was rolled back");
}

fn faq(key: &str, role: Option<&str>, position: i64, answer: &str) -> FaqSeed {
    FaqSeed {
        key: key.into(),
        role: role.map(Into::into),
        position,
        question: format!("Question {key}?"),
        answer: answer.into(),
        answer_html: format!("<p>{answer}</p>"),
        answer_text: answer.into(),
        source: Some("test-source".into()),
    }
}

fn testimonial(key: &str, quote: &str) -> TestimonialSeed {
    TestimonialSeed {
        key: key.into(),
        role: "test-role".into(),
        name: "Sam".into(),
        background: "Former welder".into(),
        quote: quote.into(),
        illustrative: true,
    }
}

#[test]
fn editor_rows_follow_the_files_without_touching_peoples_rows() {
    let dir = TempDir::new().unwrap();
    let pool = db::open(&dir.path().join("careers.db")).unwrap();
    let mut c = pool.get().unwrap();
    let content = pack();

    let faqs = vec![
        faq("q1", Some("test-role"), 2, "One."),
        faq("q2", Some("test-role"), 1, "Two."),
    ];
    let testimonials = vec![testimonial("t1", "Hello"), testimonial("t2", "Bye")];
    let rows = |q, t| SiteRows {
        wages: None,
        faqs: q,
        testimonials: t,
        renamed: Vec::new(),
    };

    let r = db::seed_with(&mut c, &content, rows(&faqs, &testimonials)).unwrap();
    assert_eq!((r.wages, r.faqs, r.testimonials), (0, 2, 2));
    let human = db::insert_faq(&c, Some("test-role"), 0, "Mine?", "Mine.").unwrap();

    let stored = db::faqs(&c, Some("test-role")).unwrap();
    let q_ids: Vec<i64> = stored.iter().map(|f| f.id).collect();
    assert_eq!(q_ids.len(), 3);
    assert_eq!(q_ids[0], human, "position 0 comes first");
    assert_eq!(stored[1].answer_html, "<p>Two.</p>", "stored as rendered");
    assert_eq!(stored[1].answer_text, "Two.");
    assert!(
        stored[0].answer_html.contains("Mine."),
        "rendered when inserted"
    );

    // A moderator rejects t2.
    c.execute(
        "UPDATE testimonials SET status = 'rejected' WHERE seed_key = 't2'",
        [],
    )
    .unwrap();

    // Unchanged: nothing written.
    let r = db::seed_with(&mut c, &content, rows(&faqs, &testimonials)).unwrap();
    assert_eq!((r.faqs, r.testimonials), (0, 0));

    // Editors change q1, edit t2 and drop t1.
    let faqs = vec![
        faq("q1", Some("test-role"), 2, "One, edited."),
        faqs[1].clone(),
    ];
    let testimonials = vec![testimonial("t2", "Bye, edited")];
    let q1_id: i64 = c
        .query_row("SELECT id FROM faqs WHERE seed_key = 'q1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let r = db::seed_with(&mut c, &content, rows(&faqs, &testimonials)).unwrap();
    // q1; t2 edited, t1 deleted.
    assert_eq!((r.faqs, r.testimonials), (1, 2));

    let q = db::faqs(&c, Some("test-role")).unwrap();
    assert_eq!(q.len(), 3);
    let q1 = q.iter().find(|f| f.id == q1_id).expect("q1 kept its id");
    assert_eq!(q1.answer_md, "One, edited.");
    assert_eq!(q1.answer_html, "<p>One, edited.</p>");
    assert!(q.iter().any(|f| f.id == human));
    let (quote, status): (String, String) = c
        .query_row(
            "SELECT quote, status FROM testimonials WHERE seed_key = 't2'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (quote.as_str(), status.as_str()),
        ("Bye, edited", "rejected")
    );
    assert!(
        db::testimonials(&c, "test-role").unwrap().is_empty(),
        "t1 deleted, t2 still rejected"
    );
}
