//! Completing a work order: one resolution in three languages, so every requester is told in
//! their own.

use crate::domain::Lang;
use crate::domain::errors::FieldErrors;
use crate::domain::request::MAX_MESSAGE;
use serde::{Deserialize, Serialize};

/// The new-work-order form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkOrderInput {
    pub title: String,
}

/// A new work order's title as typed.
pub fn parse_title(raw: &str) -> Result<String, FieldErrors> {
    let title = raw.trim();
    let mut errors = FieldErrors::default();
    if title.is_empty() {
        errors.add("wo_title", "required");
    } else if title.chars().count() > 200 {
        errors.add("wo_title", "too_long");
    }
    if errors.is_empty() {
        Ok(title.to_string())
    } else {
        Err(errors)
    }
}

/// The resolution of a work order as typed, one text per language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResolutionInput {
    pub fi: String,
    pub sv: String,
    pub en: String,
}

/// A checked resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    fi: String,
    sv: String,
    en: String,
}

impl ResolutionInput {
    /// Every language is required: no requester is told in a language they did not choose.
    pub fn parse(&self) -> Result<Resolution, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut text = |raw: &str, field: &str| {
            let t = raw.trim();
            if t.is_empty() {
                errors.add(field, "required");
            } else if t.chars().count() > MAX_MESSAGE {
                errors.add(field, "too_long");
            }
            t.to_string()
        };
        let r = Resolution {
            fi: text(&self.fi, "res_fi"),
            sv: text(&self.sv, "res_sv"),
            en: text(&self.en, "res_en"),
        };
        if errors.is_empty() {
            Ok(r)
        } else {
            Err(errors)
        }
    }
}

impl Resolution {
    /// The text for a requester who writes in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.fi, &self.sv, &self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_requester_reads_the_resolution_in_their_language_and_all_three_are_required() {
        let r = ResolutionInput {
            fi: "Vuoto korjattu.".into(),
            sv: "Läckan är lagad.".into(),
            en: "The leak is fixed.".into(),
        }
        .parse()
        .expect("valid");
        assert_eq!(r.text(Lang::Sv), "Läckan är lagad.");
        let e = ResolutionInput {
            fi: "Vuoto korjattu.".into(),
            ..Default::default()
        }
        .parse()
        .expect_err("missing");
        assert_eq!(e.get("res_sv"), Some("required"));
        assert_eq!(e.get("res_en"), Some("required"));
        assert_eq!(
            parse_title("  ").expect_err("empty").get("wo_title"),
            Some("required")
        );
    }
}
