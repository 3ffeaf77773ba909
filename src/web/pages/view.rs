//! View models shared by several pages: wage rows, figures, pay, role
//! cards. Everything here is formatted for display from the compiled model;
//! templates only place it. Each kind of figure is formatted by one
//! function, so it reads the same on every page.

use crate::closed_set;
use crate::content::data::{Figure, FigureUnit};
use crate::content::dataset::projections::ProjectionRow;
use crate::content::dataset::wages::{TopCode, Value, WageField, WageManifest, WageRow};
use crate::content::facts::Pay;
use crate::content::{Site, role::Role};
use crate::db::Faq;
use crate::web::format::{group, money, money_cents, number, percent};
use crate::web::svg::charts::Amount;

closed_set! {
    /// How a table cell reads: a figure, a gap the publisher left, or a
    /// top-coded floor. The key is the cell's CSS class.
    pub enum CellKind("cell kind") {
        Plain = "" => "figure",
        Gap = "gap" => "not released",
        Top = "top" => "top-coded",
    }
}

/// The published value of `field` of `w`: a number, a top-coded floor or a gap.
pub fn amount(w: &WageRow, field: WageField, top: &TopCode) -> Amount {
    match w.value(field) {
        Value::Whole(v) => Amount::Dollars(v),
        Value::Hourly(v) => Amount::Dollars(v.round() as i64),
        Value::TopCoded => Amount::AtLeast(top.annual),
        Value::NotReleased => Amount::Missing,
    }
}

/// One wage cell: the text, and whether it is a gap or a top-code.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub kind: CellKind,
}

impl Cell {
    pub fn of(a: Amount) -> Cell {
        Cell {
            text: a.text(),
            kind: match a {
                Amount::Dollars(_) => CellKind::Plain,
                Amount::AtLeast(_) => CellKind::Top,
                Amount::Missing => CellKind::Gap,
            },
        }
    }

    /// The cell as a table cell; gaps carry a class so they read differently.
    pub fn td(&self) -> String {
        match self.kind {
            CellKind::Plain => format!("<td>{}</td>", self.text),
            k => format!("<td class=\"{}\">{}</td>", k.key(), self.text),
        }
    }
}

/// A wage row ready for a table.
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
    /// The occupation code's title.
    pub title: String,
    pub code: String,
}

impl WageView {
    pub fn new(w: &WageRow, m: &WageManifest) -> WageView {
        let cell = |f| Cell::of(amount(w, f, &m.top_code));
        WageView {
            area: w.area_name.clone(),
            abbr: w.state_abbr.clone().unwrap_or_default(),
            employment: match w.value(WageField::Employment) {
                Value::Whole(e) => group(e),
                _ => "not released".into(),
            },
            mean: cell(WageField::Mean),
            hourly_mean: match w.value(WageField::HourlyMean) {
                Value::Hourly(v) => money_cents(v),
                Value::TopCoded => format!("{} or more", money_cents(m.top_code.hourly)),
                _ => "not released".into(),
            },
            p10: cell(WageField::P10),
            p25: cell(WageField::P25),
            median: cell(WageField::Median),
            p75: cell(WageField::P75),
            p90: cell(WageField::P90),
            title: w.title.clone(),
            code: w.code.clone(),
        }
    }
}

