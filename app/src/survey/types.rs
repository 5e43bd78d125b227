//! The data types of survey that pages, server functions and services share.

use crate::domain::survey::SurveyInput;
use crate::error::FormFlash;
use serde::{Deserialize, Serialize};

/// What the survey page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyPage {
    pub number: String,
    pub subject: String,
    /// The score given, once answered.
    pub answered: Option<i16>,
    pub flash: Option<FormFlash<SurveyInput>>,
}
