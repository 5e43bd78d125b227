//! A page's data as a resource.
//!
//! The server renders the page with the resource's value and sends it along as JSON; the browser
//! reads it back when it hydrates. Later loads of the same data come through the page's server
//! function, whose answers the browser decodes from bytes. Leptos's default resource codec decodes
//! from a string instead, which makes the compiler build a second JSON deserializer for every page
//! type. This codec decodes from bytes too, so each type has one deserializer in the browser
//! bundle.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON, read from bytes like a server function's answer.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(encoded: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(encoded.as_bytes())
    }
}

/// A resource carrying a page's data.
pub type PageData<T> = Resource<T, Json>;

/// Loads `fetch(source())` as the page's data, again whenever `source` changes.
#[track_caller]
pub fn page_data<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetch: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageData<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetch, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_survives_the_trip_through_the_page() {
        let value: Result<Vec<(String, u32)>, crate::error::AppError> =
            Ok(vec![("Ääkköset \"lainattu\"".into(), 7)]);
        let sent = Json::encode(&value).expect("encodes");
        let back: Result<Vec<(String, u32)>, crate::error::AppError> =
            Json::decode(&sent).expect("decodes");
        assert_eq!(back, value);
    }
}
