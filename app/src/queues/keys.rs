//! Keyboard shortcuts of the workspace. Every shortcut presses a control that is on the page
//! anyway (a button, a field, a link), so nothing is reachable only by key and nothing here
//! decides anything; the help overlay lists them. Keys typed into a field are left alone.

use crate::ui::use_texts;
use leptos::prelude::*;

/// The shortcuts as the help lists them: key and what it does.
pub fn shortcuts(t: &'static crate::i18n::Texts) -> [(&'static str, &'static str); 14] {
    [
        ("n", t.desk.key_next),
        ("p", t.desk.key_phone),
        ("/", t.desk.key_search),
        ("j / k", t.desk.key_move),
        ("t", t.desk.key_take),
        ("r", t.desk.key_reply),
        ("i", t.desk.key_note),
        ("s", t.desk.key_resolve),
        ("w", t.desk.key_ask),
        ("a", t.desk.key_assign),
        ("c", t.desk.key_classify),
        ("q", t.desk.key_queue),
        ("?", t.desk.key_help),
        ("Esc", t.desk.key_close),
    ]
}

/// The help overlay: a disclosure that works without JavaScript; `?` opens and closes it.
#[component]
pub fn ShortcutHelp() -> impl IntoView {
    let t = use_texts();
    view! {
        <details class="shortcuts" id="shortcuts">
            <summary>{t.desk.shortcuts_heading}" (?)"</summary>
            <dl>
                {shortcuts(t).into_iter().map(|(key, what)| view! {
                    <div><dt><kbd>{key}</kbd></dt><dd>{what}</dd></div>
                }).collect_view()}
            </dl>
        </details>
    }
}

/// Listens for the shortcuts while the calling page is shown.
pub fn use_shortcuts() {
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, browser::on_key);
        on_cleanup(move || handle.remove());
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, HtmlSelectElement, KeyboardEvent};

    fn find(selector: &str) -> Option<HtmlElement> {
        let doc = leptos::prelude::document();
        doc.query_selector(selector).ok()??.dyn_into().ok()
    }

    fn focus(selector: &str) -> bool {
        find(selector).is_some_and(|e| e.focus().is_ok())
    }

    fn click(selector: &str) -> bool {
        find(selector).map(|e| e.click()).is_some()
    }

    /// Moves focus `by` rows in the queue table, from the focused row or the top.
    fn move_row(by: i32) -> bool {
        let doc = leptos::prelude::document();
        let Ok(links) = doc.query_selector_all("table.queue tbody a") else {
            return false;
        };
        let count = links.length() as i32;
        if count == 0 {
            return false;
        }
        let active = doc.active_element();
        let here = (0..count).find(|i| {
            links
                .item(*i as u32)
                .zip(active.as_ref())
                .is_some_and(|(n, a)| n.is_same_node(Some(a)))
        });
        let to = match here {
            Some(i) => (i + by).clamp(0, count - 1),
            None => 0,
        };
        links
            .item(to as u32)
            .and_then(|n| n.dyn_into::<HtmlElement>().ok())
            .is_some_and(|e| e.focus().is_ok())
    }

    fn toggle_help(open: Option<bool>) -> bool {
        let Some(help) = find("#shortcuts") else {
            return false;
        };
        let now = help.has_attribute("open");
        let want = open.unwrap_or(!now);
        if want == now {
            return false;
        }
        let _ = if want {
            help.set_attribute("open", "")
        } else {
            help.remove_attribute("open")
        };
        if want {
            focus("#shortcuts summary");
        }
        true
    }

    fn typing(ev: &KeyboardEvent) -> bool {
        ev.target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|e| {
                matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || e.dyn_ref::<HtmlElement>()
                        .is_some_and(|h| h.is_content_editable())
            })
    }

    /// Chooses `status` for the reply and moves to the reply box.
    fn reply_with(status: &str) -> bool {
        let Some(select) = find("#f-status").and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        else {
            return false;
        };
        select.set_value(status);
        focus("#f-message")
    }

    /// Opens the classification form and moves to its first field.
    fn classify() -> bool {
        let Some(form) = find("#classify") else {
            return false;
        };
        let _ = form.set_attribute("open", "");
        focus("#f-request_type")
    }

    pub fn on_key(ev: KeyboardEvent) {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return;
        }
        let key = ev.key();
        if key == "Escape" {
            if toggle_help(Some(false)) {
                ev.prevent_default();
            }
            return;
        }
        if typing(&ev) {
            return;
        }
        let done = match key.as_str() {
            "?" => toggle_help(None),
            "n" => click("#take-next-button"),
            "/" => focus("#f-search"),
            "j" => move_row(1),
            "k" => move_row(-1),
            "t" => click("#take-button"),
            "r" => focus("#f-message"),
            "i" => focus("#f-internal_note"),
            "s" => reply_with("resolved"),
            "w" => reply_with("waiting_for_customer"),
            "a" => focus("#f-assign-to"),
            "c" => classify(),
            "q" => click("#back-to-queue"),
            "p" => click("#phone-link"),
            _ => false,
        };
        if done {
            ev.prevent_default();
        }
    }
}
