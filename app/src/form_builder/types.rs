//! The data types of form_builder that pages, server functions and services share.

use crate::admin::types::AdminOrg;
use crate::domain::Localized;
use crate::domain::forms::{FieldDef, FieldInput, SettingsInput};
use crate::error::FieldErrors;
use serde::{Deserialize, Serialize};

/// `/admin/o/:org/forms/:id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorPage {
    pub org: AdminOrg,
    pub id: i64,
    pub version: i32,
    pub settings: SettingsInput,
    pub settings_errors: FieldErrors,
    pub fields: Vec<FieldDef>,
    /// A field edit that failed without JavaScript: which field it replaced ("" for a new one),
    /// what was typed and what was wrong.
    pub field_flash: Option<(String, FieldInput, FieldErrors)>,
    pub categories: Vec<(i64, Localized)>,
    /// Where the form can be seen, framed and embedded.
    pub public_path: String,
    pub embed_path: String,
    /// The service's public address, for the embedding snippet.
    pub base_url: String,
}

/// The organisation's privacy notices: the current version in each language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrivacyAdminPage {
    pub org: AdminOrg,
    /// Per language (fi, sv, en): the current version (0 when none) and its text, or what was typed.
    pub notices: Vec<(String, i32, String)>,
    pub errors: FieldErrors,
}

/// What the privacy notice form said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeInput {
    pub language: String,
    pub body: String,
}
