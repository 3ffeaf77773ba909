//! The outline is what renders: for every role page of the engine test
//! pack, the `id` attributes in the HTML are exactly the anchors `check`
//! accepts for that page. `check` accepts the ids the outline shows, the
//! ids inside the prose, `ref-{key}` for each reference, the layout's ids,
//! and the data-row patterns `faq-N` and (with a state table) `state-xx`.
//!
//! The test asks `check` about each rendered id through
//! `Targets::resolve_link`, and compares the page with `check`'s own set
//! (`targets::role_ids`) the other way.

mod common;

use careers::content::check::targets::{Resolution, Targets, role_ids};
use careers::content::date::Date;
use careers::content::outline::Anchor;
use common::html::ids;
use common::{TestSite, app, get};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `faq-N` or `state-xx`: ids a role page makes from database rows.
fn row_pattern(id: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let state = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase());
    id.strip_prefix("faq-").is_some_and(digits) || id.strip_prefix("state-").is_some_and(state)
}

#[actix_web::test]
async fn role_pages_render_exactly_the_anchors_check_accepts() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let targets = Targets::new(&content, Path::new("static"), Date::today());
    let mut problems = Vec::new();
    for role in &content.roles {
        let url = role.url();
        let page = get(&app, &url).await;
        let rendered = ids(&page.body);
        let mut seen = BTreeMap::new();
        for id in &rendered {
            *seen.entry(id.as_str()).or_insert(0) += 1;
        }
        for (id, n) in &seen {
            if *n > 1 {
                problems.push(format!("{url}: id `{id}` is rendered {n} times"));
            }
        }
        // Every rendered id is an anchor `check` accepts.
        for id in seen.keys() {
            let r = targets.resolve_link(Some(&url), &format!("#{id}"));
            if r != Resolution::Ok {
                problems.push(format!("{url}: renders `{id}`, which check rejects: {r:?}"));
            }
        }
        // Every anchor `check` accepts is rendered.
        let accepted: BTreeSet<String> = role_ids(&content, role).into_iter().collect();
        let plain: BTreeSet<String> = seen
            .keys()
            .filter(|id| !row_pattern(id))
            .map(|id| id.to_string())
            .collect();
        for id in accepted.difference(&plain) {
            problems.push(format!(
                "{url}: check accepts `{id}`, which the page does not render"
            ));
        }
        for id in plain.difference(&accepted) {
            problems.push(format!(
                "{url}: renders `{id}`, which is not among check's anchors"
            ));
        }
        // The row patterns appear only where check allows them.
        let facts = content.facts(role);
        let states = seen.keys().filter(|id| id.starts_with("state-")).count();
        if (states > 0) != facts.outline.shows(Anchor::SalaryStates) {
            problems.push(format!(
                "{url}: {states} state rows, state table shown: {}",
                facts.outline.shows(Anchor::SalaryStates)
            ));
        }
        // And check rejects an id the page does not have.
        assert!(matches!(
            targets.resolve_link(Some(&url), "#no-such-anchor"),
            Resolution::NoFragment(_)
        ));
    }
    assert!(
        problems.is_empty(),
        "role pages and check disagree about anchors:\n{}",
        problems.join("\n")
    );
}

#[actix_web::test]
async fn the_pack_exercises_every_kind_of_anchor() {
    let site = TestSite::new();
    let app = app(&site).await;
    let content = site.state.site();
    let mut all = BTreeSet::new();
    for role in &content.roles {
        all.extend(ids(&get(&app, &role.url()).await.body));
    }
    // A prose heading of its own, a reference, a question and a state row.
    for id in ["tools-of-the-trade", "ref-test-guide", "faq-1", "state-ny"] {
        assert!(all.contains(id), "no role page renders `{id}`");
    }
    // Every outline anchor is shown on some role page of the pack.
    for a in Anchor::ALL {
        assert!(all.contains(a.key()), "no role page shows `{}`", a.key());
    }
}
