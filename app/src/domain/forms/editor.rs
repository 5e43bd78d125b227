//! The form editor: one field as typed, the changes an administrator makes, each a new version.

use super::submission::text;
use super::*;
use crate::domain::Localized;
use crate::domain::errors::FieldErrors;
use serde::{Deserialize, Serialize};

/// One field as an administrator typed it in the form editor: nothing trusted yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldInput {
    pub key: String,
    pub kind: String,
    pub label_fi: String,
    pub label_sv: String,
    pub label_en: String,
    pub help_fi: String,
    pub help_sv: String,
    pub help_en: String,
    /// A ticked checkbox posts a value; an unticked one posts nothing.
    pub required: Option<String>,
    /// One choice per line: `value: Finnish | Swedish | English`.
    pub choices: String,
    pub show_if_field: String,
    pub show_if_value: String,
    pub role: String,
}

impl FieldInput {
    /// The editor's view of an existing field.
    pub fn from_def(f: &FieldDef) -> FieldInput {
        FieldInput {
            key: f.key.clone(),
            kind: f.kind.code().into(),
            label_fi: f.label.fi.clone(),
            label_sv: f.label.sv.clone(),
            label_en: f.label.en.clone(),
            help_fi: f.help.fi.clone(),
            help_sv: f.help.sv.clone(),
            help_en: f.help.en.clone(),
            required: f.required.then(|| "on".to_string()),
            choices: f
                .choices
                .iter()
                .map(|c| {
                    format!(
                        "{}: {} | {} | {}",
                        c.value, c.label.fi, c.label.sv, c.label.en
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            show_if_field: f
                .show_if
                .as_ref()
                .map(|c| c.field.clone())
                .unwrap_or_default(),
            show_if_value: f
                .show_if
                .as_ref()
                .map(|c| c.equals.clone())
                .unwrap_or_default(),
            role: f.role.map(|r| r.code().to_string()).unwrap_or_default(),
        }
    }
}

/// A change an administrator makes to a form's fields; each saved change is a new version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormEdit {
    /// Adds a field at the end, or replaces the field called `replacing`.
    Put {
        replacing: Option<String>,
        field: Box<FieldInput>,
    },
    Remove(String),
    MoveUp(String),
    MoveDown(String),
}

impl FormEdit {
    /// The edit an editor post names: `op` is `put` (add `field`, or replace the field `key`),
    /// `remove`, `up` or `down` (of `key`). `None` for anything else.
    pub fn parse(op: &str, key: &str, field: Option<FieldInput>) -> Option<FormEdit> {
        Some(match (op, field) {
            ("put", Some(f)) => FormEdit::Put {
                replacing: (!key.is_empty()).then(|| key.to_string()),
                field: Box::new(f),
            },
            ("remove", _) => FormEdit::Remove(key.into()),
            ("up", _) => FormEdit::MoveUp(key.into()),
            ("down", _) => FormEdit::MoveDown(key.into()),
            _ => return None,
        })
    }
}

impl FormDef {
    /// The definition after `edit`, checked whole: keys unique and not reserved, every label in
    /// three languages, choices where needed, conditions only on earlier choice fields, each role
    /// at most once.
    pub fn apply(&self, edit: FormEdit) -> Result<FormDef, FieldErrors> {
        let mut fields = self.fields.clone();
        let position = |key: &str| fields.iter().position(|f| f.key == key);
        match edit {
            FormEdit::Put { replacing, field } => {
                let def = parse_field(&field)?;
                match replacing.as_deref().map(position) {
                    Some(Some(i)) => fields[i] = def,
                    Some(None) => return Err(one_error("key", "unknown_field")),
                    None => fields.push(def),
                }
            }
            FormEdit::Remove(key) => {
                let i = position(&key).ok_or_else(|| one_error("key", "unknown_field"))?;
                fields.remove(i);
            }
            FormEdit::MoveUp(key) => {
                let i = position(&key).ok_or_else(|| one_error("key", "unknown_field"))?;
                if i > 0 {
                    fields.swap(i, i - 1);
                }
            }
            FormEdit::MoveDown(key) => {
                let i = position(&key).ok_or_else(|| one_error("key", "unknown_field"))?;
                if i + 1 < fields.len() {
                    fields.swap(i, i + 1);
                }
            }
        }
        let def = FormDef { fields };
        def.check()?;
        Ok(def)
    }

    /// The rules a whole definition keeps (see [`FormDef::apply`]).
    pub fn check(&self) -> Result<(), FieldErrors> {
        if self.fields.len() > MAX_FIELDS {
            return Err(one_error("key", "too_many_fields"));
        }
        for (i, f) in self.fields.iter().enumerate() {
            let earlier = &self.fields[..i];
            if earlier.iter().any(|e| e.key == f.key) {
                return Err(one_error("key", "duplicate_key"));
            }
            if let Some(role) = f.role
                && earlier.iter().any(|e| e.role == Some(role))
            {
                return Err(one_error("role", "duplicate_role"));
            }
            if let Some(c) = &f.show_if {
                let ok = earlier.iter().any(|e| {
                    e.key == c.field
                        && e.kind.can_condition()
                        && (e.kind == FieldKind::Checkbox && c.equals == "yes"
                            || e.choices.iter().any(|ch| ch.value == c.equals))
                });
                if !ok {
                    return Err(one_error("show_if_field", "condition_invalid"));
                }
            }
        }
        Ok(())
    }
}

pub(super) fn one_error(field: &str, code: &str) -> FieldErrors {
    let mut e = FieldErrors::default();
    e.add(field, code);
    e
}

pub(super) fn is_key(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && s.len() <= 40
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// One field of the editor, checked on its own.
pub(super) fn parse_field(input: &FieldInput) -> Result<FieldDef, FieldErrors> {
    let mut errors = FieldErrors::default();
    let key = input.key.trim().to_string();
    if key.is_empty() {
        errors.add("key", "required");
    } else if !is_key(&key) {
        errors.add("key", "key_invalid");
    } else if RESERVED.contains(&key.as_str()) {
        errors.add("key", "key_reserved");
    }
    let kind = FieldKind::parse(&input.kind);
    if kind.is_none() {
        errors.add("kind", "choose");
    }
    let label = Localized {
        fi: text(&input.label_fi, MAX_LABEL, true, "label_fi", &mut errors),
        sv: text(&input.label_sv, MAX_LABEL, true, "label_sv", &mut errors),
        en: text(&input.label_en, MAX_LABEL, true, "label_en", &mut errors),
    };
    let help = Localized {
        fi: text(&input.help_fi, MAX_LABEL, false, "help_fi", &mut errors),
        sv: text(&input.help_sv, MAX_LABEL, false, "help_sv", &mut errors),
        en: text(&input.help_en, MAX_LABEL, false, "help_en", &mut errors),
    };
    let choices = parse_choices(&input.choices, &mut errors);
    if let Some(k) = kind
        && k.has_choices()
        && choices.is_empty()
        && errors.get("choices").is_none()
    {
        errors.add("choices", "required");
    }
    let role = match input.role.trim() {
        "" => None,
        code => {
            let role = FieldRole::parse(code);
            match (role, kind) {
                (Some(r), Some(k)) if r.fits(k) => {}
                _ => errors.add("role", "role_invalid"),
            }
            role
        }
    };
    let show_if = match (input.show_if_field.trim(), input.show_if_value.trim()) {
        ("", "") => None,
        ("", _) | (_, "") => {
            errors.add("show_if_field", "condition_invalid");
            None
        }
        (field, equals) => Some(Condition {
            field: field.into(),
            equals: equals.into(),
        }),
    };
    match kind {
        Some(kind) if errors.is_empty() => Ok(FieldDef {
            key,
            kind,
            label,
            help,
            required: input.required.is_some(),
            choices: if kind.has_choices() {
                choices
            } else {
                Vec::new()
            },
            show_if,
            role,
        }),
        _ => Err(errors),
    }
}

/// `value: Finnish | Swedish | English`, one per line; blank lines are skipped.
pub(super) fn parse_choices(raw: &str, errors: &mut FieldErrors) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parsed = line.split_once(':').and_then(|(value, labels)| {
            let l: Vec<&str> = labels.split('|').map(str::trim).collect();
            let value = value.trim();
            (is_key(value)
                && l.len() == 3
                && l.iter().all(|s| !s.is_empty() && s.len() <= MAX_LABEL))
            .then(|| Choice {
                value: value.to_string(),
                label: Localized {
                    fi: l[0].into(),
                    sv: l[1].into(),
                    en: l[2].into(),
                },
            })
        });
        match parsed {
            Some(c) if !out.iter().any(|o| o.value == c.value) => out.push(c),
            _ => {
                errors.add("choices", "choices_invalid");
                return out;
            }
        }
    }
    if out.len() > MAX_CHOICES {
        errors.add("choices", "choices_invalid");
    }
    out
}
