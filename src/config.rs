//! Settings from flags and environment variables, with defaults that work on
//! a fresh clone: `content/` and `data/careers.sqlite3` beside the binary's
//! working directory, served on 127.0.0.1:8080.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// The career guide: serve it, check its content, or manage its database.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default).
    Serve(ServeArgs),
    /// Check the content tree (front matter, references, links, anchors,
    /// files, freshness) and exit non-zero on any error.
    Check(CheckArgs),
    /// Write the whole public site as static files into OUT_DIR.
    Build(BuildArgs),
    /// Database tasks.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Editors' accounts for /admin/.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Add an editor. The password is read from the terminal (asked twice,
    /// not echoed) or, when stdin is not a terminal, from its first line;
    /// it is never a flag.
    AddUser {
        #[command(flatten)]
        db: DbArgs,
        /// The editor's user name.
        username: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Create or migrate the database and (re)seed it from `content/data/`.
    Seed(DbArgs),
    /// Write a consistent copy of the database to a file.
    Backup {
        #[command(flatten)]
        db: DbArgs,
        /// Where to write the copy.
        out: PathBuf,
    },
    /// Replace the database's contents with a backup written by `db backup`.
    Restore {
        #[command(flatten)]
        db: DbArgs,
        /// The backup file to restore.
        from: PathBuf,
    },
}

/// Where the content lives.
#[derive(Debug, Clone, Args)]
pub struct ContentArgs {
    /// The content folder.
    #[arg(long, env = "CAREERS_CONTENT", default_value = "content")]
    pub content: PathBuf,
    /// Include pages marked `draft = true`.
    #[arg(long, env = "CAREERS_DRAFTS")]
    pub drafts: bool,
}

/// How to check the content.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// Folder of static files that `/static/...` links and images must exist in.
    #[arg(long, env = "CAREERS_STATIC", default_value = "static")]
    pub static_dir: PathBuf,
    /// `text` (numbered, for people) or `json` (for other tools).
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Treat warnings (stale figures, redirecting links) as errors.
    #[arg(long)]
    pub strict: bool,
    /// Figures and sources older than this many months are warnings.
    #[arg(long, default_value_t = 24)]
    pub max_age_months: u32,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

/// Where the database lives.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// The SQLite file; created, migrated and seeded on first use.
    #[arg(long, env = "CAREERS_DATABASE", default_value = "data/careers.sqlite3")]
    pub database: PathBuf,
}

/// How to export: the serve settings (content, database, site URL, static
/// files), where to write, and the live server for what needs one.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// The folder to write; created if missing. A folder an earlier build
    /// wrote is emptied first; any other non-empty folder is refused.
    pub out_dir: PathBuf,
    /// URL of the live server: search, filters and comparisons in the
    /// exported pages point there. Without it the pages say they need the server.
    #[arg(long, env = "CAREERS_LIVE_URL")]
    pub live_url: Option<String>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// How to serve.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on.
    #[arg(long, env = "CAREERS_ADDRESS", default_value = "127.0.0.1")]
    pub address: String,
    /// Port to listen on.
    #[arg(long, env = "CAREERS_PORT", default_value_t = 8080)]
    pub port: u16,
    /// The public URL of the site, used in canonical links and feeds.
    #[arg(
        long,
        env = "CAREERS_SITE_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub site_url: String,
    /// Folder of static files (CSS, icons).
    #[arg(long, env = "CAREERS_STATIC", default_value = "static")]
    pub static_dir: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long, env = "CAREERS_WORKERS")]
    pub workers: Option<usize>,
    /// Editing mode: pages show the current content errors and reload
    /// themselves after each successful recompile.
    #[arg(long, env = "CAREERS_DEV")]
    pub dev: bool,
    #[command(flatten)]
    pub readers: ReaderArgs,
}

/// Reader forms: where mail goes, and how many submissions are accepted.
#[derive(Debug, Clone, Args)]
pub struct ReaderArgs {
    /// SMTP server for outgoing mail: `smtp://host:25` (plain),
    /// `smtp://host:587?tls=required` (STARTTLS), `smtps://user:password@host`.
    /// Without it, mail is written to the outbox folder.
    #[arg(long, env = "CAREERS_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Folder for outgoing mail when no SMTP server is set (default:
    /// `outbox/` beside the database).
    #[arg(long, env = "CAREERS_OUTBOX")]
    pub outbox: Option<PathBuf>,
    /// Sender of outgoing mail, e.g. `Guide <news@example.org>` (default:
    /// the site's title at `no-reply@` the site's host).
    #[arg(long, env = "CAREERS_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// Form submissions one client may make per minute (a burst of this
    /// many, then one every 60/N seconds).
    #[arg(long, env = "CAREERS_SUBMIT_PER_MINUTE", default_value_t = 10)]
    pub submit_per_minute: u32,
    /// Form submissions the whole site accepts per second.
    #[arg(long, env = "CAREERS_SUBMIT_PER_SECOND", default_value_t = 50)]
    pub submit_per_second: u32,
    /// Take the client's address from the last `X-Forwarded-For` entry:
    /// only behind a reverse proxy that sets it.
    #[arg(long, env = "CAREERS_TRUST_FORWARDED")]
    pub trust_forwarded: bool,
}

impl Default for ReaderArgs {
    fn default() -> Self {
        ReaderArgs {
            smtp_url: None,
            outbox: None,
            mail_from: None,
            submit_per_minute: 10,
            submit_per_second: 50,
            trust_forwarded: false,
        }
    }
}
