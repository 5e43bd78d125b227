//! Reply templates: what a supervisor writes once and advisors fill in for each request. A template
//! is in one language; `{variable}`s are replaced with the request's facts.

use crate::domain::Lang;
use crate::domain::errors::FieldErrors;
use serde::{Deserialize, Serialize};

const MAX_TITLE: usize = 200;
const MAX_BODY: usize = 10_000;

/// The variables a template may use.
pub const VARIABLES: [&str; 5] = [
    "customer_name",
    "number",
    "subject",
    "advisor",
    "organisation",
];

/// A template as the request view offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub id: i64,
    pub language: Lang,
    pub title: String,
    pub body: String,
}

/// The facts of one request a template is filled with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    pub customer_name: String,
    pub number: String,
    pub subject: String,
    pub advisor: String,
    pub organisation: String,
}

impl Facts {
    fn get(&self, variable: &str) -> Option<&str> {
        Some(match variable {
            "customer_name" => &self.customer_name,
            "number" => &self.number,
            "subject" => &self.subject,
            "advisor" => &self.advisor,
            "organisation" => &self.organisation,
            _ => return None,
        })
    }
}

/// The `{…}` names in `body`, in order.
fn variables_in(body: &str) -> impl Iterator<Item = &str> {
    body.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// `body` with every known `{variable}` replaced by its fact; anything else stays as written.
pub fn fill(body: &str, facts: &Facts) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((facts.get(&after[..close])?, close)))
        {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What the reply box holds after a template is put in: the template alone in an empty box,
/// otherwise after what is there, a blank line between.
pub fn put_into(reply: &str, filled: &str) -> String {
    if reply.trim().is_empty() {
        filled.to_string()
    } else {
        format!("{}\n\n{filled}", reply.trim_end())
    }
}

/// A template as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateInput {
    pub language: String,
    pub title: String,
    pub body: String,
}

/// A template, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTemplate {
    pub language: Lang,
    pub title: String,
    pub body: String,
}

impl TemplateInput {
    /// Checks every field at once: a language, a title (up to 200 characters) and a body (up to
    /// 10 000) whose `{variables}` are all known.
    pub fn parse(&self) -> Result<NewTemplate, FieldErrors> {
        let mut errors = FieldErrors::default();
        let language = Lang::parse(self.language.trim());
        if language.is_none() {
            errors.add("language", "choose");
        }
        let title = self.title.trim();
        if title.is_empty() {
            errors.add("title", "required");
        } else if title.chars().count() > MAX_TITLE {
            errors.add("title", "too_long");
        }
        let body = self.body.trim();
        if body.is_empty() {
            errors.add("body", "required");
        } else if body.chars().count() > MAX_BODY {
            errors.add("body", "too_long");
        } else if variables_in(body).any(|v| !VARIABLES.contains(&v)) {
            errors.add("body", "unknown_variable");
        }
        match (language, errors.is_empty()) {
            (Some(language), true) => Ok(NewTemplate {
                language,
                title: title.to_string(),
                body: body.to_string(),
            }),
            _ => Err(errors),
        }
    }
}

/// Whether `role` may write and remove the organisation's templates.
pub fn may_manage(role: &str) -> bool {
    matches!(role, "supervisor" | "admin")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            customer_name: "Maija Virtanen".into(),
            number: "LIK-2026-000123-0".into(),
            subject: "Matkakortti".into(),
            advisor: "Aino".into(),
            organisation: "Liikennekeskus".into(),
        }
    }

    #[test]
    fn known_variables_are_filled_and_everything_else_is_kept() {
        assert_eq!(
            fill(
                "Hei {customer_name}! Pyyntö {number} ({subject}). T. {advisor}, {organisation}",
                &facts()
            ),
            "Hei Maija Virtanen! Pyyntö LIK-2026-000123-0 (Matkakortti). T. Aino, Liikennekeskus"
        );
        assert_eq!(fill("{nimi} {number", &facts()), "{nimi} {number");
        assert_eq!(fill("{{number}}", &facts()), "{LIK-2026-000123-0}");
        assert_eq!(fill("", &facts()), "");
    }

    #[test]
    fn a_template_goes_into_an_empty_box_or_after_what_is_written() {
        assert_eq!(put_into("  ", "Hei"), "Hei");
        assert_eq!(put_into("Kiitos.\n", "Hei"), "Kiitos.\n\nHei");
    }

    #[test]
    fn a_template_needs_a_language_a_title_and_a_body_with_known_variables() {
        let ok = TemplateInput {
            language: "sv".into(),
            title: " Tack ".into(),
            body: "Hej {customer_name}".into(),
        };
        assert_eq!(ok.parse().expect("valid").title, "Tack");
        let e = TemplateInput::default().parse().expect_err("empty");
        assert_eq!(e.get("language"), Some("choose"));
        assert_eq!(e.get("title"), Some("required"));
        assert_eq!(e.get("body"), Some("required"));
        let unknown = TemplateInput {
            body: "Hej {kund}".into(),
            ..ok.clone()
        };
        assert_eq!(
            unknown.parse().expect_err("unknown").get("body"),
            Some("unknown_variable")
        );
        assert!(may_manage("supervisor") && may_manage("admin") && !may_manage("advisor"));
    }
}
