//! Closed sets: enums whose every value has one key (as written in content
//! files, query strings and the JSON API) and one label (as shown to
//! readers). [`closed_set!`](crate::closed_set) declares such an enum once;
//! parsing, printing, serde and the list of valid keys all come from that
//! one declaration, so no second mapping exists anywhere.

use std::fmt;

/// A key that names no value of a closed set: says which set, what was
/// given and which keys exist. Its text serves editors (front matter),
/// readers (a 400 page) and API clients alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// What the set is, e.g. "career stage".
    pub what: &'static str,
    /// The key given (cut to 40 characters).
    pub given: String,
    /// Every valid key, in order.
    pub valid: Vec<&'static str>,
}

impl UnknownKey {
    pub fn new(what: &'static str, given: &str, valid: Vec<&'static str>) -> UnknownKey {
        UnknownKey {
            what,
            given: given.chars().take(40).collect(),
            valid,
        }
    }
}

impl fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "there is no {} called “{}”; use one of: {}",
            self.what,
            self.given,
            self.valid.join(", ")
        )
    }
}

impl std::error::Error for UnknownKey {}

/// Declares a closed set. Each variant is written `Name = "key" => "Label"`;
/// the enum gets `ALL` (declaration order, which is also its `Ord`),
/// `key()`, `label()`, `from_key()`, `FromStr` (an [`UnknownKey`] on
/// failure), `Display` (the label) and serde by key.
///
/// ```ignore
/// closed_set! {
///     /// Career stage.
///     pub enum Level("career stage") {
///         Entry = "entry" => "Entry level",
///         Mid = "mid" => "Mid-career",
///     }
/// }
/// ```
#[macro_export]
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $($(#[$vmeta:meta])* $variant:ident = $key:literal => $label:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What the set is, for messages.
            pub const WHAT: &'static str = $what;

            /// The key, as written in files, URLs and the API.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }

            /// The label shown to readers.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }

            /// The value with this key.
            pub fn from_key(key: &str) -> Option<$name> {
                match key {
                    $($key => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Every key, in order.
            pub fn keys() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.key()).collect()
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::content::keyed::UnknownKey;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::from_key(s).ok_or_else(|| {
                    $crate::content::keyed::UnknownKey::new($name::WHAT, s, $name::keys())
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                s.trim().parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::closed_set! {
        /// A test set.
        pub enum Size("size") {
            Small = "small" => "Small",
            Large = "large-ish" => "Rather large",
        }
    }

    #[test]
    fn one_declaration_drives_every_mapping() {
        assert_eq!(Size::ALL, &[Size::Small, Size::Large]);
        assert_eq!(Size::Large.key(), "large-ish");
        assert_eq!(Size::Large.to_string(), "Rather large");
        assert_eq!("small".parse::<Size>(), Ok(Size::Small));
        assert!(Size::Small < Size::Large);
        let err = "huge".parse::<Size>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "there is no size called “huge”; use one of: small, large-ish"
        );
        let v: Size = serde_json::from_str("\"large-ish\"").unwrap();
        assert_eq!(v, Size::Large);
        assert_eq!(serde_json::to_string(&Size::Small).unwrap(), "\"small\"");
        let bad = serde_json::from_str::<Size>("\"x\"")
            .unwrap_err()
            .to_string();
        assert!(bad.contains("use one of: small, large-ish"), "{bad}");
    }
}
