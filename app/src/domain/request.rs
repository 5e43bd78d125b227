//! Service requests: what a citizen may submit, how it is numbered, and how its status may move.

use crate::domain::Lang;
use crate::error::FieldErrors;
use serde::{Deserialize, Serialize};

/// Longest accepted name or subject, in characters.
pub const MAX_SHORT: usize = 200;
/// Longest accepted message, in characters.
pub const MAX_MESSAGE: usize = 10_000;
/// Longest e-mail address (RFC 5321 path limit).
pub const MAX_EMAIL: usize = 254;

/// The "Ask for advice" form exactly as typed: nothing trusted yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskInput {
    pub name: String,
    pub email: String,
    pub language: String,
    pub category: String,
    pub subject: String,
    pub message: String,
    pub consent: bool,
}

/// A validated request, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub name: String,
    pub email: String,
    pub language: Lang,
    pub category_id: i64,
    pub subject: String,
    pub message: String,
}

impl AskInput {
    /// Parses the form once: either a request every later step can trust, or every field error.
    /// `categories` are the ids the organisation offers.
    pub fn parse(&self, categories: &[i64]) -> Result<NewRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&self.name, MAX_SHORT, "name", &mut errors);
        let email = self.email.trim().to_string();
        if email.is_empty() {
            errors.add("email", "required");
        } else if email.chars().count() > MAX_EMAIL || !is_plausible_email(&email) {
            errors.add("email", "email_invalid");
        }
        let language = Lang::parse(&self.language);
        if language.is_none() {
            errors.add("language", "choose");
        }
        let category_id = self
            .category
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| categories.contains(id));
        if category_id.is_none() {
            errors.add("category", "choose");
        }
        let subject = required_text(&self.subject, MAX_SHORT, "subject", &mut errors);
        let message = required_text(&self.message, MAX_MESSAGE, "message", &mut errors);
        if !self.consent {
            errors.add("consent", "consent_required");
        }
        match (language, category_id) {
            (Some(language), Some(category_id)) if errors.is_empty() => Ok(NewRequest {
                name,
                email,
                language,
                category_id,
                subject,
                message,
            }),
            _ => Err(errors),
        }
    }

    /// A copy safe to keep for re-displaying the form: every field cut to its limit.
    pub fn truncated(&self) -> AskInput {
        AskInput {
            name: cut(&self.name, MAX_SHORT),
            email: cut(&self.email, MAX_EMAIL),
            language: cut(&self.language, 5),
            category: cut(&self.category, 20),
            subject: cut(&self.subject, MAX_SHORT),
            message: cut(&self.message, MAX_MESSAGE),
            consent: self.consent,
        }
    }
}

/// Validates a free-text message (a reply or a customer's answer).
pub fn parse_message(raw: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let message = required_text(raw, MAX_MESSAGE, "message", &mut errors);
    if errors.is_empty() {
        Ok(message)
    } else {
        Err(errors)
    }
}

fn required_text(raw: &str, max: usize, field: &str, errors: &mut FieldErrors) -> String {
    let text = raw.trim();
    if text.is_empty() {
        errors.add(field, "required");
    } else if text.chars().count() > max {
        errors.add(field, "too_long");
    }
    text.to_string()
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// One `@`, a non-empty local part, a dotted domain, no spaces: what a person can mistype is caught;
/// deliverability is the mail server's to judge.
fn is_plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

/// A request's public number: organisation prefix, year, sequence and a check digit,
/// e.g. `LIK-2026-000123-0`. A mistyped digit is caught by the check digit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestNumber(String);

impl RequestNumber {
    /// Builds the number for the `sequence`-th request of `prefix` in `year`.
    pub fn new(prefix: &str, year: i32, sequence: i64) -> RequestNumber {
        let digits = format!("{year:04}{sequence:06}");
        RequestNumber(format!(
            "{prefix}-{year:04}-{sequence:06}-{}",
            check_digit(&digits)
        ))
    }

    /// Parses a typed number, accepting it only when its check digit is right.
    pub fn parse(raw: &str) -> Option<RequestNumber> {
        let raw = raw.trim().to_ascii_uppercase();
        let mut parts = raw.rsplitn(4, '-');
        let (check, seq, year, prefix) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if prefix.is_empty() || !all_digits(year) || !all_digits(seq) || check.len() != 1 {
            return None;
        }
        (check_digit(&format!("{year}{seq}")).to_string() == check).then_some(RequestNumber(raw))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Finnish reference-number check digit: weights 7, 3, 1 from the right.
fn check_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .bytes()
        .rev()
        .zip([7u32, 3, 1].iter().cycle())
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> AskInput {
        AskInput {
            name: "Maija Meikäläinen".into(),
            email: "maija@example.fi".into(),
            language: "fi".into(),
            category: "7".into(),
            subject: "Bussikortti".into(),
            message: "Miten lataan kortin?".into(),
            consent: true,
        }
    }

    #[test]
    fn a_complete_form_becomes_a_request() {
        let r = valid().parse(&[7]).expect("valid");
        assert_eq!(r.language, Lang::Fi);
        assert_eq!(r.category_id, 7);
    }

    #[test]
    fn a_title_of_only_spaces_is_required() {
        let e = AskInput {
            subject: "   ".into(),
            ..valid()
        }
        .parse(&[7])
        .expect_err("invalid");
        assert_eq!(e.get("subject"), Some("required"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let e = AskInput::default().parse(&[7]).expect_err("invalid");
        for field in [
            "name", "email", "language", "category", "subject", "message", "consent",
        ] {
            assert!(e.get(field).is_some(), "{field} not reported");
        }
    }

    #[test]
    fn a_bad_email_and_a_foreign_category_are_refused() {
        let e = AskInput {
            email: "maija@localhost".into(),
            category: "8".into(),
            ..valid()
        }
        .parse(&[7])
        .expect_err("invalid");
        assert_eq!(e.get("email"), Some("email_invalid"));
        assert_eq!(e.get("category"), Some("choose"));
    }

    #[test]
    fn ten_megabytes_of_text_is_too_long_and_is_cut_for_redisplay() {
        let huge = "a".repeat(10 * 1024 * 1024);
        let input = AskInput {
            message: huge,
            ..valid()
        };
        assert_eq!(
            input.parse(&[7]).expect_err("invalid").get("message"),
            Some("too_long")
        );
        assert_eq!(input.truncated().message.len(), MAX_MESSAGE);
    }

    #[test]
    fn request_numbers_carry_a_check_digit_that_catches_typos() {
        let n = RequestNumber::new("LIK", 2026, 123);
        assert_eq!(n.as_str(), "LIK-2026-000123-0");
        assert!(RequestNumber::parse("lik-2026-000123-0").is_some());
        assert!(RequestNumber::parse("LIK-2026-000124-0").is_none());
        assert!(RequestNumber::parse("LIK-2026-000123").is_none());
    }

    proptest::proptest! {
        #[test]
        fn every_generated_number_parses_back(prefix in "[A-Z]{2,5}", year in 2000i32..2100, seq in 1i64..999_999) {
            let n = RequestNumber::new(&prefix, year, seq);
            proptest::prop_assert_eq!(RequestNumber::parse(n.as_str()), Some(n));
        }
    }
}
