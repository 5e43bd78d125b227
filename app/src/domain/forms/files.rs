//! Files a form accepts: recognised by content, checked against the form's limits, named safely.

use serde::{Deserialize, Serialize};

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

    /// What a mail may bring: the files a form could take at most, of every kind forms accept.
    pub fn for_mail() -> FileLimits {
        FileLimits {
            max_files: 10,
            max_bytes: 10 * 1024 * 1024,
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
