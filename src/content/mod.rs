//! The content model: what editors write in `content/`, parsed, checked and
//! compiled into an immutable [`Site`]. No web or SQL code lives here.

pub mod article;
pub mod check;
pub mod data;
pub mod date;
pub mod error;
pub mod front_matter;
pub mod graph;
pub mod listing;
pub mod load;
pub mod markdown;
pub mod onet;
pub mod registry;
pub mod role;
pub mod site;

pub use error::{ContentError, ContentErrors};
pub use load::{LoadOptions, load};
pub use site::Site;
