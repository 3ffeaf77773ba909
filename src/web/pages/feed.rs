//! `/feed.xml`: an Atom feed (RFC 4287) of the articles, newest first, each
//! with its summary and full text.

use crate::content::date::Date;
use crate::text::escape;
use crate::web::error::AppError;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};

/// An Atom date: the day at midnight UTC.
fn stamp(d: Date) -> String {
    format!("{}T00:00:00Z", d.iso())
}

pub async fn feed(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let base = state.config.site_url.trim_end_matches('/');
    let updated = site
        .articles
        .iter()
        .map(|a| a.last_updated())
        .max()
        .or_else(|| site.roles.iter().map(|r| r.fm.updated).max())
        .unwrap_or_else(Date::today);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n");
    xml.push_str(&format!(
        "<title>{}</title>\n<subtitle>{}</subtitle>\n<id>{base}/</id>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{base}/feed.xml\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{base}/articles/\"/>\n\
         <updated>{}</updated>\n<author><name>{}</name></author>\n",
        escape(&format!("{}: articles", site.info.title)),
        escape(&site.info.tagline),
        stamp(updated),
        escape(&site.info.title),
    ));
    for a in &site.articles {
        let url = format!("{base}{}", a.url());
        let author = site
            .authors
            .get(&a.fm.author)
            .map(|x| x.name.as_str())
            .unwrap_or(a.fm.author.as_str());
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<author><name>{}</name></author>\n\
             <category term=\"{}\"/>\n<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape(&a.fm.title),
            escape(&url),
            escape(&url),
            stamp(a.fm.published),
            stamp(a.last_updated()),
            escape(author),
            escape(&a.fm.category),
            escape(a.fm.summary.trim()),
            escape(&absolute_links(&a.html.get(), base)),
        ));
    }
    xml.push_str("</feed>\n");
    Ok(respond::cached(
        &req,
        "application/atom+xml; charset=utf-8",
        xml,
    ))
}

/// Makes root-relative links absolute, since feed readers show the HTML
/// away from the site.
fn absolute_links(html: &str, base: &str) -> String {
    html.replace("href=\"/", &format!("href=\"{base}/"))
        .replace("src=\"/", &format!("src=\"{base}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_absolute() {
        assert_eq!(
            absolute_links("<a href=\"/roles/x/\">x</a>", "https://s.test"),
            "<a href=\"https://s.test/roles/x/\">x</a>"
        );
    }
}
