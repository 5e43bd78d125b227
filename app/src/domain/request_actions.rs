//! What an advisor types for the request view's actions that are more than a reply: waiting for a
//! supplier, splitting a request in two, the knowledge-base article a resolution used.

use crate::domain::errors::FieldErrors;
use crate::domain::request::{MAX_MESSAGE, MAX_SHORT, required_text};
use serde::{Deserialize, Serialize};

/// The longest supplier reference (a ticket or order number at the supplier).
pub const MAX_REFERENCE: usize = 100;
const MAX_URL: usize = 500;

/// The "wait for supplier" form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupplierInput {
    pub supplier: String,
    pub reference: String,
    pub supplier_note: String,
}

/// Waiting for a supplier, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierWait {
    pub supplier: String,
    pub reference: Option<String>,
    /// What was asked of the supplier, for colleagues: staff only.
    pub note: Option<String>,
}

fn optional(raw: &str, max: usize, field: &str, errors: &mut FieldErrors) -> Option<String> {
    let text = raw.trim();
    if text.chars().count() > max {
        errors.add(field, "too_long");
    }
    (!text.is_empty()).then(|| text.to_string())
}

impl SupplierInput {
    /// The supplier is required; the reference and the note are optional.
    pub fn parse(&self) -> Result<SupplierWait, FieldErrors> {
        let mut errors = FieldErrors::default();
        let supplier = required_text(&self.supplier, MAX_SHORT, "supplier", &mut errors);
        let reference = optional(&self.reference, MAX_REFERENCE, "reference", &mut errors);
        let note = optional(
            &self.supplier_note,
            MAX_MESSAGE,
            "supplier_note",
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SupplierWait {
            supplier,
            reference,
            note,
        })
    }
}

/// The "split off a new request" form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SplitInput {
    pub split_subject: String,
    pub split_message: String,
}

/// The part of a request that becomes a request of its own, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub subject: String,
    pub message: String,
}

impl SplitInput {
    /// Both the new request's subject and what it is about are required.
    pub fn parse(&self) -> Result<Split, FieldErrors> {
        let mut errors = FieldErrors::default();
        let subject = required_text(&self.split_subject, MAX_SHORT, "split_subject", &mut errors);
        let message = required_text(
            &self.split_message,
            MAX_MESSAGE,
            "split_message",
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Split { subject, message })
    }
}

/// The knowledge-base article a resolution used: empty for none, else a path on this service or
/// an https address; or the field error code.
pub fn parse_kb_url(raw: &str) -> Result<Option<String>, &'static str> {
    let url = raw.trim();
    if url.is_empty() {
        return Ok(None);
    }
    if !super::text::is_link(url, MAX_URL) {
        return Err("url_invalid");
    }
    Ok(Some(url.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_supplier_wait_needs_the_supplier_and_keeps_the_rest_optional() {
        let w = SupplierInput {
            supplier: " Kortinvalmistaja Oy ".into(),
            reference: "".into(),
            supplier_note: " ".into(),
        }
        .parse()
        .expect("valid");
        assert_eq!(w.supplier, "Kortinvalmistaja Oy");
        assert_eq!((w.reference, w.note), (None, None));
        let e = SupplierInput {
            reference: "x".repeat(MAX_REFERENCE + 1),
            ..Default::default()
        }
        .parse()
        .expect_err("invalid");
        assert_eq!(e.get("supplier"), Some("required"));
        assert_eq!(e.get("reference"), Some("too_long"));
    }

    #[test]
    fn a_split_needs_a_subject_and_a_message() {
        let e = SplitInput::default().parse().expect_err("invalid");
        assert_eq!(e.get("split_subject"), Some("required"));
        assert_eq!(e.get("split_message"), Some("required"));
    }

    #[test]
    fn a_knowledge_base_link_is_a_local_path_or_https() {
        assert_eq!(parse_kb_url(" "), Ok(None));
        assert_eq!(parse_kb_url("/kb/12"), Ok(Some("/kb/12".into())));
        assert_eq!(
            parse_kb_url("https://ohjeet.example/kortti"),
            Ok(Some("https://ohjeet.example/kortti".into()))
        );
        for bad in [
            "http://x.example",
            "//evil.example",
            "javascript:alert(1)",
            "/a b",
        ] {
            assert_eq!(parse_kb_url(bad), Err("url_invalid"), "{bad}");
        }
    }
}
