//! One module per command of the binary.

pub mod admin;
pub mod build;
pub mod check;
pub mod db;
pub mod serve;
