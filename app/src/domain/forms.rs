//! Configurable forms: what fields a form version has, how an administrator's edit becomes a valid
//! definition, and how a customer's post becomes a trusted submission.

use crate::domain::request::{MAX_EMAIL, MAX_MESSAGE, MAX_SHORT, NewRequest, is_plausible_email};
use crate::domain::{Lang, Localized};
use crate::error::FieldErrors;
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
    fn fits(self, kind: FieldKind) -> bool {
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

/// An answer as stored: one value, or several for a multiple choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    One(String),
    Many(Vec<String>),
}

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

fn yes(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "Kyllä",
        Lang::Sv => "Ja",
        Lang::En => "Yes",
    }
}

fn text(raw: &str, max: usize, required: bool, field: &str, errors: &mut FieldErrors) -> String {
    let t = raw.trim();
    if t.is_empty() && required {
        errors.add(field, "required");
    } else if let Err(code) = super::text::check(t, max) {
        errors.add(field, code);
    }
    t.to_string()
}

/// One field's answer, or `None` when it was left empty (an error if it is required).
fn parse_answer(
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
            if let Err(code) = super::text::check(one, max) {
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
fn is_plausible_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let rest_ok = s
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " -()".contains(c) || (c == '+' && i == 0));
    rest_ok && (5..=20).contains(&digits)
}

/// A kind of file a form may accept, recognised by its first bytes (never by its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
    Webp,
    Txt,
}

impl FileType {
    pub const ALL: [FileType; 5] = [
        FileType::Pdf,
        FileType::Png,
        FileType::Jpeg,
        FileType::Webp,
        FileType::Txt,
    ];
    pub fn code(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Png => "png",
            FileType::Jpeg => "jpeg",
            FileType::Webp => "webp",
            FileType::Txt => "txt",
        }
    }
    pub fn parse(code: &str) -> Option<FileType> {
        FileType::ALL.into_iter().find(|t| t.code() == code)
    }
    /// The content type the file is served with.
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::Webp => "image/webp",
            FileType::Txt => "text/plain; charset=utf-8",
        }
    }
    /// What `bytes` really are, if one of the known kinds.
    pub fn sniff(bytes: &[u8]) -> Option<FileType> {
        if bytes.starts_with(b"%PDF-") {
            Some(FileType::Pdf)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileType::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileType::Jpeg)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(FileType::Webp)
        } else if !bytes.is_empty() && !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok() {
            Some(FileType::Txt)
        } else {
            None
        }
    }
}

/// A form's limits on attachments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileLimits {
    pub max_files: usize,
    pub max_bytes: usize,
    pub types: Vec<FileType>,
}

impl FileLimits {
    /// What a customer may attach to a message on the tracking page.
    pub fn for_messages() -> FileLimits {
        FileLimits {
            max_files: 3,
            max_bytes: 5 * 1024 * 1024,
            types: FileType::ALL.to_vec(),
        }
    }
}

/// Checks one upload against `limits`: its kind from its content, its size. The error is a field
/// error code.
pub fn check_file(bytes: &[u8], limits: &FileLimits) -> Result<FileType, &'static str> {
    if bytes.len() > limits.max_bytes {
        return Err("file_too_large");
    }
    match FileType::sniff(bytes) {
        Some(t) if limits.types.contains(&t) => Ok(t),
        _ => Err("file_type"),
    }
}

/// A file name safe to show and to put in a header: no path, no control or quote characters.
pub fn safe_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !"\"';<>".contains(*c))
        .take(120)
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        "file".into()
    } else {
        clean
    }
}

/// The name a file of `kind` is stored and downloaded under: [`safe_file_name`] of `raw`, ending
/// in the extension of what the file really is. `kuva.svg` that is plain text becomes
/// `kuva.svg.txt`, so no program opens it as something it is not.
pub fn stored_file_name(raw: &str, kind: FileType) -> String {
    let name = safe_file_name(raw);
    let ext = match kind {
        FileType::Jpeg => "jpg",
        other => other.code(),
    };
    let lower = name.to_lowercase();
    let fits =
        lower.ends_with(&format!(".{ext}")) || (kind == FileType::Jpeg && lower.ends_with(".jpeg"));
    if fits {
        name
    } else {
        let stem: String = name.chars().take(115).collect();
        format!("{stem}.{ext}")
    }
}

