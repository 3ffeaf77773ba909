//! The load's checks of role and article records against the rest of the
//! content: slugs and addresses, codes, registries, referenced roles, the
//! pay rule, sources, dates. Each problem is an error (or, where the site
//! still works, a warning) at the line of the front matter that causes it.

use super::refs::{check_aliases, check_slug, check_sources, check_window, unknown};
use super::study::check_editorial;
use super::{Lookups, valid_soc};
use crate::content::article::Article;
use crate::content::compile::Compiled;
use crate::content::dataset::MANIFEST;
use crate::content::error::ContentError;
use crate::content::facts::can_lead_pay;
use crate::content::role::{Headline, Role};
use foldhash::HashMap;
use std::path::Path;

/// Checks every role of `roles`.
pub(super) fn check_roles<'a>(
    roles: impl IntoIterator<Item = &'a Compiled<Role>>,
    x: &Lookups<'_>,
    seen_urls: &mut HashMap<String, &'a Path>,
    errors: &mut Vec<ContentError>,
    warnings: &mut Vec<ContentError>,
) {
    for (p, r) in roles {
        let fm = &r.fm;
        check_slug(p, &r.slug, r.url(), seen_urls, errors);
        if !valid_soc(&fm.soc) {
            errors.push(p.error_at(
                "soc",
                format!(
                    "`{}` is not an occupation code; write it as NN-NNNN, e.g. 47-2111",
                    fm.soc
                ),
            ));
        }
        for code in &fm.onet {
            if !x.onet.contains_key(code) {
                errors.push(p.error_at(
                    code,
                    match x.data.profiles() {
                        Some(p) => format!(
                            "code `{code}` has no profile: it is not in content/data/{}/occupations.csv",
                            p.folder
                        ),
                        None => format!(
                            "code `{code}` has no profile: content/data/datasets.toml has no [profiles]"
                        ),
                    },
                ));
            }
        }
        for id in fm.licenses.iter().chain(&fm.certifications) {
            if x.known.certifications.is_some_and(|c| !c.contains_key(id)) {
                errors.push(p.error_at(
                    &format!("\"{id}\""),
                    unknown("certification", id, "content/certifications.toml"),
                ));
            }
        }
        for t in &fm.transitions {
            if !x.known.roles.borrow_mut().known(&t.to, &p.rel) {
                errors.push(p.error_at(
                    &format!("\"{}\"", t.to),
                    x.known.roles.borrow().unknown(&t.to),
                ));
            } else if t.to == r.slug {
                errors.push(p.error_at(
                    &format!("\"{}\"", t.to),
                    "a role cannot transition to itself".into(),
                ));
            }
        }
        if let Some(i) = x.info {
            for b in &fm.backgrounds {
                if i.value.background(b).is_none() {
                    let known: Vec<&str> =
                        i.value.background.iter().map(|d| d.id.as_str()).collect();
                    errors.push(p.error_at(
                        &format!("\"{b}\""),
                        format!(
                            "unknown background `{b}`; use one of the [[background]] ids in content/site.toml: {}",
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
        match &fm.pay.headline {
            Headline::Figure(id) => {
                let found = x.figures.map(|f| {
                    f.value
                        .figure
                        .iter()
                        .find(|x| &x.id == id && x.role.as_deref() == Some(r.slug.as_str()))
                });
                match found {
                    Some(None) => errors.push(p.error_at(
                        "headline",
                        format!(
                            "`pay.headline = \"{id}\"` names no figure of this role in content/data/figures.toml; give a figure id with `role = \"{}\"`, or write \"{}\" for the code's median",
                            r.slug,
                            crate::content::role::CODE_MEDIAN
                        ),
                    )),
                    Some(Some(f)) if !can_lead_pay(f) => errors.push(p.error_at(
                        "headline",
                        format!(
                            "figure `{id}` cannot be the role's pay: a headline figure needs `topic = \"pay\"`, `unit = \"usd\"` (a year's pay), a `value` and a `measure` (\"median\" or \"mean\")"
                        ),
                    )),
                    _ => {}
                }
            }
            Headline::CodeMedian => {}
        }
        if let Some(w) = x.data.wages()
            && x.data.national(&fm.soc).is_none()
        {
            let pay = if fm.pay.headline == Headline::CodeMedian {
                " so this role shows no pay, and"
            } else {
                ""
            };
            warnings.push(p.error_at(
                "soc",
                format!(
                    "the pack's wage table has no row for {}:{pay} its pages say the guide has no wage figures for the code. The codes it has are in data/{} (column `{}`); add the code's rows to the wage files that {MANIFEST} lists, or correct the code",
                    fm.soc, w.national, w.columns.code
                ),
            ));
        }
        check_sources(p, &fm.sources, x.known.sources, errors);
        crate::content::sourcing::check_role(p, fm, x.known.sources, errors);
        check_editorial(
            p,
            fm.reviewer.as_deref(),
            &fm.corrections,
            fm.updated,
            &x.known,
            errors,
        );
        check_aliases(p, &fm.aliases, seen_urls, errors);
        check_window(p, r.schedule(), errors);
    }
}

/// Checks every article of `articles`.
pub(super) fn check_articles<'a>(
    articles: impl IntoIterator<Item = &'a Compiled<Article>>,
    x: &Lookups<'_>,
    seen_urls: &mut HashMap<String, &'a Path>,
    errors: &mut Vec<ContentError>,
    warnings: &mut Vec<ContentError>,
) {
    for (p, a) in articles {
        let fm = &a.fm;
        check_slug(p, &a.slug, a.url(), seen_urls, errors);
        if x.known.authors.is_some_and(|a| !a.contains_key(&fm.author)) {
            errors.push(p.error_at(
                "author",
                unknown("author", &fm.author, "content/authors.toml"),
            ));
        }
        for slug in &fm.roles {
            if !x.known.roles.borrow_mut().known(slug, &p.rel) {
                errors
                    .push(p.error_at(&format!("\"{slug}\""), x.known.roles.borrow().unknown(slug)));
            }
        }
        if let Some(u) = fm.updated
            && u < fm.published
        {
            errors.push(p.error_at("updated", "`updated` is earlier than `published`".into()));
        }
        check_sources(p, &fm.sources, x.known.sources, errors);
        check_editorial(
            p,
            fm.reviewer.as_deref(),
            &fm.corrections,
            a.last_updated(),
            &x.known,
            errors,
        );
        check_aliases(p, &fm.aliases, seen_urls, errors);
        check_window(p, a.schedule(), errors);
        if fm.publish.is_none() && fm.published > x.today {
            warnings.push(p.error_at(
                "published",
                format!(
                    "`published = {}` is in the future, but without a `publish` date the article is live now, dated ahead and listed first; add `publish = {}` to hold it until that day, or correct the date",
                    fm.published, fm.published
                ),
            ));
        }
    }
}
