//! The data types of templates that pages, server functions and services share.

use crate::domain::templates::{Template, TemplateInput};
use crate::error::FormFlash;
use serde::{Deserialize, Serialize};

/// The templates page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplatesPage {
    pub templates: Vec<Template>,
    /// Whether this person may write and remove templates.
    pub may_manage: bool,
    pub flash: Option<FormFlash<TemplateInput>>,
}
