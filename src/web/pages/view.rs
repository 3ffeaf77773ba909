//! View models shared by several pages: wage rows, figures, role cards.
//! Everything here is formatted for display; templates only place it.

use crate::content::data::FigureUnit;
use crate::content::{Site, role::Role};
use crate::db::{Faq, FigureRow, Projection, Wage};
use crate::web::format::{group, money, money_cents, number, percent, thousands};

/// One wage cell: the text, and whether it is a gap (not released / top-coded).
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    /// `""`, `"gap"` (not released) or `"top"` (top-coded).
    pub kind: &'static str,
}

impl Cell {
    /// The cell as a table cell; gaps carry a class so they read differently.
    pub fn td(&self) -> String {
        if self.kind.is_empty() {
            format!("<td>{}</td>", self.text)
        } else {
            format!("<td class=\"{}\">{}</td>", self.kind, self.text)
        }
    }

    /// The cell for `field` of `w` (value `v`): a gap or top-code reads as such.
    pub fn of(w: &Wage, field: &str, v: Option<i64>) -> Cell {
        if w.is_topcoded(field) {
            Cell {
                text: "$239,200 or more".into(),
                kind: "top",
            }
        } else if w.is_not_released(field) || v.is_none() {
            Cell {
                text: "not released".into(),
                kind: "gap",
            }
        } else {
            Cell {
                text: money(v.unwrap_or_default()),
                kind: "",
            }
        }
    }
}

/// An OEWS row ready for a table.
#[derive(Debug, Clone)]
pub struct WageView {
    pub area: String,
    pub abbr: String,
    pub employment: String,
    pub mean: Cell,
    pub hourly_mean: String,
    pub p10: Cell,
    pub p25: Cell,
    pub median: Cell,
    pub p75: Cell,
    pub p90: Cell,
    pub period: String,
    pub title: String,
}

impl WageView {
    pub fn new(w: &Wage) -> WageView {
        WageView {
            area: w.area_name.clone(),
            abbr: w.state_abbr.clone().unwrap_or_default(),
            employment: match w.employment {
                Some(e) => group(e),
                None => "not released".into(),
            },
            mean: Cell::of(w, "annual_mean_wage", w.annual_mean),
            hourly_mean: w
                .hourly_mean
                .map(money_cents)
                .unwrap_or_else(|| "not released".into()),
            p10: Cell::of(w, "annual_p10_wage", w.annual_p10),
            p25: Cell::of(w, "annual_p25_wage", w.annual_p25),
            median: Cell::of(w, "annual_median_wage", w.annual_median),
            p75: Cell::of(w, "annual_p75_wage", w.annual_p75),
            p90: Cell::of(w, "annual_p90_wage", w.annual_p90),
            period: w.period.clone(),
            title: w.occupation_title.clone(),
        }
    }
}

/// A published figure with its source and period.
#[derive(Debug, Clone)]
pub struct FigureView {
    pub label: String,
    pub value: String,
    pub source_key: String,
    pub source_name: String,
    pub period: String,
    pub note: String,
}

impl FigureView {
    pub fn new(f: &FigureRow, site: &Site) -> FigureView {
        let fmt = |v: f64| match FigureUnit::from_key(&f.unit) {
            Some(FigureUnit::Usd) => money(v.round() as i64),
            Some(FigureUnit::UsdHour) => format!("{} an hour", money_cents(v)),
            Some(FigureUnit::Percent) => percent(v, false),
            _ => number(v),
        };
        let value = match (f.value, f.high, &f.text) {
            (_, _, Some(t)) if f.unit == "text" => t.clone(),
            (Some(v), Some(h), _) => format!("{} to {}", fmt(v), fmt(h)),
            (Some(v), None, _) => fmt(v),
            _ => "no figure".into(),
        };
        FigureView {
            label: f.label.clone(),
            value,
            source_key: f.source_key.clone(),
            source_name: source_name(site, &f.source_key),
            period: f.period.clone(),
            note: f.note.clone().unwrap_or_default(),
        }
    }
}

/// A question and its rendered answer.
pub struct FaqView {
    pub id: i64,
    pub question: String,
    pub answer_html: String,
    pub source_key: String,
    pub source_name: String,
    /// A reader's question, answered by an editor.
    pub from_reader: bool,
}

impl FaqView {
    /// Views of `faqs`, answers rendered from Markdown, sources named.
    pub fn all(site: &Site, faqs: &[Faq]) -> Vec<FaqView> {
        faqs.iter()
            .map(|f| {
                let key = f.source_key.clone().unwrap_or_default();
                FaqView {
                    id: f.id,
                    question: f.question.clone(),
                    answer_html: f
                        .answer_html
                        .clone()
                        .unwrap_or_else(|| crate::content::markdown::render(&f.answer_md).html),
                    from_reader: f.from_reader,
                    source_name: if key.is_empty() {
                        String::new()
                    } else {
                        source_name(site, &key)
                    },
                    source_key: key,
                }
            })
            .collect()
    }