/// "Publisher" of a source key, for short citations.
pub fn source_name(site: &Site, key: &str) -> String {
    site.sources
        .get(key)
        .map(|s| s.publisher.clone())
        .unwrap_or_else(|| key.to_string())
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

/// How a figure's number reads, in its unit.
fn figure_number(unit: FigureUnit, v: f64) -> String {
    match unit {
        FigureUnit::Usd => money(v.round() as i64),
        FigureUnit::UsdHour => format!("{} an hour", money_cents(v)),
        FigureUnit::Percent => percent(v, false),
        FigureUnit::Count | FigureUnit::Text => number(v),
    }
}

impl FigureView {
    pub fn new(f: &Figure, site: &Site) -> FigureView {
        let fmt = |v| figure_number(f.unit, v);
        let value = match (f.value, f.high, &f.text) {
            (_, _, Some(t)) if f.unit == FigureUnit::Text => t.clone(),
            (Some(v), Some(h), _) => format!("{} to {}", fmt(v), fmt(h)),
            (Some(v), None, _) => fmt(v),
            _ => "no figure".into(),
        };
        FigureView {
            label: f.label.clone(),
            value,
            source_key: f.source.clone(),
            source_name: source_name(site, &f.source),
            period: f.period.clone(),
            note: f.note.clone().unwrap_or_default(),
        }
    }

    /// The views of the figures at `indexes` of `site.figures`.
    pub fn all(site: &Site, indexes: &[usize]) -> Vec<FigureView> {
        indexes
            .iter()
            .map(|&i| FigureView::new(&site.figures[i], site))
            .collect()
    }
}

/// A role's headline pay, as every surface prints it.
#[derive(Debug, Clone)]
pub struct PayView {
    /// `$61,000`, `$70,000 to $92,000`, `$200,000 or more`.
    pub value: String,
    /// What the figure measures; names the code for a code's figure.
    pub label: String,
    /// `median` or `average`.
    pub measure: &'static str,
    pub source_key: String,
    pub source_name: String,
    pub period: String,
    /// Why this figure is the role's pay.
    pub why: String,
    pub note: String,
}

/// How a pay amount reads.
pub fn pay_text(a: crate::content::facts::Amount) -> String {
    use crate::content::facts::Amount as A;
    match a {
        A::Exact(v) => money(v),
        A::Range(a, b) => format!("{} to {}", money(a), money(b)),
        A::AtLeast(v) => format!("{} or more", money(v)),
    }
}

impl PayView {
    pub fn new(p: &Pay, site: &Site) -> PayView {
        PayView {
            value: pay_text(p.amount),
            label: p.label.clone(),
            measure: p.measure.label(),
            source_key: p.source.clone(),
            source_name: source_name(site, &p.source),
            period: p.period.clone(),
            why: p.why.clone(),
            note: p.note.clone().unwrap_or_default(),
        }
    }

    /// The headline pay of `role`, if the guide has one.
    pub fn of(site: &Site, role: &Role) -> Option<PayView> {
        site.facts(role).pay.as_ref().map(|p| PayView::new(p, site))
    }
}

/// A question and its answer, as stored rendered.
pub struct FaqView {
    pub id: i64,
    pub question: String,
    pub answer_html: String,
    pub answer_text: String,
    pub source_key: String,
    pub source_name: String,
    /// A reader's question, answered by an editor.
    pub from_reader: bool,
}

impl FaqView {
    pub fn all(site: &Site, faqs: &[Faq]) -> Vec<FaqView> {
        faqs.iter()
            .map(|f| {
                let key = f.source_key.clone().unwrap_or_default();
                FaqView {
                    id: f.id,
                    question: f.question.clone(),
                    answer_html: f.answer_html.clone(),
                    answer_text: f.answer_text.clone(),
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
            .map(|f| (f.question.clone(), f.answer_text.clone()))
            .collect()
    }
}

/// A projection ready for display.
#[derive(Debug, Clone)]
pub struct ProjectionView {
    pub title: String,
    pub period: String,
    pub employment_start: String,
    pub employment_end: String,
    pub change: String,
    pub openings: String,
    pub all_change: String,
    /// "much faster than", "faster than", "about as fast as", "slower than" the average.
    pub pace: &'static str,
    pub entry_education: String,
    pub experience: String,
    /// The publisher, as a sentence names it.
    pub publisher: String,
    pub source_key: String,
    pub short: String,
}

impl ProjectionView {
    /// The projection of `code` in `site`'s data, if there is one.
    pub fn of(site: &Site, code: &str) -> Option<ProjectionView> {
        let m = site.data.projection_manifest()?;
        let p = site.data.projection(code)?;
        Some(ProjectionView::new(p, site.data.all_projection(), m))
    }

    fn new(
        p: &ProjectionRow,
        all: Option<&ProjectionRow>,
        m: &crate::content::dataset::projections::ProjectionManifest,
    ) -> ProjectionView {
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
        let jobs = |v: f64| group(v.round() as i64);
        ProjectionView {
            title: p.title.clone(),
            period: m.about.period().to_string(),
            employment_start: jobs(p.employment_start),
            employment_end: jobs(p.employment_end),
            change: percent(p.change_pct, true),
            openings: jobs(p.openings),
            all_change: all.map(|a| percent(a.change_pct, true)).unwrap_or_default(),
            pace,
            entry_education: p.entry_education.clone().unwrap_or_default(),
            experience: p.work_experience.clone().unwrap_or_default(),
            publisher: m.about.publisher.clone(),
            source_key: m.about.source.clone(),
            short: m.about.short.clone(),
        }
    }
}

/// A role in a list: title, link, summary, level and its headline pay.
#[derive(Debug, Clone)]
pub struct RoleCard {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub level: String,
    pub education: String,
    pub pay: Option<PayView>,
}

impl RoleCard {
    pub fn new(site: &Site, role: &Role) -> RoleCard {
        RoleCard {
            url: role.url(),
            title: role.fm.title.clone(),
            summary: role.fm.summary.clone(),
            level: role.fm.level.to_string(),
            education: role.fm.education.minimum.to_string(),
            pay: PayView::of(site, role),
        }
    }
}
