//! Canonical addresses: a GET or HEAD whose query string holds anything but
//! the parameters its route reads ([`routes::Route::params`]) is redirected
//! (301) to the same address with only those, so `?utm_source=x`,
//! `?nc=12345` or a run of `&` never renders or caches a second copy of a
//! page. The JSON API judges its own parameters (an unknown one is a 400).

use super::routes::{self, Kind};
use super::state::AppState;
use crate::web::query;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};

/// The query string made of the `key=value` pieces of `query` whose key is
/// one of `params`, in their order and spelling; `None` when that is
/// `query` itself.
pub fn canonical_query(query: &str, params: &[&str]) -> Option<String> {
    let kept: Vec<&str> = query
        .split('&')
        .filter(|piece| {
            let key = piece.split_once('=').map_or(*piece, |(k, _)| k);
            !piece.is_empty() && params.contains(&query::decode(key).as_str())
        })
        .collect();
    let canonical = kept.join("&");
    (canonical != query).then_some(canonical)
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let readable = matches!(*req.method(), Method::GET | Method::HEAD);
    if readable && !req.query_string().is_empty() {
        let dev = req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|s| s.config.dev);
        let canonical = routes::find(req.path(), dev)
            .filter(|m| m.route.kind != Kind::Api)
            .and_then(|m| canonical_query(req.query_string(), (m.route.params)()));
        if let Some(q) = canonical {
            let location = if q.is_empty() {
                req.path().to_string()
            } else {
                format!("{}?{q}", req.path())
            };
            if let Ok(location) = HeaderValue::try_from(location) {
                let res = HttpResponse::MovedPermanently()
                    .insert_header((header::LOCATION, location))
                    .finish();
                return Ok(req.into_response(res).map_into_right_body());
            }
        }
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_known_parameters() {
        let params = &["q", "page"];
        assert_eq!(canonical_query("q=a&page=2", params), None);
        assert_eq!(canonical_query("q=a&nc=1", params).as_deref(), Some("q=a"));
        assert_eq!(canonical_query("nc=1", params).as_deref(), Some(""));
        assert_eq!(canonical_query("q=a&&&", params).as_deref(), Some("q=a"));
        assert_eq!(
            canonical_query("%71=a", params),
            None,
            "an encoded key counts"
        );
        assert_eq!(canonical_query("q", params), None);
        assert_eq!(canonical_query("x=1", &[]).as_deref(), Some(""));
    }
}
