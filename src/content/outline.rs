//! The outline of a role page: every heading that carries a fixed id, in
//! page order, with its words and whether the page shows it. It is decided
//! once, when the content compiles ([`super::facts`]), and read by every
//! surface: the page template loops over it, the table of contents lists it,
//! the JSON API names the section links from it, and `check` validates
//! `#anchor` links against it. Advisors link to these ids
//! (`/roles/{slug}/#salary`), so they never change.

use crate::closed_set;
use std::sync::Arc;

closed_set! {
    /// A heading of a role page with a fixed id, in page order. The label is
    /// its default words; editors may give prose sections their own.
    pub enum Anchor("role page section") {
        QuickFacts = "quick-facts-title" => "Quick facts",
        Contents = "toc-title" => "On this page",
        Overview = "overview" => "Overview",
        TypicalDay = "typical-day" => "A typical day",
        Tasks = "onet-tasks" => "Core tasks",
        Problems = "problems" => "Problems they solve",
        Fit = "fit" => "Is this role for you?",
        Salary = "salary" => "Salary",
        SalaryPublished = "salary-published" => "What published sources report",
        SalaryNational = "salary-national" => "National pay for the occupation code",
        SalaryStates = "salary-states" => "Pay by state",
        SalaryMetros = "salary-metros" => "Best-paying metro areas",
        Outlook = "outlook" => "Outlook",
        OutlookPublished = "outlook-published" => "Other figures from published sources",
        Education = "education" => "Education",
        ProfileEducation = "onet-education" => "Education reported for the occupation",
        Study = "where-to-study" => "Where to study",
        Experience = "experience" => "Experience",
        Skills = "skills" => "Skills",
        ProfileSkills = "onet-skills" => "Most important skills for the occupation",
        Technology = "onet-technology" => "Technology in demand",
        Certifications = "certifications" => "Licenses and certifications",
        CareerPath = "career-path" => "Career path",
        PathFrom = "path-from" => "Where people come from",
        PathTo = "path-to" => "Where it leads",
        PathRoutes = "path-routes" => "Step-by-step routes",
        PathReading = "path-reading" => "Further reading",
        Testimonials = "testimonials" => "In their words",
        Faq = "faq" => "Questions and answers",
        References = "references" => "References",
        Cite = "cite" => "Cite or embed this page",
    }
}

impl Anchor {
    /// `2` for a section (`<h2>`), `3` for a part of one (`<h3>`).
    pub fn level(self) -> u8 {
        use Anchor::*;
        match self {
            Tasks | SalaryPublished | SalaryNational | SalaryStates | SalaryMetros
            | OutlookPublished | ProfileEducation | ProfileSkills | Technology | PathFrom
            | PathTo | PathRoutes | PathReading => 3,
            _ => 2,
        }
    }

    /// True for the sections an editor may write prose for, under
    /// `## Heading {#id}` in the role's Markdown body.
    pub fn takes_prose(self) -> bool {
        use Anchor::*;
        matches!(
            self,
            Overview
                | TypicalDay
                | Problems
                | Fit
                | Salary
                | Outlook
                | Education
                | Study
                | Experience
                | Skills
                | Certifications
                | CareerPath
        )
    }

    /// True for the sections the table of contents lists and the page body
    /// loops over: every `<h2>` but the quick facts and the contents.
    pub fn is_body_section(self) -> bool {
        self.level() == 2 && !matches!(self, Anchor::QuickFacts | Anchor::Contents)
    }

    /// What the section holds, for the advisors' documentation of the ids;
    /// `None` for headings not meant as link targets.
    pub fn describe(self) -> Option<&'static str> {
        use Anchor::*;
        Some(match self {
            Overview => "What the job is, with the definition of its occupation.",
            TypicalDay => "A typical day and the occupation's core tasks.",
            Problems => "The problems people in the role solve (on roles that describe them).",
            Fit => {
                "Is this role for you? A self-check against what the work asks (on roles that have one)."
            }
            Salary => {
                "The role's pay with its source and why that figure, published figures, and the occupation code's pay nationally, by state and in the best-paying metro areas."
            }
            SalaryStates => {
                "The table of pay by state; a single state's row is #state-ny, #state-ca and so on."
            }
            Outlook => {
                "The employment projection of the occupation code and other published figures."
            }
            Education => "Degrees, typical years of study and fields of study.",
            Study => {
                "Where to study: the kinds of program the role's sources name, then the listed programs that lead to it."
            }
            Experience => "Experience employers ask for (on roles that describe it).",
            Skills => "Skills, the occupation's skill ratings and technology in demand.",
            Certifications => "Licenses and certifications.",
            CareerPath => "Where people come from and where they go next.",
            Testimonials => "People in the role, in their words.",
            Faq => "Questions and answers.",
            References => "Every source the page cites.",
            Cite => {
                "A citation for students' papers (APA style) and the code to embed the role card."
            }
            _ => return None,
        })
    }

    /// The ids editors may give prose sections, in page order.
    pub fn prose_ids() -> Vec<&'static str> {
        Anchor::ALL
            .iter()
            .filter(|a| a.takes_prose())
            .map(|a| a.key())
            .collect()
    }
}

