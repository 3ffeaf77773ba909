//! `/api/v1/articles`: every published article, newest first.

use super::model::ArticleOut;
use super::{ApiError, base, json, only, query};
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

#[derive(Serialize)]
struct ArticleList {
    count: usize,
    articles: Vec<ArticleOut>,
}

pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    only(&query(&req)?, &[])?;
    let site = state.site();
    let articles: Vec<ArticleOut> = site
        .articles
        .iter()
        .map(|a| ArticleOut::new(&site, a, base(&state)))
        .collect();
    json(
        &req,
        &ArticleList {
            count: articles.len(),
            articles,
        },
    )
}
