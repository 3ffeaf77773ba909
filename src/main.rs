//! Command line: parse, dispatch, nothing else.

use careers::commands;
use careers::config::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => commands::check::run(&args),
        _ => {
            eprintln!("serve is not built yet");
            ExitCode::FAILURE
        }
    }
}
