//! `check` on broken fixture trees: each kind of mistake under
//! `tests/fixtures/broken/` is reported with its own message, file and line.
//! Each broken tree is an overlay copied over `tests/fixtures/minimal/`.
//! Also: `--strict`, the JSON output of the real binary, and that `check`
//! and the app agree on every route of the table. (That the real content
//! passes is a content test: `tests/content_pack.rs`.)

mod common;
#[path = "common/examples.rs"]
mod examples;

use careers::content::check::targets::{Resolution, Targets};
use careers::content::check::{self, CheckOptions, Finding, Report, Severity};
use careers::content::date::Date;
use careers::web::routes::Links;
use common::careers;
use common::copy::{MINIMAL, MINIMAL_STATIC as STATIC, broken_tree, tree};
use std::fs;

/// Options with a fixed "today", so ages do not drift with the calendar.
fn options() -> CheckOptions {
    let mut o = CheckOptions::new(STATIC);
    o.today = Date::parse("2026-11-23").unwrap();
    o
}

fn check_fixture(name: &str) -> Report {
    let (_dir, root) = broken_tree(name);
    check::check(&root, &options())
}

/// The one finding whose message contains `needle`, with its file and line.
fn finding<'a>(report: &'a Report, needle: &str) -> &'a Finding {
    let found: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.message.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one finding with {needle:?} in:\n{}",
        report.text()
    );
    found[0]
}

fn assert_error_at(report: &Report, needle: &str, file: &str, line: usize) -> Finding {
    let f = finding(report, needle).clone();
    assert_eq!(f.severity, Severity::Error, "{}", report.text());
    assert_eq!(
        (f.file.as_str(), f.line),
        (file, Some(line)),
        "{}",
        report.text()
    );
    assert!(!report.is_ok());
    assert!(report.text().contains(&format!("{}:", f.location())));
    f
}

#[test]
fn the_minimal_tree_is_clean() {
    let (_dir, root) = tree(MINIMAL);
    let report = check::check(&root, &options());
    assert!(report.findings.is_empty(), "{}", report.text());
    assert!(
        report.checked.links > 0 || report.checked.roles == 2,
        "{:?}",
        report.checked
    );
    assert!(report.text().ends_with("0 errors and 0 warnings in content (2 roles, 1 articles, 0 links, 1 figures, 1 sources checked)\n"), "{}", report.text());
}

#[test]
fn unknown_key() {
    let r = check_fixture("unknown-key");
    let f = assert_error_at(&r, "`salary` is not a field here", "roles/analyst.md", 9);
    assert_eq!(f.column, Some(1));
    assert!(
        f.message.contains("correct its spelling or remove it"),
        "{}",
        f.message
    );
}

/// One mistake, one error: a role file that does not parse is reported
/// once, first, naming the files that depend on it; no file that names the
/// role gets an "unknown role" error of its own, and the links of every
/// file that parsed are still checked.
#[test]
fn a_file_that_does_not_parse_is_one_error_naming_its_dependents() {
    let (_dir, root) = broken_tree("unknown-key");
    // A file that parses, with a broken link and a link to the broken role.
    fs::write(
        root.join("articles/links.md"),
        "+++\ntitle = \"Links\"\nsummary = \"S\"\npublished = 2026-01-01\nauthor = \"ed\"\ncategory = \"C\"\nsources = []\n+++\n\nSee [the analyst](/roles/analyst/#salary) and [nothing](/articles/nope/).\n",
    )
    .unwrap();
    let r = check::check(&root, &options());
    assert_eq!(r.errors(), 2, "{}", r.text());
    let first = &r.findings[0];
    assert_eq!(first.kind, check::Kind::Parse, "{}", r.text());
    assert_eq!(first.file, "roles/analyst.md", "{}", r.text());
    assert!(
        first.message.contains("articles/hello.md"),
        "the files that name the role: {}",
        first.message
    );
    assert!(!r.text().contains("unknown role"), "{}", r.text());
    let broken = finding(&r, "`/articles/nope/` goes nowhere");
    assert_eq!(broken.file, "articles/links.md", "links still checked");
    assert!(
        !r.text().contains("/roles/analyst/#salary"),
        "a link into the broken file waits for it: {}",
        r.text()
    );
}