/// A form's settings besides its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct FormSettings {
    pub slug: String,
    pub request_type: crate::domain::classification::RequestType,
    pub category_id: Option<i64>,
    pub name: Localized,
    pub intro: Localized,
    pub active: bool,
    pub sort_order: i32,
    pub limits: FileLimits,
}

/// What a new form starts with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFormInput {
    pub slug: String,
    pub request_type: String,
    pub name_fi: String,
    pub name_sv: String,
    pub name_en: String,
}

impl NewFormInput {
    /// The settings of a new form: active, listed last, up to three files of 5 MB (PDF or
    /// picture); no default category.
    pub fn settings(&self) -> SettingsInput {
        SettingsInput {
            slug: self.slug.clone(),
            request_type: self.request_type.clone(),
            name_fi: self.name_fi.clone(),
            name_sv: self.name_sv.clone(),
            name_en: self.name_en.clone(),
            active: Some("on".into()),
            sort_order: "100".into(),
            max_files: "3".into(),
            max_megabytes: "5".into(),
            file_types: "pdf,png,jpeg".into(),
            ..SettingsInput::default()
        }
    }
}

/// A form's settings as an administrator typed them: nothing trusted yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsInput {
    pub slug: String,
    pub request_type: String,
    /// A category id, or empty when the customer chooses one.
    pub category: String,
    pub name_fi: String,
    pub name_sv: String,
    pub name_en: String,
    pub intro_fi: String,
    pub intro_sv: String,
    pub intro_en: String,
    /// A ticked checkbox posts a value; an unticked one posts nothing.
    pub active: Option<String>,
    pub sort_order: String,
    pub max_files: String,
    pub max_megabytes: String,
    /// File type codes, comma-separated (`pdf,png`).
    pub file_types: String,
}

