//! The facts of the last load's roles with what each was decided from, so
//! a reload decides again only the roles whose inputs changed: at 10,000
//! roles, deciding every role's facts was a quarter of a one-file reload.

use super::{ProfileUse, RoleFacts};
use crate::content::markdown::Section;
use crate::content::role::{Role, RoleFrontMatter};
use std::collections::HashMap;
use std::sync::Arc;

/// Kept by the compile cache from one load to the next.
#[derive(Default)]
pub struct Memo {
    roles: HashMap<String, Decided>,
    /// Each profile code's list of roles that show it.
    users: HashMap<String, Arc<[String]>>,
}

/// One role's facts and what they were decided from beyond what every
/// role reads alike (the registries, figures, FAQs, data tables and
/// programs, unchanged when the caller of [`super::link`] says `reuse`).
struct Decided {
    fm: Arc<RoleFrontMatter>,
    sections: Arc<[Section]>,
    /// Whether some article is about the role.
    reading: bool,
    facts: Arc<RoleFacts>,
}

impl Memo {
    /// The list of roles that show the profile `code`: the last load's
    /// list when it is the same, so roles can compare lists by address.
    pub(super) fn users(&self, code: &str, now: Vec<String>, reuse: bool) -> Arc<[String]> {
        match self.users.get(code) {
            Some(old) if reuse && old[..] == now[..] => old.clone(),
            _ => now.into(),
        }
    }

    /// The facts of `role`: the last load's when `reuse` holds and the
    /// role's record, its reading and its profile are what they were,
    /// else `decide`'s.
    pub(super) fn facts(
        &self,
        role: &Role,
        reading: bool,
        profile: &Option<ProfileUse>,
        reuse: bool,
        decide: impl FnOnce() -> RoleFacts,
    ) -> Arc<RoleFacts> {
        let same = |d: &&Decided| {
            Arc::ptr_eq(&d.fm, &role.fm)
                && Arc::ptr_eq(&d.sections, &role.sections)
                && d.reading == reading
                && match (&d.facts.profile, profile) {
                    (None, None) => true,
                    (Some(a), Some(b)) => a.code == b.code && Arc::ptr_eq(&a.users, &b.users),
                    _ => false,
                }
        };
        match self.roles.get(&role.slug).filter(|d| reuse && same(d)) {
            Some(d) => d.facts.clone(),
            None => Arc::new(decide()),
        }
    }

    /// Keeps what this load decided, for the next: `facts[i]` and
    /// `reading[i]` are of `roles[i]`.
    pub(super) fn keep(
        &mut self,
        roles: &[Role],
        facts: &[Arc<RoleFacts>],
        reading: &[bool],
        users: HashMap<&str, Arc<[String]>>,
    ) {
        self.roles = roles
            .iter()
            .zip(facts)
            .zip(reading)
            .map(|((role, facts), &reading)| {
                let decided = Decided {
                    fm: role.fm.clone(),
                    sections: role.sections.clone(),
                    reading,
                    facts: facts.clone(),
                };
                (role.slug.clone(), decided)
            })
            .collect();
        self.users = users
            .into_iter()
            .map(|(code, list)| (code.to_string(), list))
            .collect();
    }
}
