//! Freshness: figures and sources older than a configurable age are warnings.
//!
//! # How a period is dated
//!
//! A figure's `period` (and a source's `date`) is read as the last month it
//! describes:
//!
//! - `2024` is December 2024; `May 2019` is May 2019. A leading "around",
//!   "about", "circa" or "as of", a trailing "data", and anything after `(`
//!   or `;` are ignored: "around 2019" is 2019, "2024 data" is 2024.
//! - A range (`2014-2024`, `2024–2034`, `2024-34`) is dated by its FIRST
//!   year. Ranges on the site are projections or changes measured from a
//!   base year, and their numbers rest on that year's data: the 2014-2024
//!   projection was made from 2014 data, so it is as old as 2014, although
//!   its range ends recently; a 2030-2040 projection is as old as 2030.
//! - "undated" (or "n.d.") says on purpose that the source gives no date:
//!   nothing is reported. Any other text (e.g. "through 2034") cannot be
//!   dated, and the figure gets an `undatable-period` warning asking for a
//!   period in one of the forms above. For sources, text that cannot be
//!   dated is skipped.
//!
//! The age is counted in whole months from that month to today's; a figure
//! more than `max_age_months` old (default 24) is a `stale-figure` warning,
//! and a source a `stale-source` warning.

use super::report::{Finding, Kind, Report};
use super::toml_lines::locate;
use crate::content::data::FiguresFile;
use crate::content::date::Date;
use crate::content::registry::SourcesFile;
use std::fs;
use std::path::Path;

/// What a period string says about its age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodDate {
    /// The last month the period describes (year, month 1-12).
    Month(i32, u8),
    /// The editors wrote that the source is undated.
    Undated,
    /// Text this parser cannot date.
    Unreadable,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() == 3 && m.starts_with(w)) || (w == "sept" && *m == "september")
        })
        .map(|i| i as u8 + 1)
}

fn year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Reads a period such as "May 2019", "2024", "2014-2024" or "around 2019".
pub fn parse_period(period: &str) -> PeriodDate {
    let mut s = period.trim().to_lowercase();
    if s.starts_with("undated") || s == "n.d." || s == "nd" {
        return PeriodDate::Undated;
    }
    if let Some(i) = s.find(['(', ';']) {
        s.truncate(i);
    }
    let mut s = s.trim();
    for prefix in [
        "around ",
        "about ",
        "circa ",
        "c. ",
        "ca. ",
        "approximately ",
        "as of ",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim();
        }
    }
    let s = s.strip_suffix(" data").unwrap_or(s).trim();
    let s = s
        .replace(['\u{2013}', '\u{2014}'], "-")
        .replace(" to ", "-");
    let words: Vec<&str> = s.split_whitespace().collect();
    match words.as_slice() {
        [y] => {
            if let Some(y) = year(y) {
                return PeriodDate::Month(y, 12);
            }
            if let Some((a, b)) = y.split_once('-')
                && let Some(start) = year(a)
            {
                let end = match b.len() {
                    4 => year(b),
                    2 => b.parse::<i32>().ok().map(|n| start - start % 100 + n),
                    _ => None,
                };
                if end.is_some_and(|e| e > start) {
                    return PeriodDate::Month(start, 12);
                }
            }
            PeriodDate::Unreadable
        }
        [m, y] => match (month_number(m), year(y)) {
            (Some(m), Some(y)) => PeriodDate::Month(y, m),
            _ => PeriodDate::Unreadable,
        },
        [a, "-", b] => match (year(a), year(b)) {
            (Some(a), Some(b)) if b > a => PeriodDate::Month(a, 12),
            _ => PeriodDate::Unreadable,
        },
        _ => PeriodDate::Unreadable,
    }
}

/// Whole months from (year, month) to `today`; negative for the future.
pub fn months_old(year: i32, month: u8, today: Date) -> i32 {
    let t = today.0;
    (t.year() * 12 + u8::from(t.month()) as i32) - (year * 12 + month as i32)
}

/// ", counted from December 2014" when the period is not simply a month or a year.
fn dated_from(period: &str, y: i32, m: u8) -> String {
    let plain = [format!("{y}"), format!("{} {y}", month_name(m))];
    if plain.iter().any(|p| p == period.trim()) {
        String::new()
    } else {
        format!(", counted from {} {y}", month_name(m))
    }
}

