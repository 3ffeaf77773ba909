//! Occupational profiles, from the folder the
//! pack's manifest names: the description, tasks,
//! skills, education levels and technologies for the codes roles name.
//! The files follow the layout of the public occupational database the
//! first pack uses (the module and the role key `onet` are named after it);
//! its license and attribution come from the manifest and `site.toml`.
//!
//! Technologies are those the database flags as hot or in demand, in an order the
//! pack chooses with the optional `technology.toml` ([`TechnologyOrder`]):
//! the tools it names first, in its order; then other in-demand tools; then
//! other hot ones, each group in the file's order.

use super::error::ContentError;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// What the profile files say about one detail code.
#[derive(Debug, Clone, Default)]
pub struct OnetProfile {
    pub code: String,
    pub title: String,
    pub description: String,
    /// Core tasks, most reported first.
    pub tasks: Vec<String>,
    /// Skills by importance (1 to 5), most important first.
    pub skills: Vec<(String, f64)>,
    /// Share of respondents per required education level, largest first.
    pub education: Vec<(String, f64)>,
    /// Technologies flagged as hot or in demand, in the order pages show them.
    pub technologies: Vec<Technology>,
    /// Job zone name, e.g. "Job Zone Four: Considerable Preparation Needed".
    pub job_zone: Option<String>,
    /// The data collection date of the tasks, e.g. "08/2024".
    pub date: String,
    /// The data collection date of the education ratings, e.g. "07/2016".
    pub education_date: String,
    /// The data collection date of the skills ratings.
    pub skills_date: String,
}

/// A technology the profile names for an occupation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Technology {
    pub name: String,
    /// The "in demand" flag: frequently named in the occupation's job postings.
    pub in_demand: bool,
}

/// `technology.toml` in the profile folder (optional): which of the tools
/// the profile files flag the pack's pages name first.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechnologyOrder {
    /// Technology names exactly as in `technology_skills.csv`
    /// (`example`), in the order pages show them when flagged hot
    /// or in demand for the occupation, e.g. `["Epic Systems", "Tableau"]`.
    #[serde(default)]
    pub first: Vec<String>,
}

#[derive(Deserialize)]
struct OccupationRow {
    onet_soc_code: String,
    title: String,
    description: String,
}

#[derive(Deserialize)]
struct TaskRow {
    onet_soc_code: String,
    task: String,
    task_type: String,
    incumbents_responding: Option<f64>,
    date: String,
}

#[derive(Deserialize)]
struct RatingRow {
    onet_soc_code: String,
    element_name: String,
    scale_id: String,
    data_value: f64,
    #[serde(default)]
    recommend_suppress: Option<String>,
    #[serde(default)]
    date: String,
}

#[derive(Deserialize)]
struct EducationRow {
    onet_soc_code: String,
    scale_id: String,
    category_description: String,
    data_value_pct: f64,
    #[serde(default)]
    date: String,
}

#[derive(Deserialize)]
struct TechRow {
    onet_soc_code: String,
    example: String,
    hot_technology: String,
    #[serde(default)]
    in_demand: String,
}

#[derive(Deserialize)]
struct JobZoneRow {
    onet_soc_code: String,
    job_zone_name: String,
}

