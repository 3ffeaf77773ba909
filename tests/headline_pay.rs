//! One headline pay per role, shown identically wherever the site shows
//! "the pay" of the role: for every role of the engine test pack, the
//! figure on the role page (quick facts and salary lead), its `/roles/`
//! card, the explorer table, the home page's featured card, the
//! comparison's Pay row, the embed card, the route step that ends at the
//! role, its code page's card, the API's `pay.headline` and the JSON-LD
//! `estimatedSalary` all equal `site.facts(role).pay`, and a code's figure
//! is labelled with the code and its title. (The same walk over the real
//! pack is a content test, in `tests/content_pack.rs`.)

mod common;

use careers::content::facts::Amount;
use common::TestSite;
use common::pay::{disagreements, shown_amount};

#[test]
fn amounts_read_back_from_their_text() {
    assert_eq!(shown_amount("$61,000"), Some(Amount::Exact(61_000)));
    assert_eq!(
        shown_amount("$70,000 to $92,000"),
        Some(Amount::Range(70_000, 92_000))
    );
    assert_eq!(
        shown_amount("$200,000 or more"),
        Some(Amount::AtLeast(200_000))
    );
    assert_eq!(shown_amount("no pay figure"), None);
}

#[actix_web::test]
async fn every_surface_shows_the_headline_pay_of_every_role() {
    let site = TestSite::new();
    let content = site.state.site();
    // The pack has both kinds of pay, and a top-coded one.
    let pays: Vec<_> = content
        .roles
        .iter()
        .filter_map(|r| content.facts(r).pay.clone())
        .collect();
    assert_eq!(pays.len(), content.roles.len());
    assert!(
        pays.iter().any(|p| p.of_code.is_none()),
        "a published figure"
    );
    assert!(pays.iter().any(|p| matches!(p.amount, Amount::AtLeast(_))));
    let problems = disagreements(&site).await;
    assert!(
        problems.is_empty(),
        "surfaces disagree with the headline pay:\n{}",
        problems.join("\n")
    );
}
