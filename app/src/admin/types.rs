//! The data types of admin that pages, server functions and services share.

use crate::domain::Localized;
use crate::domain::admin::{
    ClosureInput, Level, NodeInput, OrgInput, PolicyInput, SettingsInput, WeekInput,
};
use crate::domain::calendar::Holiday;
use crate::domain::classification::PriorityMatrix;
use crate::domain::retention::RulesInput;
use crate::domain::sla::{PolicyMatch, Targets};
use crate::error::FormFlash;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An organisation in the admin pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminOrg {
    pub slug: String,
    pub prefix: String,
    pub name: Localized,
}

/// `/admin`: the organisations this person configures, and whether they may add one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminHome {
    pub orgs: Vec<AdminOrg>,
    pub can_create: bool,
    pub flash: Option<FormFlash<OrgInput>>,
}

/// One node of the service hierarchy as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeView {
    pub level: Level,
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: Localized,
    pub active: bool,
}

/// `/admin/o/:org/hierarchy`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HierarchyPage {
    pub org: AdminOrg,
    pub nodes: Vec<NodeView>,
    pub flash: Option<FormFlash<NodeInput>>,
}

/// `/admin/o/:org/calendar`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarPage {
    pub org: AdminOrg,
    pub week: WeekInput,
    pub week_errors: Option<crate::error::FieldErrors>,
    pub closures: Vec<(NaiveDate, String)>,
    pub closure_flash: Option<FormFlash<ClosureInput>>,
    /// Finnish holidays of the coming twelve months (shown whether or not they apply).
    pub holidays: Vec<(NaiveDate, Holiday)>,
}

/// A policy as the SLA page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyView {
    pub id: i64,
    pub name: String,
    pub matches: PolicyMatch,
    pub targets: Targets,
    /// The category's name, when the policy names one.
    pub category: Option<Localized>,
}

/// `/admin/o/:org/sla`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaPage {
    pub org: AdminOrg,
    pub policies: Vec<PolicyView>,
    pub categories: Vec<(i64, Localized)>,
    pub matrix: PriorityMatrix,
    pub flash: Option<FormFlash<PolicyInput>>,
}

/// The weekly-hours form as posted: one field per day and time (checkboxes are absent when off).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WeekForm {
    pub time_zone: String,
    pub finnish_holidays: Option<String>,
    pub open_0: Option<String>,
    pub open_1: Option<String>,
    pub open_2: Option<String>,
    pub open_3: Option<String>,
    pub open_4: Option<String>,
    pub open_5: Option<String>,
    pub open_6: Option<String>,
    pub opens_0: String,
    pub opens_1: String,
    pub opens_2: String,
    pub opens_3: String,
    pub opens_4: String,
    pub opens_5: String,
    pub opens_6: String,
    pub closes_0: String,
    pub closes_1: String,
    pub closes_2: String,
    pub closes_3: String,
    pub closes_4: String,
    pub closes_5: String,
    pub closes_6: String,
}

/// The priority-matrix form as posted: `{urgency}_{impact}` → priority code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatrixForm {
    pub high_high: String,
    pub high_medium: String,
    pub high_low: String,
    pub medium_high: String,
    pub medium_medium: String,
    pub medium_low: String,
    pub low_high: String,
    pub low_medium: String,
    pub low_low: String,
}

impl MatrixForm {
    /// The matrix, or `None` when a cell is not a priority.
    pub fn parse(&self) -> Option<PriorityMatrix> {
        use crate::domain::classification::Priority as P;
        let p = |s: &str| P::parse(s);
        Some(PriorityMatrix([
            [
                p(&self.high_high)?,
                p(&self.high_medium)?,
                p(&self.high_low)?,
            ],
            [
                p(&self.medium_high)?,
                p(&self.medium_medium)?,
                p(&self.medium_low)?,
            ],
            [p(&self.low_high)?, p(&self.low_medium)?, p(&self.low_low)?],
        ]))
    }
}

/// `/admin/o/:org/retention`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetentionPage {
    pub org: AdminOrg,
    /// What the form shows, per type in `RequestType::ALL` order: typed values after a failed
    /// post, otherwise the rules in force.
    pub input: RulesInput,
    pub errors: crate::error::FieldErrors,
}

/// `/admin/o/:org/mail`: a page of the received mail, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailLogPage {
    pub org: AdminOrg,
    /// The mailboxes its mail is read from, and the mailbox form with its errors.
    pub mailboxes: Vec<crate::domain::mailbox::MailboxState>,
    pub form: crate::domain::mailbox::MailboxInput,
    pub errors: crate::error::FieldErrors,
    pub rows: Vec<crate::domain::views::MailLogRow>,
    /// The id to start the next, older page before; `None` on the last page.
    pub older: Option<i64>,
}

/// `/admin/o/:org/settings`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsPage {
    pub org: AdminOrg,
    pub input: SettingsInput,
    pub errors: crate::error::FieldErrors,
}
