//! The editors' loop on the real binary: `careers serve --dev` started the
//! way the README starts it (a relative `--content`, from the project
//! folder), and through a symlink, shows every saved edit, a broken one in
//! the dev banner; a reload the database refused is tried again until it
//! goes through.

mod common;
#[path = "common/live.rs"]
mod live;

use common::copy::{copy_dir, replace_in};
use live::{free_port, request, start};
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

const ARTICLE: &str = "articles/wind-or-solar.md";
const URL: &str = "/articles/wind-or-solar/";
const TITLE: &str = "Wind or solar: choosing a first trade";

/// `careers serve --dev` run in `project`, with `--content` as written.
fn serve_in(project: &Path, content: &str, port: u16) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_careers"));
    cmd.current_dir(project)
        .args(["serve", "--dev", "--port", &port.to_string()])
        .args(["--content", content, "--database", "careers.sqlite"])
        .arg("--static-dir")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("static"));
    start(&mut cmd, port)
}

/// Waits up to `within` for the page at `path` to contain `text`; how long it took.
fn shows(port: u16, path: &str, text: &str, within: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let body = request(port, "GET", path, "", "")
            .map(|r| r.body)
            .unwrap_or_default();
        if body.contains(text) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < within,
            "{path} did not show {text:?} within {within:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn every_edit_shows_however_the_content_folder_is_written() {
    let project = tempfile::tempdir().unwrap();
    copy_dir(Path::new(common::PACK), &project.path().join("content"));
    std::os::unix::fs::symlink("content", project.path().join("linked")).unwrap();
    let file = project.path().join("content").join(ARTICLE);
    let second = Duration::from_secs(1);
    let mut title = TITLE.to_string();
    for written in ["content", "./content", "linked"] {
        let port = free_port();
        let mut server = serve_in(project.path(), written, port);
        shows(port, URL, &title, second);
        // Three saves of one file: an edit, a broken edit, its fix.
        let one = format!("{written}: edit one");
        replace_in(&file, &title, &one);
        let took = shows(port, URL, &one, second);
        replace_in(&file, "published = 2026-05-01", "published = 2026-13-45");
        shows(port, URL, "1 error;", second);
        shows(port, URL, "articles/wind-or-solar.md:4", second);
        let three = format!("{written}: edit three");
        replace_in(&file, "published = 2026-13-45", "published = 2026-05-01");
        replace_in(&file, &one, &three);
        shows(port, URL, &three, second);
        let page = request(port, "GET", URL, "", "").unwrap().body;
        assert!(!page.contains("dev-banner"), "fixed: no banner");
        eprintln!("--content {written}: first edit shown after {took:?}");
        title = three;
        let _ = server.kill();
        let _ = server.wait();
    }
}

#[test]
fn a_reload_the_database_refused_goes_through_once_the_lock_is_gone() {
    let project = tempfile::tempdir().unwrap();
    copy_dir(Path::new(common::PACK), &project.path().join("content"));
    let port = free_port();
    let mut server = serve_in(project.path(), "content", port);
    let old = "As an apprentice electrician or a solar installer.";
    shows(port, "/questions/", old, Duration::from_secs(1));

    // Another connection holds the write lock longer than the server's
    // busy timeout (5 s), so the re-seed after the edit fails at first.
    let db = rusqlite::Connection::open(project.path().join("careers.sqlite")).unwrap();
    db.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let new = "Start as an apprentice; this answer was saved under a lock.";
    replace_in(&project.path().join("content/data/faqs.toml"), old, new);
    std::thread::sleep(Duration::from_secs(6));
    let body = request(port, "GET", "/questions/", "", "").unwrap().body;
    assert!(
        body.contains(old) && !body.contains(new),
        "not live while locked"
    );
    db.execute_batch("COMMIT").unwrap();
    // No other edit: the retry alone publishes it.
    shows(port, "/questions/", new, Duration::from_secs(10));
    let _ = server.kill();
    let _ = server.wait();
}
