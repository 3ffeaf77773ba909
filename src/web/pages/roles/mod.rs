//! `/roles/` and `/roles/{slug}/`: the role index and the role page. The
//! page's outline, pay, figures and references come from the compiled
//! model (`content::facts`); the handler adds the rows the database holds
//! (states, metro areas, testimonials, questions) and fills the template.

mod page;

use crate::db;
use crate::web::ctx::Ctx;
use crate::web::error::AppError;
use actix_web::{HttpResponse, web};
pub use page::RolePage;

/// Roles of one level, for the index.
pub struct LevelGroup {
    pub key: &'static str,
    pub title: String,
    pub roles: Vec<super::view::RoleCard>,
}

/// `/roles/`: the role explorer (`pages::explore`), grouped by stage when
/// no filter is set.
pub async fn index(ctx: Ctx) -> Result<HttpResponse, AppError> {
    super::explore::index(ctx).await
}

/// What the role page reads from the database, in one blocking call.
pub struct RoleRows {
    pub states: Vec<crate::content::dataset::wages::WageRow>,
    pub metros: Vec<crate::content::dataset::wages::WageRow>,
    pub testimonials: Vec<db::Testimonial>,
    pub faqs: Vec<db::Faq>,
}

pub async fn page(ctx: Ctx, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let role = ctx.site.role(&slug).ok_or(AppError::NotFound)?;
    let (soc, key) = (role.fm.soc.clone(), role.slug.clone());
    let rows = ctx
        .state
        .db(move |c| {
            Ok(RoleRows {
                states: db::state_wages(c, &soc)?,
                metros: db::top_metros(c, &soc, 3)?,
                testimonials: db::testimonials(c, &key)?,
                faqs: db::faqs(c, Some(&key))?,
            })
        })
        .await?;
    ctx.render(RolePage::new(&ctx, role, rows))
}
