//! `check`: check the content tree as the server would load it, plus links,
//! anchors, files and freshness (`content::check`), and print every finding
//! once, numbered, with a summary line; or as JSON with `--format json`.
//! Exits non-zero when there is an error (or, with `--strict`, a warning).

use crate::config::{CheckArgs, CheckFormat};
use crate::content::check::{self, CheckOptions, DataTable};
use crate::content::date::Date;
use crate::db;
use std::process::ExitCode;

pub fn run(args: &CheckArgs) -> ExitCode {
    let opts = CheckOptions {
        drafts: args.content.drafts,
        static_dir: args.static_dir.clone(),
        max_age_months: args.max_age_months,
        today: Date::today(),
        tables: data_tables(),
    };
    let mut report = check::check(&args.content.content, &opts);
    if args.strict {
        report.make_strict();
    }
    match args.format {
        CheckFormat::Text => print!("{}", report.text()),
        CheckFormat::Json => println!("{}", report.json()),
    }
    if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The BLS tables `db::seed` imports with a fixed source and period.
fn data_tables() -> Vec<DataTable> {
    vec![
        DataTable {
            file: "data/bls/oews_national.csv".into(),
            label: "The BLS wage tables (data/bls/oews_*.csv)".into(),
            source: db::OEWS_SOURCE.into(),
            period: db::OEWS_PERIOD.into(),
        },
        DataTable {
            file: "data/bls/ep_projections.csv".into(),
            label: "The BLS projections table".into(),
            source: db::EP_SOURCE.into(),
            period: db::EP_PERIOD.into(),
        },
    ]
}
