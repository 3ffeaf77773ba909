//! The web layer: the app factory, the one route table, and the middleware
//! every response passes through (errors, headers, compression, logging).

pub mod admin;
pub mod api;
pub mod cache;
pub mod compress;
pub mod ctx;
pub mod error;
pub mod format;
pub mod forms;
pub mod jsonld;
pub mod layout;
pub mod pages;
pub mod query;
pub mod respond;
pub mod state;
pub mod svg;
pub mod typed_query;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::{Compress, DefaultHeaders, ErrorHandlers, from_fn};
use actix_web::{App, HttpResponse, web};
use pages::{articles, compare, errors, home, listings, misc, roles, search, sitemap};
pub use state::{AppState, Assets, WebConfig};

/// The Content-Security-Policy of every page: no inline script or style,
/// nothing from other hosts, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The CSP under `--dev`: the same, except that scripts from the site itself
/// may run (the live-reload script, `/__dev/reload.js`).
pub const DEV_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The longest URI we answer; longer ones get 414.
pub const MAX_URI: usize = 16 * 1024;

/// Every URL of the site, in one place.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::home))
        .route("/healthz", web::get().to(misc::healthz))
        .route("/roles/", web::get().to(roles::index))
        .route("/roles/{slug}/", web::get().to(roles::page))
        .route(
            "/roles/{slug}/qr.svg",
            web::get().to(pages::handout::role_qr),
        )
        .route("/search", web::get().to(search::search))
        .route("/compare/", web::get().to(compare::page))
        .route(pages::questions::URL, web::get().to(pages::questions::page))
        .route(pages::glossary::URL, web::get().to(pages::glossary::page))
        .route("/career-map/", web::get().to(pages::map::page))
        .route("/pathways/", web::get().to(pages::pathways::page))
        .route("/salaries/", web::get().to(pages::salaries::index))
        .route(
            "/salaries/states/{code}/",
            web::get().to(pages::salaries::state_page),
        )
        .route("/salaries/{slug}/", web::get().to(pages::salaries::role))
        .route("/articles/", web::get().to(listings::index))
        .route("/articles/page/{n}/", web::get().to(listings::index_page))
        .route(
            "/articles/category/{slug}/",
            web::get().to(listings::category_index),
        )
        .route(
            "/articles/category/{slug}/page/{n}/",
            web::get().to(listings::category_page),
        )
        .route("/articles/tag/{slug}/", web::get().to(listings::tag_index))
        .route(
            "/articles/tag/{slug}/page/{n}/",
            web::get().to(listings::tag_page),
        )
        .route("/articles/{slug}/", web::get().to(articles::page))
        .route("/authors/{id}/", web::get().to(listings::author_index))
        .route(
            "/authors/{id}/page/{n}/",
            web::get().to(listings::author_page),
        )
        .route("/sitemap.xml", web::get().to(sitemap::sitemap))
        .route("/robots.txt", web::get().to(sitemap::robots))
        .route("/api/", web::get().to(api::docs::page))
        .route("/feed.xml", web::get().to(pages::feed::feed))
        .route("/print.css", web::get().to(pages::handout::print_css))
        .route("/embed/roles/{slug}", web::get().to(pages::embed::role))
        .route("/soc/{code}/", web::get().to(pages::soc::page))
        .route("/soc/{code}", web::get().to(pages::soc::add_slash))
        .service(api::scope())
        .configure(reader_routes)
        .configure(study_routes)
        .route("/favicon.svg", web::get().to(misc::favicon))
        .route("/static/{path:.*}", web::get().to(pages::files::file))
        .default_service(web::to(misc::fallback));
}

/// Reader forms (`web::forms`) and moderation (`web::admin`). Forms take
/// bodies up to 64 KiB (longer ones get 413); fields have their own limits.
pub fn reader_routes(cfg: &mut web::ServiceConfig) {
    use forms::{ask, links, my_data, newsletter, share};
    let form = || web::FormConfig::default().limit(64 * 1024);
    cfg.service(
        web::resource("/roles/{slug}/share/")
            .app_data(form())
            .route(web::get().to(share::form))
            .route(web::post().to(share::submit)),
    )
    .service(
        web::resource("/roles/{slug}/ask/")
            .app_data(form())
            .route(web::get().to(ask::form))
            .route(web::post().to(ask::submit)),
    )
    .service(
        web::resource(newsletter::URL)
            .route(web::get().to(newsletter::form))
            .route(web::post().to(newsletter::submit)),
    )
    .service(
        web::resource(my_data::URL)
            .route(web::get().to(my_data::form))
            .route(web::post().to(my_data::submit)),
    )
    .route(forms::SENT_URL, web::get().to(links::sent))
    .route("/email/done/{purpose}/", web::get().to(links::done))
    .service(
        web::resource("/email/{purpose}/")
            .route(web::get().to(links::show))
            .route(web::post().to(links::act)),
    )
    .service(admin::scope());
}

/// Programs (`pages::programs`) and the editorial pages of
/// `content/pages/` (`pages::editorial`), each at `/{slug}/`: registered
/// after every other route, so no page can shadow one (the loader also
/// rejects page slugs that start another route).
pub fn study_routes(cfg: &mut web::ServiceConfig) {
    use pages::{editorial, programs};
    cfg.route("/programs/", web::get().to(programs::index))
        .route("/programs/{slug}/", web::get().to(programs::page))
        .route("/{page}/", web::get().to(editorial::page));
}

/// Routes that exist only under `--dev`: the live-reload script and the
/// state it polls.
pub fn dev_routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/__dev/reload.js", web::get().to(pages::dev::reload_js))
        .route("/__dev/state", web::get().to(pages::dev::state));
}

/// Builds the application around `state`: used by `serve` and by the tests.
pub fn app(
    state: web::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let dev = state.config.dev;
    App::new()
        .app_data(state)
        .app_data(web::PayloadConfig::new(16 * 1024))
        .app_data(web::FormConfig::default().limit(16 * 1024))
        .app_data(web::JsonConfig::default().limit(16 * 1024))
        .configure(|cfg| {
            if dev {
                dev_routes(cfg);
            }
        })
        .configure(routes)
        .wrap(ErrorHandlers::new().default_handler(errors::render))
        .wrap(from_fn(cache::middleware))
        .wrap(Compress::default())
        .wrap(
            DefaultHeaders::new()
                .add(("Content-Security-Policy", if dev { DEV_CSP } else { CSP }))
                .add(("X-Content-Type-Options", "nosniff"))
                .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
                .add(("X-Frame-Options", "DENY"))
                .add((
                    "Permissions-Policy",
                    "camera=(), microphone=(), geolocation=()",
                )),
        )
        .wrap(from_fn(pages::embed::allow_framing))
        .wrap(from_fn(limit_uri))
        .wrap(tracing_actix_web::TracingLogger::default())
}

/// Rejects over-long URIs before routing.
async fn limit_uri(
    req: ServiceRequest,
    next: actix_web::middleware::Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.uri().to_string().len() > MAX_URI {
        let res = HttpResponse::build(StatusCode::URI_TOO_LONG)
            .content_type("text/plain; charset=utf-8")
            .body("The address is too long.");
        return Ok(req.into_response(res).map_into_right_body());
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}
