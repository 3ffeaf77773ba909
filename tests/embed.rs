//! Embeds, handouts and permanent links: the framable role card, the print
//! handout (QR code, print line, printed URLs), "Cite this page", section
//! self-links, and the occupation-code pages.

mod common;

use actix_web::http::StatusCode;
use common::{TestSite, app, get};

#[actix_web::test]
async fn the_embed_card_may_be_framed_and_nothing_else_may() {
    let site = TestSite::new();
    let app = app(&site).await;
    let card = get(&app, "/embed/roles/electrician").await;
    assert_eq!(card.status, StatusCode::OK);
    let csp = card.header("content-security-policy");
    assert!(csp.ends_with("frame-ancestors *"), "{csp}");
    assert!(csp.contains("script-src 'none'"), "{csp}");
    assert_eq!(
        card.header("x-frame-options"),
        "",
        "no X-Frame-Options on the embed"
    );
    assert_eq!(card.texts("h1"), vec!["Electrician"]);
    // Title, summary, pay with source and period, education, outlook, link back.
    let conn = site.state.pool.get().unwrap();
    let w = careers::db::national_wage(&conn, "47-2111")
        .unwrap()
        .unwrap();
    let pay = card.text("dd");
    assert!(
        pay.contains(&careers::web::format::money(w.median.unwrap())),
        "{pay}"
    );
    assert!(
        pay.contains("Median annual wage, Electricians (47-2111)"),
        "the code's figure names the code: {pay}"
    );
    assert!(
        pay.contains("Test Bureau") && pay.contains("June 2030"),
        "{pay}"
    );
    let dts = card.texts("dt");
    assert_eq!(dts, vec!["Pay", "Education", "Outlook"]);
    assert!(card.texts("dd")[2].contains("2030-2040"), "outlook period");
    let doc = card.html();
    let sel = scraper::Selector::parse("main a").unwrap();
    for a in doc.select(&sel) {
        assert_eq!(
            a.value().attr("target"),
            Some("_top"),
            "links leave the frame"
        );
        assert!(
            a.value()
                .attr("href")
                .unwrap()
                .starts_with("https://careers.test/")
        );
    }
    // Every other page refuses framing.
    for path in [
        "/",
        "/roles/electrician/",
        "/api/",
        "/embed/roles/no-such-role",
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.header("x-frame-options"), "DENY", "{path}");
        assert!(
            page.header("content-security-policy")
                .ends_with("frame-ancestors 'none'"),
            "{path}"
        );
    }
    let missing = get(&app, "/embed/roles/no-such-role").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn the_role_page_is_a_handout_with_qr_code_citation_and_embed_snippet() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/roles/electrician/").await;
    // Print line with URL, date and data period; only shown in print.
    let line = page.text(".print-only.handout p");
    assert!(
        line.starts_with("Printed from https://careers.test/roles/electrician/ on "),
        "{line}"
    );
    let today = careers::content::date::Date::today().long();
    assert!(line.contains(&today), "{line}");
    assert!(
        line.contains("Test wages June 2030") && line.contains("Test outlook 2030-2040"),
        "{line}"
    );
    let css = std::fs::read_to_string("static/site.css").unwrap();
    assert!(css.contains(".print-only { display: none; }"));
    // The QR code is an SVG that encodes the page.
    assert!(
        page.body
            .contains(r#"<img src="/roles/electrician/qr.svg""#)
    );
    let qr = get(&app, "/roles/electrician/qr.svg").await;
    assert_eq!(qr.status, StatusCode::OK);
    assert_eq!(qr.header("content-type"), "image/svg+xml");
    assert!(qr.body.contains("<svg") && qr.body.contains("<path"));
    assert_eq!(
        qr.body,
        careers::web::pages::handout::qr_svg("https://careers.test/roles/electrician/").unwrap()
    );
    assert_eq!(
        get(&app, "/roles/nope/qr.svg").await.status,
        StatusCode::NOT_FOUND
    );
    // Printed internal links show the site's address.
    let print = get(&app, "/print.css").await;
    assert!(
        print
            .body
            .contains(r#"content: " (https://careers.test" attr(href) ")""#),
        "{}",
        print.body
    );
    assert!(
        page.body
            .contains(r#"<link rel="stylesheet" href="/print.css" media="print">"#)
    );
    // APA citation: site, updated date, title, URL.
    let cite = page.text(".citation");
    let content = site.state.site();
    let role = content.role("electrician").unwrap();
    let d = role.fm.updated.0;
    let expected = format!(
        "{}. ({}, {} {}). {}. Retrieved ",
        content.info.title,
        d.year(),
        d.month(),
        d.day(),
        role.fm.title
    );
    assert!(cite.starts_with(&expected), "{cite}\n{expected}");
    assert!(
        cite.ends_with("from https://careers.test/roles/electrician/"),
        "{cite}"
    );
    // The embed snippet.
    let snippet = page.text("pre.snippet");
    assert!(
        snippet.starts_with(r#"<iframe src="https://careers.test/embed/roles/electrician""#),
        "{snippet}"
    );
}

#[actix_web::test]
async fn articles_have_a_citation() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let a = &content.articles[0];
    let page = get(&app, &a.url()).await;
    let cite = page.text(".citation");
    let author = &content.authors[&a.fm.author];
    assert!(cite.starts_with(&format!("{}. (", author.name)), "{cite}");
    assert!(
        cite.contains(&a.fm.title) && cite.contains(&content.info.title),
        "{cite}"
    );
    assert!(
        cite.ends_with(&format!("https://careers.test{}", a.url())),
        "{cite}"
    );
}

#[actix_web::test]
async fn every_h2_and_h3_on_role_and_article_pages_links_to_itself() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let mut paths: Vec<String> = content.roles.iter().map(|r| r.url()).collect();
    paths.extend(content.articles.iter().map(|a| a.url()));
    let sel = scraper::Selector::parse("main h2, main h3").unwrap();
    let link = scraper::Selector::parse("a").unwrap();
    for path in &paths {
        let page = get(&app, path).await;
        let doc = page.html();
        for h in doc.select(&sel) {
            // Navigation headings (quick facts, contents) and cards are not sections.
            let in_nav = h.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    e.name() == "nav"
                        || e.classes()
                            .any(|c| c == "quick-facts" || c == "role-card" || c == "article-card")
                })
            });
            if in_nav {
                continue;
            }
            let id = h
                .value()
                .id()
                .unwrap_or_else(|| panic!("{path}: a heading without id: {}", h.html()));
            let self_link = h
                .select(&link)
                .any(|a| a.value().attr("href") == Some(&format!("#{id}")));
            assert!(self_link, "{path}: #{id} has no link to itself");
        }
    }
    // Role section ids are the fixed ones, whatever the heading says.
    let page = get(&app, "/roles/electrician/").await;
    for id in [
        "salary",
        "outlook",
        "education",
        "career-path",
        "faq",
        "references",
        "cite",
    ] {
        assert!(page.body.contains(&format!("<h2 id=\"{id}\">")), "#{id}");
    }
}

