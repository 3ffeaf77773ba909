//! `/search`: finds roles by abbreviation, words, misspellings; survives any query.

mod common;

use actix_web::http::StatusCode;
use actix_web::test as atest;
use common::copy::{CopySite, add_paging_articles};
use common::{TestSite, app, call, get, serve};

const SOLAR: &str = "/roles/solar-installer/";

/// Result links on a search page, in order.
fn result_links(page: &common::Page) -> Vec<String> {
    page.hrefs(".search-results h2 a")
}

/// The number of results a page reports (0 when nothing was found).
fn total(page: &common::Page) -> usize {
    page.texts(".result-count")
        .first()
        .and_then(|t| t.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

#[actix_web::test]
async fn finds_a_role_by_abbreviation_words_and_misspelling() {
    let site = TestSite::new();
    let app = app(&site).await;
    for (q, top) in [
        ("pv", 1),
        ("PV", 1),
        ("solar+installer", 1),
        ("solar+instaler", 1),
        ("mounts+photovoltaic+panels", 1),
        ("panels", 3),
        ("Sol%C3%A1r+Installer", 1),
    ] {
        let page = get(&app, &format!("/search?q={q}")).await;
        assert_eq!(page.status, StatusCode::OK, "{q}");
        let links = result_links(&page);
        assert!(
            links.iter().take(top).any(|l| l == SOLAR),
            "{q}: the installer is not in the first {top} results: {links:?}"
        );
    }
}

#[actix_web::test]
async fn says_how_it_read_the_query() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/search?q=solar+instaler").await;
    let note = page.texts(".search-note").join(" ");
    assert!(
        note.contains("instaler") && note.contains("solar installer"),
        "{note}"
    );

    let page = get(&app, "/search?q=electricain").await;
    assert!(page.text(".search-note").contains("electrician"));
    assert!(!result_links(&page).is_empty());

    // Prefixes match longer words.
    let page = get(&app, "/search?q=electri").await;
    let links = result_links(&page);
    assert!(!links.is_empty(), "prefix search found nothing");

    // The abbreviation's expansion comes from the pack's synonyms.toml.
    let page = get(&app, "/search?q=pv").await;
    assert!(page.text(".search-note").contains("photovoltaic"));
}

#[actix_web::test]
async fn abbreviations_and_expansions_find_each_other() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    for group in &content.synonyms {
        let abbr = &group.terms[0];
        let by_abbr_page = get(&app, &format!("/search?q={abbr}")).await;
        let by_abbr = result_links(&by_abbr_page);
        for term in &group.terms[1..] {
            let q = term.replace(' ', "+");
            let page = get(&app, &format!("/search?q={q}")).await;
            assert_eq!(page.status, StatusCode::OK, "{term}");
            let notes = page.texts(".search-note").join(" ");
            assert!(
                notes.contains(abbr.as_str()),
                "{term} does not also search {abbr}: {notes}"
            );
            // Same alternatives either way; the abbreviation typed also
            // matches as a prefix, so it may find a little more.
            assert!(
                total(&page) <= total(&by_abbr_page) && total(&page) > 0,
                "{term}: {} results, {abbr}: {}",
                total(&page),
                total(&by_abbr_page)
            );
            assert_eq!(
                result_links(&page).first(),
                by_abbr.first(),
                "{abbr} / {term}"
            );
        }
    }
    assert!(!content.synonyms.is_empty(), "the pack has a synonym group");
    let hits = result_links(&get(&app, "/search?q=PV").await);
    assert!(hits.iter().any(|l| l == SOLAR), "{hits:?}");
}

#[actix_web::test]
async fn snippets_are_escaped_with_highlights_and_kinds_are_named() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/search?q=electrician").await;
    let kinds = page.texts(".search-results .kind").join(" | ");
    assert!(kinds.contains("Role"), "{kinds}");
    assert!(kinds.contains("Article"), "{kinds}");
    assert!(kinds.contains("Question and answer"), "{kinds}");
    let marks = page.texts(".search-results .snippet mark");
    assert!(!marks.is_empty(), "no highlighted words");
    // Only <mark> elements inside snippets: everything else was escaped.
    let html = page.html();
    let sel = scraper::Selector::parse(".search-results .snippet *").unwrap();
    for el in html.select(&sel) {
        assert_eq!(el.value().name(), "mark");
    }
}

#[actix_web::test]
async fn paginates() {
    let per_page = careers::web::pages::search::PER_PAGE;
    let site = CopySite::new(|content| add_paging_articles(content, per_page + 5));
    let app = serve(&site.state).await;
    let first = get(&app, "/search?q=paging").await;
    let count = first.text(".result-count");
    assert!(count.contains("page 1 of 2"), "{count}");
    let p1 = result_links(&first);
    assert_eq!(p1.len(), per_page);
    let href = first
        .hrefs(".pager a[rel=next]")
        .into_iter()
        .next()
        .expect("a next link");
    let second = get(&app, &href).await;
    assert_eq!(second.status, StatusCode::OK);
    let p2 = result_links(&second);
    assert_eq!(p2.len(), 5);
    assert!(p2.iter().all(|l| !p1.contains(l)), "pages overlap");
    // Past the end: a page that says so, not an error.
    let far = get(&app, "/search?q=paging&page=999").await;
    assert_eq!(far.status, StatusCode::OK);
    assert!(far.body.contains("no results on page 999"));
}

