//! What taking in a new request reads about its organisation: the priority matrix, SLA policies,
//! calendar and routing rules that classify and route it, and for public forms the published
//! forms, active categories and privacy notices.
//!
//! A public form post reads all of it, so the server keeps it in memory, one [`Settings`] per
//! organisation, tagged with the organisation's `settings_version`. Every change to those
//! settings moves the version on in its own transaction (triggers, migration 016), and every
//! post reads the organisation row anyway, so a post never uses settings older than the newest
//! committed version: it reloads them when the versions differ.
//!
//! Posts that passed every check are stored by the [`Writer`], which writes what has come in at
//! once in one transaction.

mod unsent;
mod writer;

pub use unsent::{Kept, Unsent};
pub use writer::{Submission, Writer};

use crate::db;
use crate::db::forms::Published;
use crate::db::orgs::Organisation;
use crate::db::privacy::Notice;
use crate::domain::Lang;
pub use crate::requests::clocks::Rules;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// One version of an organisation's settings for taking in requests.
#[derive(Debug)]
pub struct Settings {
    pub org: Organisation,
    pub rules: Rules,
    /// Its active categories, which a form's category answer must be one of.
    pub category_ids: Vec<i64>,
    /// The newest privacy notice in each language that has one.
    notices: Vec<Notice>,
    /// Published forms by slug, read when first asked for.
    forms: Mutex<HashMap<String, Arc<Published>>>,
}

impl Settings {
    async fn load(
        conn: &mut PgConnection,
        org: Organisation,
        now: DateTime<Utc>,
    ) -> sqlx::Result<Settings> {
        let mut notices = Vec::new();
        for lang in Lang::ALL {
            notices.extend(db::privacy::current(conn, org.id, lang).await?);
        }
        Ok(Settings {
            rules: Rules::load(conn, org.id, now).await?,
            category_ids: db::orgs::category_ids(conn, org.id).await?,
            notices,
            forms: Mutex::default(),
            org,
        })
    }

    /// The newest privacy notice in `lang`.
    pub fn notice(&self, lang: Lang) -> Option<&Notice> {
        self.notices.iter().find(|n| n.language == lang.code())
    }

    /// The active form `slug` with its newest version. Only forms that exist are kept, so
    /// posts to made-up slugs cannot grow the cache.
    pub async fn form(
        &self,
        conn: &mut PgConnection,
        slug: &str,
    ) -> sqlx::Result<Option<Arc<Published>>> {
        if let Some(f) = lock(&self.forms).get(slug) {
            return Ok(Some(f.clone()));
        }
        let Some(found) = db::forms::find_published(conn, self.org.id, slug).await? else {
            return Ok(None);
        };
        let found = Arc::new(found);
        lock(&self.forms).insert(slug.to_string(), found.clone());
        Ok(Some(found))
    }
}

/// The settings of every organisation that has taken in a request since the server started.
#[derive(Debug, Default)]
pub struct Cache {
    orgs: Mutex<HashMap<i64, Arc<Settings>>>,
}

impl Cache {
    /// The current settings of the organisation with URL slug `slug`, or `None` if there is no
    /// such organisation. Costs one read of the organisation row while its settings are
    /// unchanged.
    pub async fn by_slug(
        &self,
        conn: &mut PgConnection,
        slug: &str,
        now: DateTime<Utc>,
    ) -> sqlx::Result<Option<Arc<Settings>>> {
        match db::orgs::find_by_slug(conn, slug).await? {
            Some(org) => self.current(conn, org, now).await.map(Some),
            None => Ok(None),
        }
    }

    /// The settings of `org`, just read from the database.
    async fn current(
        &self,
        conn: &mut PgConnection,
        org: Organisation,
        now: DateTime<Utc>,
    ) -> sqlx::Result<Arc<Settings>> {
        let kept = lock(&self.orgs).get(&org.id).cloned();
        if let Some(s) = kept.filter(|s| s.org.settings_version == org.settings_version) {
            return Ok(s);
        }
        // Read after the row, so never older than its version; a newer change moves the version
        // on again and the next post reads once more.
        let fresh = Arc::new(Settings::load(conn, org, now).await?);
        let mut orgs = lock(&self.orgs);
        let newer_kept = orgs
            .get(&fresh.org.id)
            .is_some_and(|s| s.org.settings_version > fresh.org.settings_version);
        if !newer_kept {
            orgs.insert(fresh.org.id, fresh.clone());
        }
        Ok(fresh)
    }
}

/// A poisoned lock only means another post panicked while holding it; the map is still whole.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
