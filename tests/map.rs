//! The career map (`/career-map/`) and the route planner (`/pathways/`).

mod common;

use actix_web::http::StatusCode;
use careers::content::Site;
use common::{TestSite, app, get};
use std::collections::BTreeSet;

/// The `<svg>` element with `id` in `body`, as a standalone string.
fn svg_with_id<'a>(body: &'a str, id: &str) -> &'a str {
    let marker = format!("id=\"{id}\"");
    let at = body.find(&marker).expect("the svg is on the page");
    let start = body[..at]
        .rfind("<svg")
        .expect("an <svg> opens before its id");
    let end = body[start..].find("</svg>").expect("the svg closes") + start + "</svg>".len();
    &body[start..end]
}

/// True when the content has a transition from `from` to `to` (role URLs).
fn is_transition(site: &Site, from: &str, to: &str) -> bool {
    site.roles.iter().any(|r| {
        r.url() == from
            && r.fm
                .transitions
                .iter()
                .any(|t| site.role(&t.to).is_some_and(|x| x.url() == to))
    })
}

#[actix_web::test]
async fn the_map_is_well_formed_xml_and_links_every_role() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let page = get(&app, "/career-map/").await;
    assert_eq!(page.status, StatusCode::OK);
    let svg = svg_with_id(&page.body, "career-map");
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("map is not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let child = |name: &str| {
        root.children()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        child("title").contains("Career map"),
        "title: {}",
        child("title")
    );
    assert!(!child("desc").is_empty(), "the map has a description");

    let linked: BTreeSet<String> = root
        .descendants()
        .filter(|n| n.tag_name().name() == "a")
        .filter_map(|n| n.attribute("href").map(str::to_string))
        .collect();
    let roles: BTreeSet<String> = content.roles.iter().map(|r| r.url()).collect();
    assert_eq!(linked, roles, "the map links every role, and only roles");

    // One arrow per transition.
    let transitions: usize = content
        .roles
        .iter()
        .map(|r| content.next_steps(r).len())
        .sum();
    let arrows = root
        .descendants()
        .filter(|n| n.tag_name().name() == "path" && n.attribute("marker-end").is_some())
        .count();
    assert_eq!(arrows, transitions);

    // The text list has the same role links.
    let html = page.html();
    let sel = scraper::Selector::parse(".map-list a").expect("selector");
    let listed: BTreeSet<String> = html
        .select(&sel)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(listed, roles, "the list links every role");
}

#[actix_web::test]
async fn the_map_is_linked_from_the_home_page_and_the_header() {
    let site = TestSite::new();
    let app = app(&site).await;
    let home = get(&app, "/").await;
    let html = home.html();
    let sel = scraper::Selector::parse("section[aria-labelledby=ladder] a[href='/career-map/']")
        .expect("selector");
    assert!(html.select(&sel).next().is_some(), "home links the map");
    let nav = scraper::Selector::parse(".site-nav a[href='/career-map/']").expect("selector");
    assert!(
        html.select(&nav).next().is_some(),
        "the header links the map"
    );
    let map = get(&app, "/career-map").await;
    assert_eq!(
        map.status,
        StatusCode::MOVED_PERMANENTLY,
        "no slash redirects"
    );
}

#[actix_web::test]
async fn entry_to_executive_routes_are_real_sourced_transitions_fewest_moves_first() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let page = get(&app, "/pathways/?from=electrician&to=plant-director").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.html();
    let route_sel = scraper::Selector::parse("li.route").expect("selector");
    let step_sel = scraper::Selector::parse("ol.steps > li h4 a").expect("selector");
    let meta_sel = scraper::Selector::parse("li.route > p.meta").expect("selector");
    let routes: Vec<_> = html.select(&route_sel).collect();
    assert!(routes.len() >= 3, "three routes in the pack");
    let mut last_moves = 0;
    for route in &routes {
        let mut at = "/roles/electrician/".to_string();
        let mut moves = 0;
        let mut years = Some((0u32, 0u32));
        for a in route.select(&step_sel) {
            let to = a.value().attr("href").expect("href").to_string();
            assert!(
                is_transition(&content, &at, &to),
                "{at} -> {to} is not in the content"
            );
            let from_role = content.roles.iter().find(|r| r.url() == at).expect("role");
            let t = from_role
                .fm
                .transitions
                .iter()
                .find(|t| content.role(&t.to).is_some_and(|r| r.url() == to))
                .expect("transition");
            assert!(t.source.is_some(), "{at} -> {to} names its source");
            years = years.and_then(|(low, high)| {
                t.years
                    .map(|y| (low + u32::from(y.min()), high + u32::from(y.max())))
            });
            moves += 1;
            at = to;
        }
        assert_eq!(at, "/roles/plant-director/");
        let meta: String = route
            .select(&meta_sel)
            .next()
            .expect("meta")
            .text()
            .collect();
        assert!(meta.contains(&format!("{moves} moves")), "{meta}");
        // Time is shown only when the source of every move gives it.
        match years {
            Some((low, high)) if low == high => {
                assert!(
                    meta.contains(&format!("typically {low} years in all")),
                    "{meta}"
                )
            }
            Some((low, high)) => assert!(
                meta.contains(&format!("typically {low} to {high} years in all")),
                "{meta}"
            ),
            None => assert!(!meta.contains("typically"), "{meta}"),
        }
        assert!(moves >= last_moves, "routes are ranked by fewest moves");
        last_moves = moves;
        // The first role's median and the last one's top-coded floor are
        // not comparable: no change is given.
        assert!(!meta.contains("pay "), "{meta}");
    }
    // Steps say what they take, with degree, pay and its source.
    let first = page.text("ol.steps > li");
    assert!(first.contains("What it takes"), "{first}");
    assert!(first.contains("degree at least"), "{first}");
    assert!(
        first.contains("$61,000"),
        "the electricians' median: {first}"
    );
    assert!(first.contains("June 2030"), "{first}");
    // A move within one occupation code says its median does not tell
    // the two roles apart.
    assert!(
        page.body.contains("does not tell them apart"),
        "electrician and master electrician share 47-2111"
    );
}

