//! The content model: what editors write in `content/`, parsed, checked and
//! compiled into an immutable [`Site`]. No SQL or handler code lives here;
//! two things of the web layer are read: the route table
//! (`web::routes`: which page slugs are free, and what a link may name, for
//! [`check`]) and the server's redirect rule (`web::pages::misc::redirect_for`).

pub mod article;
pub mod check;
pub mod compile;
pub mod data;
pub mod dataset;
pub mod date;
pub mod editorial;
pub mod error;
pub mod facts;
pub mod front_matter;
pub mod glossary;
pub mod graph;
pub mod html;
pub mod keyed;
pub mod listing;
pub mod load;
pub mod markdown;
pub mod onet;
pub mod outline;
pub mod page;
pub mod program;
pub mod registry;
pub mod role;
pub mod site;
pub mod sourcing;
pub mod static_path;

pub use compile::CompileCache;
pub use error::{ContentError, ContentErrors};
pub use load::{LoadOptions, Loaded, canonical_root, load, load_all, load_cached};
pub use site::Site;
