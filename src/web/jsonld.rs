//! schema.org structured data (JSON-LD) for search engines and other sites:
//! `BreadcrumbList` on every page below home, `Occupation` on role pages,
//! `Article` on articles, `FAQPage` where questions are answered,
//! `EducationalOccupationalProgram` on an institution's program page.
//!
//! Each builder returns a `serde_json::Value`; [`script_body`] serializes
//! one for a `<script type="application/ld+json">` block, escaping `<` so
//! no string can close the element. CSP `script-src 'none'` does not apply:
//! browsers never run a data block.

use crate::content::role::Degree;
use serde_json::{Value, json};

const CONTEXT: &str = "https://schema.org";

/// The text of a JSON-LD `<script>` element. Every `<` is written `\u003c`
/// (valid JSON, same value), so `</script>` or `<!--` inside a string
/// cannot end or change the element.
pub fn script_body(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
}

/// `BreadcrumbList` for a trail of (name, absolute URL). None for fewer
/// than two items (the home page).
pub fn breadcrumbs(items: &[(String, String)]) -> Option<Value> {
    if items.len() < 2 {
        return None;
    }
    let list: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, (name, url))| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": name,
                "item": url,
            })
        })
        .collect();
    Some(json!({
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": list,
    }))
}

/// The Google/schema.org credential category for a degree level.
fn credential_category(d: Degree) -> Option<&'static str> {
    match d {
        Degree::None => None,
        Degree::Certificate => Some("professional certificate"),
        Degree::Associate => Some("associate degree"),
        Degree::Bachelor => Some("bachelor degree"),
        Degree::Master | Degree::Doctorate => Some("postgraduate degree"),
    }
}

/// Annual wage percentiles for the nation, as published.
#[derive(Debug, Clone, Default)]
pub struct Percentiles {
    pub p10: Option<i64>,
    pub p25: Option<i64>,
    pub median: Option<i64>,
    pub p75: Option<i64>,
    pub p90: Option<i64>,
    /// What the distribution is, with its source and period.
    pub name: String,
}

/// A role's pay as schema.org states it.
#[derive(Debug, Clone)]
pub enum Salary {
    /// The percentiles of the code whose median is the role's pay.
    Percentiles(Percentiles),
    /// One figure (or a range) from a published source.
    Figure {
        value: i64,
        high: Option<i64>,
        name: String,
    },
}

/// Everything an `Occupation` block says about a role.
#[derive(Debug, Clone)]
pub struct OccupationData {
    pub name: String,
    pub description: String,
    pub url: String,
    pub soc: String,
    /// The occupation code's title.
    pub soc_title: Option<String>,
    pub onet: Vec<String>,
    pub salary: Option<Salary>,
    pub minimum: Degree,
    /// "Bachelor's degree at least; typically 4 years of study after high school".
    pub education_text: String,
    /// Sentences on the experience people bring, if known.
    pub experience: Option<String>,
    pub skills: Vec<String>,
    /// Names of the licenses and certifications the role asks for or values.
    pub credentials: Vec<String>,
}

pub fn occupation(d: &OccupationData) -> Value {
    // Kept lean: role pages have a 50 kB HTML budget. The occupation code
    // is a CategoryCode with its title; profile codes are plain text values.
    let mut codes = vec![json!({
        "@type": "CategoryCode",
        "codeValue": d.soc,
        "name": d.soc_title,
    })];
    codes.extend(d.onet.iter().map(|c| json!(c)));
    let mut education = json!({
        "@type": "EducationalOccupationalCredential",
        "description": d.education_text,
    });
    if let Some(cat) = credential_category(d.minimum) {
        education["credentialCategory"] = json!(cat);
    }
    let mut v = json!({
        "@context": CONTEXT,
        "@type": "Occupation",
        "name": d.name,
        "description": d.description,
        "url": d.url,
        "occupationalCategory": codes,
        "educationRequirements": education,
        "skills": d.skills.join(", "),
        "occupationLocation": {"@type": "Country", "name": "US"},
    });
    match &d.salary {
        Some(Salary::Percentiles(s)) => {
            let mut dist = json!({
                "@type": "MonetaryAmountDistribution",
                "name": s.name,
                "currency": "USD",
                "duration": "P1Y",
            });
            for (key, val) in [
                ("percentile10", s.p10),
                ("percentile25", s.p25),
                ("median", s.median),
                ("percentile75", s.p75),
                ("percentile90", s.p90),
            ] {
                if let Some(n) = val {
                    dist[key] = json!(n);
                }
            }
            v["estimatedSalary"] = dist;
        }
        Some(Salary::Figure { value, high, name }) => {
            let quantity = match high {
                Some(h) => {
                    json!({"@type": "QuantitativeValue", "minValue": value, "maxValue": h, "unitText": "YEAR"})
                }
                None => json!({"@type": "QuantitativeValue", "value": value, "unitText": "YEAR"}),
            };
            v["estimatedSalary"] = json!({
                "@type": "MonetaryAmount",
                "name": name,
                "currency": "USD",
                "value": quantity,
            });
        }
        None => {}
    }
    if let Some(e) = &d.experience {
        v["experienceRequirements"] = json!(e);
    }
    if !d.credentials.is_empty() {
        v["qualifications"] = json!(d.credentials.join("; "));
    }
    v
}

