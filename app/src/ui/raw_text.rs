//! The one path for text inside `<title>` and `<textarea>`. The server renderer writes the content
//! of those two elements as it is (they are raw text to it, like `<script>`), so a value holding
//! `</textarea>` or `</title>` would close the element and the rest would be read as markup.
//! Every title goes through the app's title formatter and every textarea's content through
//! [`raw_text`]; a test in this module holds the sources to that.

/// `text` as the content of a `<title>` or `<textarea>`. On the server `&` and `<` become
/// entities, which browsers decode in those elements (the person sees the text unchanged), and
/// NUL, which HTML drops anyway, is left out. In the browser the DOM takes text as it is.
pub fn raw_text(text: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '\0' => {}
                c => out.push(c),
            }
        }
        out
    }
    #[cfg(not(feature = "ssr"))]
    {
        text.to_string()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::raw_text;

    #[test]
    fn markup_in_a_value_cannot_close_its_element() {
        assert_eq!(
            raw_text("a</textarea><script>x&amp;</title>\0"),
            "a&lt;/textarea>&lt;script>x&amp;amp;&lt;/title>"
        );
        assert_eq!(raw_text("Hyvä \"päivä\" 'x'"), "Hyvä \"päivä\" 'x'");
    }

    /// Every `.rs` file under `src`, with its path.
    fn sources() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file is text");
                    out.push((path.display().to_string(), text));
                }
            }
        }
        let mut out = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut out,
        );
        out
    }

    #[test]
    fn every_textarea_in_the_app_takes_its_content_through_raw_text() {
        let mut unsafe_areas = Vec::new();
        let mut count = 0;
        for (path, text) in sources() {
            if path.ends_with("raw_text.rs") {
                continue;
            }
            for (start, _) in text.match_indices("<textarea") {
                count += 1;
                let rest = &text[start..];
                let Some(end) = rest.find("</textarea>") else {
                    unsafe_areas.push(format!("{path}: a textarea without its end tag"));
                    continue;
                };
                // The content is what follows the opening tag's `>` (the last one before the
                // end tag, since attributes in the view macro hold no `>` of their own here).
                let element = &rest[..end];
                let content = element[element.rfind('>').map_or(0, |i| i + 1)..].trim();
                let ok = content.is_empty()
                    || (content.starts_with('{')
                        && content.ends_with('}')
                        && content.contains("raw_text("));
                if !ok {
                    unsafe_areas.push(format!("{path}: {content}"));
                }
            }
        }
        assert!(count >= 14, "found only {count} textareas");
        assert!(
            unsafe_areas.is_empty(),
            "textarea content must go through ui::raw_text: {unsafe_areas:?}"
        );
    }

    #[test]
    fn only_the_app_shell_formats_titles_and_it_escapes_them() {
        let formatters: Vec<String> = sources()
            .into_iter()
            .filter(|(path, text)| {
                !path.ends_with("raw_text.rs")
                    && text.contains("<Title")
                    && text.contains("formatter=")
            })
            .map(|(path, text)| {
                assert!(
                    text.contains("raw_text("),
                    "{path} formats titles without raw_text"
                );
                path
            })
            .collect();
        assert_eq!(formatters.len(), 1, "title formatters: {formatters:?}");
        assert!(formatters[0].ends_with("lib.rs"));
    }
}
