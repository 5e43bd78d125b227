//! The data types of tracking that pages, server functions and services share.

use crate::domain::forms::RawValues;
use crate::domain::views::TrackedRequest;
use crate::error::{FieldErrors, FormFlash};
use serde::{Deserialize, Serialize};

pub use crate::domain::request::{Hurry, ResendInput};

/// A file on the request, as the customer can download it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileLink {
    pub id: i64,
    pub name: String,
    pub size_bytes: i32,
}

/// Everything the tracking page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingPage {
    pub request: TrackedRequest,
    pub can_write: bool,
    /// Whether the customer may still cancel it.
    pub can_cancel: bool,
    pub hurry: Hurry,
    pub files: Vec<FileLink>,
    pub limits: crate::domain::forms::FileLimits,
    /// What a failed answer posted without JavaScript said, and its errors.
    pub flash: Option<FormFlash<RawValues>>,
    /// Errors of a failed cancel posted without JavaScript.
    pub cancel_errors: FieldErrors,
}
