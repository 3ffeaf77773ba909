//! `/career-map/`: every role and every transition as a graph, drawn
//! server-side as SVG, with the same links as a text list.

use crate::content::role::{Level, Role};
use crate::web::error::AppError;
use crate::web::layout::PageMeta;
use crate::web::respond;
use crate::web::state::AppState;
use crate::web::svg::map::{self, Edge, Graph, Node};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// A move out of a role, for the text list.
pub struct MoveLink {
    pub url: String,
    pub title: String,
    pub years: String,
}

/// A role in the text list with the moves out of it.
pub struct RoleLinks {
    pub url: String,
    pub title: String,
    pub moves: Vec<MoveLink>,
}

#[derive(Template)]
#[template(path = "map/index.html")]
struct MapPage {
    page: PageMeta,
    /// The `<svg>` element, already escaped.
    svg: String,
    /// (level heading, roles) for the text list.
    levels: Vec<(String, Vec<RoleLinks>)>,
    roles: usize,
    moves: usize,
}

/// The map of `roles` (in site order) and their transitions.
pub fn graph(roles: &[Role], title: &str) -> Graph {
    let nodes: Vec<Node> = roles
        .iter()
        .map(|r| Node {
            label: r.fm.title.clone(),
            url: r.url(),
            column: Level::ALL
                .iter()
                .position(|l| *l == r.fm.level)
                .unwrap_or(0),
        })
        .collect();
    let index = |slug: &str| roles.iter().position(|r| r.slug == slug);
    let edges = roles
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.fm.transitions.iter().filter_map(move |t| {
                index(&t.to).map(|to| Edge {
                    from: i,
                    to,
                    note: match t.years {
                        Some(y) => format!(
                            "{} to {}: typically after {y} as {}",
                            r.fm.title, roles[to].fm.title, r.fm.title
                        ),
                        None => format!("{} to {}", r.fm.title, roles[to].fm.title),
                    },
                })
            })
        })
        .collect::<Vec<_>>();
    Graph {
        id: "career-map".into(),
        title: title.into(),
        desc: format!(
            "{} roles in columns from entry routes to executive, with {} arrows for the moves people make between them. Each box links to the role's page; the list below the map has the same links.",
            nodes.len(),
            edges.len()
        ),
        columns: Level::ALL.iter().map(|l| l.to_string()).collect(),
        nodes,
        edges,
    }
}

pub async fn page(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let site = state.site();
    let g = graph(&site.roles, "Career map: roles and the moves between them");
    let levels = Level::ALL
        .iter()
        .map(|l| {
            let roles = site
                .roles_at(*l)
                .map(|r| RoleLinks {
                    url: r.url(),
                    title: r.fm.title.clone(),
                    moves: site
                        .next_steps(r)
                        .iter()
                        .map(|e| MoveLink {
                            url: e.role.url(),
                            title: e.role.fm.title.clone(),
                            years: e.years.map(|y| y.to_string()).unwrap_or_default(),
                        })
                        .collect(),
                })
                .collect::<Vec<_>>();
            (l.to_string(), roles)
        })
        .filter(|(_, roles)| !roles.is_empty())
        .collect();
    let page = PageMeta::new(
        &state,
        &site,
        "Career map",
        "Every role in the guide and the moves people make between them, from first jobs to the executive suite.",
        "/career-map/",
    )
    .crumb("Career map", "")
    .in_section("map");
    let body = MapPage {
        page,
        roles: g.nodes.len(),
        moves: g.edges.len(),
        svg: map::render(&g),
        levels,
    }
    .render()?;
    Ok(respond::html(&req, body))
}
