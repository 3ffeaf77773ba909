//! A truthful `/healthz`, and starting on a damaged database: a file that
//! holds only rows derived from `content/` is moved aside (kept) and
//! rebuilt; a file with anything readers wrote, or too damaged to tell, is
//! left alone and start refuses with the file's name and how to restore a
//! backup.

mod common;

use actix_web::http::StatusCode;
use actix_web::test as atest;
use actix_web::web::Data;
use careers::commands::serve::prepare;
use careers::config::ServeArgs;
use common::{TestSite, app, get};
use rusqlite::Connection;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Prepares a site on the database of `args`, lets `edit` write to it,
/// and closes it, so the whole database is in its main file.
fn prepared(args: &ServeArgs, edit: impl FnOnce(&Connection)) {
    let state = prepare(args).expect("the first start prepares");
    {
        let conn = state.pool.get().expect("connection");
        edit(&conn);
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("checkpoint");
    }
    drop(state);
}

/// Overwrites the root page of `table` in the database file at `path`.
fn damage_table(path: &Path, table: &str) {
    let (page_size, root): (i64, i64) = {
        let c = Connection::open(path).expect("open");
        let size = c
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("page size");
        let root = c
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .expect("root page");
        (size, root)
    };
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open file");
    f.seek(SeekFrom::Start(((root - 1) * page_size) as u64))
        .expect("seek");
    f.write_all(&vec![0xFF; page_size as usize])
        .expect("write garbage");
}

/// Databases moved aside from `path`: files beside it named after it and
/// `.damaged-` (their `-wal` and `-shm` files left out).
fn moved_aside(path: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}.damaged-", path.file_name().unwrap().to_string_lossy());
    let mut out: Vec<PathBuf> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(&prefix) && !name.ends_with("-wal") && !name.ends_with("-shm")
        })
        .collect();
    out.sort();
    out
}

fn setup() -> (TempDir, ServeArgs) {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = common::args(&dir, Path::new(common::PACK));
    (dir, args)
}

#[actix_web::test]
async fn healthz_is_ok_on_a_good_site() {
    let site = TestSite::new();
    let app = app(&site).await;
    let res = get(&app, "/healthz").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let json: serde_json::Value = serde_json::from_str(&res.body).expect("JSON");
    assert_eq!(json["status"], "ok");
    assert!(json["roles"].as_u64().unwrap() > 0);
    assert_eq!(json["content_errors"], 0);
    assert_eq!(res.header("cache-control"), "no-store");
}

/// (The start's verdict would be given for ten seconds, see
/// `the_first_health_check_after_start_gives_the_start_verdict`; this
/// state holds no verdict yet, so the first check reads the file.)
#[actix_web::test]
async fn healthz_answers_503_with_the_reason_when_the_file_is_damaged() {
    let (_dir, args) = setup();
    let mut state = prepare(&args).expect("start");
    state.health = careers::db::Health::default();
    let state = Data::new(state);
    let app = atest::init_service(careers::web::app(state.clone())).await;
    state
        .pool
        .get()
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    damage_table(&args.db.database, "wages");
    let res = get(&app, "/healthz").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
    let json: serde_json::Value = serde_json::from_str(&res.body).expect("JSON");
    assert_eq!(json["status"], "unavailable");
    let reason = json["reason"].as_str().expect("a reason");
    assert!(reason.contains("integrity"), "{reason}");
}

