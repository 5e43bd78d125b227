//! The satisfaction survey (kohtaamiskysely): a score from 0 to 10 and an optional comment.

use crate::domain::errors::FieldErrors;
use serde::{Deserialize, Serialize};

/// Longest comment kept, in characters.
pub const MAX_COMMENT: usize = 2_000;

/// The survey as posted: nothing trusted yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyInput {
    pub score: String,
    pub comment: String,
}

/// A valid answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyAnswer {
    pub score: i16,
    pub comment: Option<String>,
}

impl SurveyInput {
    /// What is kept for showing the form again.
    pub fn truncated(&self) -> SurveyInput {
        SurveyInput {
            score: self.score.chars().take(3).collect(),
            comment: self.comment.chars().take(MAX_COMMENT).collect(),
        }
    }

    /// A score 0–10 is required; the comment is optional and at most [`MAX_COMMENT`] characters.
    pub fn parse(&self) -> Result<SurveyAnswer, FieldErrors> {
        let mut errors = FieldErrors::default();
        let score = self
            .score
            .trim()
            .parse::<i16>()
            .ok()
            .filter(|s| (0..=10).contains(s));
        if score.is_none() {
            errors.add("score", "choose");
        }
        let comment = self.comment.trim();
        if comment.chars().count() > MAX_COMMENT {
            errors.add("comment", "too_long");
        }
        match score {
            Some(score) if errors.is_empty() => Ok(SurveyAnswer {
                score,
                comment: (!comment.is_empty()).then(|| comment.to_string()),
            }),
            _ => Err(errors),
        }
    }
}

/// Whether a score reopens the request: at or below the organisation's threshold.
pub fn reopens(score: i16, threshold: i16) -> bool {
    score <= threshold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_from_zero_to_ten_is_required_and_low_ones_reopen() {
        let ok = |s: &str| {
            SurveyInput {
                score: s.into(),
                comment: " ".into(),
            }
            .parse()
        };
        assert_eq!(
            ok("0").expect("valid"),
            SurveyAnswer {
                score: 0,
                comment: None
            }
        );
        assert_eq!(ok("10").expect("valid").score, 10);
        for bad in ["", "11", "-1", "7.5", "seven"] {
            assert_eq!(
                ok(bad).expect_err("invalid").get("score"),
                Some("choose"),
                "{bad}"
            );
        }
        let long = SurveyInput {
            score: "5".into(),
            comment: "x".repeat(MAX_COMMENT + 1),
        };
        assert_eq!(
            long.parse().expect_err("invalid").get("comment"),
            Some("too_long")
        );
        assert!(reopens(6, 6) && !reopens(7, 6));
    }
}
