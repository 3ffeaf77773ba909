//! Salary charts: percentile ranges and ranked bars. Each chart is an
//! `<svg role="img">` with a `<title>` and `<desc>`; the page puts the
//! caption (source and period) and a table of the same figures beside it.
//! A figure the source did not publish is drawn as words, never as zero.

use super::{esc, num, wrap};
use crate::web::format::money;

/// A dollar figure as published: a number, a top-coded "at least", or none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    Dollars(i64),
    /// Top-coded: the true value is this or more.
    AtLeast(i64),
    /// Not released.
    Missing,
}

impl Amount {
    fn value(self) -> Option<f64> {
        match self {
            Amount::Dollars(v) | Amount::AtLeast(v) => Some(v as f64),
            Amount::Missing => None,
        }
    }

    /// How the figure reads: `$61,000`, `$200,000 or more`, `not released`.
    pub fn text(self) -> String {
        match self {
            Amount::Dollars(v) => money(v),
            Amount::AtLeast(v) => format!("{} or more", money(v)),
            Amount::Missing => "not released".into(),
        }
    }
}

/// Title and description of a chart (`id` prefixes their ids).
#[derive(Debug, Clone)]
pub struct ChartText {
    pub id: String,
    pub title: String,
    pub desc: String,
}

/// One row of a percentile chart.
#[derive(Debug, Clone)]
pub struct RangeRow {
    pub label: String,
    pub p10: Amount,
    pub p25: Amount,
    pub median: Amount,
    pub p75: Amount,
    pub p90: Amount,
}

/// One bar of a ranked chart.
#[derive(Debug, Clone)]
pub struct BarRow {
    pub label: String,
    pub value: Amount,
}

const WIDTH: f64 = 420.0;
const SIDE: f64 = 12.0;
const LABEL_CHARS: usize = 52;

fn open(t: &ChartText, height: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"chart\" viewBox=\"0 0 {w} {h}\" \
width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
font-family=\"system-ui, sans-serif\" font-size=\"13\" fill=\"#1d2330\">\n\
<title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n",
        id = esc(&t.id),
        w = num(WIDTH),
        h = num(height),
        title = esc(&t.title),
        desc = esc(&t.desc),
    )
}

/// A round top for the scale: the next multiple of the smallest round step
/// that gives at most `steps` intervals.
fn scale_top(max: f64, steps: f64) -> (f64, f64) {
    let max = max.max(1.0);
    for step in [
        10_000.0, 20_000.0, 25_000.0, 50_000.0, 100_000.0, 200_000.0, 500_000.0,
    ] {
        let top = (max / step).ceil() * step;
        if top / step <= steps {
            return (top, step);
        }
    }
    let step = (max / steps).ceil();
    (step * steps, step)
}

/// `$100k`, `$0`.
fn short_money(v: f64) -> String {
    if v == 0.0 {
        "$0".into()
    } else if v >= 1000.0 {
        format!("${}k", num(v / 1000.0))
    } else {
        money(v as i64)
    }
}

/// The axis: gridlines and labels at each step from 0 to `top`, at `y`.
fn axis(s: &mut String, x0: f64, x1: f64, top: f64, step: f64, y_top: f64, y: f64) {
    s.push_str("<g class=\"axis\" font-size=\"11\" fill=\"#4b5565\">\n");
    let mut v = 0.0;
    while v <= top + 0.5 {
        let x = x0 + (x1 - x0) * v / top;
        s.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#d6dbe3\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            num(y_top),
            num(y),
            num(y + 14.0),
            short_money(v),
            x = num(x),
        ));
        v += step;
    }
    s.push_str("</g>\n");
}

/// Bars from the 10th to the 90th percentile, a box from the 25th to the
/// 75th, and a mark at the median, one row per entry.
pub fn percentile_bars(t: &ChartText, rows: &[RangeRow]) -> String {
    let max = rows
        .iter()
        .flat_map(|r| [r.p10, r.p25, r.median, r.p75, r.p90])
        .filter_map(Amount::value)
        .fold(0.0, f64::max);
    let (top, step) = scale_top(max, 6.0);
    let (x0, x1) = (SIDE, WIDTH - SIDE - 8.0);
    let x = |v: f64| x0 + (x1 - x0) * v / top;
    let labels: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            wrap(
                &format!("{}: median {}", r.label, r.median.text()),
                LABEL_CHARS,
            )
        })
        .collect();
    let heights: Vec<f64> = labels
        .iter()
        .map(|l| l.len() as f64 * 16.0 + 30.0)
        .collect();
    let body: f64 = heights.iter().sum();
    let height = 8.0 + body + 28.0;
    let mut s = open(t, height);
    axis(&mut s, x0, x1, top, step, 4.0, 8.0 + body);
    let mut y = 8.0;
    for (r, (lines, h)) in rows.iter().zip(labels.iter().zip(&heights)) {
        s.push_str("<g class=\"row\">");
        for (k, line) in lines.iter().enumerate() {
            s.push_str(&format!(
                "<text x=\"{}\" y=\"{}\">{}</text>",
                num(x0),
                num(y + 13.0 + k as f64 * 16.0),
                esc(line)
            ));
        }
        let bar_y = y + lines.len() as f64 * 16.0 + 12.0;
        match (r.p10.value(), r.p90.value()) {
            (Some(lo), Some(hi)) => {
                s.push_str(&format!(
                    "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#0b5cad\" stroke-width=\"3\"/>",
                    num(x(lo)),
                    num(x(hi)),
                    y = num(bar_y)
                ));
                if matches!(r.p90, Amount::AtLeast(_)) {
                    // Top-coded: an open end, dashed past the published cap.
                    s.push_str(&format!(
                        "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#8a4b00\" stroke-width=\"3\" stroke-dasharray=\"3 3\"/>",
                        num(x(hi)),
                        num((x(hi) + 16.0).min(WIDTH - 2.0)),
                        y = num(bar_y)
                    ));
                }
            }
            _ => {
                s.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" font-style=\"italic\" fill=\"#4b5565\">10th to 90th percentile not released</text>",
                    num(x0),
                    num(bar_y + 4.0)
                ));
            }
        }
        if let (Some(lo), Some(hi)) = (r.p25.value(), r.p75.value()) {
            s.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"#9cc3eb\" stroke=\"#0b5cad\"/>",
                num(x(lo)),
                num(bar_y - 6.0),
                num((x(hi) - x(lo)).max(1.0))
            ));
        }
        if let Some(m) = r.median.value() {
            s.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"4\" height=\"18\" fill=\"#1d2330\"/>",
                num(x(m) - 2.0),
                num(bar_y - 9.0)
            ));
        }
        s.push_str("</g>\n");
        y += h;
    }
    s.push_str("</svg>");
    s
}

