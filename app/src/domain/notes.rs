//! Internal notes: what advisors write on a request for each other, never shown to the customer.
//! `@handle` in a note (the part of a colleague's e-mail address before the `@`) asks that
//! colleague for help and notifies them.

use crate::domain::errors::FieldErrors;
use serde::{Deserialize, Serialize};

/// Most colleagues one note notifies.
pub const MAX_MENTIONS: usize = 10;

/// A typed note, trimmed: required and at most [`super::request::MAX_MESSAGE`] characters.
pub fn parse_note(raw: &str) -> Result<String, FieldErrors> {
    let note = raw.trim();
    let mut errors = FieldErrors::default();
    if note.is_empty() {
        errors.add("internal_note", "required");
    } else if note.chars().count() > super::request::MAX_MESSAGE {
        errors.add("internal_note", "too_long");
    }
    if errors.is_empty() {
        Ok(note.to_string())
    } else {
        Err(errors)
    }
}

/// The handles mentioned in `note`, lower-cased, each once, in order: `@` at the start of a word
/// followed by letters, digits, `.`, `_` or `-` (a trailing `.` ends the sentence, not the
/// handle). An e-mail address in the text is not a mention.
pub fn mentions(note: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in note.char_indices() {
        let starts_word = prev.is_none_or(|p| p.is_whitespace() || "([{,;:".contains(p));
        prev = Some(c);
        if c != '@' || !starts_word {
            continue;
        }
        let rest = &note[i + 1..];
        let len = rest
            .find(|ch: char| !(ch.is_alphanumeric() || "._-".contains(ch)))
            .unwrap_or(rest.len());
        let handle = rest[..len].trim_end_matches('.').to_lowercase();
        if !handle.is_empty() && !found.contains(&handle) && found.len() < MAX_MENTIONS {
            found.push(handle);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_of_only_spaces_is_required() {
        let e = parse_note("  \n ").expect_err("required");
        assert_eq!(e.get("internal_note"), Some("required"));
    }

    #[test]
    fn a_note_is_trimmed_and_limited() {
        assert_eq!(
            parse_note("  Soitin asiakkaalle. ").expect("valid"),
            "Soitin asiakkaalle."
        );
        let long = "a".repeat(super::super::request::MAX_MESSAGE + 1);
        assert_eq!(
            parse_note(&long)
                .expect_err("too long")
                .get("internal_note"),
            Some("too_long")
        );
    }

    #[test]
    fn mentions_are_handles_at_the_start_of_a_word_each_once() {
        assert_eq!(
            mentions("@maija.m katsotko tämän? Kysy myös @Pekka ja @maija.m."),
            vec!["maija.m".to_string(), "pekka".to_string()]
        );
    }

    #[test]
    fn an_email_address_or_a_lone_at_sign_mentions_nobody() {
        assert!(mentions("Asiakas: matti@example.fi, @ ja @.").is_empty());
    }

    #[test]
    fn mentions_inside_brackets_count() {
        assert_eq!(mentions("(@ville_k)"), vec!["ville_k".to_string()]);
    }
}

/// What the note form keeps after a failed post without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteInput {
    pub internal_note: String,
}
