//! Query strings read by hand, so no input can fail extraction: `+` is a
//! space, `%XX` a byte, bad escapes are kept as typed, and bytes that are
//! not UTF-8 become U+FFFD. Handlers then judge the values themselves.

/// Every `key=value` pair of `query`, in order, decoded.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// The first value of `key`, if given.
pub fn first<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Every value of `key`, in order.
pub fn all<'a>(pairs: &'a [(String, String)], key: &'a str) -> impl Iterator<Item = &'a str> {
    pairs
        .iter()
        .filter(move |(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Percent-decodes one component of a form-encoded query.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Encodes a value for a query string (form encoding: space as `+`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_forgivingly() {
        assert_eq!(decode("a+b%20c"), "a b c");
        assert_eq!(decode("%zz%"), "%zz%");
        assert_eq!(decode("%4"), "%4");
        assert_eq!(decode("%ff%fe"), "\u{FFFD}\u{FFFD}");
        assert_eq!(decode("caf%C3%A9"), "café");
        let p = pairs("q=a%26b&page=2&&flag");
        assert_eq!(first(&p, "q"), Some("a&b"));
        assert_eq!(first(&p, "page"), Some("2"));
        assert_eq!(first(&p, "flag"), Some(""));
        assert_eq!(encode("a b&c/é"), "a+b%26c%2F%C3%A9");
    }
}
