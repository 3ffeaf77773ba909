//! `Query<T>`: a query string as a typed struct. The string is read with
//! the forgiving parser of [`super::query`] (so no bytes can fail it), then
//! each field of `T` takes its key's values: a `Vec` all of them, any other
//! type the first; an empty value counts as absent. Closed sets
//! (`crate::closed_set!`) deserialize by key, so an unknown value is a 400
//! whose message lists the valid ones. Unknown keys are ignored.
//!
//! [`fields`] names the keys a query struct reads, taken from its serde
//! derive, so the route table's list of parameters is the struct itself.

use super::error::AppError;
use super::query;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use std::future::{Ready, ready};

/// A typed query string; use as a handler argument.
#[derive(Debug, Clone)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned> Query<T> {
    /// Reads `query_string` into `T`; the error is a sentence for the visitor.
    pub fn parse(query_string: &str) -> Result<T, String> {
        let mut keys: Vec<(String, Vec<String>)> = Vec::new();
        for (k, v) in query::pairs(query_string) {
            match keys.iter_mut().find(|(key, _)| *key == k) {
                Some((_, vs)) => vs.push(v),
                None => keys.push((k, vec![v])),
            }
        }
        let map = de::value::MapDeserializer::new(keys.into_iter().map(|(k, v)| (k, Values(v))));
        T::deserialize(map).map_err(|e: de::value::Error| sentence(&e.to_string()))
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            Query::<T>::parse(req.query_string())
                .map(Query)
                .map_err(AppError::BadRequest),
        )
    }
}

/// The keys a query struct `T` reads, as its serde derive names them
/// (renames applied). Serde hands a struct's field names to
/// `deserialize_struct`; a deserializer that only records them and stops
/// reads them without any input. Empty for a type that is not a plain
/// struct.
pub fn fields<T: DeserializeOwned>() -> &'static [&'static str] {
    #[derive(Debug)]
    struct Recorded(Option<&'static [&'static str]>);
    impl std::fmt::Display for Recorded {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("field names recorded")
        }
    }
    impl std::error::Error for Recorded {}
    impl de::Error for Recorded {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Recorded(None)
        }
    }
    struct Recorder;
    impl<'de> de::Deserializer<'de> for Recorder {
        type Error = Recorded;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Recorded> {
            Err(Recorded(None))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Recorded> {
            Err(Recorded(Some(fields)))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    match T::deserialize(Recorder) {
        Err(Recorded(Some(fields))) => fields,
        _ => &[],
    }
}

/// A route that reads no query parameters.
pub fn none() -> &'static [&'static str] {
    &[]
}

/// `there is no x` -> `There is no x.`
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    let mut out: String = match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// The values of one key.
struct Values(Vec<String>);

impl<'de> IntoDeserializer<'de, de::value::Error> for Values {
    type Deserializer = Values;
    fn into_deserializer(self) -> Values {
        self
    }
}

impl Values {
    fn first(&self) -> &str {
        self.0.first().map_or("", |v| v.trim())
    }
}

impl<'de> de::Deserializer<'de> for Values {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        v.visit_string(self.first().to_string())
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        if self.first().is_empty() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        let items: Vec<String> = self
            .0
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect();
        v.visit_seq(de::value::SeqDeserializer::new(items.into_iter()))
    }

    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        let s = self.first();
        match s.parse() {
            Ok(n) => v.visit_u32(n),
            Err(_) => Err(de::Error::custom(format!(
                "“{}” is not a whole number",
                s.chars().take(40).collect::<String>()
            ))),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        v.visit_bool(!matches!(self.first(), "" | "0" | "false" | "no" | "off"))
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    crate::closed_set! {
        enum Color("color") {
            Red = "red" => "Red",
            Blue = "blue" => "Blue",
        }
    }

    #[test]
    fn fields_are_the_struct_keys_as_serde_names_them() {
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct R {
            a: Option<String>,
            #[serde(rename = "B-c")]
            b: String,
        }
        assert_eq!(fields::<R>(), &["a", "B-c"]);
        assert_eq!(fields::<Q>(), &["color", "pick", "n"]);
        assert!(fields::<String>().is_empty());
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Q {
        color: Option<Color>,
        #[serde(default)]
        pick: Vec<String>,
        n: Option<u32>,
    }

    #[test]
    fn fields_take_their_values() {
        let q = Query::<Q>::parse("color=blue&pick=a&pick=b&other=x&pick=").unwrap();
        assert_eq!(
            q,
            Q {
                color: Some(Color::Blue),
                pick: vec!["a".into(), "b".into()],
                n: None
            }
        );
        let q = Query::<Q>::parse("color=&color=red&n=3").unwrap();
        assert_eq!(q.color, None);
        assert_eq!(q.n, Some(3));
    }

    #[test]
    fn bad_values_say_what_is_valid() {
        let e = Query::<Q>::parse("color=green").unwrap_err();
        assert_eq!(
            e,
            "There is no color called “green”; use one of: red, blue."
        );
        let e = Query::<Q>::parse("n=%ff").unwrap_err();
        assert!(e.contains("is not a whole number"), "{e}");
    }
}
