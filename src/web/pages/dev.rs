//! `--dev` only: the script that reloads the page after a recompile, and the
//! state it polls. These routes do not exist without `--dev`.

use crate::web::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};

/// The reload script, allowed by the dev CSP (`script-src 'self'`) only.
/// It polls [`state`] and reloads the page when the answer differs from the
/// one the page was rendered with: after a successful recompile, and when
/// the content errors or warnings shown in the banner change.
pub const RELOAD_JS: &str = r#"// Dev mode only: reload the page after the server recompiles the content.
(function () {
  "use strict";
  var script = document.currentScript;
  var seen = script ? script.getAttribute("data-state") : null;
  function poll() {
    fetch("/__dev/state", { cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (now) {
        if (seen !== null && now !== seen) {
          window.location.reload();
          return;
        }
        seen = now;
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
"#;

/// A short token for what a page shows in dev mode: the site's generation
/// and a digest of the current content errors and warnings.
pub fn state_token(state: &AppState) -> String {
    let mut hasher = Sha256::new();
    for e in state.content_errors().iter() {
        hasher.update(e.to_string().as_bytes());
        hasher.update(b"\n");
    }
    hasher.update(b"warnings\n");
    for p in state.warnings().iter() {
        hasher.update(p.as_bytes());
        hasher.update(b"\n");
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{}-{hex}", state.generation())
}

/// `/__dev/reload.js`.
pub async fn reload_js() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(RELOAD_JS)
}

/// `/__dev/state`: the token the script compares.
pub async fn state(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(state_token(&state))
}
