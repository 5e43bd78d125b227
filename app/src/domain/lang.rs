//! The three languages of the service and how a visitor's language is chosen.

use serde::{Deserialize, Serialize};

/// A language every screen and message exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Fi,
    Sv,
    En,
}

impl Lang {
    /// Every language, in the order the switcher shows them.
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Parses an ISO 639-1 code (with or without region), case-insensitively.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// One of three texts, by this language.
    pub fn pick<T>(self, fi: T, sv: T, en: T) -> T {
        match self {
            Lang::Fi => fi,
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// The language's own name, as the switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fi => "Suomi",
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    /// Chooses the language: the remembered cookie first, then the best Accept-Language match,
    /// then Finnish.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(lang) = cookie.and_then(Lang::parse) {
            return lang;
        }
        let mut best: Option<(f32, Lang)> = None;
        for part in accept_language.unwrap_or_default().split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else {
                continue;
            };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_wins_over_the_browser() {
        assert_eq!(
            Lang::negotiate(Some("sv"), Some("en-GB,en;q=0.9")),
            Lang::Sv
        );
    }

    #[test]
    fn the_highest_weighted_supported_language_is_chosen() {
        assert_eq!(
            Lang::negotiate(None, Some("de-DE,de;q=0.9,sv;q=0.5,en;q=0.7")),
            Lang::En
        );
    }

    #[test]
    fn an_unknown_or_missing_preference_falls_back_to_finnish() {
        assert_eq!(Lang::negotiate(Some("xx"), Some("de")), Lang::Fi);
        assert_eq!(Lang::negotiate(None, None), Lang::Fi);
    }
}

/// A name given in all three languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Localized {
    pub fi: String,
    pub sv: String,
    pub en: String,
}

impl Localized {
    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fi => &self.fi,
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
}
