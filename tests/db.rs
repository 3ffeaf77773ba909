//! The storage layer against real SQLite files and the real `content/` folder.
//!
//! The editor-written rows come from the loaded `Site`. If `content/` does not
//! load (other people mid-edit), the tests that need a `Site` fall back to
//! seeding the BLS files only and say so on stderr.

use careers::content::Site;
use careers::content::data::{FaqSeed, Figure, FigureUnit, TestimonialSeed};
use careers::db::{self, DbError, Pool, SeedReport, SiteRows};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn bls_csv(name: &str) -> PathBuf {
    content_dir().join("data/bls").join(name)
}

/// The real content, loaded once; `None` when it does not load yet.
fn site() -> Option<&'static Site> {
    static SITE: OnceLock<Option<Site>> = OnceLock::new();
    SITE.get_or_init(
        || match careers::content::load(&content_dir(), Default::default()) {
            Ok(site) => Some(site),
            Err(errors) => {
                eprintln!("content/ does not load yet; seeding the BLS files only:\n{errors}");
                None
            }
        },
    )
    .as_ref()
}

/// Seeds the real content (or only the BLS files when it does not load).
fn seed(conn: &mut Connection) -> SeedReport {
    match site() {
        Some(site) => db::seed(conn, site, &content_dir()).unwrap(),
        None => db::seed_bls(conn, &content_dir()).unwrap(),
    }
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

/// The CSV rows of a BLS file, as header -> value maps.
fn csv_rows(name: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(bls_csv(name)).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A content folder holding a copy of `content/data/bls` only.
fn bls_copy() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(
        &content_dir().join("data/bls"),
        &dir.path().join("data/bls"),
    );
    dir
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

    let oews_rows = ["oews_national.csv", "oews_state.csv", "oews_metro.csv"]
        .iter()
        .map(|f| csv_rows(f).len())
        .sum::<usize>();
    assert_eq!(first.wages, oews_rows);
    assert_eq!(after_first["wages"], oews_rows as i64);
    let ep_rows = csv_rows("ep_projections.csv").len();
    assert_eq!(first.projections, ep_rows);
    assert_eq!(after_first["projections"], ep_rows as i64);
    assert_eq!(after_first["seed_files"], 4);

    if let Some(site) = site() {
        assert_eq!(first.figures, site.figures.len());
        assert_eq!(after_first["published_figures"], site.figures.len() as i64);
        assert_eq!(after_first["faqs"], site.faqs.len() as i64);
        assert_eq!(after_first["testimonials"], site.testimonials.len() as i64);
        for f in &site.figures {
            let got = db::figures_by_ids(&conn, std::slice::from_ref(&f.id)).unwrap();
            assert_eq!(got.len(), 1, "figure {} is in the database", f.id);
            assert_eq!(got[0].unit, f.unit.key());
        }
    }

    // A new pool on the same file (a restart) does not duplicate anything.
    drop(conn);
    drop(pool);
    let pool = db::open(&dir.path().join("careers.db")).unwrap();
    let mut conn = pool.get().unwrap();
    assert_eq!(seed(&mut conn), SeedReport::default());
    assert_eq!(counts(&conn), after_first);
}

#[test]
fn new_york_medical_and_health_services_managers_match_the_csv() {
    let (_dir, pool) = seeded();
    let c = pool.get().unwrap();
    let row = csv_rows("oews_state.csv")
        .into_iter()
        .find(|r| r["area_name"] == "New York" && r["soc_code"] == "11-9111")
        .expect("the CSV has New York 11-9111");
    let expected: i64 = row["annual_mean_wage"].parse().unwrap();

    let ny = db::state_wage(&c, "11-9111", "NY").unwrap().unwrap();
    assert_eq!(ny.annual_mean, Some(expected));
    assert_eq!(ny.area_name, "New York");
    assert_eq!(ny.area_type, "state");
    assert_eq!(ny.state_fips.as_deref(), Some("36"));
    assert_eq!(ny.state_abbr.as_deref(), Some("NY"));
    assert_eq!(ny.employment, Some(row["employment"].parse().unwrap()));
    assert_eq!(
        ny.hourly_mean,
        Some(row["hourly_mean_wage"].parse().unwrap())
    );
    assert_eq!(
        db::state_wage(&c, "11-9111", "ny").unwrap().as_ref(),
        Some(&ny)
    );

    let states = db::state_wages(&c, "11-9111").unwrap();
    let in_csv = csv_rows("oews_state.csv")
        .iter()
        .filter(|r| r["soc_code"] == "11-9111")
        .count();
    assert_eq!(states.len(), in_csv);
    assert!(states.windows(2).all(|w| w[0].area_name <= w[1].area_name));
    assert!(states.iter().all(|w| w.state_abbr.is_some()));
}

#[test]
fn national_medical_and_health_services_managers() {
    let (_dir, pool) = seeded();
    let c = pool.get().unwrap();
    let w = db::national_wage(&c, "11-9111").unwrap().unwrap();
    assert_eq!(w.annual_median, Some(123_860));
    assert_eq!(w.period, "May 2025");
    assert_eq!(w.source_key, "bls-oews-2025");
    assert_eq!(w.area_type, "national");
    assert_eq!(w.state_abbr, None);
    assert_eq!(w.location_quotient, None, "not published for the nation");
    assert!(w.not_released.is_empty() && w.topcoded.is_empty());

    let all = db::national_wage(&c, "00-0000").unwrap().unwrap();
    assert_eq!(all.employment, Some(155_495_730));
    assert_eq!(all.hourly_mean, Some(33.54));
    assert!(db::national_wage(&c, "99-9999").unwrap().is_none());
}

#[test]
fn topcoded_and_not_released_cells_are_none_and_listed() {
    let (_dir, pool) = seeded();
    let c = pool.get().unwrap();

    // Every wage cell of this metro row is top-coded (a 29-1215 row).
    let row = csv_rows("oews_metro.csv")
        .into_iter()
        .find(|r| r["soc_code"] == "29-1215" && r["topcoded_fields"].contains("annual_mean_wage"))
        .expect("a top-coded 29-1215 metro row");
    let w = db::area_wage(&c, &row["area_code"], "29-1215")
        .unwrap()
        .unwrap();
    assert_eq!(w.area_type, "metro_or_nonmetro");
    assert_eq!(w.annual_mean, None);
    assert_eq!(w.annual_median, None);
    assert!(w.is_topcoded("annual_mean_wage"));
    assert!(w.is_topcoded("annual_mean"));
    assert!(w.is_topcoded("annual_p90_wage"));
    assert!(!w.is_not_released("annual_mean_wage"));
    assert_eq!(w.employment, Some(row["employment"].parse().unwrap()));
    assert_eq!(
        w.topcoded.join(";"),
        row["topcoded_fields"],
        "listed with the CSV's column names"
    );

    // Only the 90th percentile top-coded.
    let row = csv_rows("oews_metro.csv")
        .into_iter()
        .find(|r| r["topcoded_fields"] == "hourly_p90_wage;annual_p90_wage")
        .expect("a row with only p90 top-coded");
    let w = db::area_wage(&c, &row["area_code"], &row["soc_code"])
        .unwrap()
        .unwrap();
    assert_eq!(w.annual_p90, None);
    assert!(w.is_topcoded("annual_p90"));
    assert_eq!(
        w.annual_median,
        Some(row["annual_median_wage"].parse().unwrap())
    );
    assert!(!w.is_topcoded("annual_median"));

    // Not released (footnote 8), on a state row.
    let row = csv_rows("oews_state.csv")
        .into_iter()
        .find(|r| r["not_released_fields"].contains("annual_mean_wage"))
        .expect("a state row with wages not released");
    let abbr = db::abbr_for_fips(&row["state_fips"]).unwrap();
    let w = db::state_wage(&c, &row["soc_code"], abbr).unwrap().unwrap();
    assert_eq!(w.annual_mean, None);
    assert_eq!(w.hourly_mean, None);
    assert!(w.is_not_released("annual_mean_wage"));
    assert!(w.is_not_released("annual_median"));
    assert!(!w.is_topcoded("annual_mean_wage"));

    // Employment not released.
    let row = csv_rows("oews_state.csv")
        .into_iter()
        .chain(csv_rows("oews_metro.csv"))
        .find(|r| r["not_released_fields"].contains("employment"))
        .expect("a row with employment not released");
    let w = db::area_wage(&c, &row["area_code"], &row["soc_code"])
        .unwrap()
        .unwrap();
    assert_eq!(w.employment, None);
    assert_eq!(w.location_quotient, None);
    assert!(w.is_not_released("employment"));
}

#[test]
fn top_metros_skip_unpublished_means_and_sort_highest_first() {
    let (_dir, pool) = seeded();
    let c = pool.get().unwrap();
    let top = db::top_metros(&c, "29-1215", 10).unwrap();
    assert_eq!(top.len(), 10);
    assert!(top.iter().all(|w| w.area_type == "metro_or_nonmetro"));
    assert!(top.iter().all(|w| w.annual_mean.is_some()));
    assert!(top.windows(2).all(|w| w[0].annual_mean >= w[1].annual_mean));
    let best_in_csv = csv_rows("oews_metro.csv")
        .iter()
        .filter(|r| r["soc_code"] == "29-1215")
        .filter_map(|r| r["annual_mean_wage"].parse::<i64>().ok())
        .max();
    assert_eq!(top[0].annual_mean, best_in_csv);
    assert!(db::top_metros(&c, "29-1215", 0).unwrap().is_empty());
    assert!(db::top_metros(&c, "99-9999", 5).unwrap().is_empty());
}

#[test]
fn projections_match_the_csv() {
    let (_dir, pool) = seeded();
    let c = pool.get().unwrap();
    let rows = csv_rows("ep_projections.csv");
    let row = rows.iter().find(|r| r["soc_code"] == "11-9111").unwrap();
    let p = db::projection(&c, "11-9111").unwrap().unwrap();
    assert_eq!(p.period, "2024-2034");
    assert_eq!(p.source_key, "bls-ep-2024-34");
    assert_eq!(p.title, row["occupation_title"]);
    assert_eq!(
        p.employment_2024,
        row["employment_2024_thousands"].parse::<f64>().unwrap()
    );
    assert_eq!(
        p.employment_2034,
        row["employment_2034_thousands"].parse::<f64>().unwrap()
    );
    assert_eq!(
        p.change_pct,
        row["employment_change_2024_34_pct"].parse::<f64>().unwrap()
    );
    assert_eq!(
        p.openings_per_year,
        row["annual_avg_openings_2024_34_thousands"]
            .parse::<f64>()
            .unwrap()
    );
    assert_eq!(
        p.median_wage_2024,
        Some(row["median_annual_wage_2024_usd"].parse().unwrap())
    );
    assert_eq!(
        p.typical_entry_education.as_deref(),
        Some(row["typical_entry_education"].as_str())
    );

    let all = db::all_occupations_projection(&c).unwrap().unwrap();
    assert_eq!(all.soc_code, "00-0000");
    assert_eq!(all.typical_entry_education, None);
    assert!(all.change_pct > 0.0);
    assert!(db::projection(&c, "99-9999").unwrap().is_none());
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
        db::insert_testimonial(&c, role, "Pat", "Nurse", "Pending quote", false, "pending")
            .unwrap();
    let a = db::insert_testimonial(&c, role, "Ana", "Nurse", "First", false, "approved").unwrap();
    let b = db::insert_testimonial(&c, role, "Bo", "Analyst", "Second", true, "approved").unwrap();
    db::insert_testimonial(&c, role, "Rex", "Nurse", "Rejected", false, "rejected").unwrap();

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
        db::national_wage(&r, "11-9111").unwrap(),
        db::national_wage(&c, "11-9111").unwrap()
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
    let content = bls_copy();
    let dir = TempDir::new().unwrap();
    let pool = db::open(&dir.path().join("careers.db")).unwrap();
    let mut c = pool.get().unwrap();
    let first = db::seed_bls(&mut c, content.path()).unwrap();
    assert!(first.wages > 6000);
    assert_eq!(first.figures + first.faqs + first.testimonials, 0);

    // Change one value and drop one row of the national file.
    let national = content.path().join("data/bls/oews_national.csv");
    let text = std::fs::read_to_string(&national).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let kept: Vec<String> = lines
        .iter()
        .filter(|l| !l.contains(",29-9021,"))
        .map(|l| {
            if l.contains(",11-9111,") {
                l.replace(",123860,", ",123861,")
            } else {
                (*l).to_owned()
            }
        })
        .collect();
    assert_eq!(kept.len(), lines.len() - 1);
    std::fs::write(&national, kept.join("\n") + "\n").unwrap();

    let second = db::seed_bls(&mut c, content.path()).unwrap();
    // The national file's 12 remaining rows rewritten + 1 deleted; others skipped.
    assert_eq!(second.wages, lines.len() - 1 - 1 + 1);
    assert_eq!(second.projections, 0);
    let w = db::national_wage(&c, "11-9111").unwrap().unwrap();
    assert_eq!(w.annual_median, Some(123_861));
    assert!(db::national_wage(&c, "29-9021").unwrap().is_none());
    assert!(db::state_wage(&c, "29-9021", "NY").unwrap().is_some());

    assert_eq!(
        db::seed_bls(&mut c, content.path()).unwrap(),
        SeedReport::default()
    );

    // Rows deleted behind the seeder's back are put back on the next run.
    c.execute(
        "DELETE FROM wages WHERE area_type = 'state' AND soc_code = '11-9111'",
        [],
    )
    .unwrap();
    let fixed = db::seed_bls(&mut c, content.path()).unwrap();
    assert_eq!(fixed.wages, csv_rows("oews_state.csv").len());
    assert!(db::state_wage(&c, "11-9111", "NY").unwrap().is_some());
}

#[test]
fn a_bad_csv_cell_fails_with_file_and_line_and_writes_nothing() {
    let content = bls_copy();
    let dir = TempDir::new().unwrap();
    let pool = db::open(&dir.path().join("careers.db")).unwrap();
    let mut c = pool.get().unwrap();
    let before = counts(&c);

    let metro = content.path().join("data/bls/oews_metro.csv");
    let text = std::fs::read_to_string(&metro).unwrap();
    let broken = text.replacen(",50950,", ",50 950,", 1);
    assert_ne!(broken, text);
    std::fs::write(&metro, broken).unwrap();

    let err = db::seed_bls(&mut c, content.path()).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, DbError::Data { line: 2, .. }), "{message}");
    assert!(message.contains("oews_metro.csv:2"), "{message}");
    assert!(message.contains("annual_mean_wage"), "{message}");
    assert_eq!(counts(&c), before, "the transaction was rolled back");
}

