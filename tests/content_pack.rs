//! Content tests: the real pack's words and figures after the sourcing
//! pass of issue 14 (engine behaviour is tested on fixture packs elsewhere).
//! Each test names what a fact-checker signed off and fails if it regresses.

mod common;

use careers::content::role::Level;
use common::{TestSite, app, get};
use std::fs;

#[actix_web::test]
async fn technology_in_demand_leads_with_the_tools_of_the_field() {
    let site = TestSite::real();
    let app = app(&site).await;
    for slug in [
        "clinical-informatics-manager",
        "health-informatics-specialist",
        "registered-nurse",
    ] {
        let page = get(&app, &format!("/roles/{slug}/")).await;
        let tools = page.texts("h3#onet-technology ~ ul.tags li");
        assert_eq!(tools.len(), 5, "{slug}: {tools:?}");
        assert_eq!(tools[0], "Epic Systems", "{slug}: {tools:?}");
        assert!(tools[1].starts_with("MEDITECH"), "{slug}: {tools:?}");
        assert!(
            !tools
                .iter()
                .any(|t| t.contains("Adobe") || t.contains("Autodesk")),
            "{slug}: {tools:?}"
        );
    }
    let page = get(&app, "/roles/health-informatics-specialist/").await;
    let tools = page.texts("h3#onet-technology ~ ul.tags li").join("; ");
    assert!(
        tools.contains("Structured query language SQL (in demand)"),
        "{tools}"
    );
    assert!(tools.contains("Tableau (in demand)"), "{tools}");
}

#[actix_web::test]
async fn only_entry_routes_call_themselves_entry_points() {
    let site = TestSite::real();
    let app = app(&site).await;
    let content = site.state.site();
    for role in &content.roles {
        let page = get(&app, &role.url()).await;
        let text = page.text("main");
        let kicker = page.text(".kicker");
        if role.fm.level == Level::Entry {
            assert_eq!(kicker, "Entry route into the field", "{}", role.slug);
        } else {
            assert!(!text.contains("This is an entry point"), "{}", role.slug);
            assert!(!text.contains("An entry point itself"), "{}", role.slug);
            assert!(!kicker.contains("Entry"), "{}: {kicker}", role.slug);
        }
    }
    for slug in ["physician", "pharmacist"] {
        let page = get(&app, &format!("/roles/{slug}/")).await;
        assert!(!page.body.contains("Entry level"), "{slug}");
        assert!(page.text(".lede").contains("entry route"), "{slug}");
    }
}

#[actix_web::test]
async fn no_page_prints_years_that_no_source_gives() {
    let site = TestSite::real();
    let app = app(&site).await;
    let content = site.state.site();
    for role in &content.roles {
        assert!(
            role.fm.education.typical_years.is_none() || role.fm.education.years_source.is_some(),
            "{}",
            role.slug
        );
        for t in &role.fm.transitions {
            assert!(t.source.is_some(), "{} -> {}", role.slug, t.to);
        }
        let page = get(&app, &role.url()).await;
        assert!(!page.body.contains("editors' estimate"), "{}", role.slug);
        assert!(
            !page.body.contains("of study after high school"),
            "{}",
            role.slug
        );
    }
    // The physician and CMIO pages no longer disagree on years of study.
    for slug in ["physician", "chief-medical-information-officer"] {
        let page = get(&app, &format!("/roles/{slug}/")).await;
        let card = page.text(".quick-facts");
        assert!(
            !card.contains("9 to 11") && !card.contains("8 to 10"),
            "{card}"
        );
    }
}

#[actix_web::test]
async fn o_net_shares_carry_the_collection_dates_of_their_rows() {
    let site = TestSite::real();
    let app = app(&site).await;
    let page = get(&app, "/roles/chief-medical-information-officer/").await;
    let education = page.text("section[aria-labelledby=education]");
    assert!(!page.body.contains("O*NET, 2025"), "{education}");
    assert!(education.contains("data collected 08/2023"), "{education}");
    assert!(education.contains("data collected 07/2016"), "{education}");
    // The O*NET education shares of the page's own code, which two other
    // roles share, are on the code's page once, dated from their rows.
    assert!(page.body.contains("href=\"/soc/11-9111.00/\""));
    let code = get(&app, "/soc/11-9111.00/").await;
    let dated = code.text("#code-education ~ p.cite");
    assert!(dated.contains("data collected 08/2022"), "{dated}");
}

