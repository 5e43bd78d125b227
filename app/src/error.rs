//! The one error that crosses the wire, from server functions and SSR pages alike.

use serde::{Deserialize, Serialize};

pub use crate::domain::errors::{FieldError, FieldErrors, FormFlash};

/// What a service entry answers for a form: the outcome, or what was wrong with the input (then
/// nothing was stored), or an error that is not the input's.
pub type Checked<T = ()> = Result<Result<T, FieldErrors>, AppError>;

/// Every way a request can fail, each with its HTTP status. Internal detail never leaves the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("sign-in required")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// A genuine link past its expiry: the customer should ask for a new one.
    #[error("link expired")]
    Expired,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("too many attempts")]
    TooMany { retry_after_secs: u64 },
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The database or another part is out of reach, or the server is too busy: nothing was
    /// stored, and the same call may succeed after `retry_after_secs`.
    #[error("temporarily unavailable")]
    Unavailable { retry_after_secs: u64 },
    #[error("internal error (request id {0})")]
    Internal(String),
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::Expired => 410,
            AppError::Invalid(_) => 422,
            AppError::TooMany { .. } => 429,
            AppError::BadRequest(_) => 400,
            AppError::Unavailable { .. } => 503,
            AppError::Internal(_) => 500,
        }
    }
    /// The field errors, when this is a validation failure.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid(f) => Some(f),
            _ => None,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(f: FieldErrors) -> Self {
        AppError::Invalid(f)
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            // Malformed arguments are the client's fault: a 400 with the reason, never a 500.
            E::Args(m) | E::Deserialization(m) | E::MissingArg(m) => AppError::BadRequest(m),
            other => AppError::Internal(other.to_string()),
        }
    }
}

/// How long a client waits before trying again when the database is out of reach.
pub const RETRY_AFTER_OUTAGE_SECS: u64 = 5;

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        // The database out of reach is not the caller's fault, nor a bug: 503 and "try again".
        if matches!(
            e,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
        ) || matches!(&e, sqlx::Error::Database(d) if d.code().is_some_and(|c| c.starts_with("57P") || c.starts_with("08")))
        {
            tracing::warn!(error = %e, "database unavailable");
            return AppError::Unavailable {
                retry_after_secs: RETRY_AFTER_OUTAGE_SECS,
            };
        }
        let id = uuid::Uuid::new_v4().simple().to_string();
        tracing::error!(error = %e, error_id = %id, "database error");
        AppError::Internal(id)
    }
}