#[test]
fn wrong_type() {
    let r = check_fixture("wrong-type");
    let f = assert_error_at(
        &r,
        "this should be a list in brackets",
        "roles/analyst.md",
        8,
    );
    assert!(
        f.message.contains("not the text \"thinking\""),
        "{}",
        f.message
    );
}

#[test]
fn missing_required_field() {
    let r = check_fixture("missing-field");
    let f = assert_error_at(
        &r,
        "the required field `soc_note` is missing",
        "roles/analyst.md",
        2,
    );
    assert!(f.message.contains("docs/editing.md"), "{}", f.message);
}

#[test]
fn bad_date() {
    let r = check_fixture("bad-date");
    let f = assert_error_at(&r, "invalid date", "articles/hello.md", 4);
    assert_eq!(f.column, Some(13));
    assert!(f.message.contains("YYYY-MM-DD"), "{}", f.message);
}

#[test]
fn duplicate_slug() {
    let r = check_fixture("duplicate-slug");
    assert_error_at(
        &r,
        "slug `analyst` is also used by roles/analyst.md",
        "roles/data-analyst.md",
        3,
    );
}

#[test]
fn duplicate_alias() {
    let r = check_fixture("duplicate-alias");
    assert_error_at(
        &r,
        "alias `/roles/junior-analyst/` is already a page or alias of roles/analyst.md",
        "roles/manager.md",
        11,
    );
}

#[test]
fn broken_internal_links_in_articles_and_faq_answers() {
    let r = check_fixture("broken-link");
    let f = assert_error_at(&r, "`/roles/manger/`", "articles/hello.md", 15);
    assert_eq!(f.kind, check::Kind::BrokenLink);
    assert_eq!(f.column, Some(11), "the column of the address");
    assert!(
        f.message.contains("did you mean `/roles/manager/`?"),
        "{}",
        f.message
    );
    let f = assert_error_at(&r, "`/articles/helo/`", "data/faqs.toml", 8);
    assert_eq!(f.column, Some(13));
    assert!(
        f.message.contains("did you mean `/articles/hello/`?"),
        "{}",
        f.message
    );
    // The good links beside them (a role, a category listing) pass.
    assert_eq!(r.errors(), 2, "{}", r.text());
    assert_eq!(r.checked.links, 5);
}

