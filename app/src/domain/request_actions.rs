//! What an advisor types for the request view's actions: a reply, waiting for a supplier,
//! splitting a request in two, the knowledge-base article a resolution used.

use crate::domain::classification::RequestType;
use crate::domain::errors::FieldErrors;
use crate::domain::lifecycle::{Actor, Status};
use crate::domain::request::{MAX_MESSAGE, MAX_SHORT, required_text};
use serde::{Deserialize, Serialize};

/// The reply form as posted; also what it keeps after a failed post without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyInput {
    pub message: String,
    pub status: String,
    /// The knowledge-base article the reply used.
    #[serde(default)]
    pub kb_url: String,
}

/// A reply that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply<'a> {
    /// The message, trimmed.
    pub body: &'a str,
    /// The status the request moves to with it.
    pub to: Status,
    /// The knowledge-base article it used.
    pub kb_article: Option<String>,
}

impl ReplyInput {
    /// Checks a reply to a request of `kind` now in `current`, sent by `actor`: a message within
    /// its bounds, a status the request's type has and `actor` may move it to, and a
    /// knowledge-base link when one is given.
    pub fn parse(
        &self,
        kind: RequestType,
        current: Status,
        actor: Actor,
    ) -> Result<Reply<'_>, FieldErrors> {
        let to = Status::parse(&self.status)
            .filter(|s| s.applies_to(kind))
            .and_then(|s| current.after_message(actor, Some(s)));
        let mut errors = crate::domain::request::parse_message(&self.message)
            .err()
            .unwrap_or_default();
        if to.is_none() {
            errors.add("status", "choose");
        }
        let kb_article = parse_kb_url(&self.kb_url)
            .map_err(|code| errors.add("kb_url", code))
            .unwrap_or_default();
        match to {
            Some(to) if errors.is_empty() => Ok(Reply {
                body: self.message.trim(),
                to,
                kb_article,
            }),
            _ => Err(errors),
        }
    }

    /// What is kept of it for one redisplay: each value cut to its bound.
    pub fn bounded(&self) -> ReplyInput {
        ReplyInput {
            message: self.message.chars().take(MAX_MESSAGE).collect(),
            status: self.status.chars().take(MAX_SHORT).collect(),
            kb_url: self.kb_url.chars().take(MAX_URL).collect(),
        }
    }
}

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

    fn reply(message: &str, status: &str, kb_url: &str) -> ReplyInput {
        ReplyInput {
            message: message.into(),
            status: status.into(),
            kb_url: kb_url.into(),
        }
    }

    #[test]
    fn a_reply_needs_a_message_and_a_status_the_request_can_move_to() {
        let kind = RequestType::InformationRequest;
        let empty = reply("  ", "nonsense", "");
        let errors = empty
            .parse(kind, Status::Open, Actor::Advisor)
            .expect_err("refused");
        assert_eq!(errors.get("message"), Some("required"));
        assert_eq!(errors.get("status"), Some("choose"));
        // An information request never waits for a supplier.
        let supplier = reply("Kysyn toimittajalta.", "waiting_for_supplier", "");
        let errors = supplier
            .parse(kind, Status::Open, Actor::Advisor)
            .expect_err("refused");
        assert_eq!(errors.get("status"), Some("choose"));
        let ok = reply("  Tässä vastaus.  ", "resolved", "");
        let sent = ok.parse(kind, Status::Open, Actor::Advisor).expect("valid");
        assert_eq!(
            (sent.body, sent.to, sent.kb_article),
            ("Tässä vastaus.", Status::Resolved, None)
        );
    }

    #[test]
    fn what_a_failed_reply_keeps_is_bounded() {
        let long = reply(
            &"a".repeat(MAX_MESSAGE + 10),
            "open",
            &"b".repeat(MAX_URL + 10),
        );
        let kept = long.bounded();
        assert_eq!(kept.message.chars().count(), MAX_MESSAGE);
        assert_eq!(kept.kb_url.chars().count(), MAX_URL);
    }

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
