//! `db seed`, `db backup` and `db restore`.

use crate::config::{DbArgs, DbCommand};
use crate::content::{self, LoadOptions};
use crate::db;
use std::process::ExitCode;

pub fn run(cmd: &DbCommand) -> ExitCode {
    let result = match cmd {
        DbCommand::Seed(args) => seed(args),
        DbCommand::Backup { db: args, out } => db::open(&args.database)
            .and_then(|pool| Ok(pool.get()?))
            .and_then(|conn| db::backup(&conn, out))
            .map(|()| println!("backup written to {}", out.display()))
            .map_err(|e| e.to_string()),
        DbCommand::Restore { db: args, from } => db::restore(from, &args.database)
            .map(|()| {
                println!(
                    "{} restored into {}",
                    from.display(),
                    args.database.display()
                )
            })
            .map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn seed(args: &DbArgs) -> Result<(), String> {
    let site = content::load(
        &args.content.content,
        LoadOptions {
            drafts: args.content.drafts,
        },
    )
    .map_err(|e| e.to_string())?;
    let pool = db::open(&args.database).map_err(|e| e.to_string())?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let report = db::seed(&mut conn, &site, &args.content.content).map_err(|e| e.to_string())?;
    println!("seeded {}: {report:?}", args.database.display());
    for (table, n) in db::counts(&conn).map_err(|e| e.to_string())? {
        println!("  {table}: {n} rows");
    }
    Ok(())
}
