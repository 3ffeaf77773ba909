//! The JSON API: every endpoint's real answers validated against the
//! OpenAPI document it serves, plus CORS, ETag/304 and problem details.
//!
//! The schema check is a small validator for the JSON Schema subset the
//! document uses (`$ref`, `type` with `null`, `properties`, `required`,
//! `additionalProperties: false`, `items`, `enum`, `oneOf`). It rejects any
//! other keyword, so the document cannot drift into constructs the check
//! ignores; `description`, `format`, `pattern`, `default` and `example` are
//! annotations it does not check.

mod common;

use actix_web::http::StatusCode;
use actix_web::test as atest;
use careers::content::outline::Anchor;
use common::{TestSite, app, call, get};
use serde_json::Value;

const ANNOTATIONS: &[&str] = &["description", "format", "pattern", "default", "example"];

/// Validates `value` against `schema`; problems are pushed to `errors` with
/// a JSON-pointer-like path.
fn validate(doc: &Value, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let obj = schema
        .as_object()
        .unwrap_or_else(|| panic!("schema at {path} is not an object"));
    for key in obj.keys() {
        let known = [
            "$ref",
            "type",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "enum",
            "oneOf",
        ];
        assert!(
            known.contains(&key.as_str()) || ANNOTATIONS.contains(&key.as_str()),
            "the test validator does not support `{key}` (at {path})"
        );
    }
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        let target = r
            .strip_prefix("#/")
            .unwrap_or_else(|| panic!("only local refs: {r}"))
            .split('/')
            .fold(doc, |v, part| &v[part]);
        assert!(!target.is_null(), "unresolved $ref {r}");
        validate(doc, target, value, path, errors);
        return;
    }
    if let Some(options) = obj.get("oneOf").and_then(Value::as_array) {
        let matching = options
            .iter()
            .filter(|o| {
                let mut e = Vec::new();
                validate(doc, o, value, path, &mut e);
                e.is_empty()
            })
            .count();
        if matching != 1 {
            errors.push(format!(
                "{path}: matches {matching} of oneOf, not exactly 1"
            ));
        }
        return;
    }
    if let Some(t) = obj.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type at {path}"),
        };
        let ok = types.iter().any(|t| match *t {
            "null" => value.is_null(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            other => panic!("unknown type {other} at {path}"),
        });
        if !ok {
            errors.push(format!("{path}: {value} is not of type {types:?}"));
            return;
        }
    }
    if let Some(allowed) = obj.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        errors.push(format!("{path}: {value} is not one of {allowed:?}"));
    }
    if let (Some(map), Some(v)) = (obj.get("properties"), value.as_object()) {
        let map = map.as_object().expect("properties is an object");
        for req in obj
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let req = req.as_str().expect("required names are strings");
            if !v.contains_key(req) {
                errors.push(format!("{path}: missing required `{req}`"));
            }
        }
        for (k, item) in v {
            match map.get(k) {
                Some(s) => validate(doc, s, item, &format!("{path}/{k}"), errors),
                None if obj.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{path}: `{k}` is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (obj.get("items"), value.as_array()) {
        for (i, item) in arr.iter().enumerate() {
            validate(doc, items, item, &format!("{path}/{i}"), errors);
        }
    }
}

/// The schema the document gives for `status` answers of `GET path`.
fn response_schema(doc: &Value, path: &str, status: u16) -> Value {
    let mut r = doc["paths"][path]["get"]["responses"][status.to_string()].clone();
    assert!(
        !r.is_null(),
        "the document has no {status} answer for {path}"
    );
    if let Some(reference) = r.get("$ref").and_then(Value::as_str) {
        r = reference
            .trim_start_matches("#/")
            .split('/')
            .fold(doc, |v, part| &v[part])
            .clone();
    }
    let content = r["content"].as_object().expect("a response with content");
    let (_, media) = content.iter().next().expect("one media type");
    media["schema"].clone()
}

/// The mismatches of `body` with `schema`, each prefixed with `what`.
fn mismatches(doc: &Value, schema: &Value, body: &str, what: &str) -> (Value, Vec<String>) {
    let value: Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {body}"));
    let mut errors = Vec::new();
    validate(doc, schema, &value, "", &mut errors);
    let errors = errors.into_iter().map(|e| format!("{what} {e}")).collect();
    (value, errors)
}

fn assert_valid(doc: &Value, schema: &Value, body: &str, what: &str) -> Value {
    let (value, errors) = mismatches(doc, schema, body, what);
    assert!(
        errors.is_empty(),
        "{what} does not match the OpenAPI document:\n{}",
        errors.join("\n")
    );
    value
}

#[test]
fn the_validator_catches_mismatches() {
    let doc: Value = serde_json::from_str(careers::web::api::OPENAPI).unwrap();
    let schema = serde_json::json!({"$ref": "#/components/schemas/Problem"});
    let mut errors = Vec::new();
    validate(
        &doc,
        &schema,
        &serde_json::json!({"type": "x", "title": "t", "status": "400", "detail": "d", "extra": 1}),
        "",
        &mut errors,
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    let mut errors = Vec::new();
    validate(
        &doc,
        &serde_json::json!({"$ref": "#/components/schemas/Years"}),
        &serde_json::json!({"min": 1}),
        "",
        &mut errors,
    );
    assert_eq!(errors, vec![": missing required `max`".to_string()]);
}

#[actix_web::test]
async fn every_endpoint_matches_the_openapi_document() {
    let site = TestSite::new();
    let app = app(&site).await;
    let served = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(served.status, StatusCode::OK);
    let doc: Value = serde_json::from_str(&served.body).expect("the document is JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    let content = site.state.site();

    let mut calls: Vec<(&str, String)> = vec![
        ("/roles", "/api/v1/roles".into()),
        ("/articles", "/api/v1/articles".into()),
        ("/faqs", "/api/v1/faqs".into()),
        ("/salaries", "/api/v1/salaries?soc=47-2111".into()),
        ("/salaries", "/api/v1/salaries?soc=47-2111&area=ny".into()),
        (
            "/salaries",
            "/api/v1/salaries?soc=47-2111&area=national".into(),
        ),
        (
            "/salaries",
            "/api/v1/salaries?soc=47-2111&area=3600000".into(),
        ),
    ];
    for r in &content.roles {
        calls.push(("/roles/{slug}", format!("/api/v1/roles/{}", r.slug)));
        calls.push(("/faqs", format!("/api/v1/faqs?role={}", r.slug)));
    }
    for soc in content.soc_codes() {
        calls.push(("/salaries", format!("/api/v1/salaries?soc={soc}")));
    }
    // Every answer is checked; all mismatches are reported together.
    let mut errors = Vec::new();
    for (path, url) in &calls {
        let res = get(&app, url).await;
        assert_eq!(res.status, StatusCode::OK, "{url}: {}", res.body);
        assert_eq!(res.header("content-type"), "application/json", "{url}");
        assert_eq!(res.header("access-control-allow-origin"), "*", "{url}");
        assert!(res.header("etag").starts_with("W/\""), "{url}");
        let schema = response_schema(&doc, path, 200);
        errors.extend(mismatches(&doc, &schema, &res.body, url).1);
    }
    assert!(
        errors.is_empty(),
        "answers that do not match the OpenAPI document:\n{}",
        errors.join("\n")
    );
}

#[actix_web::test]
async fn role_figures_are_the_pages_figures_with_source_and_period() {
    let site = TestSite::new();
    let app = app(&site).await;
    let res = get(&app, "/api/v1/roles/electrician").await;
    let v: Value = serde_json::from_str(&res.body).unwrap();
    let conn = site.state.pool.get().unwrap();
    let w = careers::db::national_wage(&conn, "47-2111")
        .unwrap()
        .unwrap();
    let national = &v["pay"]["national"];
    assert_eq!(national["annual"]["median"], w.median.unwrap());
    assert_eq!(national["annual"]["p10"], w.p10.unwrap());
    assert_eq!(national["period"], "June 2030");
    assert_eq!(national["source"]["key"], "test-wages");
    assert_eq!(national["source"]["publisher"], "Test Bureau");
    // The headline pay is the code's median, labelled as the code's.
    let headline = &v["pay"]["headline"];
    assert_eq!(headline["value"], w.median.unwrap());
    assert_eq!(headline["measure"], "median");
    assert_eq!(headline["of_code"], "47-2111");
    assert_eq!(headline["at_least"], false);
    assert!(
        headline["label"].as_str().unwrap().contains("(47-2111)"),
        "{headline}"
    );
    let content = site.state.site();
    let p = content.data.projection("47-2111").unwrap();
    assert_eq!(v["outlook"]["change_percent"], p.change_pct);
    assert_eq!(v["outlook"]["period"], "2030-2040");
    assert_eq!(v["soc"], "47-2111");
    assert!(v["sections"].as_array().unwrap().iter().any(
        |s| s["id"] == "salary" && s["url"] == "https://careers.test/roles/electrician/#salary"
    ));
    // The page shows the same median.
    let page = get(&app, "/roles/electrician/").await;
    let median = careers::web::format::money(w.median.unwrap());
    assert!(page.body.contains(&median), "the page shows {median}");

    let lead = get(&app, "/api/v1/roles/solar-site-lead").await;
    let v: Value = serde_json::from_str(&lead.body).unwrap();
    let headline = &v["pay"]["headline"];
    assert_eq!(headline["value"], 81_500);
    assert_eq!(headline["measure"], "mean");
    assert!(headline["of_code"].is_null(), "the role's own figure");
    assert_eq!(headline["source"]["key"], "test-survey");
    let published = v["pay"]["published"].as_array().unwrap();
    assert!(!published.is_empty(), "the site lead's published figures");
    for f in published {
        assert!(f["source"]["publisher"].is_string(), "{f}");
        assert!(!f["period"].as_str().unwrap().is_empty(), "{f}");
        assert_ne!(f["id"], "site-lead-pay", "the headline is not repeated");
    }
    let into = v["transitions"]["in"].as_array().unwrap();
    assert!(!into.is_empty(), "people move into the site lead role");
}

#[actix_web::test]
async fn state_and_area_salaries_read_the_right_row() {
    let site = TestSite::new();
    let app = app(&site).await;
    let conn = site.state.pool.get().unwrap();
    let ny = careers::db::state_wage(&conn, "47-2111", "NY")
        .unwrap()
        .unwrap();
    let res = get(&app, "/api/v1/salaries?soc=47-2111&area=NY").await;
    let v: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(v["area"]["state"], "NY");
    assert_eq!(v["area"]["type"], "state");
    assert_eq!(v["annual"]["mean"], ny.mean.unwrap());
    let by_code = get(
        &app,
        &format!("/api/v1/salaries?soc=47-2111&area={}", ny.area_code),
    )
    .await;
    assert_eq!(by_code.body, res.body, "a state by code and by USPS code");
    assert!(
        v["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["slug"] == "electrician")
    );
}

#[actix_web::test]
async fn bad_parameters_are_400_problem_documents() {
    let site = TestSite::new();
    let app = app(&site).await;
    let doc: Value = serde_json::from_str(careers::web::api::OPENAPI).unwrap();
    let problem = serde_json::json!({"$ref": "#/components/schemas/Problem"});
    let cases = [
        ("/api/v1/salaries", 400, "`soc` is required"),
        ("/api/v1/salaries?soc=151211", 400, "NN-NNNN"),
        ("/api/v1/salaries?soc=47-2111.01", 400, "NN-NNNN"),
        (
            "/api/v1/salaries?soc=47-2111&area=ZZ",
            400,
            "state or territory code",
        ),
        (
            "/api/v1/salaries?soc=47-2111&area=New%20York",
            400,
            "`area`",
        ),
        ("/api/v1/salaries?soc=47-2111&area=12", 400, "`area`"),
        (
            "/api/v1/salaries?soc=47-2111&state=NY",
            400,
            "Unknown query parameter `state`",
        ),
        ("/api/v1/salaries?soc=99-9999", 404, "has no estimate for"),
        (
            "/api/v1/salaries?soc=47-2111&area=9999999",
            404,
            "has no estimate for",
        ),
        ("/api/v1/faqs?role=Not%20A%20Slug", 400, "role slug"),
        (
            "/api/v1/faqs?role=no-such-role",
            404,
            "no role `no-such-role`",
        ),
        (
            "/api/v1/faqs?rol=electrician",
            400,
            "Unknown query parameter",
        ),
        ("/api/v1/roles?x=1", 400, "takes no parameters"),
        ("/api/v1/roles/no-such-role", 404, "no role `no-such-role`"),
        ("/api/v1/nothing-here", 404, "no API resource"),
        ("/api/v1/salaries?soc=%ZZ", 400, "NN-NNNN"),
    ];
    for (url, status, says) in cases {
        let res = get(&app, url).await;
        assert_eq!(res.status.as_u16(), status, "{url}: {}", res.body);
        assert_eq!(
            res.header("content-type"),
            "application/problem+json",
            "{url}"
        );
        assert_eq!(res.header("access-control-allow-origin"), "*", "{url}");
        let v = assert_valid(&doc, &problem, &res.body, url);
        assert_eq!(v["status"], status, "{url}");
        assert!(
            v["detail"].as_str().unwrap().contains(says),
            "{url}: {}",
            v["detail"]
        );
        let kind = v["type"].as_str().unwrap();
        let fragment = kind.split_once('#').map(|(_, f)| f).unwrap();
        let docs = get(&app, "/api/").await;
        assert!(
            docs.body.contains(&format!("id=\"{fragment}\"")),
            "{kind} is documented on /api/"
        );
    }
}

#[actix_web::test]
async fn etag_gives_304_and_cors_allows_any_origin() {
    let site = TestSite::new();
    let app = app(&site).await;
    let first = get(&app, "/api/v1/roles").await;
    let tag = first.header("etag");
    let again = call(
        &app,
        atest::TestRequest::get()
            .uri("/api/v1/roles")
            .insert_header(("If-None-Match", tag.as_str()))
            .insert_header(("Origin", "https://advisor.example.edu"))
            .to_request(),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header("access-control-allow-origin"), "*");
    assert_eq!(again.header("access-control-expose-headers"), "ETag");

    let preflight = call(
        &app,
        atest::TestRequest::default()
            .method(actix_web::http::Method::OPTIONS)
            .uri("/api/v1/roles")
            .insert_header(("Origin", "https://advisor.example.edu"))
            .insert_header(("Access-Control-Request-Method", "GET"))
            .to_request(),
    )
    .await;
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    assert!(
        preflight
            .header("access-control-allow-methods")
            .contains("GET")
    );
    assert_eq!(preflight.header("access-control-allow-origin"), "*");

    let post = call(
        &app,
        atest::TestRequest::post().uri("/api/v1/roles").to_request(),
    )
    .await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.header("content-type"), "application/problem+json");

    // Pages are not opened to other origins.
    let page = get(&app, "/roles/").await;
    assert_eq!(page.header("access-control-allow-origin"), "");
}

#[actix_web::test]
async fn the_api_page_documents_every_section_id_and_resource() {
    let site = TestSite::new();
    let app = app(&site).await;
    let page = get(&app, "/api/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1").len(), 1);
    let ids = page.texts("table code");
    let documented: Vec<&str> = Anchor::ALL
        .iter()
        .filter(|a| a.describe().is_some())
        .map(|a| a.key())
        .collect();
    assert!(documented.len() >= 10, "{documented:?}");
    for id in &documented {
        assert!(ids.contains(&format!("#{id}")), "#{id} is documented");
    }
    for link in [
        "/api/v1/roles",
        "/api/v1/articles",
        "/api/v1/openapi.json",
        "/feed.xml",
    ] {
        assert!(page.body.contains(&format!("href=\"{link}\"")), "{link}");
    }
    // Every documented section id exists on a role page of the pack, and
    // the ones every role has are on the electrician's.
    let mut bodies = Vec::new();
    for r in &site.state.site().roles {
        bodies.push(get(&app, &r.url()).await.body);
    }
    for id in &documented {
        let attr = format!("id=\"{id}\"");
        assert!(
            bodies.iter().any(|b| b.contains(&attr)),
            "#{id} on a role page"
        );
    }
    let role = get(&app, "/roles/electrician/").await;
    for id in [
        "salary",
        "salary-states",
        "outlook",
        "education",
        "career-path",
        "faq",
        "references",
    ] {
        assert!(
            role.body.contains(&format!("id=\"{id}\"")),
            "#{id} on the role page"
        );
    }
    // The footer links to the page.
    let home = get(&app, "/").await;
    assert!(home.body.contains("href=\"/api/\""), "footer link to /api/");
}