/// Ranked horizontal bars in titled groups (e.g. highest and lowest).
pub fn ranked_bars(t: &ChartText, groups: &[(String, Vec<BarRow>)]) -> String {
    const ROW: f64 = 22.0;
    const HEAD: f64 = 26.0;
    const LABEL_W: f64 = 138.0;
    const VALUE_W: f64 = 112.0;
    let max = groups
        .iter()
        .flat_map(|(_, rows)| rows.iter().filter_map(|r| r.value.value()))
        .fold(0.0, f64::max);
    let (top, step) = scale_top(max, 3.0);
    let (x0, x1) = (SIDE + LABEL_W, WIDTH - VALUE_W);
    let x = |v: f64| x0 + (x1 - x0) * v / top;
    let body: f64 = groups
        .iter()
        .map(|(_, rows)| HEAD + rows.len() as f64 * ROW)
        .sum();
    let height = 8.0 + body + 28.0;
    let mut s = open(t, height);
    axis(&mut s, x0, x1, top, step, 4.0, 8.0 + body);
    let mut y = 8.0;
    for (head, rows) in groups {
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-weight=\"700\">{}</text>\n",
            num(SIDE),
            num(y + 18.0),
            esc(head)
        ));
        y += HEAD;
        for r in rows {
            let mid = y + ROW / 2.0;
            s.push_str(&format!(
                "<g class=\"row\"><text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>",
                num(x0 - 6.0),
                num(mid + 4.0),
                esc(&r.label)
            ));
            match r.value.value() {
                Some(v) => s.push_str(&format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
                    num(x0),
                    num(mid - 7.0),
                    num((x(v) - x0).max(1.0)),
                    if matches!(r.value, Amount::AtLeast(_)) { "#8a4b00" } else { "#0b5cad" },
                    num(x(v) + 4.0),
                    num(mid + 4.0),
                    esc(&r.value.text())
                )),
                None => s.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" font-size=\"12\" font-style=\"italic\" fill=\"#4b5565\">not released</text>",
                    num(x0 + 4.0),
                    num(mid + 4.0)
                )),
            }
            s.push_str("</g>\n");
            y += ROW;
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> ChartText {
        ChartText {
            id: "c".into(),
            title: "Pay".into(),
            desc: "Pay by role".into(),
        }
    }

    #[test]
    fn gaps_are_words_not_zero() {
        let svg = percentile_bars(
            &text(),
            &[RangeRow {
                label: "Gap".into(),
                p10: Amount::Missing,
                p25: Amount::Missing,
                median: Amount::Missing,
                p75: Amount::Missing,
                p90: Amount::Missing,
            }],
        );
        assert!(svg.contains("median not released"), "{svg}");
        assert!(svg.contains("not released</text>"), "{svg}");
        let svg = ranked_bars(
            &text(),
            &[(
                "Top".into(),
                vec![
                    BarRow {
                        label: "A".into(),
                        value: Amount::AtLeast(200_000),
                    },
                    BarRow {
                        label: "B".into(),
                        value: Amount::Missing,
                    },
                ],
            )],
        );
        assert!(svg.contains("$200,000 or more"), "{svg}");
        assert!(svg.contains("not released"), "{svg}");
    }

    #[test]
    fn scale_is_round() {
        assert_eq!(scale_top(428_550.0, 6.0), (500_000.0, 100_000.0));
        assert_eq!(scale_top(224_340.0, 6.0), (250_000.0, 50_000.0));
        assert_eq!(scale_top(134_630.0, 3.0), (150_000.0, 50_000.0));
        assert_eq!(scale_top(0.0, 6.0), (10_000.0, 10_000.0));
    }
}