impl SettingsInput {
    /// The editor's view of a form's settings.
    pub fn from_settings(s: &FormSettings) -> SettingsInput {
        SettingsInput {
            slug: s.slug.clone(),
            request_type: s.request_type.code().into(),
            category: s.category_id.map(|c| c.to_string()).unwrap_or_default(),
            name_fi: s.name.fi.clone(),
            name_sv: s.name.sv.clone(),
            name_en: s.name.en.clone(),
            intro_fi: s.intro.fi.clone(),
            intro_sv: s.intro.sv.clone(),
            intro_en: s.intro.en.clone(),
            active: s.active.then(|| "on".to_string()),
            sort_order: s.sort_order.to_string(),
            max_files: s.limits.max_files.to_string(),
            max_megabytes: (s.limits.max_bytes / (1024 * 1024)).max(1).to_string(),
            file_types: s
                .limits
                .types
                .iter()
                .map(|t| t.code())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// Checks every setting: a URL-safe slug, a request type, a category among `categories`,
    /// names in three languages, 0–10 files of 1–10 MB of known types.
    pub fn parse(&self, categories: &[i64]) -> Result<FormSettings, FieldErrors> {
        use crate::domain::classification::RequestType;
        let mut errors = FieldErrors::default();
        let slug = self.slug.trim().to_string();
        let slug_ok = !slug.is_empty()
            && slug.len() <= 40
            && slug.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !slug_ok {
            errors.add("slug", "slug_invalid");
        }
        let request_type = RequestType::parse(&self.request_type);
        if request_type.is_none() {
            errors.add("request_type", "choose");
        }
        let category_id = match self.category.trim() {
            "" => None,
            c => {
                let id = c.parse::<i64>().ok().filter(|id| categories.contains(id));
                if id.is_none() {
                    errors.add("category", "choose");
                }
                id
            }
        };
        let name = Localized {
            fi: text(&self.name_fi, MAX_SHORT, true, "name_fi", &mut errors),
            sv: text(&self.name_sv, MAX_SHORT, true, "name_sv", &mut errors),
            en: text(&self.name_en, MAX_SHORT, true, "name_en", &mut errors),
        };
        let intro = Localized {
            fi: text(&self.intro_fi, MAX_LABEL, false, "intro_fi", &mut errors),
            sv: text(&self.intro_sv, MAX_LABEL, false, "intro_sv", &mut errors),
            en: text(&self.intro_en, MAX_LABEL, false, "intro_en", &mut errors),
        };
        let number = |raw: &str,
                      field: &str,
                      range: std::ops::RangeInclusive<i64>,
                      errors: &mut FieldErrors| {
            let n = raw.trim().parse::<i64>().ok().filter(|n| range.contains(n));
            if n.is_none() {
                errors.add(field, "number_invalid");
            }
            n.unwrap_or(*range.start())
        };
        let sort_order = number(&self.sort_order, "sort_order", 0..=999, &mut errors) as i32;
        let max_files = number(&self.max_files, "max_files", 0..=10, &mut errors) as usize;
        let max_mb = number(&self.max_megabytes, "max_megabytes", 1..=10, &mut errors) as usize;
        let types: Vec<FileType> = self
            .file_types
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(FileType::parse)
            .collect::<Option<Vec<_>>>()
            .unwrap_or_else(|| {
                errors.add("file_types", "choose");
                Vec::new()
            });
        match request_type {
            Some(request_type) if errors.is_empty() => Ok(FormSettings {
                slug,
                request_type,
                category_id,
                name,
                intro,
                active: self.active.is_some(),
                sort_order,
                limits: FileLimits {
                    max_files,
                    max_bytes: max_mb * 1024 * 1024,
                    types,
                },
            }),
            _ => Err(errors),
        }
    }
}

/// How an organisation's forms look and where they may be framed, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbeddingInput {
    pub brand_colour: String,
    /// One site per line, e.g. `https://www.example.fi`.
    pub origins: String,
}

/// Most sites one organisation may allow to frame its forms.
pub const MAX_ORIGINS: usize = 20;

impl EmbeddingInput {
    /// A `#rrggbb` colour white text stays readable on (contrast 4.5:1 or more), and plain
    /// `https://host[:port]` origins (`http://` only for localhost).
    pub fn parse(&self) -> Result<(String, Vec<String>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let colour = self.brand_colour.trim().to_ascii_lowercase();
        match parse_hex(&colour) {
            None => errors.add("brand_colour", "colour_invalid"),
            Some(rgb) if contrast_with_white(rgb) < 4.5 => {
                errors.add("brand_colour", "colour_contrast")
            }
            Some(_) => {}
        }
        let origins: Vec<String> = self
            .origins
            .lines()
            .map(|l| l.trim().trim_end_matches('/').to_ascii_lowercase())
            .filter(|l| !l.is_empty())
            .collect();
        if origins.len() > MAX_ORIGINS || !origins.iter().all(|o| is_origin(o)) {
            errors.add("origins", "origin_invalid");
        }
        if errors.is_empty() {
            Ok((colour, origins))
        } else {
            Err(errors)
        }
    }
}

fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let hex = s
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The WCAG contrast ratio of a colour against white.
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    1.05 / (l + 0.05)
}