#[test]
fn broken_fragments() {
    let r = check_fixture("broken-fragment");
    let f = assert_error_at(&r, "`/roles/manager/#salaries`", "articles/hello.md", 15);
    assert_eq!(f.kind, check::Kind::BrokenFragment);
    assert!(
        f.message.contains("has no element with id `salaries`"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("overview, salary, outlook"),
        "{}",
        f.message
    );
    let f = assert_error_at(&r, "`#last`", "articles/hello.md", 16);
    assert!(
        f.message.contains("the article `/articles/hello/`"),
        "{}",
        f.message
    );
    // `#salary` on the role and `#first` on the article itself exist.
    assert_eq!(r.errors(), 2, "{}", r.text());
}

#[test]
fn unknown_role_in_a_transition() {
    let r = check_fixture("unknown-transition");
    assert_error_at(&r, "unknown role `director`", "roles/analyst.md", 19);
}

#[test]
fn unknown_source() {
    let r = check_fixture("unknown-source");
    assert_error_at(&r, "unknown source `bls-2031`", "roles/analyst.md", 9);
}

#[test]
fn a_move_without_a_source() {
    let r = check_fixture("transition-without-source");
    assert_error_at(
        &r,
        "the move to `manager` needs `source`",
        "roles/analyst.md",
        23,
    );
}

#[test]
fn years_of_study_without_a_source() {
    let r = check_fixture("years-without-source");
    assert_error_at(
        &r,
        "`typical_years` needs `years_source`",
        "roles/analyst.md",
        19,
    );
}

#[test]
fn citations_of_keys_that_are_unknown_or_not_on_the_page() {
    let r = check_fixture("unknown-citation");
    let f = assert_error_at(
        &r,
        "`#ref-nope` cites no known source",
        "articles/hello.md",
        16,
    );
    assert_eq!(f.kind, check::Kind::UnknownSource, "{}", r.text());
    assert!(f.message.contains("not in content/sources.toml"), "{f:?}");
    let f = assert_error_at(&r, "does not list source `other`", "articles/hello.md", 16);
    assert!(f.message.contains("add `other` to its `sources`"), "{f:?}");
}

#[test]
fn a_glossary_term_defined_twice() {
    let r = check_fixture("glossary-twice");
    // The second definition's line, where the editor must look.
    assert_error_at(
        &r,
        "glossary term `ehr` is defined twice",
        "glossary.toml",
        14,
    );
}

#[test]
fn a_link_to_no_glossary_term() {
    let r = check_fixture("glossary-link");
    let f = assert_error_at(
        &r,
        "there is no glossary term with id `go-live`",
        "articles/hello.md",
        16,
    );
    assert_eq!(f.kind, check::Kind::BrokenFragment);
    // The link to a term that exists is fine.
    assert!(!r.text().contains("#ehr`"), "{}", r.text());
}

#[test]
fn unknown_certification() {
    let r = check_fixture("unknown-certification");
    assert_error_at(&r, "unknown certification `pmp`", "roles/analyst.md", 11);
}

#[test]
fn figure_without_period() {
    let r = check_fixture("figure-without-period");
    assert_error_at(
        &r,
        "figure `share` needs the period it describes",
        "data/figures.toml",
        2,
    );
}

#[test]
fn missing_image() {
    let r = check_fixture("missing-image");
    let f = assert_error_at(&r, "`/static/chart.png`", "articles/hello.md", 18);
    assert_eq!(f.kind, check::Kind::MissingFile);
    assert!(f.message.starts_with("image "), "{}", f.message);
    assert!(
        f.message
            .contains("there is no file `chart.png` in the static folder"),
        "{}",
        f.message
    );
    // `/static/logo.svg` exists in tests/fixtures/static.
    assert_eq!(r.errors(), 1, "{}", r.text());
}

#[test]
fn stale_figures_are_warnings_and_errors_under_strict() {
    let mut r = check_fixture("stale-figure");
    let f = finding(&r, "figure `manager-pay-2019` (period May 2019)").clone();
    assert_eq!(
        (f.severity, f.kind),
        (Severity::Warning, check::Kind::StaleFigure)
    );
    assert_eq!(
        (f.file.as_str(), f.line, f.column),
        ("data/figures.toml", Some(27), Some(10))
    );
    assert!(
        f.message.contains("90 months old, more than 24"),
        "{}",
        f.message
    );
    let g = finding(&r, "figure `growth` (period 2014-2024").clone();
    assert_eq!(g.line, Some(17));
    assert!(
        g.message.contains("counted from December 2014"),
        "{}",
        g.message
    );
    // The 2025 figure is fresh.
    assert!(
        r.findings.iter().all(|f| !f.message.contains("`share`")),
        "{}",
        r.text()
    );
    assert!(r.is_ok(), "warnings alone pass:\n{}", r.text());
    assert_eq!(r.warnings(), 2, "{}", r.text());
    r.make_strict();
    assert!(!r.is_ok());
    assert_eq!(r.errors(), 2);
}

#[test]
fn the_age_limit_is_configurable() {
    let (_dir, root) = broken_tree("stale-figure");
    let mut o = options();
    o.max_age_months = 200;
    assert!(check::check(&root, &o).findings.is_empty());
    o.max_age_months = 6;
    let r = check::check(&root, &o);
    // Now the 2025 figure (December 2025, 11 months) and the fixture source are old too.
    assert!(
        r.findings
            .iter()
            .any(|f| f.message.contains("figure `share`")),
        "{}",
        r.text()
    );
}

#[test]
fn redirecting_and_relative_links() {
    let (_dir, root) = broken_tree("broken-link");
    let article = "+++\ntitle = \"Hello\"\nsummary = \"S\"\npublished = 2026-01-02\nauthor = \"ed\"\ncategory = \"News\"\nsources = [\"src\"]\naliases = [\"/articles/hi/\"]\n+++\n\nSee [old](/articles/hi/), [bare](/roles/analyst), [up](../../roles/manager/#overview) and [out](https://example.org/x).\n";
    fs::write(root.join("articles/hello.md"), article).unwrap();
    fs::write(root.join("data/faqs.toml"), "").unwrap();
    let r = check::check(&root, &options());
    let f = finding(&r, "`/articles/hi/` works only through a redirect");
    assert_eq!((f.severity, f.line), (Severity::Warning, Some(11)));
    assert!(
        f.message.contains("link to `/articles/hello/` instead"),
        "{}",
        f.message
    );
    finding(
        &r,
        "`/roles/analyst` works only through a redirect; link to `/roles/analyst/` instead",
    );
    assert_eq!(r.errors(), 0, "{}", r.text());
    assert_eq!(r.warnings(), 2, "{}", r.text());
}

#[actix_web::test]
async fn check_and_the_app_agree_on_every_route() {
    // `check` reads the app's route table: a link to a page any route
    // serves is accepted, one whose placeholder names nothing is refused
    // saying what it must name, and mailed, editors' and `--dev` addresses
    // are refused as links.
    let site = common::copy::CopySite::new(|c| common::copy::add_paging_articles(c, 12));
    let app = actix_web::test::init_service(careers::web::app(site.state.clone())).await;
    let content = site.state.site();
    let targets = Targets::new(&content, &site.state.config.static_dir, Date::today());
    for (route, path) in examples::examples(&app, &site.state, false).await {
        if path == site.state.assets.css_url {
            // The layout's content-hashed stylesheet: not a file of the
            // folder, and not an address content links to.
            continue;
        }
        let r = targets.resolve_link(None, &path);
        match route.links {
            Some(Links::Never(why)) => assert_eq!(r, Resolution::NoPage(why.into()), "{path}"),
            _ => assert_eq!(r, Resolution::Ok, "{path} ({})", route.pattern),
        }
    }
    for (path, says) in [
        ("/roles/no-such-role/", "no role with this slug"),
        ("/salaries/no-such-role/", "no role with this slug"),
        ("/embed/roles/no-such-role", "no role with this slug"),
        ("/soc/99-9999/", "no role uses this occupation code"),
        ("/salaries/states/zz/", "no state or territory"),
        ("/articles/tag/no-such-tag/", "no article has this tag"),
        ("/authors/nobody/", "no author with this id"),
        ("/__dev/state", "serve --dev"),
        ("/admin/", "sign-in"),
    ] {
        match targets.resolve_link(None, path) {
            Resolution::NoPage(m) => assert!(m.contains(says), "{path}: {m}"),
            other => panic!("{path}: {other:?}"),
        }
    }
    assert_eq!(
        targets.resolve_link(None, "/static/site.css"),
        Resolution::Ok
    );
    assert!(matches!(
        targets.resolve_link(None, "/static/no-such.css"),
        Resolution::NoFile(_)
    ));
}

#[test]
fn the_binary_prints_json_for_tools() {
    let (_dir, root) = broken_tree("broken-link");
    let out = careers()
        .args([
            "check",
            "--format",
            "json",
            "--static-dir",
            STATIC,
            "--content",
        ])
        .arg(&root)
        .output()
        .unwrap();
    assert!(!out.status.success(), "a broken tree fails");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"], 2);
    let findings = v["findings"].as_array().unwrap();
    let link = findings
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("/roles/manger/"))
        .expect("the broken link is in the JSON");
    assert_eq!(link["kind"], "broken-link");
    assert_eq!(link["file"], "articles/hello.md");
    assert_eq!(link["line"], 15);
    assert_eq!(link["column"], 11);
    assert_eq!(link["severity"], "error");
    assert!(link["number"].as_u64().unwrap() >= 1);
}

