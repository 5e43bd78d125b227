//! How a customer's post becomes a trusted submission: contact fields, then every shown field.

use super::*;
use crate::domain::Lang;
use crate::domain::errors::FieldErrors;
use crate::domain::request::{MAX_EMAIL, MAX_MESSAGE, MAX_SHORT, NewRequest, is_plausible_email};
use std::collections::BTreeMap;

impl FormDef {
    /// The field called `key`.
    pub fn field(&self, key: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Whether `field` is shown, given what was posted: a field whose condition is not met is
    /// neither required nor kept.
    pub fn is_shown(&self, field: &FieldDef, raw: &RawValues) -> bool {
        let Some(c) = &field.show_if else {
            return true;
        };
        let Some(on) = self.field(&c.field) else {
            return true;
        };
        self.is_shown(on, raw)
            && raw
                .get(&c.field)
                .is_some_and(|vs| vs.iter().any(|v| v == &c.equals))
    }

    /// The file fields that are shown: their uploads are checked by the caller, who has the bytes.
    pub fn file_fields<'a>(&'a self, raw: &'a RawValues) -> impl Iterator<Item = &'a FieldDef> {
        self.fields
            .iter()
            .filter(move |f| f.kind == FieldKind::File && self.is_shown(f, raw))
    }

    /// Parses a post once: the contact fields every form has, then this version's fields. Either a
    /// submission every later step can trust, or every field error in form order.
    pub fn parse(&self, raw: &RawValues, ctx: &FormContext<'_>) -> Result<NewRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = text(first(raw, "name"), MAX_SHORT, true, "name", &mut errors);
        let email = first(raw, "email").trim().to_string();
        if email.is_empty() {
            errors.add("email", "required");
        } else if email.chars().count() > MAX_EMAIL || !is_plausible_email(&email) {
            errors.add("email", "email_invalid");
        }
        let language = Lang::parse(first(raw, "language"));
        if language.is_none() {
            errors.add("language", "choose");
        }
        let category_id = match ctx.categories {
            None => None,
            Some(ids) => {
                let id = first(raw, "category")
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|id| ids.contains(id));
                if id.is_none() {
                    errors.add("category", "choose");
                }
                id
            }
        };
        let mut answers = BTreeMap::new();
        for f in self.fields.iter().filter(|f| self.is_shown(f, raw)) {
            if let Some(a) = parse_answer(f, raw.get(&f.key), &mut errors) {
                answers.insert(f.key.clone(), a);
            }
        }
        if first(raw, "consent").is_empty() {
            errors.add("consent", "consent_required");
        }
        let Some(language) = language.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };
        let by_role = |role: FieldRole| {
            self.fields
                .iter()
                .find(|f| f.role == Some(role))
                .and_then(|f| match answers.get(&f.key) {
                    Some(Answer::One(v)) => Some(v.clone()),
                    _ => None,
                })
        };
        let subject =
            by_role(FieldRole::Subject).unwrap_or_else(|| ctx.form_name.get(language).to_string());
        let message = by_role(FieldRole::Message)
            .unwrap_or_else(|| self.summary(&answers, language, MAX_MESSAGE));
        Ok(NewRequest {
            name,
            email,
            language,
            category_id,
            subject,
            message,
            customer_org: by_role(FieldRole::CustomerOrg),
            answers,
        })
    }

    /// The answers as "Label: value" lines in `lang`, for a form whose message is not one field.
    pub fn summary(&self, answers: &BTreeMap<String, Answer>, lang: Lang, max: usize) -> String {
        let text = self
            .fields
            .iter()
            .filter_map(|f| {
                let a = answers.get(&f.key)?;
                Some(format!("{}: {}", f.label.get(lang), f.answer_text(a, lang)))
            })
            .collect::<Vec<_>>()
            .join("\n");
        text.chars().take(max).collect()
    }
}

