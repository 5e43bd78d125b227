//! Handing a request to another organisation: what the receiver may see, and the notes that go
//! with the handover and the hand-back.

use crate::domain::errors::FieldErrors;
use serde::{Deserialize, Serialize};

const MAX_NOTE: usize = 2_000;

/// The hand-back form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReturnInput {
    pub return_note: String,
}

/// The delegation form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DelegateInput {
    pub to_org: String,
    /// "on" when the receiver may read the public timeline, not only the original question.
    pub share_timeline: Option<String>,
    /// "on" when the receiver may see the customer's name and e-mail.
    pub share_contact: Option<String>,
    pub note: String,
}

/// A checked delegation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegation {
    pub to_organisation_id: i64,
    pub share_timeline: bool,
    pub share_contact: bool,
    pub note: String,
}

fn note(raw: &str, field: &str, errors: &mut FieldErrors) -> String {
    let n = raw.trim();
    if n.is_empty() {
        errors.add(field, "required");
    } else if n.chars().count() > MAX_NOTE {
        errors.add(field, "too_long");
    }
    n.to_string()
}

impl DelegateInput {
    /// Checks the delegation: the receiver is one of `others` (never the owner itself) and the
    /// note telling it what to do is there.
    pub fn parse(&self, others: &[i64]) -> Result<Delegation, FieldErrors> {
        let mut errors = FieldErrors::default();
        let to = self
            .to_org
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|o| others.contains(o));
        if to.is_none() {
            errors.add("to_org", "choose");
        }
        let note = note(&self.note, "note", &mut errors);
        match to {
            Some(to_organisation_id) if errors.is_empty() => Ok(Delegation {
                to_organisation_id,
                share_timeline: self.share_timeline.is_some(),
                share_contact: self.share_contact.is_some(),
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// The hand-back note: what the receiver did or found.
pub fn parse_return_note(raw: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let n = note(raw, "return_note", &mut errors);
    if errors.is_empty() {
        Ok(n)
    } else {
        Err(errors)
    }
}

/// Whether a request in `status`, delegated now or not (`delegated`), may be handed over: only
/// while it is worked on, and to one organisation at a time.
pub fn may_delegate(status: crate::domain::Status, delegated: bool) -> bool {
    status.is_active() && !delegated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    #[test]
    fn a_delegation_goes_to_another_organisation_with_instructions() {
        let ok = DelegateInput {
            to_org: "7".into(),
            share_contact: Some("on".into()),
            note: "Tarkistakaa liittymän tila.".into(),
            ..Default::default()
        }
        .parse(&[7, 8])
        .expect("valid");
        assert_eq!(
            (ok.to_organisation_id, ok.share_timeline, ok.share_contact),
            (7, false, true)
        );
        let e = DelegateInput {
            to_org: "1".into(),
            ..Default::default()
        }
        .parse(&[7, 8])
        .expect_err("invalid");
        assert_eq!(e.get("to_org"), Some("choose"));
        assert_eq!(e.get("note"), Some("required"));
        assert!(parse_return_note(" ").is_err());
    }

    #[test]
    fn only_active_undelegated_requests_are_handed_over() {
        assert!(may_delegate(Status::Open, false));
        assert!(!may_delegate(Status::Open, true));
        assert!(!may_delegate(Status::Resolved, false));
    }
}
