//! One module per page area. Each handler reads the current `Site` and the
//! database, fills a template struct, and renders it.

pub mod articles;
pub mod compare;
pub mod dev;
pub mod errors;
pub mod explore;
pub mod home;
pub mod misc;
pub mod roles;
pub mod search;
pub mod sitemap;
pub mod view;