/// Everything an `Article` block says.
#[derive(Debug, Clone)]
pub struct ArticleData {
    pub headline: String,
    pub description: String,
    pub url: String,
    pub published: String,
    pub modified: String,
    pub author: String,
    pub author_url: String,
    pub publisher: String,
    pub site_url: String,
    pub image: String,
    pub section: String,
    pub keywords: Vec<String>,
}

pub fn article(d: &ArticleData) -> Value {
    json!({
        "@context": CONTEXT,
        "@type": "Article",
        "headline": d.headline,
        "description": d.description,
        "url": d.url,
        "mainEntityOfPage": d.url,
        "datePublished": d.published,
        "dateModified": d.modified,
        "author": {"@type": "Organization", "name": d.author, "url": d.author_url},
        "publisher": {"@type": "Organization", "name": d.publisher, "url": d.site_url},
        "image": d.image,
        "articleSection": d.section,
        "keywords": d.keywords,
        "inLanguage": "en",
    })
}

/// Everything an `EducationalOccupationalProgram` block says.
#[derive(Debug, Clone)]
pub struct ProgramData {
    pub name: String,
    pub description: String,
    pub url: String,
    /// The institution that offers it, and its page for the program.
    pub provider: String,
    pub provider_url: Option<String>,
    /// What it awards, as the site labels it.
    pub credential: String,
    /// schema.org `educationalProgramMode` values: our delivery keys.
    pub modes: Vec<&'static str>,
    /// The roles it prepares for: (role title, the role's occupation code).
    pub occupations: Vec<(String, String)>,
}

pub fn program(d: &ProgramData) -> Value {
    let mut provider = json!({"@type": "EducationalOrganization", "name": d.provider});
    if let Some(u) = &d.provider_url {
        provider["url"] = json!(u);
    }
    let mut v = json!({
        "@context": CONTEXT,
        "@type": "EducationalOccupationalProgram",
        "name": d.name,
        "description": d.description,
        "url": d.url,
        "provider": provider,
        "educationalCredentialAwarded": {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": d.credential,
        },
    });
    if !d.modes.is_empty() {
        v["educationalProgramMode"] = json!(d.modes);
    }
    if !d.occupations.is_empty() {
        let codes: Vec<Value> = d
            .occupations
            .iter()
            .map(|(name, code)| json!({"@type": "CategoryCode", "codeValue": code, "name": name}))
            .collect();
        v["occupationalCategory"] = json!(codes);
    }
    v
}

/// `FAQPage` from (question, answer HTML) pairs; None when there are none.
pub fn faq_page(faqs: &[(String, String)]) -> Option<Value> {
    if faqs.is_empty() {
        return None;
    }
    let questions: Vec<Value> = faqs
        .iter()
        .map(|(q, a)| {
            json!({
                "@type": "Question",
                "name": q,
                "acceptedAnswer": {"@type": "Answer", "text": a},
            })
        })
        .collect();
    Some(json!({
        "@context": CONTEXT,
        "@type": "FAQPage",
        "mainEntity": questions,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_body_cannot_close_the_element() {
        let v = json!({"text": "</script><script>alert(1)</script><!--"});
        let s = script_body(&v);
        assert!(!s.contains('<'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn breadcrumbs_need_a_parent() {
        assert!(breadcrumbs(&[("Home".into(), "https://x/".into())]).is_none());
        let b = breadcrumbs(&[
            ("Home".into(), "https://x/".into()),
            ("Roles".into(), "https://x/roles/".into()),
        ])
        .unwrap();
        assert_eq!(b["itemListElement"][1]["position"], 2);
    }
}