#[actix_web::test]
async fn a_pay_change_is_given_only_between_comparable_figures() {
    let site = TestSite::new();
    let app = app(&site).await;
    // Two medians of one table and period: the change is given.
    let page = get(&app, "/pathways/?from=electrician&to=wind-technician").await;
    let meta = page.text("li.route > p.meta");
    assert!(meta.contains("pay -$1,000 from start to finish"), "{meta}");
    assert!(page.text("ol.steps > li").contains("-$1,000"));
    // A median and a survey's mean: no difference, and the page says why.
    let page = get(&app, "/pathways/?from=electrician&to=solar-site-lead").await;
    let meta = page.texts("li.route > p.meta");
    assert!(meta.iter().all(|m| !m.contains("pay ")), "{meta:?}");
    assert!(
        page.text("ol.steps > li")
            .contains("not the same measure from the same source"),
        "{}",
        page.text("ol.steps > li")
    );
}

#[actix_web::test]
async fn no_route_says_so_and_shows_the_nearest_roles() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/pathways/?from=electrician&to=grid-analyst").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text("#no-route").contains("No route"));
    let reachable = page.texts(".nearby li").join("\n");
    assert!(reachable.contains("Solar Site Lead"), "{reachable}");
    assert!(reachable.contains("Energy Manager"), "{reachable}");
    assert!(
        page.body
            .contains("The guide lists no move into Grid Analyst"),
        "nothing leads to the grid analyst in this pack"
    );
}

#[actix_web::test]
async fn pathways_form_and_bad_input() {
    let site = TestSite::new();
    let app = app(&site).await;
    let form = get(&app, "/pathways/").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.texts("form.route-form select").len(), 2);
    assert!(form.body.contains("method=\"get\""));
    // One side chosen: the form, with that side selected.
    let half = get(&app, "/pathways/?from=electrician").await;
    assert_eq!(half.status, StatusCode::OK);
    assert!(
        half.body
            .contains("<option value=\"electrician\" selected>")
    );

    for bad in [
        "/pathways/?from=astronaut&to=plant-director",
        "/pathways/?from=electrician&to=%3Cscript%3E",
        "/pathways/?from=electrician&to=electrician",
    ] {
        let page = get(&app, bad).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{bad}");
        let notice = page.text(".notice");
        assert!(
            notice.contains("no role called") || notice.contains("two different roles"),
            "{bad}: {notice}"
        );
        assert!(!page.body.contains("<script>"), "escaped");
    }
}

#[actix_web::test]
async fn role_pages_link_to_their_routes() {
    let site = TestSite::new();
    let app = app(&site).await;
    let entry = get(&app, "/roles/electrician/").await;
    let links = entry.texts(".route-links a").join("\n");
    assert!(
        links.contains("Routes from here to Plant Director"),
        "{links}"
    );
    let hrefs = entry.hrefs(".route-links a");
    assert!(
        hrefs.contains(&"/pathways/?from=electrician&to=plant-director".to_string()),
        "{hrefs:?}"
    );
    let top = get(&app, "/roles/plant-director/").await;
    let links = top.texts(".route-links a").join("\n");
    assert!(links.contains("Routes here from Electrician"), "{links}");
    assert!(
        links.contains("Routes here from Solar Installer"),
        "{links}"
    );
    // Every pathway link on a role page has at least one route.
    let content = site.state.site();
    for role in &content.roles {
        let (onward, inward) = careers::web::pages::pathways::role_links(&content, role);
        for (url, _) in onward.iter().chain(&inward) {
            let page = get(&app, url).await;
            assert_eq!(page.status, StatusCode::OK, "{url}");
            assert!(!page.texts("li.route").is_empty(), "{url} has a route");
        }
    }
}

#[actix_web::test]
async fn the_sitemap_lists_the_new_pages() {
    let site = TestSite::new();
    let app = app(&site).await;
    let map = get(&app, "/sitemap.xml").await;
    for path in [
        "/career-map/",
        "/pathways/",
        "/salaries/",
        "/salaries/electrician/",
        "/salaries/states/ny/",
    ] {
        assert!(
            map.body
                .contains(&format!("https://careers.test{path}</loc>")),
            "{path}"
        );
    }
}
