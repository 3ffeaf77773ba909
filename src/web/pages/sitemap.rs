//! `/sitemap.xml` and `/robots.txt`: every public URL with its last change.

use crate::content::listing::{page_count, page_url};
use crate::content::program::PROGRAMS_URL;
use crate::text::escape;
use crate::web::error::AppError;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn sitemap(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let base = state.config.site_url.trim_end_matches('/');
    let newest_role = site.roles.iter().map(|r| r.fm.updated).max();
    let newest_article = site.articles.iter().map(|a| a.last_updated()).max();
    let mut entries: Vec<(String, Option<String>)> = vec![
        ("/".into(), newest_role.max(newest_article).map(|d| d.iso())),
        ("/roles/".into(), newest_role.map(|d| d.iso())),
        // The role picker; /search is left out (its result pages are noindex).
        ("/compare/".into(), newest_role.map(|d| d.iso())),
        ("/articles/".into(), newest_article.map(|d| d.iso())),
        // FAQs live in the database and carry no date.
        (super::questions::URL.into(), None),
        (super::glossary::URL.into(), None),
    ];
    entries.extend(
        site.roles
            .iter()
            .map(|r| (r.url(), Some(r.fm.updated.iso()))),
    );
    entries.extend(
        site.articles
            .iter()
            .map(|a| (a.url(), Some(a.last_updated().iso()))),
    );
    // Programs and the editorial pages.
    let newest_program = site.programs.iter().map(|p| p.fm.updated).max();
    entries.push((PROGRAMS_URL.into(), newest_program.map(|d| d.iso())));
    entries.extend(
        site.programs
            .iter()
            .map(|p| (p.url(), Some(p.fm.updated.iso()))),
    );
    entries.extend(
        site.pages
            .iter()
            .map(|p| (p.url(), Some(p.fm.updated.iso()))),
    );
    let newest = |list: &[&crate::content::article::Article]| {
        list.iter().map(|a| a.last_updated()).max().map(|d| d.iso())
    };
    // Every listing (`/articles/` is listed above) and its later pages.
    for (base, list) in site.listings() {
        if base != "/articles/" && !list.is_empty() {
            entries.push((base.to_string(), newest(&list)));
        }
        for n in 2..=page_count(list.len()) {
            entries.push((page_url(base, n), newest(&list)));
        }
    }
    // The career map and route planner change with the roles; salary pages
    // with the wage table, which has no date in the content.
    let roles_date = newest_role.map(|d| d.iso());
    for path in ["/career-map/", "/pathways/"] {
        entries.push((path.into(), roles_date.clone()));
    }
    entries.push(("/salaries/".into(), None));
    entries.extend(
        site.roles
            .iter()
            .map(|r| (super::salaries::salary_url(&r.slug), None)),
    );
    let s = site.clone();
    let states = state
        .db(move |c| super::salaries::state_list(c, &s))
        .await?;
    entries.extend(
        states
            .into_iter()
            .map(|(code, _)| (format!("/salaries/states/{code}/"), None)),
    );
    // Advisors' page and the occupation-code pages.
    let roles_day = newest_role.map(|d| d.iso());
    entries.push(("/api/".into(), roles_day.clone()));
    entries.extend(
        super::soc::all_codes(&site.roles)
            .into_iter()
            .map(|c| (format!("/soc/{c}/"), roles_day.clone())),
    );
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in entries {
        xml.push_str(&format!(
            "<url><loc>{}</loc>",
            escape(&format!("{base}{path}"))
        ));
        if let Some(d) = lastmod {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Ok(respond::cached(&req, "application/xml; charset=utf-8", xml))
}

pub async fn robots(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let base = state.config.site_url.trim_end_matches('/');
    respond::cached(
        &req,
        "text/plain; charset=utf-8",
        format!("User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n"),
    )
}