fn figure(id: &str, role: Option<&str>, value: f64) -> Figure {
    Figure {
        id: id.into(),
        role: role.map(Into::into),
        topic: "pay".into(),
        label: "Average annual pay".into(),
        value: Some(value),
        high: None,
        unit: FigureUnit::Usd,
        text: None,
        source: "test-source".into(),
        period: "2026".into(),
        note: None,
    }
}

fn faq(key: &str, role: Option<&str>, position: i64, answer: &str) -> FaqSeed {
    FaqSeed {
        key: key.into(),
        role: role.map(Into::into),
        position,
        question: format!("Question {key}?"),
        answer: answer.into(),
        source: Some("test-source".into()),
    }
}

fn testimonial(key: &str, quote: &str) -> TestimonialSeed {
    TestimonialSeed {
        key: key.into(),
        role: "test-role".into(),
        name: "Sam".into(),
        background: "Former ICU nurse".into(),
        quote: quote.into(),
        illustrative: true,
    }
}

#[test]
fn editor_rows_follow_the_files_without_touching_peoples_rows() {
    let dir = TempDir::new().unwrap();
    let pool = db::open(&dir.path().join("careers.db")).unwrap();
    let mut c = pool.get().unwrap();
    let content = content_dir();

    let figures = vec![
        figure("b-pay", Some("test-role"), 2.0),
        figure("a-pay", Some("test-role"), 1.0),
        figure("site-pay", None, 3.0),
    ];
    let faqs = vec![
        faq("q1", Some("test-role"), 2, "One."),
        faq("q2", Some("test-role"), 1, "Two."),
    ];
    let testimonials = vec![testimonial("t1", "Hello"), testimonial("t2", "Bye")];
    let rows = |f, q, t| SiteRows {
        figures: f,
        faqs: q,
        testimonials: t,
    };

    let r = db::seed_with(&mut c, &content, Some(rows(&figures, &faqs, &testimonials))).unwrap();
    assert_eq!((r.figures, r.faqs, r.testimonials), (3, 2, 2));
    let human = db::insert_faq(&c, Some("test-role"), 0, "Mine?", "Mine.").unwrap();

    // File order, not id order.
    let ids: Vec<String> = db::figures_for_role(&c, "test-role")
        .unwrap()
        .into_iter()
        .map(|f| f.id)
        .collect();
    assert_eq!(ids, ["b-pay", "a-pay"]);
    let wanted = ["site-pay".to_string(), "missing".into(), "a-pay".into()];
    let by_ids = db::figures_by_ids(&c, &wanted).unwrap();
    assert_eq!(
        by_ids.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        ["site-pay", "a-pay"]
    );
    assert_eq!(by_ids[0].role_slug, None);
    assert_eq!(by_ids[0].value, Some(3.0));
    assert_eq!(by_ids[0].unit, "usd");

    let q_ids: Vec<i64> = db::faqs(&c, Some("test-role"))
        .unwrap()
        .iter()
        .map(|f| f.id)
        .collect();
    assert_eq!(q_ids.len(), 3);
    assert_eq!(q_ids[0], human, "position 0 comes first");

    // A moderator rejects t2.
    c.execute(
        "UPDATE testimonials SET status = 'rejected' WHERE seed_key = 't2'",
        [],
    )
    .unwrap();

    // Unchanged: nothing written.
    let r = db::seed_with(&mut c, &content, Some(rows(&figures, &faqs, &testimonials))).unwrap();
    assert_eq!((r.figures, r.faqs, r.testimonials), (0, 0, 0));

    // Editors change q1, drop a-pay, edit t2 and drop t1.
    let figures = vec![figure("b-pay", Some("test-role"), 2.5), figures[2].clone()];
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
    let r = db::seed_with(&mut c, &content, Some(rows(&figures, &faqs, &testimonials))).unwrap();
    // b-pay changed, site-pay moved up a position, a-pay deleted; q1; t2 edited, t1 deleted.
    assert_eq!((r.figures, r.faqs, r.testimonials), (3, 1, 2));

    assert!(
        db::figures_by_ids(&c, &["a-pay".into()])
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        db::figures_for_role(&c, "test-role").unwrap()[0].value,
        Some(2.5)
    );
    let q = db::faqs(&c, Some("test-role")).unwrap();
    assert_eq!(q.len(), 3);
    let q1 = q.iter().find(|f| f.id == q1_id).expect("q1 kept its id");
    assert_eq!(q1.answer_md, "One, edited.");
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
