//! The data types of people that pages, server functions and services share.

use crate::admin::types::AdminOrg;
use crate::domain::Localized;
use crate::domain::people::{MemberInput, MemberView};
use crate::error::{FieldErrors, FormFlash};
use serde::{Deserialize, Serialize};

/// `/admin/o/:org/people`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub org: AdminOrg,
    pub members: Vec<MemberView>,
    /// The organisation's categories, the skills a member can have: `(id, name)`.
    pub categories: Vec<(i64, Localized)>,
    /// The administrator looking, whose own row cannot be changed here.
    pub me: i64,
    pub flash: Option<FormFlash<MemberInput>>,
}

/// One organisation of the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Belonging {
    pub organisation_id: i64,
    pub name: Localized,
    pub role: String,
    /// The organisation this session works in.
    pub current: bool,
}

/// `/desk/account`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPage {
    pub display_name: String,
    pub email: String,
    pub organisations: Vec<Belonging>,
    /// Live sessions, this one included.
    pub sessions: i64,
}

/// The forgot-password form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForgotInput {
    pub email: String,
}

/// `/login/reset/:token`: whether the link still works, and the form's errors after a failed
/// post without JavaScript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPage {
    pub live: bool,
    pub errors: FieldErrors,
}
