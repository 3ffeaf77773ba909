//! Command line: parse, dispatch, nothing else.

use careers::commands;
use careers::config::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("CAREERS_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    match &cli.command {
        None => commands::serve::run(&cli.serve),
        Some(Command::Serve(args)) => commands::serve::run(args),
        Some(Command::Check(args)) => commands::check::run(args),
        Some(Command::Build(args)) => commands::build::run(args),
        Some(Command::Db { command }) => commands::db::run(command),
        Some(Command::Admin { command }) => commands::admin::run(command),
    }
}