/// One heading of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section<'a> {
    pub anchor: Anchor,
    /// The words of the heading.
    pub heading: &'a str,
    /// Whether the page shows it (and so has its id).
    pub shown: bool,
}

impl Section<'_> {
    pub fn id(&self) -> &'static str {
        self.anchor.key()
    }
}

/// Every heading of a role page, in page order. Held compactly, since the
/// server keeps one per role: which anchors are shown is a bit set, and
/// only headings other than their anchor's label are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// Bit `anchor as usize` is set when the page shows the anchor.
    shown: u64,
    /// Headings that are not their anchor's label, in anchor order (shared
    /// where many roles word a heading alike).
    own: Box<[(Anchor, Arc<str>)]>,
}

const _: () = assert!(
    Anchor::ALL.len() <= 64,
    "Outline::shown has a bit per anchor"
);

impl Outline {
    /// Builds the outline from what the page has: `decide` gives each
    /// anchor's words (`None` for its label) and whether it is shown. A part
    /// (`<h3>`) is shown only when its section is.
    pub fn new(mut decide: impl FnMut(Anchor) -> (Option<Arc<str>>, bool)) -> Outline {
        let mut shown_set = 0u64;
        let mut own = Vec::new();
        let mut parent_shown = true;
        for &anchor in Anchor::ALL {
            let (heading, mut shown) = decide(anchor);
            if anchor.level() == 2 {
                parent_shown = shown;
            } else {
                shown &= parent_shown;
            }
            if shown {
                shown_set |= 1 << anchor as usize;
            }
            if let Some(h) = heading.filter(|h| **h != *anchor.label()) {
                own.push((anchor, h));
            }
        }
        Outline {
            shown: shown_set,
            own: own.into(),
        }
    }

    /// The heading of `anchor`, shown or not.
    pub fn section(&self, anchor: Anchor) -> Section<'_> {
        let heading = self
            .own
            .iter()
            .find(|(a, _)| *a == anchor)
            .map_or(anchor.label(), |(_, h)| h);
        Section {
            anchor,
            heading,
            shown: self.shows(anchor),
        }
    }

    pub fn shows(&self, anchor: Anchor) -> bool {
        self.shown & (1 << anchor as usize) != 0
    }

    /// The words of `anchor`'s heading.
    pub fn heading(&self, anchor: Anchor) -> &str {
        self.section(anchor).heading
    }

    /// The body sections the page shows, in order: what the template loops
    /// over and the table of contents lists.
    pub fn body(&self) -> impl Iterator<Item = Section<'_>> {
        Anchor::ALL
            .iter()
            .filter(|a| a.is_body_section())
            .map(|&a| self.section(a))
            .filter(|s| s.shown)
    }

    /// The ids of every heading the page shows.
    pub fn ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        Anchor::ALL
            .iter()
            .filter(|&&a| self.shows(a))
            .map(|a| a.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_index_their_sections() {
        let o = Outline::new(|a| (Some(a.label().into()), a != Anchor::Problems));
        for &a in Anchor::ALL {
            assert_eq!(o.section(a).anchor, a);
        }
        assert!(!o.shows(Anchor::Problems));
        assert!(o.body().all(|s| s.anchor.level() == 2));
        assert!(o.body().all(|s| s.anchor != Anchor::QuickFacts));
    }

    #[test]
    fn parts_of_hidden_sections_are_hidden() {
        let o = Outline::new(|a| (None, a != Anchor::Salary));
        assert!(!o.shows(Anchor::SalaryNational));
        assert!(o.shows(Anchor::Outlook));
        assert!(!o.ids().any(|id| id == "salary-states"));
    }

    #[test]
    fn prose_sections_are_twelve() {
        assert_eq!(
            Anchor::prose_ids(),
            [
                "overview",
                "typical-day",
                "problems",
                "fit",
                "salary",
                "outlook",
                "education",
                "where-to-study",
                "experience",
                "skills",
                "certifications",
                "career-path"
            ]
        );
    }
}
