//! Field errors: what a parse of typed input found wrong, as codes the UI translates.

use serde::{Deserialize, Serialize};

/// A field that failed validation and why, as a code the UI translates into the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

/// All field errors of one form, in form order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// Records that `field` failed with `code`.
    pub fn add(&mut self, field: &str, code: &str) {
        self.0.push(FieldError {
            field: field.into(),
            code: code.into(),
        });
    }
    /// One error: `field` failed with `code`.
    pub fn one(field: &str, code: &str) -> FieldErrors {
        let mut errors = FieldErrors::default();
        errors.add(field, code);
        errors
    }
    /// The first error code for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.code.as_str())
    }
    /// Whether nothing failed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What a form said and what was wrong with it, kept for one redisplay after a post without JavaScript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFlash<T> {
    pub values: T,
    pub errors: FieldErrors,
}