/// After the first integrity check, a health check is given the last
/// verdict at once and a stale one starts a new check in the background,
/// whose verdict a later health check gives. (The index damaged here is
/// one the probe of every table does not read.)
#[test]
fn a_stale_integrity_verdict_is_given_while_a_new_check_runs() {
    let site = TestSite::new();
    let path = site.dir.path().join("careers.sqlite3");
    let conn = site.state.pool.get().expect("connection");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    let health = careers::db::Health::with_interval(Duration::ZERO);
    assert_eq!(health.check(&conn), Ok(()), "the first check, waited for");
    damage_table(&path, "wages_by_soc");
    assert_eq!(
        health.check(&conn),
        Ok(()),
        "the last verdict, given without waiting for a new check"
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let why = loop {
        match health.check(&conn) {
            Err(why) => break why,
            Ok(()) => {
                assert!(
                    Instant::now() < deadline,
                    "the background check never reported the damage"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    };
    assert!(why.contains("integrity"), "{why}");
}

/// The start's own integrity check is the first verdict: the first health
/// check after start gives it at once rather than checking the whole file
/// again (seconds on a large one). Damage made after start, to an index
/// the probe does not read, is not seen until that verdict goes stale.
#[test]
fn the_first_health_check_after_start_gives_the_start_verdict() {
    let (_dir, args) = setup();
    prepared(&args, |_| {});
    let state = prepare(&args).expect("start");
    let conn = state.pool.get().expect("connection");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    damage_table(&args.db.database, "wages_by_soc");
    assert_eq!(
        state.health.check(&conn),
        Ok(()),
        "the start's verdict, not a check of its own"
    );
    let unseeded = careers::db::Health::default();
    let why = unseeded
        .check(&conn)
        .expect_err("a check of its own sees the damage");
    assert!(why.contains("integrity"), "{why}");
}

#[actix_web::test]
async fn a_damaged_database_of_derived_rows_is_moved_aside_and_rebuilt() {
    let (_dir, args) = setup();
    let path = args.db.database.clone();
    prepared(&args, |_| {});
    damage_table(&path, "wages");
    let damaged = std::fs::read(&path).unwrap();
    let state = Data::new(prepare(&args).expect("start rebuilds"));
    let aside = moved_aside(&path);
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(&aside[0]).unwrap(), damaged, "kept as it was");
    let app = atest::init_service(careers::web::app(state.clone())).await;
    let health = get(&app, "/healthz").await;
    assert_eq!(health.status, StatusCode::OK, "{}", health.body);
    let salaries = get(&app, "/salaries/").await;
    assert_eq!(salaries.status, StatusCode::OK, "wages are seeded again");
}

/// Starts on `args` after `path` was damaged, expecting a refusal that
/// leaves the file as it was; returns the message.
fn refused(args: &ServeArgs, path: &Path) -> String {
    let before = std::fs::read(path).unwrap();
    let message = match prepare(args) {
        Ok(_) => panic!("start must refuse"),
        Err(m) => m,
    };
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the file is untouched"
    );
    assert!(moved_aside(path).is_empty(), "nothing moved aside");
    assert!(
        message.contains(&path.display().to_string()),
        "names the file: {message}"
    );
    assert!(
        message.contains("careers db backup") && message.contains("restore"),
        "says how to restore a backup: {message}"
    );
    message
}

#[test]
fn a_damaged_database_with_a_question_a_reader_asked_is_refused() {
    let (_dir, args) = setup();
    let path = args.db.database.clone();
    prepared(&args, |c| {
        careers::db::insert_faq(c, None, 90, "Asked by a reader?", "Yes.").unwrap();
    });
    damage_table(&path, "wages");
    let message = refused(&args, &path);
    assert!(message.contains("faqs: 1"), "{message}");
}

#[test]
fn a_moderators_decision_on_a_seeded_testimonial_counts_as_reader_data() {
    let (_dir, args) = setup();
    let path = args.db.database.clone();
    prepared(&args, |c| {
        let n = c
            .execute(
                "UPDATE testimonials SET status = 'rejected'
                 WHERE id = (SELECT min(id) FROM testimonials WHERE seed_key IS NOT NULL)",
                [],
            )
            .unwrap();
        assert_eq!(n, 1);
    });
    damage_table(&path, "wages");
    let message = refused(&args, &path);
    assert!(message.contains("testimonials: 1"), "{message}");
}

#[test]
fn a_table_added_later_counts_as_reader_data_until_it_is_listed() {
    let (_dir, args) = setup();
    let path = args.db.database.clone();
    prepared(&args, |c| {
        c.execute_batch(
            "CREATE TABLE newsletter_subscribers (email TEXT);
             INSERT INTO newsletter_subscribers VALUES ('reader@example.org');",
        )
        .unwrap();
    });
    assert!(
        !careers::db::DERIVED_TABLES
            .iter()
            .any(|(t, _)| *t == "newsletter_subscribers")
    );
    damage_table(&path, "wages");
    let message = refused(&args, &path);
    assert!(message.contains("newsletter_subscribers: 1"), "{message}");
}

#[test]
fn an_empty_table_added_later_does_not_stop_a_rebuild() {
    let (_dir, args) = setup();
    let path = args.db.database.clone();
    prepared(&args, |c| {
        c.execute_batch("CREATE TABLE newsletter_subscribers (email TEXT);")
            .unwrap();
    });
    damage_table(&path, "wages");
    prepare(&args).expect("rebuilds: the new table holds no rows");
    assert_eq!(moved_aside(&path).len(), 1);
}

#[test]
fn a_file_too_damaged_to_tell_is_refused() {
    let (_dir, args) = setup();
    let path = args.db.database.clone();
    prepared(&args, |_| {});
    // The header and the list of tables (page 1) are gone.
    let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.write_all(&[0x42; 4096]).unwrap();
    drop(f);
    let message = refused(&args, &path);
    assert!(message.contains("too damaged to tell"), "{message}");
}

#[test]
fn a_database_from_a_newer_version_is_not_taken_for_damage() {
    let (_dir, args) = setup();
    let path = args.db.database.clone();
    prepared(&args, |c| {
        c.execute_batch("PRAGMA user_version = 999;").unwrap();
    });
    let before = std::fs::read(&path).unwrap();
    assert!(prepare(&args).is_err(), "start fails");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(moved_aside(&path).is_empty(), "a sound file is never moved");
}

/// Every table of the list exists, and its condition is valid SQL.
#[test]
fn every_derived_table_exists() {
    let (_dir, args) = setup();
    let state = prepare(&args).expect("prepares");
    let conn = state.pool.get().unwrap();
    for (table, condition) in careers::db::DERIVED_TABLES {
        let sql = format!("SELECT count(*) FROM \"{table}\" WHERE {condition}");
        conn.query_row(&sql, [], |r| r.get::<_, i64>(0))
            .unwrap_or_else(|e| panic!("{table}: {e}"));
    }
}
