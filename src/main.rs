//! Command line: parse, dispatch, nothing else.

use careers::commands;
use careers::config::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, None | Some(Command::Serve(_))) {
        // Before the log thread, the first thread, starts.
        commands::serve::bound_heaps();
    }
    let _log = match careers::logging::init() {
        Ok(guard) => guard,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match &cli.command {
        None => commands::serve::run(&cli.serve),
        Some(Command::Serve(args)) => commands::serve::run(args),
        Some(Command::Check(args)) => commands::check::run(args),
        Some(Command::Build(args)) => commands::build::run(args),
        Some(Command::Db { command }) => commands::db::run(command),
        Some(Command::Admin { command }) => commands::admin::run(command),
    }
}
