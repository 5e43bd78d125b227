//! The data types of portal that pages, server functions and services share.

use crate::domain::{Localized, Status};
use crate::error::FormFlash;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One of the customer's requests, with a fresh tracking link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalRequest {
    pub number: String,
    pub organisation: Localized,
    pub subject: String,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    pub token: String,
}

/// What the portal page shows: the sign-in form, or the signed-in customer's requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalPage {
    pub email: Option<String>,
    pub requests: Vec<PortalRequest>,
    /// The `before` of the next page, when there is one.
    pub next: Option<i64>,
    pub flash: Option<FormFlash<SignInInput>>,
}

/// What the sign-in form said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInInput {
    pub email: String,
}
