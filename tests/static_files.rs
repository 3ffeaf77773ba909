//! Files of the static folder are served at `/static/{path}`, nested
//! folders included, with their type, a strong ETag, 304s and an hour's
//! caching; path traversal in any spelling is refused without a 500; and
//! the static export copies the files pages link to or embed.

mod common;

use actix_web::http::StatusCode;
use actix_web::test as atest;
use common::copy::{CopySite, copy_dir};
use common::{call, get, serve};
use std::fs;
use std::path::Path;

/// Not a real PNG, but bytes no text decoding would keep intact.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00chart";
const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nguide\n";

/// A copy of the test pack whose static folder (a copy of `static/`) also holds
/// `img/charts/openings.png` and `guide.pdf`, and whose first article
/// embeds the image and links the PDF.
fn site() -> CopySite {
    CopySite::configured(
        |args| {
            let dir = args.db.database.parent().expect("temp dir").join("static");
            copy_dir(Path::new("static"), &dir);
            fs::create_dir_all(dir.join("img/charts")).expect("mkdir");
            fs::write(dir.join("img/charts/openings.png"), PNG).expect("write png");
            fs::write(dir.join("guide.pdf"), PDF).expect("write pdf");
            args.static_dir = dir;
        },
        |content| {
            let article = content.join("articles/how-to-become-an-electrician.md");
            let mut text = fs::read_to_string(&article).expect("read article");
            text.push_str(
                "\n![Openings by year](/static/img/charts/openings.png)\n\n\
                 The [printable guide](/static/guide.pdf) has the same advice.\n",
            );
            fs::write(&article, text).expect("write article");
        },
    )
}

#[actix_web::test]
async fn a_nested_image_is_served_with_its_type_a_strong_etag_and_304() {
    let site = site();
    let app = serve(&site.state).await;
    let res = atest::call_service(
        &app,
        atest::TestRequest::get()
            .uri("/static/img/charts/openings.png")
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(header("content-type"), "image/png");
    assert_eq!(header("cache-control"), "public, max-age=3600");
    let etag = header("etag");
    assert!(
        etag.starts_with('"') && etag.ends_with('"') && etag.len() > 10,
        "a strong ETag: {etag}"
    );
    assert_eq!(atest::read_body(res).await.as_ref(), PNG);

    let again = call(
        &app,
        atest::TestRequest::get()
            .uri("/static/img/charts/openings.png")
            .insert_header(("if-none-match", etag.as_str()))
            .to_request(),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.header("etag"), etag);
    assert!(again.body.is_empty());

    let pdf = get(&app, "/static/guide.pdf").await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    // Files that ship with the pack, through the same route.
    let share = get(&app, "/static/share.png").await;
    assert_eq!(share.status, StatusCode::OK);
    assert_eq!(share.header("content-type"), "image/png");
    let css = get(&app, "/static/site.css").await;
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert_eq!(css.header("cache-control"), "public, max-age=3600");
    // The hashed stylesheet is still cached for good.
    let hashed = get(&app, &site.state.assets.css_url).await;
    assert_eq!(hashed.status, StatusCode::OK);
    assert!(hashed.header("cache-control").contains("immutable"));
    assert_eq!(
        get(&app, "/static/img/charts/missing.png").await.status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn path_traversal_is_refused_in_every_spelling() {
    let site = site();
    // A file beside the static folder that traversal would reach.
    let static_dir = site.state.config.static_dir.clone();
    fs::write(
        static_dir.parent().expect("parent").join("Cargo.toml"),
        "[package]\nsecret = true\n",
    )
    .expect("write");
    let app = serve(&site.state).await;
    for path in [
        "/static/../Cargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static/%2E%2E/Cargo.toml",
        "/static/..%2FCargo.toml",
        "/static/%2e%2e%2fCargo.toml",
        "/static/img/../../Cargo.toml",
        "/static/img/%2e%2e/%2e%2e/Cargo.toml",
        "/static/..%5cCargo.toml",
        "/static//etc/passwd",
        "/static/%2Fetc%2Fpasswd",
        "/static/./share.png",
        "/static/.hidden",
        "/static/img/",
        "/static/",
        "/static/share.png%00.txt",
        "/static/%FF%FE",
    ] {
        let page = get(&app, path).await;
        assert!(
            page.status.is_client_error(),
            "{path} answered {}",
            page.status
        );
        assert!(!page.body.contains("secret = true"), "{path} leaked a file");
    }
}

#[actix_web::test]
async fn the_export_copies_static_files_that_pages_embed_or_link() {
    let site = site();
    let out = site.export().await;
    let page = fs::read_to_string(out.join("articles/how-to-become-an-electrician/index.html"))
        .expect("article exported");
    let doc = scraper::Html::parse_document(&page);
    let img = scraper::Selector::parse("img[src='/static/img/charts/openings.png']").unwrap();
    assert_eq!(doc.select(&img).count(), 1, "the image is in the page");
    assert_eq!(
        fs::read(out.join("static/img/charts/openings.png")).expect("image exported"),
        PNG
    );
    assert_eq!(
        fs::read(out.join("static/guide.pdf")).expect("PDF exported"),
        PDF
    );
    // The share image is embedded through og:image, an absolute address.
    assert!(
        out.join("static/share.png").is_file(),
        "share image exported"
    );
    // Binary files get no compressed copies.
    assert!(!out.join("static/img/charts/openings.png.gz").exists());
}
