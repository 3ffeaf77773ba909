//! Mail through a real SMTP server (aiosmtpd, from PyPI into a venv under
//! target/): a newsletter sign-up's confirmation arrives there, with its
//! List-Unsubscribe header, and its link confirms the subscription.

mod common;
#[path = "common/forms.rs"]
mod forms;
#[path = "common/live.rs"]
mod live;

use forms::{Jar, csrf, get_with, link_in, local, post};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[actix_web::test]
async fn confirmation_mail_goes_over_smtp_and_its_link_works() {
    let bin = live::tools();
    let dir = tempfile::tempdir().unwrap();
    let maildir = dir.path().join("maildir");
    let port = live::free_port();
    let mut smtpd = Command::new(bin.join("aiosmtpd"))
        .args([
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start aiosmtpd");
    live::wait_for_port(port, Duration::from_secs(20));

    let mut args = common::args(&dir, std::path::Path::new(common::PACK));
    args.readers.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
    let site = common::TestSite {
        state: actix_web::web::Data::new(careers::commands::serve::prepare(&args).unwrap()),
        dir,
    };
    let app = common::app(&site).await;
    let mut jar = Jar::default();
    let page = get_with(&app, &mut jar, "/newsletter/").await;
    let res = post(
        &app,
        &mut jar,
        "/newsletter/",
        &[("email", "smtp-reader@example.org"), ("csrf", &csrf(&page))],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);

    let new = maildir.join("new");
    let deadline = Instant::now() + Duration::from_secs(15);
    let mail = loop {
        if let Some(f) = std::fs::read_dir(&new)
            .ok()
            .and_then(|mut d| d.next())
            .and_then(|e| e.ok())
        {
            break std::fs::read_to_string(f.path()).unwrap();
        }
        assert!(Instant::now() < deadline, "no mail reached the SMTP server");
        std::thread::sleep(Duration::from_millis(100));
    };
    smtpd.kill().ok();
    smtpd.wait().ok();
    assert!(mail.contains("smtp-reader@example.org"), "{mail}");
    assert!(
        mail.contains("List-Unsubscribe: <https://careers.test/email/unsubscribe/?t="),
        "{mail}"
    );
    assert!(mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    // Nothing went to the outbox folder: SMTP was used.
    assert!(
        std::fs::read_dir(site.dir.path().join("outbox"))
            .map(|d| d.count() == 0)
            .unwrap_or(true)
    );

    let link = local(&link_in(&mail, "/email/subscribe/"));
    let confirm = get_with(&app, &mut jar, &link).await;
    assert_eq!(confirm.status, 200);
    let t = link.split("t=").nth(1).unwrap().to_string();
    let res = post(
        &app,
        &mut jar,
        "/email/subscribe/",
        &[("t", &t), ("csrf", &csrf(&confirm))],
    )
    .await;
    assert_eq!(res.status, 303);
    let status: String = site
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT status FROM subscribers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "confirmed");
}
