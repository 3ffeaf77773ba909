//! The table itself: every route of the site, in matching order, and the
//! constructors that keep each entry to a line or two.

use super::{Handler, Kind, Links, Route};
use crate::content::program::PROGRAMS_URL;
use crate::web::forms::{self, ask, links, my_data, newsletter, share};
use crate::web::pages::{
    articles, compare, dev, editorial, embed, explore, feed, files, glossary, handout, home,
    listings, map, misc, pathways, programs, questions, roles, salaries, search, sitemap, soc,
};
use crate::web::typed_query::{fields, none};
use crate::web::{admin, api};
use actix_web::web;

const fn entry(
    pattern: &'static str,
    kind: Kind,
    params: fn() -> &'static [&'static str],
    to: fn(actix_web::Route) -> actix_web::Route,
) -> Route {
    Route {
        pattern,
        kind,
        params,
        dev: false,
        links: None,
        glossary: false,
        handler: Handler::Read(to),
    }
}

const fn page(
    pattern: &'static str,
    params: fn() -> &'static [&'static str],
    to: fn(actix_web::Route) -> actix_web::Route,
) -> Route {
    entry(pattern, Kind::Page, params, to)
}

const fn resource(
    pattern: &'static str,
    params: fn() -> &'static [&'static str],
    to: fn(actix_web::Route) -> actix_web::Route,
) -> Route {
    entry(pattern, Kind::Resource, params, to)
}

const fn form(
    pattern: &'static str,
    params: fn() -> &'static [&'static str],
    read: fn(actix_web::Route) -> actix_web::Route,
    submit: fn(actix_web::Route) -> actix_web::Route,
) -> Route {
    Route {
        pattern,
        kind: Kind::Form,
        params,
        dev: false,
        links: None,
        glossary: false,
        handler: Handler::Form { read, submit },
    }
}

const fn scope(pattern: &'static str, kind: Kind, register: fn(&mut web::ServiceConfig)) -> Route {
    Route {
        pattern,
        kind,
        params: none,
        dev: false,
        links: None,
        glossary: false,
        handler: Handler::Scope(register),
    }
}

const fn dev_only(route: Route) -> Route {
    Route {
        dev: true,
        links: Some(Links::Never(
            "this address exists only while editing with `serve --dev`; remove the link",
        )),
        ..route
    }
}

/// Why content links to mailed addresses are wrong.
const MAILED: Links = Links::Never(
    "this address is sent by email and works only with the token the mail carries; remove the link",
);

/// The route of editorial pages (`content/pages/*.md`).
pub const PAGE_PATTERN: &str = "/{page}/";

