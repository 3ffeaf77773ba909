//! One module per page area. Each handler reads the current `Site` and the
//! database, fills a template struct, and renders it.

pub mod articles;
pub mod compare;
pub mod dev;
pub mod editorial;
pub mod embed;
pub mod errors;
pub mod explore;
pub mod feed;
pub mod files;
pub mod glossary;
pub mod handout;
pub mod home;
pub mod listings;
pub mod map;
pub mod misc;
pub mod pathways;
pub mod programs;
pub mod questions;
pub mod roles;
pub mod salaries;
pub mod search;
pub mod sitemap;
pub mod soc;
pub mod view;