#[actix_web::test]
async fn hostile_queries_always_get_a_page() {
    let site = TestSite::new();
    let app = app(&site).await;
    let long_word = "a".repeat(2000);
    let long_words = "solar+".repeat(400);
    let hostile: Vec<String> = vec![
        "%22".into(),
        "%22solar".into(),
        "solar%22%22%22".into(),
        "*".into(),
        "solar*".into(),
        "NEAR(".into(),
        "NEAR(solar+wind".into(),
        "NEAR(solar+wind,+2)".into(),
        "(((".into(),
        ")solar(".into(),
        "%5Bsolar%5D".into(),
        "%7Btitle%7D:solar".into(),
        "title:solar".into(),
        "solar+AND".into(),
        "OR".into(),
        "NOT+solar".into(),
        "solar+NOT".into(),
        "-solar".into(),
        "%5Esolar".into(),
        "solar+%2B+wind".into(),
        "%27%3B+DROP+TABLE+search_docs%3B--".into(),
        "%3Cscript%3Ealert(1)%3C/script%3E".into(),
        "%ff%fe%fd".into(),
        "%C3%28".into(),
        "%E2%82".into(),
        "%".into(),
        "%zz".into(),
        "%00".into(),
        "%EE%80%80solar%EE%80%81".into(),
        "caf%C3%A9".into(),
        "%E5%8C%BB%E7%94%9F".into(),
        long_word,
        long_words,
        "".into(),
        "+++".into(),
    ];
    for q in &hostile {
        let mut paths = vec![format!("/search?q={q}"), format!("/search?q={q}&page=2")];
        if q.len() < 100 {
            paths.push(format!("/search?page={q}&q={q}"));
        }
        for path in paths {
            let req = atest::TestRequest::get().uri(&path).to_request();
            let page = call(&app, req).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert_eq!(page.texts("h1").len(), 1, "{path}");
            assert!(page.texts("main").iter().any(|t| !t.is_empty()), "{path}");
            assert!(!page.body.contains("<script>alert"), "{path} echoed markup");
        }
    }
    // A query with no result says so and offers a way on.
    let page = get(&app, "/search?q=qqqqzzzz").await;
    assert_eq!(page.text("#nothing-found"), "Nothing found");
    assert!(page.body.contains("href=\"/roles/\""));
    assert!(page.texts("#close-roles").is_empty(), "no role is close");
    // Two edits from a title word ("grid"): too far for the spelling
    // correction of a short word, close enough to suggest the role.
    let page = get(&app, "/search?q=grxx").await;
    assert_eq!(page.text("#nothing-found"), "Nothing found");
    assert_eq!(page.text("#close-roles"), "Roles with similar names");
    assert!(
        page.body.contains("href=\"/roles/grid-analyst/\""),
        "{}",
        page.body
    );
    assert!(!page.body.contains("href=\"/roles/electrician/\""));
}

#[actix_web::test]
async fn every_page_has_a_labelled_search_form() {
    let site = TestSite::new();
    let app = app(&site).await;
    for path in [
        "/",
        "/roles/",
        SOLAR,
        "/articles/",
        "/search",
        "/compare/",
        "/no-such-page/",
    ] {
        let page = get(&app, path).await;
        let html = page.html();
        let form =
            scraper::Selector::parse("header form[action='/search'][method=get] input[name=q]")
                .unwrap();
        let input = html
            .select(&form)
            .next()
            .unwrap_or_else(|| panic!("{path}: no search box"));
        let id = input.value().attr("id").expect("the box has an id");
        let label = scraper::Selector::parse(&format!("label[for='{id}']")).unwrap();
        assert!(
            html.select(&label).next().is_some(),
            "{path}: search box has no label"
        );
    }
    let home = get(&app, "/").await;
    assert!(
        home.html()
            .select(&scraper::Selector::parse("main form[action='/search']").unwrap())
            .next()
            .is_some(),
        "no search form on the home page"
    );
}