    /// (question, answer as plain text) pairs, for FAQPage JSON-LD.
    pub fn pairs(faqs: &[FaqView]) -> Vec<(String, String)> {
        faqs.iter()
            .map(|f| {
                (
                    f.question.clone(),
                    crate::content::markdown::text_of_html(&f.answer_html),
                )
            })
            .collect()
    }
}

/// "Publisher" of a source key, for short citations.
pub fn source_name(site: &Site, key: &str) -> String {
    site.sources
        .get(key)
        .map(|s| s.publisher.clone())
        .unwrap_or_else(|| key.to_string())
}

/// BLS projections ready for display.
#[derive(Debug, Clone)]
pub struct ProjectionView {
    pub title: String,
    pub period: String,
    pub employment_2024: String,
    pub employment_2034: String,
    pub change: String,
    pub openings: String,
    pub all_change: String,
    /// "much faster than", "faster than", "about as fast as", "slower than" the average.
    pub pace: &'static str,
    pub entry_education: String,
    pub experience: String,
}

impl ProjectionView {
    pub fn new(p: &Projection, all: Option<&Projection>) -> ProjectionView {
        let avg = all.map(|a| a.change_pct).unwrap_or(0.0);
        let pace = if all.is_none() {
            "compared with"
        } else if p.change_pct >= avg * 2.0 + 2.0 {
            "much faster than"
        } else if p.change_pct > avg + 1.0 {
            "faster than"
        } else if p.change_pct >= avg - 1.0 {
            "about as fast as"
        } else {
            "slower than"
        };
        ProjectionView {
            title: p.title.clone(),
            period: p.period.clone(),
            employment_2024: thousands(p.employment_2024),
            employment_2034: thousands(p.employment_2034),
            change: percent(p.change_pct, true),
            openings: thousands(p.openings_per_year),
            all_change: all.map(|a| percent(a.change_pct, true)).unwrap_or_default(),
            pace,
            entry_education: p.typical_entry_education.clone().unwrap_or_default(),
            experience: p.work_experience.clone().unwrap_or_default(),
        }
    }
}

/// A role in a list: title, link, summary, level and its lead pay figure.
#[derive(Debug, Clone)]
pub struct RoleCard {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub level: String,
    pub education: String,
    pub pay: Option<PayFigure>,
}

/// The figure that leads a role's pay: a published figure when the role
/// names one, else the BLS national median for its SOC code.
#[derive(Debug, Clone)]
pub struct PayFigure {
    pub label: String,
    pub value: String,
    pub source_key: String,
    pub source_name: String,
    pub period: String,
    pub note: String,
}

impl PayFigure {
    pub fn from_wage(w: &Wage, soc_title: &str) -> Option<PayFigure> {
        let cell = Cell::of(w, "annual_median_wage", w.annual_median);
        Some(PayFigure {
            label: format!("Median annual pay, {} ({})", soc_title, w.soc_code),
            value: cell.text,
            source_key: w.source_key.clone(),
            source_name: "BLS OEWS".into(),
            period: w.period.clone(),
            note: String::new(),
        })
    }

    pub fn from_figure(f: &FigureView) -> PayFigure {
        PayFigure {
            label: f.label.clone(),
            value: f.value.clone(),
            source_key: f.source_key.clone(),
            source_name: f.source_name.clone(),
            period: f.period.clone(),
            note: f.note.clone(),
        }
    }
}

impl RoleCard {
    pub fn new(role: &Role, pay: Option<PayFigure>) -> RoleCard {
        RoleCard {
            url: role.url(),
            title: role.fm.title.clone(),
            summary: role.fm.summary.clone(),
            level: role.fm.level.to_string(),
            education: role.fm.education.minimum.to_string(),
            pay,
        }
    }
}

/// Looks up each role's lead pay figure: its headline figure, else the BLS
/// national median for its SOC code. Runs on a database connection.
pub fn lead_pay(
    conn: &rusqlite::Connection,
    site: &Site,
    roles: &[&Role],
) -> Result<Vec<Option<PayFigure>>, crate::db::DbError> {
    let mut out = Vec::with_capacity(roles.len());
    for role in roles {
        if let Some(id) = &role.fm.headline_figure {
            let rows = crate::db::figures_by_ids(conn, std::slice::from_ref(id))?;
            if let Some(f) = rows.first() {
                out.push(Some(PayFigure::from_figure(&FigureView::new(f, site))));
                continue;
            }
        }
        let w = crate::db::national_wage(conn, &role.fm.soc)?;
        out.push(w.and_then(|w| PayFigure::from_wage(&w, &w.occupation_title.clone())));
    }
    Ok(out)
}
