//! `/api/v1/faqs?role=`: a role's questions and answers, or the site-wide ones.

use super::model::FaqOut;
use super::{ApiError, json, only, query};
use crate::db;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

#[derive(Serialize)]
struct FaqList {
    /// The role asked for; `null` for the site-wide questions.
    role: Option<String>,
    count: usize,
    faqs: Vec<FaqOut>,
}

/// True for a slug: lower-case letters, digits and single hyphens.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let params = query(&req)?;
    only(&params, &["role"])?;
    let site = state.site();
    let role = match params.get("role").map(|s| s.trim()) {
        None => None,
        Some(r) if !is_slug(r) => {
            return Err(ApiError::BadParameter(format!(
                "`role` must be a role slug such as `data-analyst`, not `{r}`."
            )));
        }
        Some(r) => {
            let role = site.role(r).ok_or_else(|| {
                ApiError::NotFound(format!(
                    "There is no role `{r}`. /api/v1/roles lists every role."
                ))
            })?;
            Some(role.slug.clone())
        }
    };
    let key = role.clone();
    let rows = state.db(move |c| db::faqs(c, key.as_deref())).await?;
    let faqs: Vec<FaqOut> = rows.iter().map(|f| FaqOut::new(&site, f)).collect();
    json(
        &req,
        &FaqList {
            role,
            count: faqs.len(),
            faqs,
        },
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert!(super::is_slug("data-analyst"));
        assert!(!super::is_slug("DATA"));
        assert!(!super::is_slug("a--b"));
        assert!(!super::is_slug(""));
        assert!(!super::is_slug("../x"));
    }
}
