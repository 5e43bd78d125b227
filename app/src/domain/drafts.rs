//! Drafts of what an advisor is writing on a request (a reply or an internal note): saved on the
//! server every few seconds so a closed tab or a crash loses nothing, and shown to colleagues as
//! "is writing" while they are fresh.

use serde::{Deserialize, Serialize};

/// How often the workspace saves a changed draft, in milliseconds.
pub const SAVE_EVERY_MS: u32 = 3_000;
/// How often the workspace asks who else is writing when nothing changed, in milliseconds.
pub const ASK_EVERY_MS: u32 = 10_000;
/// A colleague's draft saved within this many seconds means they are writing now.
pub const WRITING_SECS: i64 = 30;

/// What a draft is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DraftKind {
    /// A public reply to the customer.
    Reply,
    /// An internal note only staff see.
    Note,
}

impl DraftKind {
    /// Both kinds.
    pub const ALL: [DraftKind; 2] = [DraftKind::Reply, DraftKind::Note];

    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            DraftKind::Reply => "reply",
            DraftKind::Note => "note",
        }
    }

    /// The kind stored as `code`, if any.
    pub fn parse(code: &str) -> Option<DraftKind> {
        DraftKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// An advisor's own drafts on one request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drafts {
    pub reply: Option<String>,
    pub note: Option<String>,
}

/// What to do with a draft the browser sent: keep its text (cut to the longest message a request
/// takes), or forget it when nothing but spaces is left.
pub fn keep(body: &str) -> Option<String> {
    if body.trim().is_empty() {
        None
    } else {
        Some(body.chars().take(super::request::MAX_MESSAGE).collect())
    }
}

/// Whether a colleague's draft saved at `saved` (seconds since the epoch) means they are writing
/// at `now`.
pub fn is_writing(saved: i64, now: i64) -> bool {
    now - saved <= WRITING_SECS
}

/// Who else is writing on a request, by name, for the "is writing" notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Writers(pub Vec<String>);

impl Writers {
    /// Nobody else is writing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names joined for a sentence: "A", "A, B".
    pub fn names(&self) -> String {
        self.0.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_of_only_spaces_is_forgotten() {
        assert_eq!(keep("  \n\t "), None);
        assert_eq!(keep(""), None);
    }

    #[test]
    fn a_draft_keeps_its_spacing_and_is_cut_to_the_longest_message() {
        assert_eq!(keep("  Hei,\n\n").as_deref(), Some("  Hei,\n\n"));
        let long = "ä".repeat(super::super::request::MAX_MESSAGE + 5);
        assert_eq!(
            keep(&long).map(|s| s.chars().count()),
            Some(super::super::request::MAX_MESSAGE)
        );
    }

    #[test]
    fn a_colleague_is_writing_while_their_draft_is_fresh() {
        assert!(is_writing(1_000, 1_000));
        assert!(is_writing(1_000, 1_000 + WRITING_SECS));
        assert!(!is_writing(1_000, 1_001 + WRITING_SECS));
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for k in DraftKind::ALL {
            assert_eq!(DraftKind::parse(k.code()), Some(k));
        }
        assert_eq!(DraftKind::parse("secret"), None);
    }
}