/// Every address of the site, in matching order (the first match wins,
/// as in actix).
pub static ROUTES: &[Route] = &[
    page("/", none, |r| r.to(home::home)),
    resource("/healthz", none, |r| r.to(misc::healthz)),
    page("/roles/", fields::<explore::Filters>, |r| {
        r.to(roles::index)
    }),
    page("/roles/{slug}/", none, |r| r.to(roles::page)).links(Links::RolePage),
    resource("/roles/{slug}/qr.svg", none, |r| r.to(handout::role_qr)).links(Links::OfRole),
    resource("/search", fields::<search::SearchQuery>, |r| {
        r.to(search::search)
    }),
    page("/compare/", fields::<compare::CompareQuery>, |r| {
        r.to(compare::page)
    }),
    page(questions::URL, none, |r| r.to(questions::page)),
    Route {
        glossary: true,
        ..page(glossary::URL, none, |r| r.to(glossary::page))
    },
    page(PROGRAMS_URL, fields::<programs::Filters>, |r| {
        r.to(programs::index)
    }),
    page("/programs/{slug}/", none, |r| r.to(programs::page)).links(Links::Program),
    page("/career-map/", none, |r| r.to(map::page)),
    page("/pathways/", fields::<pathways::PathQuery>, |r| {
        r.to(pathways::page)
    }),
    page("/salaries/", none, |r| r.to(salaries::index)),
    page("/salaries/states/{code}/", none, |r| {
        r.to(salaries::state_page)
    })
    .links(Links::State),
    page(
        "/salaries/{slug}/",
        fields::<salaries::role::SortQuery>,
        |r| r.to(salaries::role),
    )
    .links(Links::OfRole),
    page("/articles/", fields::<listings::PageQuery>, |r| {
        r.to(listings::index)
    }),
    page("/articles/page/{n}/", none, |r| r.to(listings::index_page)).links(Links::ListingPage),
    page(
        "/articles/category/{slug}/",
        fields::<listings::PageQuery>,
        |r| r.to(listings::category_index),
    )
    .links(Links::Category),
    page("/articles/category/{slug}/page/{n}/", none, |r| {
        r.to(listings::category_page)
    })
    .links(Links::ListingPage),
    page(
        "/articles/tag/{slug}/",
        fields::<listings::PageQuery>,
        |r| r.to(listings::tag_index),
    )
    .links(Links::Tag),
    page("/articles/tag/{slug}/page/{n}/", none, |r| {
        r.to(listings::tag_page)
    })
    .links(Links::ListingPage),
    page("/articles/{slug}/", none, |r| r.to(articles::page)).links(Links::ArticlePage),
    page("/authors/{id}/", fields::<listings::PageQuery>, |r| {
        r.to(listings::author_index)
    })
    .links(Links::Author),
    page("/authors/{id}/page/{n}/", none, |r| {
        r.to(listings::author_page)
    })
    .links(Links::ListingPage),
    resource("/sitemap.xml", none, |r| r.to(sitemap::sitemap)),
    resource("/robots.txt", none, |r| r.to(sitemap::robots)),
    page("/api/", none, |r| r.to(api::docs::page)),
    resource("/feed.xml", none, |r| r.to(feed::feed)),
    resource("/print.css", none, |r| r.to(handout::print_css)),
    resource("/embed/roles/{slug}", none, |r| r.to(embed::role)).links(Links::OfRole),
    page("/soc/{code}/", none, |r| r.to(soc::page)).links(Links::Code),
    scope(api::PREFIX, Kind::Api, |cfg| {
        cfg.service(api::scope());
    })
    .links(Links::Any),
    form(
        share::PATTERN,
        none,
        |r| r.to(share::form),
        |r| r.to(share::submit),
    )
    .links(Links::OfRole),
    form(
        ask::PATTERN,
        none,
        |r| r.to(ask::form),
        |r| r.to(ask::submit),
    )
    .links(Links::OfRole),
    form(
        newsletter::URL,
        none,
        |r| r.to(newsletter::form),
        |r| r.to(newsletter::submit),
    ),
    form(
        my_data::URL,
        none,
        |r| r.to(my_data::form),
        |r| r.to(my_data::submit),
    ),
    page(forms::SENT_URL, none, |r| r.to(links::sent)),
    page("/email/done/{purpose}/", fields::<links::DoneQuery>, |r| {
        r.to(links::done)
    })
    .links(MAILED),
    form(
        "/email/{purpose}/",
        fields::<links::LinkQuery>,
        |r| r.to(links::show),
        |r| r.to(links::act),
    )
    .links(MAILED),
    scope(admin::PREFIX, Kind::Private, |cfg| {
        cfg.service(admin::scope());
    })
    .links(Links::Never(
        "the editors' pages are behind a sign-in and not for readers; remove the link",
    )),
    resource("/favicon.svg", none, |r| r.to(misc::favicon)),
    entry("/static/{path:.*}", Kind::Files, none, |r| {
        r.to(files::file)
    })
    .links(Links::StaticFile),
    // Last: an editorial page takes one segment no other route starts
    // with (the loader rejects a page slug that would; see
    // [`reserved_segment`]).
    page(PAGE_PATTERN, none, |r| r.to(editorial::page)).links(Links::Page),
    dev_only(resource("/__dev/reload.js", none, |r| r.to(dev::reload_js))),
    dev_only(resource("/__dev/state", none, |r| r.to(dev::state))),
];
