//! The data types of routing that pages, server functions and services share.

use crate::admin::types::AdminOrg;
use crate::domain::Localized;
use crate::domain::routing::{Rule, RuleInput};
use crate::error::FormFlash;
use serde::{Deserialize, Serialize};

/// `/admin/o/:org/routing`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutingPage {
    pub org: AdminOrg,
    pub rules: Vec<Rule>,
    /// The organisation's categories, for conditions.
    pub categories: Vec<(i64, Localized)>,
    /// The shared queues that list what routing places in them.
    pub queues: Vec<(i64, Localized)>,
    pub flash: Option<FormFlash<RuleInput>>,
}
