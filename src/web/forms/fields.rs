//! Checking what readers typed: trimmed text within limits, a whole number
//! in a range, an email address. Each problem is recorded against its
//! field for the form's error summary and the message beside the field.

/// The problems of one submitted form, in field order.
#[derive(Debug, Clone, Default)]
pub struct Errors {
    /// (field id, message); an empty id is about the whole form.
    pub list: Vec<(&'static str, String)>,
}

impl Errors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.list.push((field, message.into()));
    }

    /// The message for `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// A message about the whole form, shown first.
    pub fn form(&mut self, message: impl Into<String>) {
        self.list.insert(0, ("", message.into()));
    }
}

/// `value` trimmed, line ends made `\n`, control characters dropped.
pub fn clean(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect::<String>()
        .trim()
        .to_string()
}

/// Checks required text of `min..=max` characters; `what` names it in
/// messages ("your name").
pub fn text(
    errors: &mut Errors,
    field: &'static str,
    value: &str,
    what: &str,
    min: usize,
    max: usize,
) -> String {
    let v = clean(value);
    let n = v.chars().count();
    if n == 0 && min > 0 {
        errors.add(field, format!("Enter {what}"));
    } else if n < min {
        errors.add(
            field,
            format!(
                "{} must be at least {min} characters (now {n})",
                capital(what)
            ),
        );
    } else if n > max {
        errors.add(
            field,
            format!(
                "{} must be {max} characters or fewer (now {n})",
                capital(what)
            ),
        );
    }
    v
}

/// Checks a whole number from `min` to `max`.
pub fn number(
    errors: &mut Errors,
    field: &'static str,
    value: &str,
    what: &str,
    min: i64,
    max: i64,
) -> i64 {
    match clean(value).parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => n,
        Ok(_) => {
            errors.add(
                field,
                format!("{} must be a number from {min} to {max}", capital(what)),
            );
            0
        }
        Err(_) if clean(value).is_empty() => {
            errors.add(field, format!("Enter {what}"));
            0
        }
        Err(_) => {
            errors.add(
                field,
                format!("{} must be a whole number, like 3", capital(what)),
            );
            0
        }
    }
}

/// Checks an email address; returns it lower-cased.
pub fn email(errors: &mut Errors, field: &'static str, value: &str) -> String {
    let v = clean(value).to_lowercase();
    if v.is_empty() {
        errors.add(field, "Enter your email address");
    } else if v.len() > 254 || v.parse::<lettre::Address>().is_err() || !v.contains('.') {
        errors.add(field, "Enter an email address like name@example.com");
    }
    v
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_and_cleans() {
        let mut e = Errors::default();
        assert_eq!(
            text(&mut e, "a", "  hi\r\nthere\u{7} ", "your text", 1, 20),
            "hi\nthere"
        );
        assert!(e.is_empty());
        text(&mut e, "b", "", "your name", 1, 5);
        text(&mut e, "c", "toolong", "your name", 1, 5);
        assert_eq!(e.get("b"), Some("Enter your name"));
        assert_eq!(
            e.get("c"),
            Some("Your name must be 5 characters or fewer (now 7)")
        );
        assert_eq!(number(&mut e, "d", "3", "years", 0, 70), 3);
        number(&mut e, "e", "three", "years", 0, 70);
        assert!(e.get("e").is_some());
        assert_eq!(email(&mut e, "f", " Me@Example.ORG "), "me@example.org");
        assert!(e.get("f").is_none());
        email(&mut e, "g", "not an address");
        assert!(e.get("g").is_some());
    }
}
