//! Reading a multipart form post (server only): text values into [`RawValues`], files into
//! memory, with hard caps so nothing a client sends can exhaust the server. Each form's own limits
//! are checked afterwards, with the form known.

use crate::domain::forms::RawValues;
use crate::error::AppError;
use leptos::server_fn::codec::MultipartData;

/// Largest file read, whatever the form allows (the schema's ceiling).
pub const MAX_FILE: usize = 10 * 1024 * 1024;
/// Most files read from one post.
pub const MAX_FILES: usize = 10;
/// Largest text value read, in bytes.
const MAX_VALUE: usize = 64 * 1024;
/// Most text values read from one post.
const MAX_VALUES: usize = 300;

/// A file as posted: the field it came in, its name as the browser gave it, its bytes.
pub struct Upload {
    pub field: String,
    pub file_name: String,
    pub data: Vec<u8>,
    /// Whether it was cut at [`MAX_FILE`] (then it is too large for any form).
    pub truncated: bool,
}

/// What a multipart post held.
#[derive(Default)]
pub struct Posted {
    pub values: RawValues,
    pub files: Vec<Upload>,
}

/// Reads the whole post. A malformed body is a `BadRequest`; oversized parts are cut, never
/// buffered whole.
pub async fn read(data: MultipartData) -> Result<Posted, AppError> {
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::BadRequest("expected multipart/form-data".into()))?;
    let mut posted = Posted::default();
    let mut values = 0;
    let bad = |e: multer::Error| AppError::BadRequest(e.to_string());
    while let Some(mut field) = multipart.next_field().await.map_err(bad)? {
        let name: String = field.name().unwrap_or_default().chars().take(60).collect();
        let file_name = field.file_name().map(str::to_string);
        let limit = if file_name.is_some() {
            MAX_FILE
        } else {
            MAX_VALUE
        };
        let mut data = Vec::new();
        let mut truncated = false;
        while let Some(chunk) = field.chunk().await.map_err(bad)? {
            if data.len() + chunk.len() > limit {
                data.extend_from_slice(&chunk[..limit - data.len()]);
                truncated = true;
                break;
            }
            data.extend_from_slice(&chunk);
        }
        match file_name {
            // An empty file input still posts a part: no name, no bytes.
            Some(f) if f.is_empty() && data.is_empty() => {}
            Some(file_name) => {
                if posted.files.len() >= MAX_FILES {
                    return Err(AppError::BadRequest("too many files".into()));
                }
                posted.files.push(Upload {
                    field: name,
                    file_name,
                    data,
                    truncated,
                });
            }
            None => {
                values += 1;
                if values > MAX_VALUES {
                    return Err(AppError::BadRequest("too many fields".into()));
                }
                let text = String::from_utf8_lossy(&data).into_owned();
                // NUL can be neither stored nor looked up; other control characters reach the
                // form's own parsing, which names them next to their field.
                if text.contains('\0') {
                    let mut errors = crate::error::FieldErrors::default();
                    errors.add(&name, crate::domain::text::CONTROL_CHARS);
                    return Err(AppError::Invalid(errors));
                }
                posted.values.entry(name).or_default().push(text);
            }
        }
    }
    Ok(posted)
}

/// An upload that passed its form's checks.
pub struct CheckedFile {
    pub file_name: String,
    pub kind: crate::domain::forms::FileType,
    pub data: Vec<u8>,
}

/// The one image posted as `field`: a PNG, JPEG or WebP of at most `max_bytes`, recognised by
/// its content.
pub fn one_image(
    uploads: Vec<Upload>,
    field: &str,
    max_bytes: usize,
) -> Result<CheckedFile, crate::error::FieldErrors> {
    use crate::domain::forms::{FileLimits, FileType};
    let types = vec![FileType::Png, FileType::Jpeg, FileType::Webp];
    let limits = FileLimits {
        max_files: 1,
        max_bytes,
        types,
    };
    let (mut files, mut errors) = check(uploads, |f| f == field, &limits);
    match files.pop() {
        Some(file) if errors.is_empty() => Ok(file),
        _ => {
            if errors.is_empty() {
                errors.add(field, "required");
            }
            Err(errors)
        }
    }
}

/// The uploads posted under a name `accepts`, checked against `limits` by their content; errors by
/// field name. Uploads under any other name are dropped.
pub fn check(
    uploads: Vec<Upload>,
    accepts: impl Fn(&str) -> bool,
    limits: &crate::domain::forms::FileLimits,
) -> (Vec<CheckedFile>, crate::error::FieldErrors) {
    use crate::domain::forms;
    let mut errors = crate::error::FieldErrors::default();
    let mut checked = Vec::new();
    for u in uploads.into_iter().filter(|u| accepts(&u.field)) {
        if checked.len() >= limits.max_files {
            errors.add(&u.field, "too_many_files");
            continue;
        }
        let verdict = if u.truncated {
            Err("file_too_large")
        } else {
            forms::check_file(&u.data, limits)
        };
        match verdict {
            Ok(kind) => checked.push(CheckedFile {
                file_name: forms::stored_file_name(&u.file_name, kind),
                kind,
                data: u.data,
            }),
            Err(code) => errors.add(&u.field, code),
        }
    }
    (checked, errors)
}
