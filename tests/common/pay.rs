//! The headline pay of every role, read from every surface that shows it
//! as "the pay" of the role, and compared with the one the compiled model
//! decided (`site.facts(role).pay`). Used by the engine test on the test
//! pack (`tests/headline_pay.rs`) and by the content test on the real pack
//! (`tests/content_pack.rs`).

use super::html::{dollars, jsonld, of_type};
use super::{Page, TestSite, collapse, get, selector};
use careers::content::Site;
use careers::content::facts::{Amount, Pay};
use careers::content::role::Role;
use scraper::{ElementRef, Html};
use serde_json::Value;

/// The amount a text shows: one figure, a range (two), or a top-coded
/// floor ("or more").
pub fn shown_amount(text: &str) -> Option<Amount> {
    match dollars(text)[..] {
        [v] if text.contains("or more") => Some(Amount::AtLeast(v)),
        [v] => Some(Amount::Exact(v)),
        [a, b] => Some(Amount::Range(a, b)),
        _ => None,
    }
}

/// What one surface shows as a role's pay: the figure's text and the words
/// around it that say what it measures.
struct Shown {
    surface: String,
    value: String,
    label: String,
}

/// The text of an element, whitespace collapsed.
fn text(e: ElementRef) -> String {
    collapse(&e.text().collect::<String>())
}

fn first(scope: ElementRef, css: &str) -> Option<String> {
    scope.select(&selector(css)).next().map(text)
}

/// The `.role-card` under `scope_css` that links `url`: its pay and cite.
fn card(html: &Html, scope_css: &str, url: &str) -> Option<(String, String)> {
    let sel = selector(&format!("{scope_css} .role-card"));
    let link = selector("h3 a");
    html.select(&sel)
        .find(|c| {
            c.select(&link)
                .next()
                .is_some_and(|a| a.value().attr("href") == Some(url))
        })
        .map(|c| {
            (
                first(c, ".meta .nowrap").unwrap_or_else(|| first(c, ".meta").unwrap_or_default()),
                first(c, ".meta .cite").unwrap_or_default(),
            )
        })
}

/// The `<dd>` beside the `<dt>` reading `term` in the `dl > div` pairs
/// under `scope`, with its text.
fn dd<'a>(scope: ElementRef<'a>, term: &str) -> Option<(String, ElementRef<'a>)> {
    scope
        .select(&selector("dl > div"))
        .find(|d| first(*d, "dt").as_deref() == Some(term))
        .and_then(|d| d.select(&selector("dd")).next())
        .map(|e| (text(e), e))
}