#[actix_web::test]
async fn the_glossary_covers_the_jargon_and_pages_link_to_it() {
    let site = TestSite::real();
    let app = app(&site).await;
    let page = get(&app, "/glossary/").await;
    assert_eq!(page.status, 200);
    for id in [
        "go-live",
        "super-user",
        "jcaho",
        "icd-10",
        "ehr",
        "rhia",
        "rhit",
        "cphims",
        "hipaa",
        "cahiim",
        "drg",
    ] {
        assert_eq!(page.texts(&format!("dt#{id}")).len(), 1, "no term {id}");
    }
    let content = site.state.site();
    for t in content.glossary.iter() {
        assert!(content.sources.contains_key(&t.source), "{}", t.id);
    }
    let cmio = get(&app, "/roles/chief-medical-information-officer/").await;
    let links = cmio.hrefs("main a[href^='/glossary/#']");
    for id in ["jcaho", "icd-10", "ehr"] {
        let href = format!("/glossary/#{id}");
        assert_eq!(
            links.iter().filter(|h| **h == href).count(),
            1,
            "{id}: {links:?}"
        );
    }
    let nurse = get(&app, "/roles/registered-nurse/").await;
    assert!(
        nurse
            .hrefs("main a")
            .contains(&"/glossary/#super-user".to_string())
    );
}

#[actix_web::test]
async fn coverage_the_sources_have_is_on_the_site() {
    let site = TestSite::real();
    let app = app(&site).await;
    // The security certifications the CMIO source names, each described.
    let cmio = get(&app, "/roles/chief-medical-information-officer/").await;
    let creds = cmio.texts("ul.credentials li").join(" | ");
    for abbr in ["(CGRC)", "(CISSP)", "(CISM)", "(CCSP)", "(CCNA)"] {
        assert!(creds.contains(abbr), "{abbr}: {creds}");
    }
    // An MBA as a route into clinical informatics management.
    let cim = get(&app, "/roles/clinical-informatics-manager/").await;
    assert!(
        cim.text("section[aria-labelledby=education]")
            .contains("MBA")
    );
    // What a health record holds and how it is classified, and AHIMA's map.
    let him = get(&app, "/roles/health-information-manager/").await;
    let overview = him.text("section[aria-labelledby=overview]");
    assert!(overview.contains("classification systems"), "{overview}");
    assert!(overview.contains("diagnosis-related group"), "{overview}");
    assert!(
        him.text("main")
            .contains("Leading people who are not in the building")
    );
    assert!(
        him.hrefs("main a")
            .iter()
            .any(|h| h.starts_with("https://www.ahima.org"))
    );
    // Managing teams that work remotely.
    let remote = get(&app, "/articles/remote-work-in-health-informatics/").await;
    assert!(
        remote
            .texts("h2")
            .iter()
            .any(|h| h.contains("Leading a team that works remotely"))
    );
    // Every role has its "is this role for you?" self-check.
    for role in &site.state.site().roles {
        let page = get(&app, &role.url()).await;
        assert_eq!(page.texts("h2#fit").len(), 1, "{}", role.slug);
    }
}

#[actix_web::test]
async fn attributions_follow_the_sources_that_make_the_claims() {
    let site = TestSite::real();
    let app = app(&site).await;
    // UIC, not Explore Health Careers, names the two kinds of first job.
    let article = get(
        &app,
        "/articles/how-to-become-a-health-information-manager/",
    )
    .await;
    let step2 = article.text("main");
    assert!(
        step2.contains("UIC points to two kinds of starting jobs"),
        "{step2}"
    );
    assert!(
        !step2.contains("Explore Health Careers points to two kinds"),
        "{step2}"
    );
    let content = site.state.site();
    let first_job = content
        .faqs
        .iter()
        .find(|f| f.key == "him-first-job")
        .unwrap();
    assert_eq!(first_job.source.as_deref(), Some("uic-him"));
    assert!(
        first_job.answer.starts_with("UIC points"),
        "{}",
        first_job.answer
    );
}

#[test]
fn one_spelling_throughout_us_english() {
    let british = [
        "practise",
        "practised",
        "practising",
        "favour",
        "specialise",
        "specialised",
        "centre",
        "organisation",
        "recognise",
        "analyse",
        "judgement",
        "counselling",
        "sceptical",
        "licence",
        "colour",
        "behaviour",
        "enrol ",
        "programme",
    ];
    let mut files = vec![
        "content/site.toml".to_string(),
        "content/glossary.toml".into(),
    ];
    for dir in [
        "content/roles",
        "content/articles",
        "content/programs",
        "content/pages",
        "content/data",
    ] {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("md" | "toml")) {
                files.push(p.display().to_string());
            }
        }
    }
    files.push("content/certifications.toml".into());
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            // Keys are ids, not reading text.
            if line.starts_with("key = ") {
                continue;
            }
            let lower = line.to_lowercase();
            for word in lower.split(|c: char| !c.is_alphabetic()) {
                assert!(
                    !british.contains(&word),
                    "{f}:{}: \"{word}\" in {line}",
                    i + 1
                );
            }
        }
    }
}

#[actix_web::test]
async fn role_pages_stay_under_the_html_budget() {
    let site = TestSite::real();
    let app = app(&site).await;
    for role in &site.state.site().roles {
        let page = get(&app, &role.url()).await;
        assert!(
            page.body.len() < 50_000,
            "{}: {} bytes",
            role.slug,
            page.body.len()
        );
    }
}
