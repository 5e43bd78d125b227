//! The data types of auth that pages, server functions and services share.

use serde::{Deserialize, Serialize};

/// What the sign-in form keeps after a failure: never the password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginInput {
    pub email: String,
}

/// The signed-in member of staff, as the pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub display_name: String,
    pub email: String,
}