/// Everything the role page, its card, the explorer, home, the
/// comparison, the embed card, every route step into the role and its code
/// page show as the pay of `role`.
async fn shown_on_pages<S, B>(app: &S, site: &Site, role: &Role) -> Vec<Shown>
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let url = role.url();
    let mut out = Vec::new();
    let mut push = |surface: &str, v: Option<(String, String)>| {
        let (value, label) = v.unwrap_or_default();
        out.push(Shown {
            surface: surface.to_string(),
            value,
            label,
        })
    };
    let page = get(app, &url).await;
    let html = page.html();
    push(
        "role page quick facts",
        html.select(&selector(".quick-facts"))
            .next()
            .and_then(|q| Some((first(q, ".figure-value")?, first(q, ".figure-label")?))),
    );
    push(
        "role page salary lead",
        html.select(&selector(".pay-lead"))
            .next()
            .and_then(|p| Some((first(p, "strong")?, text(p)))),
    );
    let index = get(app, "/roles/").await.html();
    push("/roles/ card", card(&index, "main", &url));
    let table = get(app, "/roles/?sort=pay").await.html();
    push(
        "/roles/?sort=pay table",
        table
            .select(&selector(".explore-table tbody tr"))
            .find(|tr| {
                tr.select(&selector("th a"))
                    .next()
                    .is_some_and(|a| a.value().attr("href") == Some(url.as_str()))
            })
            .and_then(|tr| tr.select(&selector("td.num")).next())
            .map(|td| {
                let all = text(td);
                let cite = first(td, ".cite").unwrap_or_default();
                (all.replace(&cite, "").trim().to_string(), cite)
            }),
    );
    if role.fm.featured {
        let home = get(app, "/").await.html();
        push(
            "home featured card",
            card(&home, "section[aria-labelledby=featured]", &url),
        );
    }
    let compare = compare_url(site, role);
    let cmp = get(app, &compare).await.html();
    let column = cmp
        .select(&selector(
            ".compare-table thead th[scope=col] > a:first-child",
        ))
        .position(|a| a.value().attr("href") == Some(url.as_str()));
    push(
        "/compare/ Pay row",
        column.and_then(|i| {
            let row = cmp
                .select(&selector(".compare-table tbody tr"))
                .find(|tr| first(*tr, "th").as_deref() == Some("Pay"))?;
            let td = row.select(&selector("td")).nth(i)?;
            Some((first(td, "strong")?, first(td, ".cite").unwrap_or_default()))
        }),
    );
    let embed = get(app, &format!("/embed/roles/{}", role.slug))
        .await
        .html();
    push(
        "embed card",
        embed
            .select(&selector("main"))
            .next()
            .and_then(|m| dd(m, "Pay"))
            .and_then(|(all, e)| Some((first(e, "strong")?, all))),
    );
    // Every move into the role: the step that ends at it.
    for from in site.entry_routes(role) {
        let routes = get(
            app,
            &format!("/pathways/?from={}&to={}", from.role.slug, role.slug),
        )
        .await
        .html();
        let step = routes
            .select(&selector("li.route ol.steps > li"))
            .find(|li| {
                li.select(&selector("h4 a"))
                    .next()
                    .is_some_and(|a| a.value().attr("href") == Some(url.as_str()))
            });
        push(
            &format!("/pathways/ step from {} ending at the role", from.role.slug),
            step.and_then(|li| dd(li, "Pay")).map(|(t, _)| step_pay(&t)),
        );
    }
    let soc = get(app, &format!("/soc/{}/", role.fm.soc)).await.html();
    push(
        "/soc/ card",
        card(&soc, "section[aria-labelledby=roles-exact]", &url),
    );
    out
}

/// The pay of the role a step leads to, from the step's Pay text: after
/// " to " (each role's figure with its label), or the code's median both
/// roles share.
fn step_pay(t: &str) -> (String, String) {
    if let Some(rest) = t.split_once("is the median of code ").map(|(_, r)| r) {
        // "{code}, {value} (source, period), which does not tell them apart."
        let value = rest.split_once(", ").map_or("", |(_, v)| v);
        let value = value.split(" (").next().unwrap_or("").to_string();
        return (value, t.to_string());
    }
    let to = t.rsplit_once(") to ").map_or(t, |(_, to)| to);
    let value = to.split(" (").next().unwrap_or("").to_string();
    let label = to
        .split_once(" (")
        .map(|(_, l)| l.split(';').next().unwrap_or("").to_string())
        .unwrap_or_default();
    (value, label)
}

/// A comparison that holds `role` and one other role.
fn compare_url(site: &Site, role: &Role) -> String {
    let other = site
        .roles
        .iter()
        .find(|r| r.slug != role.slug)
        .expect("a second role");
    format!("/compare/?roles={},{}", role.slug, other.slug)
}

/// The amount in the API's `pay.headline`.
fn api_amount(h: &Value) -> Option<Amount> {
    let v = h["value"].as_i64()?;
    Some(match (h["high"].as_i64(), h["at_least"].as_bool()) {
        (Some(hi), _) => Amount::Range(v, hi),
        (None, Some(true)) => Amount::AtLeast(v),
        _ => Amount::Exact(v),
    })
}

