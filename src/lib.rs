//! A career guide served from Markdown content and an embedded SQLite
//! database. See ARCHITECTURE.md for how the modules fit together.

pub mod commands;
pub mod config;
pub mod content;
pub mod db;
pub mod logging;
pub mod mail;
pub mod text;
pub mod web;