#[actix_web::test]
async fn the_index_follows_the_faqs_table() {
    let site = TestSite::new();
    let conn = site.state.pool.get().unwrap();
    let content = site.state.site();
    let n = careers::db::rebuild_search_index(&conn, &content).unwrap();
    let roles = content.roles.len();
    let articles = content.articles.len();
    // Every FAQ: the pack's FAQs name only roles that exist.
    let faqs: i64 = conn
        .query_row("SELECT count(*) FROM faqs", [], |r| r.get(0))
        .unwrap();
    let programs = content.programs.len() + content.pages.len();
    assert_eq!(n, roles + articles + programs + faqs as usize);
    // Rebuilding twice never duplicates rows, and leaves the index as it
    // was: the same bytes of index blocks (FTS5's `_data` table), with no
    // delete entries of the old rows beside the new ones.
    let blocks = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT sum(length(block)) FROM search_docs_data", [], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let before = blocks(&conn);
    let again = careers::db::rebuild_search_index(&conn, &content).unwrap();
    assert_eq!(again, n);
    assert_eq!(
        blocks(&conn),
        before,
        "bytes of index blocks after a second rebuild"
    );
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows as usize, n);
    // The rows went in as one segment, which every query reads alone (rows
    // in URL order wrote one nearly every other row, and queries merged
    // what FTS5 had not merged yet).
    assert_eq!(segments(&conn, "search_docs"), 1);
    assert_eq!(segments(&conn, "search_titles"), 1);
    // The rebuild leaves no write-ahead log behind for reads to look through.
    let file = careers::db::file_of(&conn).unwrap();
    let wal = std::fs::metadata(format!("{}-wal", file.display())).map_or(0, |m| m.len());
    assert_eq!(wal, 0, "the WAL after a whole rebuild");
}

/// How many segments the FTS5 table `table` holds: read from its
/// structure record (row 10 of `{table}_data`: a 4-byte cookie, then the
/// varints level count, segment count, ...).
fn segments(conn: &rusqlite::Connection, table: &str) -> u64 {
    let block: Vec<u8> = conn
        .query_row(
            &format!("SELECT block FROM {table}_data WHERE id = 10"),
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut varints = block[4..].iter().scan(0u64, |acc, &b| {
        *acc = (*acc << 7) | u64::from(b & 0x7f);
        let value = *acc;
        if b < 0x80 {
            *acc = 0;
            Some(Some(value))
        } else {
            Some(None)
        }
    });
    let mut next = || varints.by_ref().flatten().next().unwrap();
    let _levels = next();
    next()
}

/// Words with the number of rows holding each.
type Vocabulary = Vec<(String, i64)>;

/// The vocabulary table, and FTS5's own count of the index.
fn vocabularies(site: &CopySite) -> (Vocabulary, Vocabulary) {
    let conn = site.state.pool.get().unwrap();
    let read = |sql: &str| -> Vocabulary {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    (
        read("SELECT term, docs FROM search_terms ORDER BY term"),
        read("SELECT term, doc FROM search_vocab ORDER BY term"),
    )
}

#[actix_web::test]
async fn the_spelling_vocabulary_follows_the_index_through_reloads() {
    use careers::commands::serve::reload::{Changed, reload};
    let site = CopySite::new(|_| {});
    let app = serve(&site.state).await;
    let (ours, fts) = vocabularies(&site);
    assert!(ours.len() > 100, "{} words", ours.len());
    assert_eq!(ours, fts, "after the rebuild at start");

    // An edit brings a new word in: its misspelling now finds it.
    let path = site.content.join("articles/wind-or-solar.md");
    common::copy::replace_in(
        &path,
        "title = \"Wind or solar: choosing a first trade\"",
        "title = \"Wind or solar: choosing a first trade, quoxotically\"",
    );
    reload(&site.state, &site.content, Changed::Unknown).expect("reload");
    let (ours, fts) = vocabularies(&site);
    assert_eq!(ours, fts, "after an edit that adds a word");
    assert!(ours.iter().any(|(w, n)| w == "quoxotically" && *n == 1));
    let page = get(&app, "/search?q=quoxoticaly").await;
    assert!(
        page.text(".search-note").contains("quoxotically"),
        "{}",
        page.text(".search-note")
    );
    assert_eq!(result_links(&page), ["/articles/wind-or-solar/"]);

    // Taken out again, the word leaves the vocabulary.
    common::copy::replace_in(&path, ", quoxotically\"", "\"");
    reload(&site.state, &site.content, Changed::Unknown).expect("reload");
    let (ours, fts) = vocabularies(&site);
    assert_eq!(ours, fts, "after an edit that removes a word");
    assert!(!ours.iter().any(|(w, _)| w == "quoxotically"));
}

#[actix_web::test]
async fn the_index_records_the_view_readers_get_not_a_copy_of_it() {
    // A copy of the site made for the index would hold a second set of
    // indexes and role facts for as long as the server runs.
    let site = TestSite::new();
    let view = site.state.site();
    let indexed = site
        .state
        .indexed
        .lock()
        .unwrap()
        .clone()
        .expect("indexed at start");
    assert!(std::sync::Arc::ptr_eq(&indexed, &view));
    // The engine test pack has pages published later, so that view is not
    // the loaded site itself.
    assert!(site.state.full_site().articles.len() > view.articles.len());
}
