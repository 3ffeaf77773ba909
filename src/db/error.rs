//! `DbError`: every failure of the storage layer, with enough context to act on.

use std::borrow::Cow;
use std::path::PathBuf;

/// An error from opening, migrating, seeding or querying the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A SQLite call failed; `context` says what we were doing.
    #[error("{context}: {source}")]
    Sqlite {
        context: Cow<'static, str>,
        #[source]
        source: rusqlite::Error,
    },
    /// No connection could be taken from (or added to) the pool.
    #[error("database connection pool: {0}")]
    Pool(#[from] r2d2::Error),
    /// A schema migration failed.
    #[error("migrating {path}: {source}")]
    Migration {
        path: PathBuf,
        #[source]
        source: rusqlite_migration::Error,
    },
    /// A CSV file could not be read or parsed.
    #[error("{path}: {source}")]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
    /// A CSV cell or column that does not hold what the schema expects.
    #[error("{path}:{line}: {message}")]
    Data {
        path: PathBuf,
        line: u64,
        message: String,
    },
    /// A file or folder operation failed.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// An argument the database would reject (e.g. an unknown testimonial status).
    #[error("{0}")]
    Invalid(String),
    /// The file failed SQLite's integrity check; what it found.
    #[error("the database failed its integrity check: {0}")]
    Corrupt(String),
    /// A damaged database that start will not rebuild: why, and how to
    /// restore a backup.
    #[error(
        "the database {} cannot be opened: {cause}\n{why}\n\
To restore a backup (written by `careers db backup FILE`): stop the server, copy the backup \
over {}, remove {}-wal and {}-shm if they exist, and start again.",
        path.display(), path.display(), path.display(), path.display()
    )]
    Refused {
        path: PathBuf,
        cause: String,
        why: String,
    },
}

impl From<rusqlite::Error> for DbError {
    fn from(source: rusqlite::Error) -> Self {
        DbError::Sqlite {
            context: Cow::Borrowed("sqlite"),
            source,
        }
    }
}

/// Adds context to a `rusqlite` result.
pub(crate) trait Context<T> {
    fn ctx(self, context: &'static str) -> Result<T, DbError>;
    fn with_ctx(self, context: impl FnOnce() -> String) -> Result<T, DbError>;
}

impl<T> Context<T> for Result<T, rusqlite::Error> {
    fn ctx(self, context: &'static str) -> Result<T, DbError> {
        self.map_err(|source| DbError::Sqlite {
            context: Cow::Borrowed(context),
            source,
        })
    }

    fn with_ctx(self, context: impl FnOnce() -> String) -> Result<T, DbError> {
        self.map_err(|source| DbError::Sqlite {
            context: Cow::Owned(context()),
            source,
        })
    }
}

/// Wraps an I/O error with what was being done.
pub(crate) fn io_error(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> DbError {
    let context = context.into();
    move |source| DbError::Io { context, source }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + 'static>() {}

    #[test]
    fn can_cross_threads() {
        assert_send_sync::<DbError>();
    }
}