#[test]
fn the_binary_text_output_and_strict() {
    let (_dir, root) = broken_tree("stale-figure");
    let run = |strict: bool| {
        let mut c = careers();
        c.args(["check", "--static-dir", STATIC, "--content"])
            .arg(&root);
        if strict {
            c.arg("--strict");
        }
        c.output().unwrap()
    };
    let out = run(false);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "warnings alone pass: {text}");
    assert!(
        text.contains("  1. data/figures.toml:17:10: warning: figure `growth`"),
        "{text}"
    );
    assert!(text.contains("0 errors and "), "{text}");
    let out = run(true);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "--strict fails on warnings: {text}");
    assert!(
        text.contains(": error: figure `manager-pay-2019` (period May 2019)"),
        "{text}"
    );
}

#[test]
fn links_to_scheduled_and_expired_pages() {
    let (_dir, root) = broken_tree("broken-link");
    fs::write(root.join("data/faqs.toml"), "").unwrap();
    let page = |title: &str, extra: &str, body: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nsummary = \"S\"\npublished = 2026-01-02\nauthor = \"ed\"\ncategory = \"News\"\nsources = []\n{extra}+++\n\n{body}\n"
        )
    };
    fs::write(
        root.join("articles/hello.md"),
        page(
            "Hello",
            "",
            "See [soon](/articles/soon/) and [gone](/articles/gone/).",
        ),
    )
    .unwrap();
    fs::write(
        root.join("articles/soon.md"),
        page(
            "Soon",
            "publish = 2027-03-01\n",
            "Back to [hello](/articles/hello/) and [later](/articles/later/).",
        ),
    )
    .unwrap();
    fs::write(
        root.join("articles/later.md"),
        page("Later", "publish = 2027-04-01\n", "Words."),
    )
    .unwrap();
    fs::write(
        root.join("articles/gone.md"),
        page("Gone", "expires = 2026-06-01\n", "Words."),
    )
    .unwrap();
    let r = check::check(&root, &options());
    let f = finding(
        &r,
        "`/articles/soon/` leads to a page readers cannot see yet",
    );
    assert_eq!(
        (f.severity, f.kind),
        (Severity::Warning, check::Kind::UnpublishedLink)
    );
    assert!(
        f.message.contains("scheduled to appear on 2027-03-01"),
        "{}",
        f.message
    );
    assert_eq!((f.file.as_str(), f.line), ("articles/hello.md", Some(10)));
    let f = finding(&r, "`/articles/gone/` goes nowhere");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("expired on 2026-06-01"), "{}", f.message);
    // A scheduled page may link to another scheduled page.
    assert_eq!((r.errors(), r.warnings()), (1, 1), "{}", r.text());
    // With --drafts (a preview) every page counts.
    let mut o = options();
    o.drafts = true;
    assert!(check::check(&root, &o).findings.is_empty());
}

#[test]
fn a_figure_from_a_data_table_states_the_tables_period() {
    // The engine test pack's manifest dates its wage table "June 2030"; a
    // figure citing that table's source with another period typed by hand
    // is an error at the figure, naming the period to write.
    let (_dir, root) = tree(common::PACK);
    common::copy::replace_in(
        &root.join("data/figures.toml"),
        "source = \"test-wages\"\nperiod = \"June 2030\"",
        "source = \"test-wages\"\nperiod = \"May 2030\"",
    );
    let r = check::check(&root, &options());
    let f = assert_error_at(
        &r,
        "figure `field-workforce` cites `test-wages`",
        "data/figures.toml",
        4,
    );
    assert!(
        f.message.contains("write `period = \"June 2030\"`"),
        "{}",
        f.message
    );
}
