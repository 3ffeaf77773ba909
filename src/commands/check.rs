//! `check`: load the content tree as the server would and report every
//! problem once, numbered, with file and line.

use crate::config::ContentArgs;
use crate::content::{self, LoadOptions};
use std::process::ExitCode;

pub fn run(args: &ContentArgs) -> ExitCode {
    match content::load(
        &args.content,
        LoadOptions {
            drafts: args.drafts,
        },
    ) {
        Ok(site) => {
            println!(
                "content OK: {} roles, {} articles, {} sources, {} figures, {} FAQs, {} testimonials",
                site.roles.len(),
                site.articles.len(),
                site.sources.len(),
                site.figures.len(),
                site.faqs.len(),
                site.testimonials.len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::FAILURE
        }
    }
}
