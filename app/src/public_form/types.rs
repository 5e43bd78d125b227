//! The data types of public_form that pages, server functions and services share.

use crate::domain::Localized;
use crate::domain::forms::{FileLimits, FormDef, RawValues};
use crate::error::FormFlash;
use serde::{Deserialize, Serialize};

/// A form's link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormCard {
    pub slug: String,
    pub name: Localized,
}

/// An organisation on the start page with its forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgCard {
    pub slug: String,
    pub name: Localized,
    pub forms: Vec<FormCard>,
}

/// A category a citizen can choose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryOption {
    pub id: i64,
    pub name: Localized,
}

/// Everything a public form page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicForm {
    pub org_slug: String,
    pub org_name: Localized,
    pub brand_colour: String,
    pub has_logo: bool,
    pub slug: String,
    pub name: Localized,
    pub intro: Localized,
    pub def: FormDef,
    /// The categories to choose from, when the form does not fix one.
    pub categories: Option<Vec<CategoryOption>>,
    pub limits: FileLimits,
    /// When the page was rendered, signed (refuses posts faster than a person).
    pub stamp: String,
    /// This rendering's key: a post sent again with it gets the first answer.
    pub submission: String,
    pub flash: Option<FormFlash<RawValues>>,
}

/// What the confirmation page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Confirmation {
    pub number: String,
    pub token: String,
}

/// A post kept while the service was unavailable, as the page to send it again shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsentPost {
    /// Every value as it was posted, to post again.
    pub values: Vec<(String, String)>,
    pub had_files: bool,
    /// Where the form is: `/o/{org}/{form}` (or `/embed/o/…`).
    pub form_path: String,
}

/// An organisation's privacy notice as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrivacyNotice {
    pub org_name: Localized,
    /// The current version in the reader's language, if one is published.
    pub notice: Option<NoticeText>,
    /// The organisation's own, longer privacy page, if any.
    pub more_url: String,
}

/// One published version of a notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeText {
    pub version: i32,
    pub body: String,
    pub published_at: chrono::DateTime<chrono::Utc>,
}
