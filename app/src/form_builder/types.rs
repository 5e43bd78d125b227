//! The data types of form_builder that pages, server functions and services share.

use crate::admin::types::AdminOrg;
use crate::domain::Localized;
use crate::domain::forms::{EmbeddingInput, NewFormInput};
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

/// A form in the organisation's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormRow {
    pub id: i64,
    pub slug: String,
    pub name: Localized,
    pub request_type: crate::domain::classification::RequestType,
    pub version: i32,
    pub active: bool,
}

/// `/admin/o/:org/forms`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormsPage {
    pub org: AdminOrg,
    pub forms: Vec<FormRow>,
    pub new_form: NewFormInput,
    pub new_errors: FieldErrors,
    pub embedding: EmbeddingInput,
    pub embedding_errors: FieldErrors,
    pub has_logo: bool,
    /// Errors of a failed logo upload without JavaScript.
    pub logo_errors: FieldErrors,
}
