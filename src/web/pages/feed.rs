//! `/feed.xml`: an Atom feed (RFC 4287) of the articles, newest first, each
//! with its summary and full text.

use crate::content::date::Date;
use crate::web::error::AppError;
use crate::web::respond;
use crate::web::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};

/// Escapes text for XML element content and attribute values.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

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
        escape_xml(&format!("{}: articles", site.info.title)),
        escape_xml(&site.info.tagline),
        stamp(updated),
        escape_xml(&site.info.title),
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
            escape_xml(&a.fm.title),
            escape_xml(&url),
            escape_xml(&url),
            stamp(a.fm.published),
            stamp(a.last_updated()),
            escape_xml(author),
            escape_xml(&a.fm.category),
            escape_xml(a.fm.summary.trim()),
            escape_xml(&absolute_links(&a.html.get(), base)),
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
    fn escapes_and_drops_forbidden_characters() {
        assert_eq!(escape_xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(
            absolute_links("<a href=\"/roles/x/\">x</a>", "https://s.test"),
            "<a href=\"https://s.test/roles/x/\">x</a>"
        );
    }
}
