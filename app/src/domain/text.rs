//! What every typed value shares, whatever form it comes from: no control characters, a length
//! per kind of field, and addresses that can only lead to this service or to an https site.
//! Parsers call these at the edge, so a value past them is safe to store and to show.

/// Longest accepted name or subject, in characters.
pub const MAX_SHORT: usize = 200;
/// Longest accepted message, in characters.
pub const MAX_MESSAGE: usize = 10_000;
/// Longest e-mail address (RFC 5321 path limit).
pub const MAX_EMAIL: usize = 254;

/// Whether `c` may stand in typed text: anything but control characters, except the tab and
/// line breaks a multi-line box holds. NUL (which Postgres refuses) is a control character.
pub fn allowed_char(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

/// The field error code for text holding a character [`allowed_char`] refuses.
pub const CONTROL_CHARS: &str = "control_chars";

/// The error code of `text` as a value of at most `max` characters: [`CONTROL_CHARS`] or
/// `"too_long"`. Lengths are counted in characters, so every script gets the same room.
pub fn check(text: &str, max: usize) -> Result<(), &'static str> {
    if !text.chars().all(allowed_char) {
        Err(CONTROL_CHARS)
    } else if text.chars().count() > max {
        Err("too_long")
    } else {
        Ok(())
    }
}

/// The longest local path followed after a sign-in or a language switch.
pub const MAX_PATH: usize = 2000;

/// A link that stays on this service: a path that starts with one `/`, with no backslash, no
/// control character and no white space (browsers drop tabs and line breaks, so `/\t/host` would
/// become `//host`, another site).
pub fn is_local_path(url: &str) -> bool {
    let mut chars = url.chars();
    url.len() <= MAX_PATH
        && chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && !url
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
}

/// `path` as a URI may carry it, for a `Location` header: every byte outside the characters a
/// URI allows (RFC 3986: unreserved, reserved and `%`) percent-encoded, as a browser would
/// encode it when it follows the link.
pub fn uri_safe(path: &str) -> String {
    const ALLOWED: &[u8] = b"-._~:/?#[]@!$&'()*+,;=%";
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || ALLOWED.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A link an administrator or advisor may set: a local path or an `https://` address with a
/// host, at most `max` characters, without white space, control characters or backslashes.
pub fn is_link(url: &str, max: usize) -> bool {
    let https = url.strip_prefix("https://").is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with(['/', '.', ':'])
            && !rest
                .chars()
                .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
    });
    url.chars().count() <= max && (is_local_path(url) || https)
}

/// The most characters of one string kept for showing a failed form again: the longest message.
pub const REDISPLAY_MAX_CHARS: usize = MAX_MESSAGE;
/// The most entries of one list or map kept for showing a failed form again.
pub const REDISPLAY_MAX_ITEMS: usize = 60;

/// `value` cut down for keeping until the form is shown again: every string to
/// [`REDISPLAY_MAX_CHARS`] characters without control characters, every list and map to
/// [`REDISPLAY_MAX_ITEMS`] entries. What a post holds beyond that is not kept anywhere.
pub fn bounded_for_redisplay(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    fn clean(s: &str) -> String {
        s.chars()
            .filter(|c| allowed_char(*c))
            .take(REDISPLAY_MAX_CHARS)
            .collect()
    }
    match value {
        Value::String(s) => Value::String(clean(&s)),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .take(REDISPLAY_MAX_ITEMS)
                .map(bounded_for_redisplay)
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .take(REDISPLAY_MAX_ITEMS)
                .map(|(k, v)| (clean(&k), bounded_for_redisplay(v)))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nul_and_other_control_characters_are_refused_but_line_breaks_are_text() {
        assert_eq!(check("a\0b", 10), Err(CONTROL_CHARS));
        assert_eq!(check("a\u{1b}[31m", 10), Err(CONTROL_CHARS));
        assert_eq!(check("a\u{85}", 10), Err(CONTROL_CHARS));
        assert_eq!(check("rivi\r\nrivi\tsarake", 40), Ok(()));
        assert_eq!(check("ääkkösiä", 8), Ok(()));
        assert_eq!(check("ääkkösiää", 8), Err("too_long"));
    }

    #[test]
    fn only_paths_of_this_service_are_local() {
        for ok in ["/", "/desk", "/desk/r/1?x=%2F%2Fa", "/track#x"] {
            assert!(is_local_path(ok), "{ok}");
        }
        for bad in [
            "",
            "desk",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example/x",
            "/\n/evil.example",
            "/ /evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "/a\\b",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_redirect_target_holds_only_what_a_uri_may() {
        assert_eq!(
            uri_safe("/track/abc-1?form=x&y=%2F"),
            "/track/abc-1?form=x&y=%2F"
        );
        assert_eq!(
            uri_safe("/login/reset/a b\"<ä>"),
            "/login/reset/a%20b%22%3C%C3%A4%3E"
        );
    }

    #[test]
    fn a_link_is_a_local_path_or_an_https_address_with_a_host() {
        assert!(is_link("https://kunta.example/tietosuoja", 500));
        assert!(is_link("/privacy/x", 500));
        for bad in [
            "http://kunta.example",
            "https://",
            "https:///evil",
            "https://a\\b",
            "/\\evil.example",
            "javascript:alert(1)",
            "https://a b",
        ] {
            assert!(!is_link(bad, 500), "{bad:?}");
        }
        assert!(!is_link(
            &format!("https://a.example/{}", "x".repeat(500)),
            500
        ));
    }

    #[test]
    fn fifteen_megabytes_in_a_failed_form_keep_only_what_is_shown_again() {
        let big = "x".repeat(15 * 1024 * 1024);
        let v = serde_json::json!({ "values": { "email": big, "list": vec!["a\0"; 1000] } });
        let kept = bounded_for_redisplay(v);
        let text = kept.to_string();
        assert!(text.len() < 20_000, "{}", text.len());
        assert!(!text.contains("\\u0000"));
    }

    proptest! {
        #[test]
        fn anything_kept_for_redisplay_is_bounded_and_clean(
            s in any::<String>(), n in 0usize..200
        ) {
            let v = serde_json::json!({ s.clone(): vec![s.repeat(n % 7); n] });
            let kept = bounded_for_redisplay(v).to_string();
            prop_assert!(kept.len() <= 4 * (REDISPLAY_MAX_CHARS + 16) * (REDISPLAY_MAX_ITEMS + 1));
            let back: serde_json::Value = serde_json::from_str(&kept).expect("json");
            fn all_clean(v: &serde_json::Value) -> bool {
                match v {
                    serde_json::Value::String(s) => s.chars().all(allowed_char),
                    serde_json::Value::Array(a) => a.iter().all(all_clean),
                    serde_json::Value::Object(m) => m.iter().all(|(k, v)| k.chars().all(allowed_char) && all_clean(v)),
                    _ => true,
                }
            }
            prop_assert!(all_clean(&back));
        }

        #[test]
        fn a_local_path_never_names_another_host(s in "\\PC*") {
            let url = format!("/{s}");
            if is_local_path(&url) {
                prop_assert!(!url.starts_with("//"));
                prop_assert!(!url.contains(['\\', '\t', '\n', '\r']));
            }
        }
    }
}
