//! Occupational profiles in the O*NET database format, from the folder the
//! pack's manifest names: the description, tasks,
//! skills, education levels and technologies for the codes roles name.
//! O*NET is CC BY 4.0; every page that shows these carries the attribution
//! from `content/site.toml`.

use super::error::ContentError;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// What O*NET says about one O*NET-SOC code.
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
    /// Technologies O*NET flags as "hot", as examples.
    pub hot_technologies: Vec<String>,
    /// Job zone name, e.g. "Job Zone Four: Considerable Preparation Needed".
    pub job_zone: Option<String>,
    /// The O*NET data collection date of the tasks, e.g. "08/2024".
    pub date: String,
    /// The collection date of the education shares, as the data state it.
    pub education_date: String,
    /// The collection date of the skill ratings, as the data state it.
    pub skills_date: String,
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
    date: String,
}

#[derive(Deserialize)]
struct EducationRow {
    onet_soc_code: String,
    scale_id: String,
    category_description: String,
    data_value_pct: f64,
    date: String,
}

#[derive(Deserialize)]
struct TechRow {
    onet_soc_code: String,
    example: String,
    hot_technology: String,
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
                format!("cannot read O*NET file: {e}"),
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

/// Short form of an O*NET education category ("Master's Degree").
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
    for r in read::<TechRow>(dir, "technology_skills.csv", errors) {
        if r.hot_technology == "Y"
            && let Some(p) = map.get_mut(&r.onet_soc_code)
            && !p.hot_technologies.contains(&r.example)
        {
            p.hot_technologies.push(r.example);
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
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

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
