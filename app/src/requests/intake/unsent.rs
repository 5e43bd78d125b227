//! Form posts that could not be stored because the database was out of reach, kept in this
//! process's memory for a while so a citizen without JavaScript can send what they typed again
//! instead of typing it anew. Bounded: at most [`KEEP`] posts of bounded values, each for at most
//! [`KEEP_SECS`]; the oldest goes first. Files are not kept.

use crate::domain::forms::RawValues;
use std::collections::VecDeque;
use std::sync::Mutex;

/// The most posts kept at once.
pub const KEEP: usize = 256;
/// How long a post is kept, in seconds.
pub const KEEP_SECS: i64 = 30 * 60;

/// One post kept: what was typed, and whether files came with it (they must be attached again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub values: RawValues,
    pub had_files: bool,
}

impl Kept {
    /// Where its form is: `/o/{org}/{form}`, or `/embed/o/…` for a framed one (only the
    /// characters an address name has are taken from what was posted).
    pub fn form_path(&self) -> String {
        let one = |k: &str| -> String {
            crate::domain::forms::first(&self.values, k)
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(60)
                .collect()
        };
        let embed = if one("embed") == "1" { "/embed" } else { "" };
        format!("{embed}/o/{}/{}", one("org"), one("form"))
    }

    /// Every value as a name and value pair, in the order to post them again.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.values
            .iter()
            .flat_map(|(k, vs)| vs.iter().map(move |v| (k.clone(), v.clone())))
            .collect()
    }
}

/// The posts kept, newest last.
#[derive(Default)]
pub struct Unsent {
    posts: Mutex<VecDeque<(uuid::Uuid, i64, Kept)>>,
}

impl Unsent {
    /// Keeps `values` (cut to what is shown again) at `now` (Unix seconds) and returns its id.
    pub fn keep(&self, values: &RawValues, had_files: bool, now: i64) -> uuid::Uuid {
        let id = uuid::Uuid::new_v4();
        let kept = Kept {
            values: crate::domain::forms::truncated(values),
            had_files,
        };
        let mut posts = self.posts.lock().unwrap_or_else(|e| e.into_inner());
        posts.retain(|(_, at, _)| now - at <= KEEP_SECS);
        while posts.len() >= KEEP {
            posts.pop_front();
        }
        posts.push_back((id, now, kept));
        id
    }

    /// The post kept as `id`, if it is still kept at `now`.
    pub fn get(&self, id: uuid::Uuid, now: i64) -> Option<Kept> {
        let posts = self.posts.lock().unwrap_or_else(|e| e.into_inner());
        posts
            .iter()
            .find(|(i, at, _)| *i == id && now - at <= KEEP_SECS)
            .map(|(_, _, kept)| kept.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(message: &str) -> RawValues {
        RawValues::from([("message".to_string(), vec![message.to_string()])])
    }

    #[test]
    fn a_post_is_kept_for_half_an_hour_and_the_oldest_make_room() {
        let unsent = Unsent::default();
        let id = unsent.keep(&values("Hei"), false, 1000);
        assert_eq!(
            unsent.get(id, 1000 + KEEP_SECS).map(|k| k.values),
            Some(values("Hei"))
        );
        assert_eq!(unsent.get(id, 1001 + KEEP_SECS), None);
        for i in 0..KEEP {
            unsent.keep(&values(&i.to_string()), false, 2000);
        }
        assert_eq!(unsent.get(id, 2000), None);
        let huge = unsent.keep(&values(&"x".repeat(1_000_000)), true, 2000);
        let kept = unsent.get(huge, 2000).expect("kept");
        assert!(kept.had_files);
        assert_eq!(
            kept.values["message"][0].len(),
            crate::domain::request::MAX_MESSAGE
        );
        let mut form = values("Hei");
        form.insert("org".into(), vec!["liikenne-keskus/../x\"".into()]);
        form.insert("form".into(), vec!["ask".into()]);
        let kept = unsent
            .get(unsent.keep(&form, false, 2000), 2000)
            .expect("kept");
        assert_eq!(kept.form_path(), "/o/liikenne-keskusx/ask");
        assert_eq!(kept.pairs().len(), 3);
    }
}
