//! Reader forms end to end on the real app, without JavaScript: CSRF,
//! errors with input kept, Post/Redirect/Get, the mailed link, moderation,
//! the page showing the approved item at once, and /admin/ closed.

mod common;
#[path = "common/forms.rs"]
mod forms;

use careers::db;
use common::{TestSite, app, get};
use forms::{Jar, csrf, get_with, link_in, local, post};
use std::path::Path;
use std::time::{Duration, Instant};

const ROLE: &str = "wind-technician";

/// Waits for the `n`th mail in the outbox folder and returns it.
fn mail(outbox: &Path, n: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut files: Vec<_> = std::fs::read_dir(outbox)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        if files.len() >= n {
            return std::fs::read_to_string(&files[n - 1]).unwrap();
        }
        assert!(
            Instant::now() < deadline,
            "mail {n} never reached {}",
            outbox.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn story() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name", "D. R."),
        ("job_title", "Informatics nurse"),
        ("years", "4"),
        ("background", "Ten years on a medical ward first"),
        (
            "quote",
            "Most days I translate between the ward and the build team <b>and</b> I love it.",
        ),
        ("consent", "yes"),
        ("email", "Reader@Example.org"),
    ]
}

fn with_csrf<'a>(fields: &[(&'a str, &'a str)], token: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut f = fields.to_vec();
    f.push(("csrf", token));
    f
}

pub fn add_editor(site: &TestSite, name: &str, password: &str) {
    let hash = careers::web::admin::password::hash(password).unwrap();
    db::add_editor(&site.state.pool.get().unwrap(), name, &hash).unwrap();
}

pub async fn sign_in<S, B>(app: &S, jar: &mut Jar, name: &str, password: &str)
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let login = get_with(app, jar, "/admin/login/").await;
    let token = csrf(&login);
    let res = post(
        app,
        jar,
        "/admin/login/",
        &[("username", name), ("password", password), ("csrf", &token)],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let cookie = res.header("set-cookie");
    assert!(
        cookie.contains("careers_admin=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Secure")
            && cookie.contains("Path=/admin/"),
        "{cookie}"
    );
}

