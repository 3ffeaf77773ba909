//! `admin add-user`: an editor account for /admin/, with an argon2id hash
//! of a password read from the terminal or stdin (never a flag, and there
//! is no default password).

use crate::config::AdminCommand;
use crate::db;
use crate::web::admin::password;
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

pub fn run(cmd: &AdminCommand) -> ExitCode {
    let AdminCommand::AddUser { db: args, username } = cmd;
    match add_user(&args.database, username) {
        Ok(()) => {
            println!("editor `{username}` added to {}", args.database.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn add_user(database: &std::path::Path, username: &str) -> Result<(), String> {
    password::check_username(username)?;
    let pw = read_password()?;
    password::check_strength(&pw)?;
    let hash = password::hash(&pw)?;
    let pool = db::open(database).map_err(|e| e.to_string())?;
    let conn = pool.get().map_err(|e| e.to_string())?;
    db::add_editor(&conn, username, &hash).map_err(|e| e.to_string())?;
    db::audit(&conn, "cli", "add-user", &format!("editor {username}"), "")
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Twice from a terminal without echo, or the first line of stdin.
fn read_password() -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("Again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the two passwords differ; nothing was added".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("reading the password from stdin: {e}"))?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}
