//! State FIPS codes to USPS abbreviations, for the state rows of wage tables.

/// FIPS code, USPS code: the 50 states, DC and the territories.
const STATES: &[(&str, &str)] = &[
    ("01", "AL"),
    ("02", "AK"),
    ("04", "AZ"),
    ("05", "AR"),
    ("06", "CA"),
    ("08", "CO"),
    ("09", "CT"),
    ("10", "DE"),
    ("11", "DC"),
    ("12", "FL"),
    ("13", "GA"),
    ("15", "HI"),
    ("16", "ID"),
    ("17", "IL"),
    ("18", "IN"),
    ("19", "IA"),
    ("20", "KS"),
    ("21", "KY"),
    ("22", "LA"),
    ("23", "ME"),
    ("24", "MD"),
    ("25", "MA"),
    ("26", "MI"),
    ("27", "MN"),
    ("28", "MS"),
    ("29", "MO"),
    ("30", "MT"),
    ("31", "NE"),
    ("32", "NV"),
    ("33", "NH"),
    ("34", "NJ"),
    ("35", "NM"),
    ("36", "NY"),
    ("37", "NC"),
    ("38", "ND"),
    ("39", "OH"),
    ("40", "OK"),
    ("41", "OR"),
    ("42", "PA"),
    ("44", "RI"),
    ("45", "SC"),
    ("46", "SD"),
    ("47", "TN"),
    ("48", "TX"),
    ("49", "UT"),
    ("50", "VT"),
    ("51", "VA"),
    ("53", "WA"),
    ("54", "WV"),
    ("55", "WI"),
    ("56", "WY"),
    ("60", "AS"),
    ("66", "GU"),
    ("69", "MP"),
    ("72", "PR"),
    ("78", "VI"),
];

/// The USPS code for a 2-digit FIPS code, e.g. `"36"` -> `"NY"`.
pub fn abbr_for_fips(fips: &str) -> Option<&'static str> {
    STATES.iter().find(|(f, _)| *f == fips).map(|(_, a)| *a)
}

/// True for a USPS code in lower case (`ny`), as state page addresses write it.
pub fn is_abbr(lower: &str) -> bool {
    lower.bytes().all(|b| b.is_ascii_lowercase())
        && STATES.iter().any(|(_, a)| a.eq_ignore_ascii_case(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes() {
        assert_eq!(abbr_for_fips("36"), Some("NY"));
        assert_eq!(abbr_for_fips("11"), Some("DC"));
        assert_eq!(abbr_for_fips("78"), Some("VI"));
        assert_eq!(abbr_for_fips("03"), None);
        assert_eq!(abbr_for_fips(""), None);
    }
}
