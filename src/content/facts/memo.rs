//! The facts of the last load's roles with what each was decided from, so
//! a reload decides again only the roles whose inputs changed: at 10,000
//! roles, deciding every role's facts was a quarter of a one-file reload.

use super::{ProfileUse, RoleFacts};
use crate::content::role::{Role, RoleFrontMatter};
use foldhash::HashMap;
use std::sync::Arc;

/// Kept by the compile cache from one load to the next.
#[derive(Default)]
pub struct Memo {
    /// By the address of the role's front matter, one compile of its
    /// file (held in [`Decided`], so no other can take the address).
    roles: HashMap<usize, Decided>,
    /// Each profile code's list of roles that show it.
    users: HashMap<String, Arc<[String]>>,
}

/// One role's facts and what they were decided from beyond what every
/// role reads alike (the registries, figures, FAQs, data tables and
/// programs, unchanged when the caller of [`super::link`] says `reuse`).
struct Decided {
    /// The front matter of the compile the facts were decided from (its
    /// sections are of the same compile, so the same too).
    fm: Arc<RoleFrontMatter>,
    /// Whether some article is about the role.
    reading: bool,
    facts: Arc<RoleFacts>,
}

impl Memo {
    /// The list of roles that show the profile `code`: the last load's
    /// list when it is the same, so roles can compare lists by address.
    pub(super) fn users(&self, code: &str, now: Vec<&str>, reuse: bool) -> Arc<[String]> {
        match self.users.get(code) {
            Some(old) if reuse && old.iter().eq(&now) => old.clone(),
            _ => now.into_iter().map(str::to_string).collect(),
        }
    }

    /// The facts of `role`: the last load's when `reuse` holds and the
    /// role's record, its reading and its profile (its code and the list
    /// of roles that show it) are what they were, else `decide`'s, given
    /// the profile, and kept for the next load.
    pub(super) fn facts(
        &mut self,
        role: &Role,
        reading: bool,
        profile: Option<(&str, &Arc<[String]>)>,
        reuse: bool,
        decide: impl FnOnce(Option<ProfileUse>) -> RoleFacts,
    ) -> Arc<RoleFacts> {
        let same = |d: &Decided| {
            Arc::ptr_eq(&d.fm, &role.fm)
                && d.reading == reading
                && match (&d.facts.profile, profile) {
                    (None, None) => true,
                    (Some(a), Some((code, users))) => {
                        a.code == code && Arc::ptr_eq(&a.users, users)
                    }
                    _ => false,
                }
        };
        if let Some(d) = self.roles.get(&key(role)).filter(|d| reuse && same(d)) {
            return d.facts.clone();
        }
        let facts = Arc::new(decide(profile.map(|(code, users)| ProfileUse {
            code: code.to_string(),
            users: users.clone(),
        })));
        let decided = Decided {
            fm: role.fm.clone(),
            reading,
            facts: facts.clone(),
        };
        self.roles.insert(key(role), decided);
        facts
    }

    /// Ends a load of `roles`, whose facts were decided or taken with
    /// [`Memo::facts`]: the roles no longer loaded are forgotten, and
    /// `users` (each profile code's list of roles) kept. A load without
    /// `reuse` starts from nothing: [`Memo::start`].
    pub(super) fn finish(&mut self, roles: &[Role], users: HashMap<&str, Arc<[String]>>) {
        if self.roles.len() != roles.len() {
            let loaded: foldhash::HashSet<usize> = roles.iter().map(key).collect();
            self.roles.retain(|k, _| loaded.contains(k));
        }
        self.users = users
            .into_iter()
            .map(|(code, list)| (code.to_string(), list))
            .collect();
    }

    /// Begins a load: without `reuse`, nothing of the last is kept.
    pub(super) fn start(&mut self, reuse: bool) {
        if !reuse {
            *self = Memo::default();
        }
    }
}

fn key(role: &Role) -> usize {
    Arc::as_ptr(&role.fm) as usize
}