fn month_name(m: u8) -> String {
    let name = MONTHS[(m.clamp(1, 12) - 1) as usize];
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Checks the periods of `data/figures.toml` and the dates of
/// `sources.toml`. Reads the files itself, so it runs even when the rest of
/// the content does not load (a file that does not parse is skipped: the
/// load reports it).
pub fn check(root: &Path, today: Date, max_age_months: u32, report: &mut Report) {
    let max = max_age_months as i32;
    let figures_rel = "data/figures.toml";
    if let Ok(text) = fs::read_to_string(root.join(figures_rel))
        && let Ok(file) = toml::from_str::<FiguresFile>(&text)
    {
        report.checked.figures = file.figure.len();
        for f in &file.figure {
            let at = |finding: Finding| locate(finding, &text, ("id", &f.id), "period");
            match parse_period(&f.period) {
                PeriodDate::Month(y, m) => {
                    let age = months_old(y, m, today);
                    if age > max {
                        report.push(at(Finding::warning(
                            Kind::StaleFigure,
                            figures_rel,
                            format!(
                                "figure `{}` (period {}{}) is {age} months old, more than {max}: look for a newer edition of source `{}` and update the value and period, or remove the figure",
                                f.id, f.period, dated_from(&f.period, y, m), f.source
                            ),
                        )));
                    }
                }
                PeriodDate::Undated => {}
                PeriodDate::Unreadable => {
                    if !f.period.trim().is_empty() {
                        report.push(at(Finding::warning(
                            Kind::UndatablePeriod,
                            figures_rel,
                            format!(
                                "cannot tell how old figure `{}` is from its period \"{}\"; write it as \"June 2030\", \"2030\" or \"2030-2040\", or \"undated\" when the source gives no date",
                                f.id, f.period
                            ),
                        )));
                    }
                }
            }
        }
    }
    check_sources(root, today, max, report);
}

fn check_sources(root: &Path, today: Date, max: i32, report: &mut Report) {
    let rel = "sources.toml";
    let Ok(text) = fs::read_to_string(root.join(rel)) else {
        return;
    };
    let Ok(file) = toml::from_str::<SourcesFile>(&text) else {
        return;
    };
    report.checked.sources = file.source.len();
    for s in &file.source {
        if let PeriodDate::Month(y, m) = parse_period(&s.date) {
            let age = months_old(y, m, today);
            if age > max {
                report.push(locate(Finding::warning(
                    Kind::StaleSource,
                    rel,
                    format!(
                        "source `{}` (dated {}{}) is {age} months old, more than {max}: check for a newer edition and update the figures and pages that cite it",
                        s.key, s.date, dated_from(&s.date, y, m)
                    ),
                ), &text, ("key", &s.key), "date"));
            }
        }
    }
}

/// Checks the `as_of` of each program's published length and cost: an old
/// one is a `stale-figure` warning at its line, like a figure's period.
pub fn check_programs(
    root: &Path,
    site: &crate::content::Site,
    today: Date,
    max_age_months: u32,
    report: &mut Report,
) {
    for p in &site.programs {
        let text = fs::read_to_string(root.join(&p.path)).unwrap_or_default();
        for (what, f) in p.figures() {
            let Some(as_of) = f.as_of.as_deref() else {
                continue;
            };
            let finding = match parse_period(as_of) {
                PeriodDate::Month(y, m) if months_old(y, m, today) > max_age_months as i32 => {
                    Finding::warning(
                        Kind::StaleFigure,
                        &p.path,
                        format!(
                            "the {} of program `{}` (as of {as_of}{}) is {} months old, more than {max_age_months}: check the institution's page and update the text and `as_of`",
                            what.to_lowercase(),
                            p.slug,
                            dated_from(as_of, y, m),
                            months_old(y, m, today)
                        ),
                    )
                }
                PeriodDate::Unreadable => Finding::warning(
                    Kind::UndatablePeriod,
                    &p.path,
                    format!(
                        "cannot tell how old the {} of program `{}` is from `as_of = \"{as_of}\"`; write it as \"June 2030\", \"2030\" or \"2030-2031\", or \"undated\"",
                        what.to_lowercase(),
                        p.slug
                    ),
                ),
                _ => continue,
            };
            // The line of this figure's `as_of`: the first after its table or key.
            let key = what.to_lowercase();
            let start = text
                .find(&format!("[{key}]"))
                .or_else(|| text.find(&format!("{key} =")));
            let line = start.and_then(|at| {
                text[at..]
                    .find("as_of")
                    .map(|i| text[..at + i].matches('\n').count() + 1)
            });
            report.push(match line {
                Some(l) => finding.at(l, None),
                None => finding,
            });
        }
    }
}

/// Checks a period that lives in code rather than in a content file (the
/// manifest's tables), reporting against `file`.
pub fn check_table(
    file: &str,
    label: &str,
    period: &str,
    today: Date,
    max_age_months: u32,
    report: &mut Report,
) {
    if let PeriodDate::Month(y, m) = parse_period(period) {
        let age = months_old(y, m, today);
        if age > max_age_months as i32 {
            report.push(Finding::warning(
                Kind::StaleFigure,
                file,
                format!(
                    "{label} describe {period}, {age} months ago, more than {max_age_months}: replace the files with the newest release and update their period and source"
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn reads_the_periods_editors_write() {
        use PeriodDate::*;
        assert_eq!(parse_period("May 2019"), Month(2019, 5));
        assert_eq!(parse_period("2030"), Month(2030, 12));
        assert_eq!(parse_period("2014-2030"), Month(2014, 12));
        assert_eq!(parse_period("2030\u{2013}2040"), Month(2030, 12));
        assert_eq!(parse_period("2030-40"), Month(2030, 12));
        assert_eq!(parse_period("2021-2023"), Month(2021, 12));
        assert_eq!(parse_period("around 2019"), Month(2019, 12));
        assert_eq!(parse_period("2030 data"), Month(2030, 12));
        assert_eq!(
            parse_period("June 2030 (published 15 May 2031)"),
            Month(2030, 6)
        );
        assert_eq!(parse_period("Sept. 2020"), Month(2020, 9));
        assert_eq!(parse_period("undated"), Undated);
        assert_eq!(parse_period("undated; cites May 2019 data"), Undated);
        assert_eq!(parse_period("through 2040"), Unreadable);
        assert_eq!(parse_period("2030-05"), Unreadable);
        assert_eq!(parse_period("Mayday 2019"), Unreadable);
    }

    #[test]
    fn ages_in_months() {
        let today = d("2026-11-23");
        assert_eq!(months_old(2019, 5, today), 90);
        assert_eq!(months_old(2014, 12, today), 143);
        assert_eq!(months_old(2024, 12, today), 23);
        assert!(months_old(2026, 12, today) < 0);
    }
}
