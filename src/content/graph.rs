//! The career graph: roles are nodes, `transitions` are directed edges.
//! Finds the routes between two roles and the roles near one, for the
//! pathways page and the role pages' links to it.

use super::role::{Role, Transition};
use super::site::Site;
use std::collections::{HashSet, VecDeque};

/// Longest route we look for, in moves; far longer than any real career.
pub const MAX_STEPS: usize = 8;
/// Most routes returned between two roles.
pub const MAX_ROUTES: usize = 50;

/// One move of a route: a real transition from `from` to `to`.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    pub from: &'a Role,
    pub to: &'a Role,
    pub transition: &'a Transition,
}

/// A route between two roles: moves in order, each starting where the last ended.
#[derive(Debug, Clone)]
pub struct Route<'a> {
    pub steps: Vec<Step<'a>>,
}

impl Route<'_> {
    /// The typical years the moves add up to, fewest and most, when the
    /// source of every move gives its years; `None` when one does not.
    pub fn years(&self) -> Option<(u32, u32)> {
        self.steps.iter().try_fold((0, 0), |(low, high), s| {
            s.transition
                .years
                .map(|y| (low + u32::from(y.min()), high + u32::from(y.max())))
        })
    }
}

/// The moves out of `role` whose target is in the site.
fn moves<'a>(site: &'a Site, role: &'a Role) -> impl Iterator<Item = Step<'a>> {
    role.fm.transitions.iter().filter_map(move |t| {
        site.role(&t.to).map(|to| Step {
            from: role,
            to,
            transition: t,
        })
    })
}

/// Every route from `from` to `to` that visits no role twice, fewest moves
/// first, then shortest typical time (sum of the low and high ends of each
/// move's years; routes whose years are all given come first). At most
/// [`MAX_ROUTES`] routes of at most [`MAX_STEPS`] moves.
pub fn routes<'a>(site: &'a Site, from: &'a Role, to: &'a Role) -> Vec<Route<'a>> {
    let mut found = Vec::new();
    if from.slug == to.slug {
        return found;
    }
    let mut path: Vec<Step<'a>> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::from([from.slug.as_str()]);
    walk(site, from, to, &mut path, &mut seen, &mut found);
    // `None` (years not given) sorts after every `Some`.
    let time = |r: &Route| r.years().map(|(low, high)| (low + high, low)).ok_or(());
    found.sort_by(|a, b| {
        a.steps
            .len()
            .cmp(&b.steps.len())
            .then_with(|| time(a).cmp(&time(b)))
            .then_with(|| titles(a).cmp(&titles(b)))
    });
    found.truncate(MAX_ROUTES);
    found
}

fn titles<'a>(r: &Route<'a>) -> Vec<&'a str> {
    r.steps.iter().map(|s| s.to.fm.title.as_str()).collect()
}

fn walk<'a>(
    site: &'a Site,
    at: &'a Role,
    to: &'a Role,
    path: &mut Vec<Step<'a>>,
    seen: &mut HashSet<&'a str>,
    found: &mut Vec<Route<'a>>,
) {
    // Stop exploring once far more routes than we keep have been found.
    if path.len() >= MAX_STEPS || found.len() >= MAX_ROUTES * 20 {
        return;
    }
    for step in moves(site, at) {
        if seen.contains(step.to.slug.as_str()) {
            continue;
        }
        let next = step.to;
        path.push(step);
        if next.slug == to.slug {
            found.push(Route {
                steps: path.clone(),
            });
        } else {
            seen.insert(next.slug.as_str());
            walk(site, next, to, path, seen, found);
            seen.remove(next.slug.as_str());
        }
        path.pop();
    }
}

/// Roles reachable from `role`, nearest first: (role, moves away).
pub fn reachable_from<'a>(site: &'a Site, role: &'a Role) -> Vec<(&'a Role, usize)> {
    bfs(role, |r| moves(site, r).map(|s| s.to).collect())
}

/// Roles that lead to `role`, nearest first: (role, moves away).
pub fn leading_to<'a>(site: &'a Site, role: &'a Role) -> Vec<(&'a Role, usize)> {
    bfs(role, |r| {
        site.entry_routes(r).iter().map(|e| e.role).collect()
    })
}

fn bfs<'a>(start: &'a Role, next: impl Fn(&'a Role) -> Vec<&'a Role>) -> Vec<(&'a Role, usize)> {
    let mut seen: HashSet<&str> = HashSet::from([start.slug.as_str()]);
    let mut queue = VecDeque::from([(start, 0usize)]);
    let mut out = Vec::new();
    while let Some((role, d)) = queue.pop_front() {
        for n in next(role) {
            if seen.insert(n.slug.as_str()) {
                out.push((n, d + 1));
                queue.push_back((n, d + 1));
            }
        }
    }
    out.sort_by(|a, b| {
        a.1.cmp(&b.1)
            .then_with(|| a.0.fm.level.cmp(&b.0.fm.level))
            .then_with(|| a.0.fm.title.cmp(&b.0.fm.title))
    });
    out
}