#[actix_web::test]
async fn soc_pages_list_the_roles_under_a_code() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let soc = get(&app, "/soc/47-2111/").await;
    assert_eq!(soc.status, StatusCode::OK);
    let titles = soc.texts(".role-card h3");
    let expected: Vec<String> = content
        .roles
        .iter()
        .filter(|r| r.fm.soc == "47-2111")
        .map(|r| r.fm.title.clone())
        .collect();
    assert!(expected.len() >= 2);
    for t in &expected {
        assert!(titles.contains(t), "{t} under 47-2111");
    }
    assert!(soc.text("h1").contains("47-2111"));
    assert!(soc.text("h1").contains("Electricians"), "the code's title");
    // The code's figures are the code's, from the wage table.
    let figures = soc.text("section[aria-labelledby=code-figures]");
    assert!(figures.contains("$61,000"), "{figures}");
    // A profile code: the roles that name it.
    let onet = get(&app, "/soc/11-3051.00/").await;
    assert_eq!(onet.status, StatusCode::OK);
    let cards = onet.texts(".role-card h3");
    for t in ["Energy Manager", "Plant Director"] {
        assert!(cards.contains(&t.to_string()), "{t}: {cards:?}");
    }
    // The profile two roles share is shown here, once.
    assert!(!onet.texts("#code-tasks").is_empty(), "the shared profile");
    assert!(get(&app, "/soc/47-2111.00/").await.status == StatusCode::OK);
    // Bad codes are 400 with a sentence saying what a code looks like.
    for bad in ["/soc/472111/", "/soc/47-2111.0/", "/soc/abc/"] {
        let page = get(&app, bad).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            page.text(".lede").contains("code looks like"),
            "{bad}: says what a code looks like"
        );
    }
    // Unknown codes are 404 and list the codes the guide covers.
    let unknown = get(&app, "/soc/99-9999/").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(
        unknown.body.contains("99-9999") && unknown.body.contains("47-2111"),
        "helpful 404"
    );
    // A missing slash redirects.
    let bare = get(&app, "/soc/47-2111").await;
    assert_eq!(bare.status, StatusCode::MOVED_PERMANENTLY);
}
