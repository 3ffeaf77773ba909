//! One log line per request, at the end of it: method, target (cut to
//! [`MAX_TARGET`] characters), status, microseconds and body bytes. Client
//! errors are `INFO` like any other answer; only server errors are `ERROR`.
//! The events have the target `access`, so `CAREERS_LOG=info,access=off`
//! silences them alone. Nothing is allocated for a line the filter drops.

use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use std::fmt;
use std::time::Instant;

/// The longest request target written to the log; the rest is counted.
pub const MAX_TARGET: usize = 200;

/// A request target, cut to [`MAX_TARGET`] characters when written.
pub struct Cut<'a>(pub &'a str);

impl fmt::Display for Cut<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(MAX_TARGET) {
            None => f.write_str(self.0),
            Some((at, _)) => write!(f, "{}…(+{} bytes)", &self.0[..at], self.0.len() - at),
        }
    }
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let uri = req.uri().clone();
    let res = next.call(req).await;
    let status = match &res {
        Ok(r) => r.status(),
        Err(e) => e.as_response_error().status_code(),
    };
    let bytes = match &res {
        Ok(r) => match r.response().body().size() {
            BodySize::Sized(n) => n,
            _ => 0,
        },
        Err(_) => 0,
    };
    let micros = started.elapsed().as_micros() as u64;
    let target = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
    if status.is_server_error() {
        tracing::error!(target: "access", method = %method, uri = %Cut(target), status = status.as_u16(), micros, bytes, "request");
    } else {
        tracing::info!(target: "access", method = %method, uri = %Cut(target), status = status.as_u16(), micros, bytes, "request");
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_targets_are_cut_at_a_character() {
        assert_eq!(Cut("/roles/").to_string(), "/roles/");
        let long = format!("/{}", "é".repeat(1000));
        let cut = Cut(&long).to_string();
        assert!(cut.chars().count() < MAX_TARGET + 30, "{cut}");
        assert!(cut.ends_with(&format!(
            "…(+{} bytes)",
            long.len() - cut.find('…').unwrap()
        )));
    }
}
