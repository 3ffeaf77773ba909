//! The load's checks of the data files (`data/figures.toml`,
//! `data/faqs.toml`, `data/testimonials.toml`), of the site's key findings
//! and of the sources the data manifest cites.

use super::refs::{check_sources, unknown};
use super::{Lookups, Parsed};
use crate::content::data::{FaqsFile, FigureUnit, FiguresFile, TestimonialsFile};
use crate::content::dataset::MANIFEST;
use crate::content::error::ContentError;
use std::collections::HashMap;

/// Checks the data files that parsed, and what names their entries.
pub(super) fn check_data_files(
    figures: Option<&Parsed<FiguresFile>>,
    faqs: Option<&Parsed<FaqsFile>>,
    testimonials: Option<&Parsed<TestimonialsFile>>,
    x: &Lookups<'_>,
    errors: &mut Vec<ContentError>,
) {
    if let Some(p) = figures {
        let mut ids = HashMap::new();
        for f in &p.value.figure {
            let at = format!("\"{}\"", f.id);
            if ids.insert(f.id.clone(), ()).is_some() {
                errors.push(p.error_at(&at, format!("figure id `{}` is used twice", f.id)));
            }
            if let Some(role) = &f.role
                && !x.known.roles.borrow_mut().known(role, &p.rel)
            {
                errors.push(p.error_at(&at, x.known.roles.borrow().unknown(role)));
            }
            match (f.unit, f.value, &f.text) {
                (FigureUnit::Text, _, None) => errors.push(p.error_at(
                    &at,
                    format!("figure `{}` has unit \"text\" but no `text`", f.id),
                )),
                (FigureUnit::Text, _, Some(_)) => {}
                (_, None, _) => {
                    errors.push(p.error_at(&at, format!("figure `{}` has no `value`", f.id)))
                }
                _ => {}
            }
            if f.period.trim().is_empty() {
                errors.push(p.error_at(
                    &at,
                    format!("figure `{}` needs the period it describes", f.id),
                ));
            } else if let Some(table) = x
                .data
                .all_about()
                .into_iter()
                .find(|t| t.source == f.source && !t.period().is_empty())
                && f.period.trim() != table.period()
            {
                // A figure taken from one of the pack's data tables states
                // the table's period, as the manifest gives it.
                errors.push(p.error_at(
                    &at,
                    format!(
                        "figure `{}` cites `{}`, the source of {} ({MANIFEST}), whose data are for {}; write `period = \"{}\"` rather than a period of its own (\"{}\")",
                        f.id,
                        f.source,
                        table.name,
                        table.period(),
                        table.period(),
                        f.period.trim()
                    ),
                ));
            }
            check_sources(p, std::slice::from_ref(&f.source), x.known.sources, errors);
        }
    }
    if let Some(p) = faqs {
        for f in &p.value.faq {
            if let Some(role) = &f.role
                && !x.known.roles.borrow_mut().known(role, &p.rel)
            {
                errors.push(p.error_at(
                    &format!("\"{}\"", f.key),
                    x.known.roles.borrow().unknown(role),
                ));
            }
            if let Some(s) = &f.source {
                check_sources(p, std::slice::from_ref(s), x.known.sources, errors);
            }
        }
    }
    if let Some(p) = testimonials {
        for t in &p.value.testimonial {
            if !x.known.roles.borrow_mut().known(&t.role, &p.rel) {
                errors.push(p.error_at(
                    &format!("\"{}\"", t.key),
                    x.known.roles.borrow().unknown(&t.role),
                ));
            }
        }
    }
    if let (Some(i), Some(f)) = (x.info, figures) {
        for id in &i.value.key_findings {
            if !f.value.figure.iter().any(|g| &g.id == id) {
                errors.push(i.error_at(
                    &format!("\"{id}\""),
                    unknown("figure", id, "content/data/figures.toml"),
                ));
            }
        }
    }

    if let Some(sources) = x.known.sources {
        for about in x.data.all_about() {
            if !sources.contains_key(&about.source) {
                errors.push(ContentError::new(
                    MANIFEST,
                    format!(
                        "`{}` cites source `{}`, which is not in content/sources.toml; add a [[source]] with that key",
                        about.name, about.source
                    ),
                ));
            }
        }
    }
}
