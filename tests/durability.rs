//! Nothing acknowledged is lost: the real server is killed with SIGKILL
//! while a loop posts submissions; after a restart (or a Litestream
//! restore) every acknowledged one is there. Also `db backup` / `db restore`.

mod common;
#[path = "common/forms.rs"]
mod forms;
#[path = "common/live.rs"]
mod live;

use rusqlite::Connection;
use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const SHARE: &str = "/roles/wind-technician/share/";

/// Posts submissions until the server stops answering or `stop` says so;
/// returns each acknowledged (303) one with when it was acknowledged.
fn post_until_dead(port: u16, stop: impl Fn() -> bool) -> Vec<(String, Instant)> {
    let (cookie, token) = live::form_session(port, SHARE);
    let mut acked = Vec::new();
    for n in 0.. {
        if stop() {
            break;
        }
        let name = format!("loop-{n}");
        let body = forms::encode(&[
            ("name", &name),
            ("job_title", "Analyst"),
            ("years", "2"),
            ("background", "Nursing"),
            ("quote", "A submission written by the durability test loop."),
            ("consent", "yes"),
            ("email", "loop@example.org"),
            ("csrf", &token),
        ]);
        match live::request(port, "POST", SHARE, &cookie, &body) {
            Ok(r) if r.status == 303 => acked.push((name, Instant::now())),
            Ok(r) => panic!("submission answered {}: {}", r.status, r.body),
            Err(_) => break,
        }
    }
    acked
}

fn names_in(db: &Path) -> HashSet<String> {
    let c = Connection::open(db).unwrap();
    let mut s = c.prepare("SELECT name FROM reader_testimonials").unwrap();
    s.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn sigkill_loses_no_acknowledged_submission() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("careers.sqlite3");
    let port = live::free_port();
    let mut server = live::serve(&db, port);
    let started = Instant::now();
    let killer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1500));
        server.kill().unwrap(); // SIGKILL
        server.wait().unwrap();
    });
    let acked = post_until_dead(port, || started.elapsed() > Duration::from_secs(20));
    killer.join().unwrap();
    assert!(
        acked.len() > 10,
        "the loop got only {} answers",
        acked.len()
    );
    // Restart on the same files: it opens, recovers the WAL, serves.
    let mut again = live::serve(&db, port);
    let found = names_in(&db);
    again.kill().unwrap();
    again.wait().unwrap();
    let lost: Vec<_> = acked
        .iter()
        .filter(|(n, _)| !found.contains(n))
        .map(|(n, _)| n)
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged submissions lost: {lost:?}",
        lost.len(),
        acked.len()
    );
}

#[test]
fn litestream_replica_restores_what_was_acknowledged_before_the_sync_interval() {
    let bin = live::tools();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("careers.sqlite3");
    let replica = format!("file://{}", dir.path().join("replica").display());
    let port = live::free_port();
    let mut server = live::serve(&db, port);
    let mut litestream = Command::new(bin.join("litestream"))
        .arg("replicate")
        .arg(&db)
        .arg(&replica)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start litestream");
    let started = Instant::now();
    let acked = post_until_dead(port, || started.elapsed() > Duration::from_secs(5));
    // The machine dies: both processes, without warning.
    let killed_at = Instant::now();
    server.kill().unwrap();
    litestream.kill().unwrap();
    server.wait().unwrap();
    litestream.wait().unwrap();
    let fresh = dir.path().join("fresh").join("careers.sqlite3");
    std::fs::create_dir_all(fresh.parent().unwrap()).unwrap();
    let out = Command::new(bin.join("litestream"))
        .args(["restore", "-o"])
        .arg(&fresh)
        .arg(&replica)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "litestream restore: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found = names_in(&fresh);
    // Litestream syncs every second by default; allow one more for the copy.
    let old_enough: Vec<_> = acked
        .iter()
        .filter(|(_, at)| killed_at.duration_since(*at) > Duration::from_secs(2))
        .collect();
    assert!(
        old_enough.len() > 10,
        "only {} submissions older than the sync interval",
        old_enough.len()
    );
    let lost: Vec<_> = old_enough
        .iter()
        .filter(|(n, _)| !found.contains(n))
        .map(|(n, _)| n)
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} replicated submissions lost: {lost:?}",
        lost.len(),
        old_enough.len()
    );
}

#[test]
fn backup_and_restore_keep_reader_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("careers.sqlite3");
    let pool = careers::db::open(&db).unwrap();
    let c = pool.get().unwrap();
    let text = careers::db::readers::TestimonialText {
        name: "Kept".into(),
        job_title: "Analyst".into(),
        years: 1,
        background: "Lab".into(),
        quote: "Kept through backup and restore.".into(),
    };
    careers::db::readers::insert_reader_testimonial(&c, "x", &text, "k@example.org").unwrap();
    let backup = dir.path().join("backup.sqlite3");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_careers"))
            .args(args)
            .arg("--database")
            .arg(&db)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["db", "backup", backup.to_str().unwrap()]);
    c.execute("DELETE FROM reader_testimonials", []).unwrap();
    assert!(names_in(&db).is_empty());
    run(&["db", "restore", backup.to_str().unwrap()]);
    assert!(names_in(&db).contains("Kept"));
    // A file that is not a database is refused and changes nothing.
    std::fs::write(dir.path().join("junk"), b"not sqlite").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_careers"))
        .args(["db", "restore"])
        .arg(dir.path().join("junk"))
        .arg("--database")
        .arg(&db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(names_in(&db).contains("Kept"));
}