/// Every disagreement between what the surfaces show as each role's pay
/// and the pay the model decided; empty when every surface agrees.
pub async fn disagreements(site: &TestSite) -> Vec<String> {
    let app = super::app(site).await;
    let content = site.state.site();
    let mut out = Vec::new();
    assert!(content.roles.len() >= 2, "a comparison needs two roles");
    for role in &content.roles {
        let pay: Option<&Pay> = content.facts(role).pay.as_ref();
        let who = &role.slug;
        for s in shown_on_pages(&app, &content, role).await {
            match pay {
                Some(p) => {
                    let got = shown_amount(&s.value);
                    if got != Some(p.amount) {
                        out.push(format!(
                            "{who}: {} shows {:?} ({:?}), the model says {:?}",
                            s.surface, s.value, got, p.amount
                        ));
                    }
                    if let Some(code) = &p.of_code {
                        let title = content.facts(role).code_title.as_deref().unwrap_or("");
                        if !s.label.contains(&format!("({code})")) || !s.label.contains(title) {
                            out.push(format!(
                                "{who}: {} labels the code's figure {:?}, not with the code {code} and its title {title:?}",
                                s.surface, s.label
                            ));
                        }
                    }
                }
                None => {
                    if !s.value.is_empty() && shown_amount(&s.value).is_some() {
                        out.push(format!(
                            "{who}: {} shows {:?} for a role without a pay",
                            s.surface, s.value
                        ));
                    }
                }
            }
        }
        // The API.
        let api = get(&app, &format!("/api/v1/roles/{}", role.slug)).await;
        let v: Value = serde_json::from_str(&api.body).expect("API JSON");
        let h = &v["pay"]["headline"];
        let got = api_amount(h);
        if got != pay.map(|p| p.amount) {
            out.push(format!(
                "{who}: the API's pay.headline is {h}, the model says {:?}",
                pay.map(|p| p.amount)
            ));
        }
        if let Some(p) = pay
            && h["of_code"].as_str() != p.of_code.as_deref()
        {
            out.push(format!(
                "{who}: the API's pay.headline.of_code is {}",
                h["of_code"]
            ));
        }
        // JSON-LD on the role page.
        out.extend(jsonld_disagreement(&get(&app, &role.url()).await, who, pay));
    }
    out
}

/// `estimatedSalary` against the headline pay: the median of the code's
/// distribution when the pay is the code's median (absent when top-coded),
/// else a `MonetaryAmount` with the figure or range.
fn jsonld_disagreement(page: &Page, who: &str, pay: Option<&Pay>) -> Option<String> {
    let blocks = jsonld(&page.body);
    let occ = of_type(&blocks, "Occupation");
    let s = &occ.first()?["estimatedSalary"];
    let got = match s["@type"].as_str() {
        None => None,
        Some("MonetaryAmountDistribution") => match s["median"].as_i64() {
            Some(m) => Some(Amount::Exact(m)),
            // The distribution of a top-coded median states no median.
            None => pay
                .map(|p| p.amount)
                .filter(|a| matches!(a, Amount::AtLeast(_))),
        },
        Some(_) => {
            let q = &s["value"];
            match (
                q["value"].as_i64(),
                q["minValue"].as_i64(),
                q["maxValue"].as_i64(),
            ) {
                (Some(v), _, _) => Some(Amount::Exact(v)),
                (None, Some(a), Some(b)) => Some(Amount::Range(a, b)),
                _ => None,
            }
        }
    };
    let want = pay.map(|p| p.amount);
    let kind_ok = match pay {
        Some(p) if p.of_code.is_some() => s["@type"] == "MonetaryAmountDistribution",
        Some(_) => s["@type"] == "MonetaryAmount",
        None => s.is_null(),
    };
    (got != want || !kind_ok).then(|| {
        format!(
            "{who}: JSON-LD estimatedSalary is {s}, the model says {:?}",
            pay.map(|p| p.amount)
        )
    })
}