#[actix_web::test]
async fn a_shared_experience_goes_from_form_to_role_page() {
    let site = TestSite::new();
    let app = app(&site).await;
    let outbox = site.dir.path().join("outbox");
    let mut jar = Jar::default();

    let form = get_with(&app, &mut jar, &format!("/roles/{ROLE}/share/")).await;
    assert_eq!(form.status, 200);
    assert_eq!(form.header("cache-control"), "no-store");
    let cookie = form.header("set-cookie");
    assert!(
        cookie.contains("careers_csrf=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Secure"),
        "{cookie}"
    );
    let token = csrf(&form);

    // Without the token: refused, nothing kept, the input comes back.
    let forged = post(
        &app,
        &mut Jar(jar.0.clone()),
        &format!("/roles/{ROLE}/share/"),
        &story(),
    )
    .await;
    assert_eq!(forged.status, 403);
    assert!(forged.body.contains("Informatics nurse"), "input kept");
    // A token from another browser does not count either.
    let mut other = Jar::default();
    let other_form = get_with(&app, &mut other, &format!("/roles/{ROLE}/share/")).await;
    let res = post(
        &app,
        &mut jar,
        &format!("/roles/{ROLE}/share/"),
        &with_csrf(&story(), &csrf(&other_form)),
    )
    .await;
    assert_eq!(res.status, 403);

    // Missing fields: the form again, input kept, errors tied to their fields.
    let mut partial = story();
    partial.retain(|(k, _)| *k != "consent" && *k != "quote");
    partial.push(("quote", "too short"));
    let res = post(
        &app,
        &mut jar,
        &format!("/roles/{ROLE}/share/"),
        &with_csrf(&partial, &token),
    )
    .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.texts(".error-summary li").len(),
        2,
        "{:?}",
        res.texts(".error-summary li")
    );
    assert!(
        res.hrefs(".error-summary a")
            .contains(&"#quote".to_string())
    );
    let doc = res.html();
    let quote = doc
        .select(&scraper::Selector::parse("#quote").unwrap())
        .next()
        .unwrap();
    assert_eq!(quote.value().attr("aria-invalid"), Some("true"));
    assert!(
        quote
            .value()
            .attr("aria-describedby")
            .unwrap()
            .contains("quote-error")
    );
    assert!(res.body.contains("value=\"D. R.\""), "input kept");
    assert_eq!(
        site.state
            .pool
            .get()
            .unwrap()
            .query_row("SELECT COUNT(*) FROM reader_testimonials", [], |r| r
                .get::<_, i64>(0))
            .unwrap(),
        0
    );

    // A good one: 303 to "check your email", stored unverified, mail queued.
    let res = post(
        &app,
        &mut jar,
        &format!("/roles/{ROLE}/share/"),
        &with_csrf(&story(), &token),
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.header("location"), "/email/sent/");
    let c = site.state.pool.get().unwrap();
    let (status, email): (String, String) = c
        .query_row("SELECT status, email FROM reader_testimonials", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(
        (status.as_str(), email.as_str()),
        ("unverified", "reader@example.org")
    );

    // Not shown anywhere before verification and approval.
    let page = get(&app, &format!("/roles/{ROLE}/")).await;
    assert!(!page.body.contains("translate between the ward"));

    // Follow the mailed link: a page with a button, then the POST.
    let letter = mail(&outbox, 1);
    assert!(letter.contains("To: reader@example.org"), "{letter}");
    let link = local(&link_in(&letter, "/email/verify/"));
    let confirm = get_with(&app, &mut jar, &link).await;
    assert_eq!(confirm.status, 200);
    let t = link.split("t=").nth(1).unwrap().to_string();
    let res = post(
        &app,
        &mut jar,
        "/email/verify/",
        &[("t", &t), ("csrf", &csrf(&confirm))],
    )
    .await;
    assert_eq!(res.status, 303);
    let status: String = c
        .query_row("SELECT status FROM reader_testimonials", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "pending");
    // A tampered token is refused.
    let bad = get(&app, &link.replace("t=t", "t=q")).await;
    assert_eq!(bad.status, 400);

    // An editor approves it; the cached role page shows it at once.
    add_editor(&site, "editor", "a long enough password");
    let mut admin = Jar::default();
    sign_in(&app, &mut admin, "editor", "a long enough password").await;
    let queue = get_with(&app, &mut admin, "/admin/testimonials/").await;
    assert!(queue.body.contains("D. R."), "{}", queue.body);
    let id: i64 = c
        .query_row("SELECT id FROM reader_testimonials", [], |r| r.get(0))
        .unwrap();
    let edit = get_with(&app, &mut admin, &format!("/admin/testimonials/{id}/")).await;
    let mut fields: Vec<(&str, &str)> = story()
        .into_iter()
        .filter(|(k, _)| *k != "email" && *k != "consent")
        .collect();
    let t = csrf(&edit);
    fields.push(("csrf", &t));
    fields.push(("action", "approve"));
    let res = post(
        &app,
        &mut admin,
        &format!("/admin/testimonials/{id}/"),
        &fields,
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = get(&app, &format!("/roles/{ROLE}/")).await;
    let captions = page.texts("figure.testimonial figcaption");
    let mine = captions
        .iter()
        .find(|c| c.contains("D. R."))
        .expect("the approved testimonial shows");
    assert!(
        mine.contains("A reader's own words, email verified")
            && mine.contains("Informatics nurse (4 years)"),
        "{mine}"
    );
    assert!(!mine.contains("Illustrative"));
    assert!(!page.body.contains("<b>and</b>"), "reader text is escaped");
    assert!(
        page.texts("figure.testimonial blockquote")
            .iter()
            .any(|q| q.contains("<b>and</b>"))
    );
    assert!(
        !page.body.contains("reader@example.org"),
        "the email is never shown"
    );

    // The audit log says who did what.
    let audit = get_with(&app, &mut admin, "/admin/audit/").await;
    let rows = audit.texts("tbody tr");
    assert!(
        rows.iter()
            .any(|r| r.contains("Zeditorapprovetestimonial 1")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("Zreaderverifytestimonial 1")),
        "{rows:?}"
    );

    // Seeding again leaves the reader's row alone.
    let mut conn = site.state.pool.get().unwrap();
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join(common::PACK);
    db::seed(&mut conn, &site.state.full_site(), &pack).unwrap();
    let page = get(&app, &format!("/roles/{ROLE}/")).await;
    assert!(page.body.contains("translate between the ward"));

    // The mailed "delete my data" link removes it from the page too.
    let del = local(&link_in(&letter, "/email/delete/"));
    let confirm = get_with(&app, &mut jar, &del).await;
    let t = del.split("t=").nth(1).unwrap().to_string();
    let res = post(
        &app,
        &mut jar,
        "/email/delete/",
        &[("t", &t), ("csrf", &csrf(&confirm))],
    )
    .await;
    assert_eq!(res.status, 303);
    let page = get(&app, &format!("/roles/{ROLE}/")).await;
    assert!(!page.body.contains("translate between the ward"));
    assert_eq!(
        conn.query_row("SELECT COUNT(*) FROM reader_testimonials", [], |r| r
            .get::<_, i64>(0))
            .unwrap(),
        0
    );
}

#[actix_web::test]
async fn an_answered_question_becomes_a_faq() {
    let site = TestSite::new();
    let app = app(&site).await;
    let mut jar = Jar::default();
    let form = get_with(&app, &mut jar, &format!("/roles/{ROLE}/ask/")).await;
    let token = csrf(&form);
    let res = post(
        &app,
        &mut jar,
        &format!("/roles/{ROLE}/ask/"),
        &[
            (
                "question",
                "Do I need <script>a degree</script> in IT first?",
            ),
            ("email", "asker@example.org"),
            ("csrf", &token),
        ],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let c = site.state.pool.get().unwrap();
    let id: i64 = c
        .query_row("SELECT id FROM reader_questions", [], |r| r.get(0))
        .unwrap();
    db::readers::verify(&c, db::readers::Kind::Question, id).unwrap();
    add_editor(&site, "ed", "a long enough password");
    let mut admin = Jar::default();
    sign_in(&app, &mut admin, "ed", "a long enough password").await;
    let q = get_with(&app, &mut admin, &format!("/admin/questions/{id}/")).await;
    let t = csrf(&q);
    let res = post(
        &app,
        &mut admin,
        &format!("/admin/questions/{id}/"),
        &[
            ("csrf", &t),
            ("action", "answer"),
            ("question", "Do I need a degree in IT first?"),
            ("answer", "No: **most** come from the trades."),
        ],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = get(&app, &format!("/roles/{ROLE}/")).await;
    let faq = page
        .texts(".faq")
        .into_iter()
        .find(|f| f.contains("degree in IT"))
        .expect("the answered question shows");
    assert!(faq.contains("A reader's question, email verified"), "{faq}");
    assert!(
        page.body.contains("<strong>most</strong>"),
        "the Markdown answer is rendered"
    );
}

#[actix_web::test]
async fn honeypot_size_and_rate_limits() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = common::args(&dir, std::path::Path::new(common::PACK));
    args.readers.submit_per_minute = 2;
    let site = TestSite {
        state: actix_web::web::Data::new(careers::commands::serve::prepare(&args).unwrap()),
        dir,
    };
    let app = app(&site).await;
    let mut jar = Jar::default();
    let form = get_with(&app, &mut jar, &format!("/roles/{ROLE}/ask/")).await;
    let token = csrf(&form);
    let ok = [
        ("question", "What does a typical week look like?"),
        ("email", "a@example.org"),
        ("csrf", token.as_str()),
    ];
    // A bot fills the honeypot: it sees success, nothing is stored.
    let mut bot = ok.to_vec();
    bot.push(("website", "http://spam.example"));
    let res = post(&app, &mut jar, &format!("/roles/{ROLE}/ask/"), &bot).await;
    assert_eq!(res.status, 303);
    let c = site.state.pool.get().unwrap();
    assert_eq!(
        c.query_row("SELECT COUNT(*) FROM reader_questions", [], |r| r
            .get::<_, i64>(0))
            .unwrap(),
        0
    );
    // Second submission is allowed, the third is over the limit of 2.
    assert_eq!(
        post(&app, &mut jar, &format!("/roles/{ROLE}/ask/"), &ok)
            .await
            .status,
        303
    );
    let limited = post(&app, &mut jar, &format!("/roles/{ROLE}/ask/"), &ok).await;
    assert_eq!(limited.status, 429);
    let retry: u64 = limited.header("retry-after").parse().unwrap();
    assert!((1..=30).contains(&retry), "{retry}");
    assert!(limited.body.contains("typical week"), "input kept");
    // Oversized bodies get 413 before anything is read.
    let big = "x".repeat(70 * 1024);
    let res = post(
        &app,
        &mut jar,
        &format!("/roles/{ROLE}/ask/"),
        &[("question", &big), ("csrf", &token)],
    )
    .await;
    assert_eq!(res.status, 413);
    // A form from another site is refused even with a token.
    let res = common::call(
        &app,
        actix_web::test::TestRequest::post()
            .uri("/newsletter/")
            .insert_header(("origin", "https://evil.example"))
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(forms::encode(&[
                ("email", "x@example.org"),
                ("csrf", &site.state.readers.signer.page()),
            ]))
            .to_request(),
    )
    .await;
    assert_eq!(res.status, 403);
}

#[actix_web::test]
async fn admin_is_closed_without_a_session_route_by_route() {
    let site = TestSite::new();
    let app = app(&site).await;
    for (method, path) in careers::web::admin::ROUTES {
        let path = path.replace("{id}", "1");
        let req = match *method {
            "GET" => actix_web::test::TestRequest::get(),
            _ => actix_web::test::TestRequest::post()
                .insert_header(("content-type", "application/x-www-form-urlencoded"))
                .set_payload("csrf=x&action=approve"),
        };
        let res = common::call(&app, req.uri(&path).to_request()).await;
        if *method == "GET" {
            assert_eq!(
                (res.status.as_u16(), res.header("location").as_str()),
                (303, "/admin/login/"),
                "{method} {path}"
            );
        } else {
            assert_eq!(res.status, 403, "{method} {path}");
        }
    }
    for path in [
        "/admin/nothing-here",
        "/admin/subscribers.csv?x=1",
        "/admin",
    ] {
        let res = get(&app, path).await;
        assert!(
            matches!(res.status.as_u16(), 303 | 301 | 308),
            "{path}: {}",
            res.status
        );
    }
    // With a session every listed route answers (none is a dead entry).
    add_editor(&site, "ed", "a long enough password");
    let mut admin = Jar::default();
    sign_in(&app, &mut admin, "ed", "a long enough password").await;
    for (method, path) in careers::web::admin::ROUTES
        .iter()
        .filter(|(m, _)| *m == "GET")
    {
        let res = get_with(&app, &mut admin, &path.replace("{id}", "999")).await;
        assert!(
            matches!(res.status.as_u16(), 200 | 404),
            "{method} {path}: {}",
            res.status
        );
    }
}

#[actix_web::test]
async fn login_is_throttled_and_needs_the_right_password() {
    let site = TestSite::new();
    let app = app(&site).await;
    add_editor(&site, "ed", "a long enough password");
    let mut jar = Jar::default();
    let login = get_with(&app, &mut jar, "/admin/login/").await;
    let token = csrf(&login);
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let res = post(
            &app,
            &mut jar,
            "/admin/login/",
            &[
                ("username", "ed"),
                ("password", "wrong password!"),
                ("csrf", &token),
            ],
        )
        .await;
        assert!(!res.header("set-cookie").contains("careers_admin"));
        statuses.push(res.status.as_u16());
        if res.status == 429 {
            assert!(res.header("retry-after").parse::<u64>().unwrap() >= 1);
        }
    }
    assert_eq!(&statuses[..5], &[401; 5]);
    assert_eq!(statuses[5], 429, "{statuses:?}");
}

#[actix_web::test]
async fn newsletter_double_opt_in_export_and_one_click_unsubscribe() {
    let site = TestSite::new();
    let app = app(&site).await;
    let outbox = site.dir.path().join("outbox");
    // The sign-up on the (cached) home page works in one step.
    let home = get(&app, "/").await;
    let token = home
        .html()
        .select(&scraper::Selector::parse("form.signup input[name=csrf]").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_string();
    let mut jar = Jar::default();
    let res = post(
        &app,
        &mut jar,
        "/newsletter/",
        &[("email", "fan@example.org"), ("csrf", &token)],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let c = site.state.pool.get().unwrap();
    let status: String = c
        .query_row("SELECT status FROM subscribers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "unconfirmed");
    let letter = mail(&outbox, 1);
    assert!(
        letter.contains("List-Unsubscribe: <https://careers.test/email/unsubscribe/?t="),
        "{letter}"
    );
    let link = local(&link_in(&letter, "/email/subscribe/"));
    let page = get_with(&app, &mut jar, &link).await;
    let t = link.split("t=").nth(1).unwrap().to_string();
    assert_eq!(
        post(
            &app,
            &mut jar,
            "/email/subscribe/",
            &[("t", &t), ("csrf", &csrf(&page))]
        )
        .await
        .status,
        303
    );
    let welcome = mail(&outbox, 2);
    assert!(welcome.contains("List-Unsubscribe:"), "{welcome}");

    add_editor(&site, "ed", "a long enough password");
    let mut admin = Jar::default();
    sign_in(&app, &mut admin, "ed", "a long enough password").await;
    let csv = get_with(&app, &mut admin, "/admin/subscribers.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let line = csv.body.lines().nth(1).expect("one subscriber");
    assert!(
        line.starts_with("fan@example.org,") && line.contains("/email/unsubscribe/?t="),
        "{line}"
    );

    // RFC 8058 one-click: a POST with no cookie and no CSRF token.
    let unsub = local(&link_in(&welcome, "/email/unsubscribe/"));
    let res = common::call(
        &app,
        actix_web::test::TestRequest::post()
            .uri(&unsub)
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload("List-Unsubscribe=One-Click")
            .to_request(),
    )
    .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        c.query_row("SELECT COUNT(*) FROM subscribers", [], |r| r
            .get::<_, i64>(0))
            .unwrap(),
        0
    );
}
