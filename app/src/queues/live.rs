//! Live updates in the browser: the server's stream of changes to the advisor's organisation
//! (`/desk/events`), passed to the page that asked for them while it is shown.

/// One change as the stream names it: the request and its newest event; `(0, 0)` means some
/// changes were missed and the page should assume anything changed.
pub type Change = (i64, i64);

/// Reads an event's data: `{request id}:{event id}` pairs separated by commas. Malformed pairs
/// are skipped.
pub fn parse(data: &str) -> Vec<Change> {
    data.split(',')
        .filter_map(|pair| {
            let (id, event) = pair.trim().split_once(':')?;
            Some((id.parse().ok()?, event.parse().ok()?))
        })
        .collect()
}

/// Calls `on_change` with each batch of changes while the calling page is shown (in the browser;
/// nothing happens on the server or without JavaScript).
pub fn use_live(on_change: impl Fn(Vec<Change>) + 'static) {
    #[cfg(feature = "hydrate")]
    browser::listen(on_change);
    #[cfg(not(feature = "hydrate"))]
    drop(on_change);
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{EventSource, MessageEvent};

    pub fn listen(on_change: impl Fn(Vec<super::Change>) + 'static) {
        let Ok(source) = EventSource::new("/desk/events") else {
            return;
        };
        let callback = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data().as_string().unwrap_or_default();
            on_change(super::parse(&data));
        });
        let _ =
            source.add_event_listener_with_callback("changed", callback.as_ref().unchecked_ref());
        let kept = send_wrapper::SendWrapper::new((source, callback));
        leptos::prelude::on_cleanup(move || {
            let (source, _callback) = kept.take();
            source.close();
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn changes_are_read_pair_by_pair() {
        assert_eq!(super::parse("12:340, 13:341"), [(12, 340), (13, 341)]);
        assert_eq!(super::parse("0:0"), [(0, 0)]);
        assert_eq!(super::parse("x:1,5:6,7"), [(5, 6)]);
        assert!(super::parse("").is_empty());
    }
}