impl FieldDef {
    /// An answer to this field as a reader of `lang` should see it: choices by their labels.
    pub fn answer_text(&self, a: &Answer, lang: Lang) -> String {
        let label = |v: &str| {
            self.choices
                .iter()
                .find(|c| c.value == v)
                .map_or_else(|| v.to_string(), |c| c.label.get(lang).to_string())
        };
        match (self.kind, a) {
            (FieldKind::Checkbox, _) => yes(lang).to_string(),
            (_, Answer::One(v)) => label(v),
            (_, Answer::Many(vs)) => vs.iter().map(|v| label(v)).collect::<Vec<_>>().join(", "),
        }
    }
}

pub(super) fn yes(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "Kyllä",
        Lang::Sv => "Ja",
        Lang::En => "Yes",
    }
}

pub(super) fn text(
    raw: &str,
    max: usize,
    required: bool,
    field: &str,
    errors: &mut FieldErrors,
) -> String {
    let t = raw.trim();
    if t.is_empty() && required {
        errors.add(field, "required");
    } else if let Err(code) = crate::domain::text::check(t, max) {
        errors.add(field, code);
    }
    t.to_string()
}

/// One field's answer, or `None` when it was left empty (an error if it is required).
pub(super) fn parse_answer(
    f: &FieldDef,
    values: Option<&Vec<String>>,
    errors: &mut FieldErrors,
) -> Option<Answer> {
    let values: Vec<&str> = values
        .map(|vs| {
            vs.iter()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let one = values.first().copied().unwrap_or("");
    if f.kind == FieldKind::File {
        // Files arrive as bytes, checked by `check_file`; nothing textual is stored for them.
        return None;
    }
    if values.is_empty() {
        if f.required {
            let code = if f.kind.has_choices() {
                "choose"
            } else {
                "required"
            };
            errors.add(
                &f.key,
                if f.kind == FieldKind::Checkbox {
                    "must_check"
                } else {
                    code
                },
            );
        }
        return None;
    }
    let is_choice = |v: &str| f.choices.iter().any(|c| c.value == v);
    let bad = |code: &str, errors: &mut FieldErrors| {
        errors.add(&f.key, code);
        None
    };
    match f.kind {
        FieldKind::ShortText | FieldKind::LongText => {
            let max = if f.kind == FieldKind::LongText {
                MAX_MESSAGE
            } else {
                MAX_SHORT
            };
            if let Err(code) = crate::domain::text::check(one, max) {
                return bad(code, errors);
            }
            Some(Answer::One(one.to_string()))
        }
        FieldKind::Email if one.chars().count() > MAX_EMAIL || !is_plausible_email(one) => {
            bad("email_invalid", errors)
        }
        FieldKind::Phone if !is_plausible_phone(one) => bad("phone_invalid", errors),
        FieldKind::Email | FieldKind::Phone => Some(Answer::One(one.to_string())),
        FieldKind::Number => match one.replace(',', ".").replace(' ', "").parse::<f64>() {
            Ok(n) if n.is_finite() && n.abs() < 1e12 && one.len() <= 20 => {
                Some(Answer::One(one.replace(',', ".").replace(' ', "")))
            }
            _ => bad("number_invalid", errors),
        },
        FieldKind::Date => match chrono::NaiveDate::parse_from_str(one, "%Y-%m-%d") {
            Ok(d) => Some(Answer::One(d.format("%Y-%m-%d").to_string())),
            Err(_) => bad("date_invalid", errors),
        },
        FieldKind::SingleChoice if is_choice(one) => Some(Answer::One(one.to_string())),
        FieldKind::SingleChoice => bad("choose", errors),
        FieldKind::MultipleChoice if values.iter().all(|v| is_choice(v)) => {
            let mut chosen: Vec<String> = f
                .choices
                .iter()
                .filter(|c| values.contains(&c.value.as_str()))
                .map(|c| c.value.clone())
                .collect();
            chosen.dedup();
            Some(Answer::Many(chosen))
        }
        FieldKind::MultipleChoice => bad("choose", errors),
        FieldKind::Checkbox => Some(Answer::One("yes".into())),
        FieldKind::File => None,
    }
}

/// Digits with an optional leading `+` and spaces, dashes or brackets between: 5 to 20 digits.
pub(super) fn is_plausible_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let rest_ok = s
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " -()".contains(c) || (c == '+' && i == 0));
    rest_ok && (5..=20).contains(&digits)
}