fn read<T: for<'de> Deserialize<'de>>(
    dir: &Path,
    name: &str,
    errors: &mut Vec<ContentError>,
) -> Vec<T> {
    let path = dir.join(name);
    let mut reader = match csv::Reader::from_path(&path) {
        Ok(r) => r,
        Err(e) => {
            errors.push(ContentError::new(
                &path,
                format!("cannot read profile file: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut rows = Vec::new();
    for (i, row) in reader.deserialize().enumerate() {
        match row {
            Ok(r) => rows.push(r),
            Err(e) => errors.push(ContentError::new(&path, format!("bad row: {e}")).at_line(i + 2)),
        }
    }
    rows
}

/// Short form of an education category ("Master's Degree").
fn short_category(s: &str) -> String {
    let cut = s.find(" - ").or_else(|| s.find(" (")).unwrap_or(s.len());
    s[..cut].trim().to_string()
}

/// Loads the profiles for every code in the folder.
pub fn load(dir: &Path, errors: &mut Vec<ContentError>) -> HashMap<String, OnetProfile> {
    let mut map: HashMap<String, OnetProfile> = HashMap::new();
    for row in read::<OccupationRow>(dir, "occupations.csv", errors) {
        map.insert(
            row.onet_soc_code.clone(),
            OnetProfile {
                code: row.onet_soc_code,
                title: row.title,
                description: row.description,
                ..Default::default()
            },
        );
    }
    let mut tasks: Vec<TaskRow> = read(dir, "task_statements.csv", errors);
    tasks.sort_by(|a, b| {
        b.incumbents_responding
            .unwrap_or(0.0)
            .total_cmp(&a.incumbents_responding.unwrap_or(0.0))
    });
    for t in tasks.into_iter().filter(|t| t.task_type == "Core") {
        if let Some(p) = map.get_mut(&t.onet_soc_code) {
            p.tasks.push(t.task);
            p.date = t.date;
        }
    }
    for r in read::<RatingRow>(dir, "skills.csv", errors) {
        if r.scale_id == "IM"
            && r.recommend_suppress.as_deref() != Some("Y")
            && let Some(p) = map.get_mut(&r.onet_soc_code)
        {
            p.skills.push((r.element_name, r.data_value));
            p.skills_date = r.date;
        }
    }
    for r in read::<EducationRow>(dir, "education_training_experience.csv", errors) {
        if r.scale_id == "RL"
            && r.data_value_pct > 0.0
            && let Some(p) = map.get_mut(&r.onet_soc_code)
        {
            p.education
                .push((short_category(&r.category_description), r.data_value_pct));
            p.education_date = r.date;
        }
    }
    let first = technology_order(dir, errors);
    for r in read::<TechRow>(dir, "technology_skills.csv", errors) {
        let in_demand = r.in_demand == "Y";
        if (r.hot_technology == "Y" || in_demand)
            && let Some(p) = map.get_mut(&r.onet_soc_code)
            && !p.technologies.iter().any(|t| t.name == r.example)
        {
            p.technologies.push(Technology {
                name: r.example,
                in_demand,
            });
        }
    }
    for r in read::<JobZoneRow>(dir, "job_zones.csv", errors) {
        if let Some(p) = map.get_mut(&r.onet_soc_code) {
            p.job_zone = Some(r.job_zone_name);
        }
    }
    for p in map.values_mut() {
        p.skills.sort_by(|a, b| b.1.total_cmp(&a.1));
        p.education.sort_by(|a, b| b.1.total_cmp(&a.1));
        // Stable: the file's order within each group.
        p.technologies.sort_by_key(|t| {
            (
                first
                    .iter()
                    .position(|f| *f == t.name)
                    .unwrap_or(usize::MAX),
                !t.in_demand,
            )
        });
    }
    map
}

/// The pack's `technology.toml` list, empty when the file is absent.
fn technology_order(dir: &Path, errors: &mut Vec<ContentError>) -> Vec<String> {
    let path = dir.join("technology.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    match super::front_matter::parse::<TechnologyOrder>(&path, &text, 1) {
        Ok(f) => f.first,
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A profile folder holding one occupation with the given technology rows.
    fn folder(tech_rows: &str, order: Option<&str>) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "occupations.csv",
                "onet_soc_code,title,description\n11-1111.00,Tester,Tests.\n",
            ),
            (
                "task_statements.csv",
                "onet_soc_code,title,task_id,task,task_type,incumbents_responding,date,domain_source\n11-1111.00,Tester,1,Test things.,Core,10,05/2024,Incumbent\n",
            ),
            (
                "skills.csv",
                "onet_soc_code,title,element_id,element_name,scale_id,scale_name,data_value,n,standard_error,lower_ci_bound,upper_ci_bound,recommend_suppress,not_relevant,date,domain_source\n",
            ),
            (
                "education_training_experience.csv",
                "onet_soc_code,title,element_id,element_name,scale_id,scale_name,category,category_description,data_value_pct,n,standard_error,lower_ci_bound,upper_ci_bound,recommend_suppress,date,domain_source\n11-1111.00,Tester,2.D.1,Required Level of Education,RL,x,6,Bachelor's Degree,60,20,,,,N,07/2016,Incumbent\n",
            ),
            (
                "job_zones.csv",
                "onet_soc_code,title,job_zone,job_zone_name,date,domain_source\n",
            ),
        ];
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let tech = format!(
            "onet_soc_code,title,example,commodity_code,commodity_title,hot_technology,in_demand\n{tech_rows}"
        );
        std::fs::write(dir.path().join("technology_skills.csv"), tech).unwrap();
        if let Some(o) = order {
            std::fs::write(dir.path().join("technology.toml"), o).unwrap();
        }
        dir
    }

    const ROWS: &str = "11-1111.00,T,Alpha Suite,1,c,Y,N\n11-1111.00,T,Beta Mail,1,c,Y,Y\n11-1111.00,T,Not Flagged,1,c,N,N\n11-1111.00,T,Zeta Records,1,c,Y,N\n";

    fn names(p: &OnetProfile) -> Vec<(&str, bool)> {
        p.technologies
            .iter()
            .map(|t| (t.name.as_str(), t.in_demand))
            .collect()
    }

    #[test]
    fn technologies_follow_the_flags_then_the_packs_order() {
        // Without a pack order: in-demand first, then hot, in the file's order;
        // an unflagged tool never shows.
        let dir = folder(ROWS, None);
        let mut errors = Vec::new();
        let map = load(dir.path(), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let p = &map["11-1111.00"];
        assert_eq!(
            names(p),
            [
                ("Beta Mail", true),
                ("Alpha Suite", false),
                ("Zeta Records", false)
            ]
        );
        // The pack names a tool first; one it names that the occupation
        // lacks is simply absent.
        let dir = folder(ROWS, Some("first = [\"Zeta Records\", \"Nowhere\"]\n"));
        let map = load(dir.path(), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            names(&map["11-1111.00"]),
            [
                ("Zeta Records", false),
                ("Beta Mail", true),
                ("Alpha Suite", false)
            ]
        );
        // The collection dates come from the data rows.
        assert_eq!(map["11-1111.00"].education_date, "07/2016");
        assert_eq!(map["11-1111.00"].date, "05/2024");
    }

    #[test]
    fn a_bad_technology_file_is_an_error_with_its_line() {
        let dir = folder(ROWS, Some("first = [\"A\"]\nlast = 1\n"));
        let mut errors = Vec::new();
        load(dir.path(), &mut errors);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].to_string().contains("`last` is not a field here"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn shortens_categories() {
        assert_eq!(
            short_category("High School Diploma - or the equivalent (for example, GED)"),
            "High School Diploma"
        );
        assert_eq!(
            short_category("Associate's Degree (or other 2-year degree)"),
            "Associate's Degree"
        );
        assert_eq!(short_category("Master's Degree"), "Master's Degree");
    }
}