/// `https://host[:port]`, or `http://localhost[:port]`: a scheme, a host of letters, digits,
/// dots and dashes, an optional port, nothing else.
fn is_origin(s: &str) -> bool {
    let rest = match (s.strip_prefix("https://"), s.strip_prefix("http://")) {
        (Some(r), _) => r,
        (None, Some(r))
            if r == "localhost" || r.starts_with("localhost:") || r.starts_with("127.0.0.1") =>
        {
            r
        }
        _ => return false,
    };
    let (host, port) = rest
        .split_once(':')
        .map_or((rest, None), |(h, p)| (h, Some(p)));
    !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && port
            .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

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

fn one_error(field: &str, code: &str) -> FieldErrors {
    let mut e = FieldErrors::default();
    e.add(field, code);
    e
}

fn is_key(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && s.len() <= 40
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// One field of the editor, checked on its own.
fn parse_field(input: &FieldInput) -> Result<FieldDef, FieldErrors> {
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
fn parse_choices(raw: &str, errors: &mut FieldErrors) -> Vec<Choice> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(s: &str) -> Localized {
        Localized {
            fi: format!("{s} fi"),
            sv: format!("{s} sv"),
            en: format!("{s} en"),
        }
    }

    fn field(key: &str, kind: FieldKind, required: bool) -> FieldDef {
        FieldDef {
            key: key.into(),
            kind,
            label: loc(key),
            help: Localized::default(),
            required,
            choices: Vec::new(),
            show_if: None,
            role: None,
        }
    }

    fn order_form() -> FormDef {
        let mut delivery = field("delivery", FieldKind::SingleChoice, true);
        delivery.choices = vec![
            Choice {
                value: "post".into(),
                label: loc("Post"),
            },
            Choice {
                value: "pickup".into(),
                label: loc("Pickup"),
            },
        ];
        let mut address = field("address", FieldKind::ShortText, true);
        address.show_if = Some(Condition {
            field: "delivery".into(),
            equals: "post".into(),
        });
        let mut what = field("what", FieldKind::ShortText, true);
        what.role = Some(FieldRole::Subject);
        FormDef {
            fields: vec![
                what,
                field("count", FieldKind::Number, false),
                delivery,
                address,
            ],
        }
    }

    fn raw(pairs: &[(&str, &str)]) -> RawValues {
        let mut r = RawValues::new();
        for (k, v) in pairs {
            r.entry(k.to_string()).or_default().push(v.to_string());
        }
        r
    }

    fn base() -> Vec<(&'static str, &'static str)> {
        vec![
            ("name", "Maija"),
            ("email", "maija@example.fi"),
            ("language", "sv"),
            ("consent", "on"),
        ]
    }

    fn ctx(name: &Localized) -> FormContext<'_> {
        FormContext {
            form_name: name,
            categories: None,
        }
    }

    #[test]
    fn a_hidden_field_is_neither_required_nor_kept() {
        let name = loc("Order");
        let mut pairs = base();
        pairs.extend([
            ("what", "Bin"),
            ("delivery", "pickup"),
            ("address", "ignored"),
        ]);
        let s = order_form()
            .parse(&raw(&pairs), &ctx(&name))
            .expect("valid");
        assert_eq!(s.subject, "Bin");
        assert!(!s.answers.contains_key("address"));
        assert_eq!(s.language, Lang::Sv);
        assert_eq!(s.message, "what sv: Bin\ndelivery sv: Pickup sv");
    }

    #[test]
    fn a_shown_required_field_must_be_answered() {
        let name = loc("Order");
        let mut pairs = base();
        pairs.extend([("what", "Bin"), ("delivery", "post"), ("count", "many")]);
        let e = order_form()
            .parse(&raw(&pairs), &ctx(&name))
            .expect_err("invalid");
        assert_eq!(e.get("address"), Some("required"));
        assert_eq!(e.get("count"), Some("number_invalid"));
    }

    #[test]
    fn choices_must_be_offered_ones_and_contact_fields_are_checked() {
        let name = loc("Order");
        let e = order_form()
            .parse(&raw(&[("delivery", "drone"), ("email", "x")]), &ctx(&name))
            .expect_err("invalid");
        for (f, code) in [
            ("name", "required"),
            ("email", "email_invalid"),
            ("language", "choose"),
            ("what", "required"),
            ("delivery", "choose"),
            ("consent", "consent_required"),
        ] {
            assert_eq!(e.get(f), Some(code), "{f}");
        }
    }

    #[test]
    fn files_are_recognised_by_content_not_name() {
        let limits = FileLimits {
            max_files: 2,
            max_bytes: 100,
            types: vec![FileType::Pdf, FileType::Png],
        };
        assert_eq!(check_file(b"%PDF-1.7 ...", &limits), Ok(FileType::Pdf));
        assert_eq!(check_file(b"MZ\x90\x00 an exe", &limits), Err("file_type"));
        assert_eq!(check_file(b"plain text", &limits), Err("file_type"));
        assert_eq!(check_file(&[b'%'; 101], &limits), Err("file_too_large"));
        assert_eq!(safe_file_name("../../etc/\"passwd\".pdf"), "passwd.pdf");
        assert_eq!(safe_file_name("C:\\x\\..."), "file");
        assert_eq!(stored_file_name("kuva.svg", FileType::Txt), "kuva.svg.txt");
        assert_eq!(stored_file_name("liite.PDF", FileType::Pdf), "liite.PDF");
        assert_eq!(
            stored_file_name("valokuva.jpeg", FileType::Jpeg),
            "valokuva.jpeg"
        );
        assert_eq!(
            stored_file_name("sivu.html", FileType::Png),
            "sivu.html.png"
        );
        assert_eq!(stored_file_name("noext", FileType::Webp), "noext.webp");
    }

    #[test]
    fn the_editor_refuses_what_would_break_a_form() {
        let form = order_form();
        let mut input = FieldInput::from_def(&form.fields[1]);
        input.key = "what".into();
        assert_eq!(
            form.apply(FormEdit::Put {
                replacing: None,
                field: Box::new(input.clone())
            })
            .expect_err("invalid")
            .get("key"),
            Some("duplicate_key")
        );
        input.key = "email".into();
        assert!(
            form.apply(FormEdit::Put {
                replacing: None,
                field: Box::new(input.clone())
            })
            .is_err()
        );
        input.key = "later".into();
        input.show_if_field = "address".into();
        input.show_if_value = "x".into();
        assert_eq!(
            form.apply(FormEdit::Put {
                replacing: None,
                field: Box::new(input.clone())
            })
            .expect_err("invalid")
            .get("show_if_field"),
            Some("condition_invalid")
        );
        // A condition must come after its field: moving the address above delivery is refused.
        assert!(form.apply(FormEdit::MoveUp("address".into())).is_err());
        let moved = form
            .apply(FormEdit::MoveDown("what".into()))
            .expect("valid");
        assert_eq!(moved.fields[1].key, "what");
    }

    #[test]
    fn brand_colours_keep_white_text_readable_and_origins_are_plain_sites() {
        let ok = |c: &str, o: &str| {
            EmbeddingInput {
                brand_colour: c.into(),
                origins: o.into(),
            }
            .parse()
        };
        assert_eq!(
            ok(
                "#1D4E89",
                "https://www.example.fi/\n\nhttp://localhost:8080"
            )
            .expect("valid"),
            (
                "#1d4e89".to_string(),
                vec![
                    "https://www.example.fi".to_string(),
                    "http://localhost:8080".to_string()
                ]
            )
        );
        assert_eq!(
            ok("#ffff00", "").expect_err("invalid").get("brand_colour"),
            Some("colour_contrast")
        );
        assert_eq!(
            ok("blue", "").expect_err("invalid").get("brand_colour"),
            Some("colour_invalid")
        );
        for bad in [
            "http://example.fi",
            "https://example.fi/path",
            "javascript:alert(1)",
            "https://a b",
            "*",
        ] {
            assert_eq!(
                ok("#000000", bad).expect_err("invalid").get("origins"),
                Some("origin_invalid"),
                "{bad}"
            );
        }
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 0.01);
    }

    #[test]
    fn form_settings_are_checked_whole() {
        let input = SettingsInput {
            slug: "water-cut".into(),
            request_type: "incident".into(),
            category: "7".into(),
            name_fi: "Vesikatko".into(),
            name_sv: "Vattenavbrott".into(),
            name_en: "Water cut".into(),
            active: Some("on".into()),
            sort_order: "4".into(),
            max_files: "2".into(),
            max_megabytes: "3".into(),
            file_types: "pdf, png".into(),
            ..Default::default()
        };
        let s = input.parse(&[7]).expect("valid");
        assert_eq!(
            s.limits,
            FileLimits {
                max_files: 2,
                max_bytes: 3 * 1024 * 1024,
                types: vec![FileType::Pdf, FileType::Png]
            }
        );
        assert_eq!(
            SettingsInput::from_settings(&s)
                .parse(&[7])
                .expect("round trip"),
            s
        );
        let bad = SettingsInput {
            slug: "Vesi katko".into(),
            category: "8".into(),
            file_types: "exe".into(),
            name_sv: " ".into(),
            ..input
        };
        let e = bad.parse(&[7]).expect_err("invalid");
        for (f, code) in [
            ("slug", "slug_invalid"),
            ("category", "choose"),
            ("file_types", "choose"),
            ("name_sv", "required"),
        ] {
            assert_eq!(e.get(f), Some(code), "{f}");
        }
    }

    #[test]
    fn choices_round_trip_through_the_editor() {
        let form = order_form();
        let input = FieldInput::from_def(&form.fields[2]);
        assert_eq!(
            input.choices,
            "post: Post fi | Post sv | Post en\npickup: Pickup fi | Pickup sv | Pickup en"
        );
        let again = form
            .apply(FormEdit::Put {
                replacing: Some("delivery".into()),
                field: Box::new(input),
            })
            .expect("valid");
        assert_eq!(again, form);
        let mut bad = FieldInput::from_def(&form.fields[2]);
        bad.choices = "post: only finnish".into();
        assert_eq!(
            form.apply(FormEdit::Put {
                replacing: Some("delivery".into()),
                field: Box::new(bad)
            })
            .expect_err("invalid")
            .get("choices"),
            Some("choices_invalid")
        );
    }
}
