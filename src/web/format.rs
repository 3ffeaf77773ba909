//! Formatting helpers for figures: money, counts, percentages. Every page
//! formats numbers through these, so a figure reads the same everywhere.

/// `$123,860`.
pub fn money(v: i64) -> String {
    format!("${}", group(v))
}

/// `$59.55` an hour.
pub fn money_cents(v: f64) -> String {
    let cents = (v * 100.0).round() as i64;
    format!("${}.{:02}", group(cents / 100), cents % 100)
}

/// `155,495,730`.
pub fn group(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number without trailing `.0`: `15`, `15.2`.
pub fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        group(v.round() as i64)
    } else {
        let s = format!("{v:.1}");
        match s.split_once('.') {
            Some((int, frac)) => format!("{}.{frac}", group(int.parse().unwrap_or(0))),
            None => s,
        }
    }
}

/// `15%`, `15.2%`, `+3.1%` with `signed`.
pub fn percent(v: f64, signed: bool) -> String {
    let sign = if signed && v > 0.0 { "+" } else { "" };
    format!("{sign}{}%", number(v))
}

/// A count given in thousands, as a whole number: 55.6 -> "55,600".
pub fn thousands(v: f64) -> String {
    group((v * 1000.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(money(123860), "$123,860");
        assert_eq!(money(999), "$999");
        assert_eq!(money_cents(86.14), "$86.14");
        assert_eq!(money_cents(1234.5), "$1,234.50");
        assert_eq!(group(-1234567), "-1,234,567");
        assert_eq!(number(15.0), "15");
        assert_eq!(number(15.25), "15.2");
        assert_eq!(number(1234.5), "1,234.5");
        assert_eq!(percent(3.1, true), "+3.1%");
        assert_eq!(percent(-2.0, true), "-2%");
        assert_eq!(thousands(55.6), "55,600");
        assert_eq!(thousands(616.2), "616,200");
    }
}
