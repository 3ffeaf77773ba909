//! The pack's data tables as the compiled model holds them, read only
//! through the manifest (`data/datasets.toml`): projections equal the CSV
//! cell for cell (in the manifest's unit), and a broken manifest or cell is
//! an error naming the file and line. Wage rows are compared with their
//! files in `tests/db.rs`.

mod common;

use careers::content::{self, LoadOptions};
use common::copy::{replace_in, tree};
use common::tables::{csv_rows, manifest};
use std::path::Path;

#[test]
fn projections_match_the_csv_in_the_manifests_unit() {
    let root = Path::new(common::PACK);
    let site = content::load(root, LoadOptions::default()).expect("the pack loads");
    let m = manifest(root)
        .projections
        .expect("the pack has projections");
    let c = &m.columns;
    assert_eq!(m.employment_unit, 1000.0, "the test file counts thousands");
    let rows = csv_rows(&root.join("data").join(&m.file));
    assert!(rows.len() >= 5);
    let num = |s: &str| s.parse::<f64>().unwrap();
    for row in &rows {
        let p = site
            .data
            .projection(&row[&c.code])
            .unwrap_or_else(|| panic!("{} is in the model", row[&c.code]));
        assert_eq!(p.title, row[&c.title]);
        assert_eq!(p.employment_start, num(&row[&c.employment_start]) * 1000.0);
        assert_eq!(p.employment_end, num(&row[&c.employment_end]) * 1000.0);
        assert_eq!(p.change_pct, num(&row[&c.change_pct]));
        assert_eq!(p.openings, num(&row[&c.openings]) * 1000.0);
        let text = |col: &str| Some(row[col].clone()).filter(|s| !s.is_empty());
        assert_eq!(p.entry_education, text(&c.entry_education));
        assert_eq!(p.work_experience, text(&c.work_experience));
        assert_eq!(p.training, text(&c.training));
    }
    let all = site.data.all_projection().expect("the all-occupations row");
    assert_eq!(all.code, m.all_code);
    assert_eq!(all.entry_education, None);
    assert!(all.change_pct > 0.0);
    assert!(site.data.projection("99-9999").is_none());
    // The period is the manifest's, not the rows'.
    assert_eq!(
        site.data.projection_manifest().unwrap().about.period(),
        "2030-2040"
    );
}

/// The errors of loading the test pack after `edit`.
fn load_errors(edit: impl FnOnce(&Path)) -> content::ContentErrors {
    let (_dir, root) = tree(common::PACK);
    edit(&root);
    match content::load(&root, LoadOptions::default()) {
        Ok(_) => panic!("the broken pack loaded"),
        Err(e) => e,
    }
}

#[test]
fn a_bad_projection_cell_names_the_file_line_and_column() {
    let e = load_errors(|root| {
        replace_in(
            &root.join("data/tables/outlook.csv"),
            "770,10.0,",
            "770,ten,",
        )
    });
    let err =
        e.0.iter()
            .find(|e| e.path == Path::new("data/tables/outlook.csv"))
            .unwrap_or_else(|| panic!("no error names the file: {e}"));
    assert_eq!(err.line, Some(3), "{err}");
    assert!(err.message.contains("`pct_change`"), "{err}");
    assert!(err.message.contains("ten"), "{err}");
}

#[test]
fn an_unknown_manifest_key_is_an_error_at_its_line() {
    let e = load_errors(|root| {
        replace_in(
            &root.join("data/datasets.toml"),
            "all_code = \"00-0000\"\ntop_code",
            "all_code = \"00-0000\"\nrelease = \"x\"\ntop_code",
        )
    });
    let err =
        e.0.iter()
            .find(|e| e.path == Path::new("data/datasets.toml"))
            .unwrap_or_else(|| panic!("no error names the manifest: {e}"));
    assert_eq!(err.line, Some(10), "the line of the key: {err}");
    assert!(
        err.message.contains("`release` is not a field here"),
        "{err}"
    );
}
