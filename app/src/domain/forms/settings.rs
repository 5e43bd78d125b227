//! A form's settings besides its fields, a new form, and how an organisation's forms look and
//! where they may be framed.

use super::submission::text;
use super::*;
use crate::domain::errors::FieldErrors;
use crate::domain::request::MAX_SHORT;
use crate::domain::{Lang, Localized};
use serde::{Deserialize, Serialize};

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

pub(super) fn parse_hex(s: &str) -> Option<[u8; 3]> {
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
pub(super) fn is_origin(s: &str) -> bool {
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

/// Longest privacy notice, in characters.
pub const MAX_NOTICE: usize = 20_000;

/// What the privacy notice form said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeInput {
    pub language: String,
    pub body: String,
}

impl NoticeInput {
    /// The notice's language and text (trimmed, line ends as `\n`): required, at most
    /// [`MAX_NOTICE`] characters. `None` for a language Luukku does not have.
    pub fn parse(&self) -> Option<Result<(Lang, String), FieldErrors>> {
        let lang = Lang::parse(&self.language)?;
        let body = self.body.trim().replace("\r\n", "\n");
        let field = format!("body_{}", lang.code());
        Some(match body.chars().count() {
            0 => Err(FieldErrors::one(&field, "required")),
            n if n > MAX_NOTICE => Err(FieldErrors::one(&field, "too_long")),
            _ => Ok((lang, body)),
        })
    }

    /// What is kept of it for one redisplay.
    pub fn bounded(&self) -> NoticeInput {
        NoticeInput {
            language: self.language.clone(),
            body: self.body.chars().take(MAX_NOTICE).collect(),
        }
    }
}
