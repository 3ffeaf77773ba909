//! The one error type of the web layer. Each variant has a status; the page
//! a visitor sees is rendered by `pages::errors` in the site's layout, and
//! internal causes go to the log, never to the visitor.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nothing at this URL.
    #[error("not found")]
    NotFound,
    /// The request itself is wrong; the message is shown to the visitor.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Refused (e.g. a form without a valid CSRF token); the message is shown.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Something failed on our side; the cause is logged, not shown.
    #[error("internal error: {0}")]
    Internal(String),
}

/// What the error page should say, carried from the handler to the page renderer.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub message: String,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let message = match self {
            AppError::NotFound => "We could not find that page.".to_string(),
            AppError::BadRequest(m) | AppError::Forbidden(m) => m.clone(),
            AppError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                "Something went wrong on our side. Please try again in a moment.".to_string()
            }
        };
        let mut res = HttpResponse::build(self.status_code()).finish();
        res.extensions_mut().insert(ErrorInfo { message });
        res
    }
}

impl From<askama::Error> for AppError {
    #[track_caller]
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!(
            "template: {e} at {}",
            std::panic::Location::caller()
        ))
    }
}

impl From<crate::db::DbError> for AppError {
    #[track_caller]
    fn from(e: crate::db::DbError) -> Self {
        AppError::Internal(format!(
            "database: {e} at {}",
            std::panic::Location::caller()
        ))
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    #[track_caller]
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(format!(
            "blocking pool: {e} at {}",
            std::panic::Location::caller()
        ))
    }
}

impl From<r2d2::Error> for AppError {
    #[track_caller]
    fn from(e: r2d2::Error) -> Self {
        AppError::Internal(format!(
            "connection pool: {e} at {}",
            std::panic::Location::caller()
        ))
    }
}
