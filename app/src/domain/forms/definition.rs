//! What a form version is: its fields, their kinds and roles, choices and conditions.

use crate::domain::Localized;
use crate::domain::text::MAX_MESSAGE;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most fields one form may have.
pub const MAX_FIELDS: usize = 40;
/// Most choices one field may offer.
pub const MAX_CHOICES: usize = 50;
/// Longest help text or label, in characters.
pub const MAX_LABEL: usize = 500;
/// Names the form itself posts; a field may not take them.
pub const RESERVED: [&str; 12] = [
    "name",
    "email",
    "language",
    "category",
    "consent",
    "org",
    "form",
    "started",
    "website",
    "files",
    "submission",
    "embed",
];

/// What a field asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    ShortText,
    LongText,
    Email,
    Phone,
    Number,
    Date,
    SingleChoice,
    MultipleChoice,
    Checkbox,
    File,
}

impl FieldKind {
    pub const ALL: [FieldKind; 10] = [
        FieldKind::ShortText,
        FieldKind::LongText,
        FieldKind::Email,
        FieldKind::Phone,
        FieldKind::Number,
        FieldKind::Date,
        FieldKind::SingleChoice,
        FieldKind::MultipleChoice,
        FieldKind::Checkbox,
        FieldKind::File,
    ];
    pub fn code(self) -> &'static str {
        match self {
            FieldKind::ShortText => "short_text",
            FieldKind::LongText => "long_text",
            FieldKind::Email => "email",
            FieldKind::Phone => "phone",
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::SingleChoice => "single_choice",
            FieldKind::MultipleChoice => "multiple_choice",
            FieldKind::Checkbox => "checkbox",
            FieldKind::File => "file",
        }
    }
    pub fn parse(code: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.code() == code)
    }
    /// Whether the field offers choices.
    pub fn has_choices(self) -> bool {
        matches!(self, FieldKind::SingleChoice | FieldKind::MultipleChoice)
    }
    /// Whether another field's visibility can depend on this one.
    pub fn can_condition(self) -> bool {
        self.has_choices() || self == FieldKind::Checkbox
    }
}

/// What part of the request a field fills besides its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldRole {
    /// The request's subject (a short text).
    Subject,
    /// The request's message (a long text).
    Message,
    /// The customer's organisation, used for linking and SLA (a short text).
    CustomerOrg,
}

impl FieldRole {
    pub const ALL: [FieldRole; 3] = [
        FieldRole::Subject,
        FieldRole::Message,
        FieldRole::CustomerOrg,
    ];
    pub fn code(self) -> &'static str {
        match self {
            FieldRole::Subject => "subject",
            FieldRole::Message => "message",
            FieldRole::CustomerOrg => "customer_org",
        }
    }
    pub fn parse(code: &str) -> Option<FieldRole> {
        FieldRole::ALL.into_iter().find(|r| r.code() == code)
    }
    pub(super) fn fits(self, kind: FieldKind) -> bool {
        match self {
            FieldRole::Subject | FieldRole::CustomerOrg => kind == FieldKind::ShortText,
            FieldRole::Message => kind == FieldKind::LongText,
        }
    }
}

/// One option of a choice field: a stable value and its label in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: Localized,
}

/// "Show this field only when field `field` has the value `equals`."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub field: String,
    pub equals: String,
}

/// One field of a form version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    pub key: String,
    pub kind: FieldKind,
    pub label: Localized,
    pub help: Localized,
    pub required: bool,
    #[serde(default)]
    pub choices: Vec<Choice>,
    #[serde(default)]
    pub show_if: Option<Condition>,
    #[serde(default)]
    pub role: Option<FieldRole>,
}

/// The fields of one form version, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDef {
    pub fields: Vec<FieldDef>,
}

pub use crate::domain::request::Answer;

/// What a form post said, field name → values, exactly as sent: nothing trusted yet.
pub type RawValues = BTreeMap<String, Vec<String>>;

/// The first value posted for `key`, or "".
pub fn first<'a>(raw: &'a RawValues, key: &str) -> &'a str {
    raw.get(key)
        .and_then(|v| v.first())
        .map_or("", String::as_str)
}

/// What the form around the fields needs to know to validate a post.
pub struct FormContext<'a> {
    /// The form's name, the subject when no field is the subject.
    pub form_name: &'a Localized,
    /// `Some(ids)` when the customer chooses the category among `ids`; `None` when the form fixes it.
    pub categories: Option<&'a [i64]>,
}

/// Cuts every value of a post to what a form may hold, for showing it again after an error.
pub fn truncated(raw: &RawValues) -> RawValues {
    raw.iter()
        .take(MAX_POSTED_FIELDS)
        .map(|(k, vs)| {
            (
                cut(k, 40),
                vs.iter()
                    .take(MAX_CHOICES_POSTED)
                    .map(|v| cut(v, MAX_MESSAGE))
                    .collect(),
            )
        })
        .collect()
}

/// Most distinct names a post may carry, and values per name, kept for redisplay.
const MAX_POSTED_FIELDS: usize = 60;
const MAX_CHOICES_POSTED: usize = 60;

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
