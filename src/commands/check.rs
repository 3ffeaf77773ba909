//! `check`: check the content tree as the server would load it, plus links,
//! anchors, files and freshness (`content::check`), and print every finding
//! once, numbered, with a summary line; or as JSON with `--format json`.
//! Exits non-zero when there is an error (or, with `--strict`, a warning).

use crate::config::{CheckArgs, CheckFormat};
use crate::content::check::{self, CheckOptions};
use crate::content::date::Date;
use std::process::ExitCode;

pub fn run(args: &CheckArgs) -> ExitCode {
    // Each body is read once, by the link check: not worth deflating.
    crate::content::html::hold_plain();
    let opts = CheckOptions {
        drafts: args.content.drafts,
        static_dir: args.static_dir.clone(),
        max_age_months: args.max_age_months,
        today: Date::today(),
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
