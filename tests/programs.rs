//! Programs on the engine test pack (`tests/fixtures/pack`, invented
//! programs): the listing's filters against the sets they must give, 400s
//! that list the valid values, the sponsored disclosure on every surface
//! that shows the sponsored program, every published length and cost with
//! its source and date, the JSON API, the JSON-LD type, and the load's
//! checks of program records.

mod common;

use actix_web::http::StatusCode;
use common::copy::{replace_in, tree};
use common::{Page, TestSite, app, get};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const PACK: &str = "tests/fixtures/pack";
/// The pack's sponsored program, and a program that is not sponsored.
const SPONSORED: &str = "/programs/example-wind-associate/";
const PLAIN: &str = "/programs/example-energy-master/";

fn site() -> TestSite {
    TestSite::at(Path::new(PACK))
}

/// The program pages a listing links to, from its program cards.
fn listed(page: &Page) -> BTreeSet<String> {
    page.hrefs(".program-card h3 a").into_iter().collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| format!("/programs/{s}/")).collect()
}

#[actix_web::test]
async fn filters_give_the_expected_programs() {
    let site = site();
    let app = app(&site).await;
    let all = [
        "electrical-apprenticeship",
        "grid-operations-fellowship",
        "example-wind-associate",
        "example-energy-master",
    ];
    let cases: &[(&str, &[&str])] = &[
        ("", &all),
        ("?credential=master", &["example-energy-master"]),
        ("?credential=fellowship", &["grid-operations-fellowship"]),
        ("?delivery=hybrid", &["example-wind-associate"]),
        ("?delivery=online", &["example-energy-master"]),
        ("?delivery=on-campus", &[]),
        (
            "?accreditation=tab",
            &["example-wind-associate", "example-energy-master"],
        ),
        ("?accreditation=oab", &["grid-operations-fellowship"]),
        ("?role=electrician", &["electrical-apprenticeship"]),
        ("?role=plant-director", &["example-energy-master"]),
        (
            "?role=wind-technician&credential=associate",
            &["example-wind-associate"],
        ),
        ("?role=wind-technician&credential=master", &[]),
        // An empty value is no filter.
        ("?credential=&delivery=", &all),
    ];
    for (query, expected) in cases {
        let page = get(&app, &format!("/programs/{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        assert_eq!(listed(&page), set(expected), "/programs/{query}");
        if expected.is_empty() {
            assert!(
                page.body.contains("No program fits every choice"),
                "{query}"
            );
        }
    }
    // Kinds of program and institutions' programs are listed apart.
    let page = get(&app, "/programs/").await;
    assert_eq!(
        page.hrefs("#kinds ~ ul .program-card h3 a").len()
            + page.hrefs("#named ~ ul .program-card h3 a").len(),
        4
    );
    let kinds: BTreeSet<String> = page
        .hrefs("section[aria-labelledby=kinds] h3 a")
        .into_iter()
        .collect();
    assert_eq!(
        kinds,
        set(&["electrical-apprenticeship", "grid-operations-fellowship"])
    );
    // The draft program is nowhere.
    assert_eq!(
        get(&app, "/programs/storage-certificate/").await.status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn unknown_filter_values_are_400s_that_list_the_valid_ones() {
    let site = site();
    let app = app(&site).await;
    let cases = [
        (
            "credential=phd",
            "use one of: certificate, associate, bachelor, master, doctorate, fellowship",
        ),
        ("delivery=remote", "use one of: online, on-campus, hybrid"),
        ("accreditation=nope", "use one of: oab, tab"),
        (
            "role=astronaut",
            "electrician, solar-installer, grid-analyst",
        ),
    ];
    for (query, valid) in cases {
        let page = get(&app, &format!("/programs/?{query}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(
            page.text(".lede").contains(valid),
            "{query}: {}",
            page.text(".lede")
        );
        let api = get(&app, &format!("/api/v1/programs?{query}")).await;
        assert_eq!(api.status, StatusCode::BAD_REQUEST, "API {query}");
        assert_eq!(api.header("content-type"), "application/problem+json");
        assert!(api.body.contains(valid), "API {query}: {}", api.body);
    }
    let typo = get(&app, "/api/v1/programs?credentail=master").await;
    assert_eq!(typo.status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn a_sponsored_program_is_disclosed_wherever_it_shows() {
    let site = site();
    let app = app(&site).await;
    let sponsor = "Example Technical College";
    // Its own page, at the top, with the sponsor's name and the policy.
    let page = get(&app, SPONSORED).await;
    let note = page.text("header .sponsored-note");
    assert!(
        note.contains("Sponsored") && note.contains(sponsor),
        "{note}"
    );
    assert_eq!(page.hrefs("header .sponsored-note a"), ["/disclosure/"]);
    assert_eq!(
        page.html()
            .select(&scraper::Selector::parse(".cta a").unwrap())
            .next()
            .and_then(|a| a.value().attr("rel").map(str::to_string)),
        Some("sponsored nofollow".to_string())
    );
    // Each listing that shows it: the programs page (filtered or not), the
    // role page's Where to study, a comparison, the disclosure page.
    let surfaces = [
        ("/programs/", ".program-card"),
        ("/programs/?credential=associate", ".program-card"),
        ("/roles/wind-technician/", "#where-to-study ~ ul li"),
        (
            "/compare/?roles=wind-technician,electrician",
            ".compare-table td li",
        ),
        ("/disclosure/", ".program-card"),
    ];
    for (url, item) in surfaces {
        let page = get(&app, url).await;
        assert_eq!(page.status, StatusCode::OK, "{url}");
        let items = page.texts(item);
        let shown: Vec<&String> = items
            .iter()
            .filter(|t| t.contains("Wind Turbine Technology"))
            .collect();
        assert!(
            !shown.is_empty(),
            "{url} does not show the sponsored program"
        );
        for t in &shown {
            assert!(t.contains("Sponsored"), "{url}: no disclosure in “{t}”");
        }
        for t in items.iter().filter(|t| t.contains("Energy Management")) {
            assert!(
                !t.contains("Sponsored"),
                "{url}: a plain program is marked: {t}"
            );
        }
    }
    // Search results carry it in their context line.
    let page = get(&app, "/search?q=turbine+technology").await;
    let contexts = page.texts(".kind");
    assert!(
        contexts
            .iter()
            .any(|c| c.contains("Program") && c.contains(&format!("sponsored by {sponsor}"))),
        "{contexts:?}"
    );
    // The API says so on the program, in lists and on the role.
    let one: Value = serde_json::from_str(
        &get(&app, "/api/v1/programs/example-wind-associate")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(one["sponsored"], true);
    let role: Value =
        serde_json::from_str(&get(&app, "/api/v1/roles/wind-technician").await.body).unwrap();
    assert_eq!(role["programs"][0]["slug"], "example-wind-associate");
    assert_eq!(role["programs"][0]["sponsored"], true);
    let plain: Value = serde_json::from_str(
        &get(&app, "/api/v1/programs/example-energy-master")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(plain["sponsored"], false);
    assert!(get(&app, PLAIN).await.texts(".sponsored-note").is_empty());
}

#[actix_web::test]
async fn every_program_figure_shows_with_its_source_and_date() {
    let site = site();
    let app = app(&site).await;
    let model = site.state.site();
    let mut seen = 0;
    for p in &model.programs {
        let page = get(&app, &p.url()).await;
        assert_eq!(page.status, StatusCode::OK, "{}", p.url());
        let ids = page.html();
        let ref_ids: BTreeSet<String> = ids
            .select(&scraper::Selector::parse(".references li").unwrap())
            .filter_map(|li| li.value().attr("id").map(str::to_string))
            .collect();
        let rows: Vec<String> = page.texts(".facts-list dd");
        for (what, f) in p.figures() {
            seen += 1;
            let key = f.source.as_deref().expect("the load requires a source");
            let row = rows
                .iter()
                .find(|r| r.contains(&f.text))
                .unwrap_or_else(|| panic!("{}: {what} `{}` not shown", p.url(), f.text));
            assert!(
                row.contains(f.as_of.as_deref().unwrap()),
                "{}: {row}",
                p.url()
            );
            let source = &model.sources[key];
            assert!(row.contains(&source.publisher), "{}: {row}", p.url());
            assert!(
                page.hrefs(".facts-list dd a")
                    .contains(&format!("#ref-{key}")),
                "{}: the {what} links no citation",
                p.url()
            );
            assert!(
                ref_ids.contains(&format!("ref-{key}")),
                "{}: no reference {key}",
                p.url()
            );
        }
        // A program without figures says none is given, never a number.
        if p.figures().next().is_none() && !p.is_kind() {
            assert!(
                rows.iter().any(|r| r.contains("do not give them")),
                "{}",
                p.url()
            );
        }
    }
    assert_eq!(
        seen, 2,
        "the pack's sponsored program has a length and a cost"
    );
    // The API gives the same figures, each with its source.
    let v: Value = serde_json::from_str(
        &get(&app, "/api/v1/programs/example-wind-associate")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(v["length"]["source"]["key"], "test-college");
    assert_eq!(v["cost"]["as_of"], "2030-31");
    assert_eq!(
        v["call_to_action"]["url"],
        "https://example.edu/wind/apply?utm_medium=referral&utm_source=careers-test"
    );
}

#[actix_web::test]
async fn program_pages_carry_their_json_ld_and_are_in_the_sitemap() {
    let site = site();
    let app = app(&site).await;
    let blocks = |body: &str| -> Vec<Value> {
        let doc = scraper::Html::parse_document(body);
        let sel = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
        doc.select(&sel)
            .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("JSON-LD parses"))
            .collect()
    };
    let page = get(&app, SPONSORED).await;
    let types: Vec<String> = blocks(&page.body)
        .iter()
        .map(|b| b["@type"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(types, ["BreadcrumbList", "EducationalOccupationalProgram"]);
    let program = blocks(&page.body).remove(1);
    assert_eq!(program["provider"]["name"], "Example Technical College");
    assert_eq!(program["educationalProgramMode"][0], "hybrid");
    assert_eq!(program["occupationalCategory"][0]["codeValue"], "49-9081");
    // A kind of program is no one's program: no program block.
    let kind = get(&app, "/programs/electrical-apprenticeship/").await;
    let types: Vec<Value> = blocks(&kind.body);
    assert!(
        types
            .iter()
            .all(|b| b["@type"] != "EducationalOccupationalProgram")
    );
    let sitemap = get(&app, "/sitemap.xml").await.body;
    for url in [
        "/programs/",
        SPONSORED,
        "/programs/electrical-apprenticeship/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://careers.test{url}</loc>")),
            "{url}"
        );
    }
    assert!(
        !sitemap.contains("storage-certificate"),
        "a draft is not in the sitemap"
    );
}

/// The load's errors for the pack with `edit` applied to one program file.
fn errors_after(file: &str, old: &str, new: &str) -> Vec<String> {
    let (_dir, root) = tree(PACK);
    replace_in(&root.join("programs").join(file), old, new);
    match careers::content::load(&root, Default::default()) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn the_load_rejects_unsourced_figures_and_unknown_references() {
    let file = "example-wind-associate.md";
    let cases = [
        // A length without its source: the line of the length.
        (
            "[length]\ntext = \"Two years full time (60 credit hours)\"\nsource = \"test-college\"\n",
            "[length]\ntext = \"Two years full time (60 credit hours)\"\n",
            "programs/example-wind-associate.md:21:",
            "length has no `source`",
        ),
        (
            "as_of = \"2030-31\"",
            "",
            "programs/example-wind-associate.md:",
            "cost needs `as_of`",
        ),
        (
            "roles = [\"wind-technician\"]",
            "roles = [\"wind-technician\", \"astronaut\"]",
            "programs/example-wind-associate.md:9:",
            "unknown role `astronaut`",
        ),
        (
            "eligible = [\"panel-cert\"]",
            "eligible = [\"moon-license\"]",
            "programs/example-wind-associate.md:10:",
            "unknown certification `moon-license`",
        ),
        (
            "source = \"test-accreditor\"\n\n[length]",
            "source = \"no-such-source\"\n\n[length]",
            "programs/example-wind-associate.md:",
            "unknown source `no-such-source` in `accreditation.source`",
        ),
        (
            "credential = \"associate\"",
            "credential = \"diploma\"",
            "programs/example-wind-associate.md:5:",
            "use one of: certificate, associate, bachelor, master, doctorate, fellowship",
        ),
        (
            "tracking = { utm_source = \"careers-test\", utm_medium = \"referral\" }",
            "tracking = { utm_source = \"a&b=c\" }",
            "programs/example-wind-associate.md:",
            "letters, digits",
        ),
    ];
    for (old, new, at, message) in cases {
        let errors = errors_after(file, old, new);
        assert!(
            errors.iter().any(|e| e.contains(at) && e.contains(message)),
            "expected {at} … {message}, got {errors:#?}"
        );
    }
    // A kind of program cannot carry what only an institution publishes.
    let errors = errors_after(
        "electrical-apprenticeship.md",
        "updated = 2030-04-01",
        "updated = 2030-04-01\nsponsored = true\n\n[cost]\ntext = \"$10\"\nsource = \"test-guide\"\nas_of = \"2030\"",
    );
    for needle in [
        "`sponsored` needs an `institution`",
        "`cost` needs an `institution`",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(needle)),
            "{needle}: {errors:#?}"
        );
    }
    // An institution's program needs its address.
    let errors = errors_after(file, "url = \"https://example.edu/wind\"\n", "");
    assert!(
        errors.iter().any(|e| e.contains("needs `url`")),
        "{errors:#?}"
    );
}

#[actix_web::test]
async fn role_pages_say_where_to_study() {
    let site = site();
    let app = app(&site).await;
    // Kinds first, then institutions' programs, each citing a source the
    // page lists among its references.
    let page = get(&app, "/roles/solar-installer/").await;
    let links = page.hrefs("#where-to-study ~ ul.study-list li > a");
    assert_eq!(links, ["/programs/electrical-apprenticeship/"]);
    let refs = page.hrefs("#where-to-study ~ ul.study-list .cite a");
    assert_eq!(refs, ["#ref-test-guide"]);
    assert!(page.body.contains("id=\"ref-test-guide\""));
    // A role no program leads to still has the section, saying so.
    let page = get(&app, "/roles/solar-site-lead/").await;
    assert!(
        page.text("section[aria-labelledby=where-to-study]")
            .contains("lists no program")
    );
    // The API names the anchor among the role's sections.
    let v: Value =
        serde_json::from_str(&get(&app, "/api/v1/roles/solar-site-lead").await.body).unwrap();
    assert!(
        v["sections"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "where-to-study"),
        "{}",
        v["sections"]
    );
    assert_eq!(v["programs"], Value::Array(Vec::new()));
}
