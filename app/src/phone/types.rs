//! The data types of phone that pages, server functions and services share.

use crate::domain::Localized;
use crate::domain::phone::CallInput;
use crate::error::FormFlash;
use serde::{Deserialize, Serialize};

/// The call form: the organisation's categories and how many calls it logged today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhonePage {
    pub categories: Vec<(i64, Localized)>,
    pub calls_today: i64,
    pub flash: Option<FormFlash<CallInput>>,
}
