//! Saving the reply and note drafts from the browser while the advisor writes.

use super::api::{save_draft, who_is_writing};
use crate::domain::drafts::{ASK_EVERY_MS, DraftKind, SAVE_EVERY_MS, Writers};
use leptos::prelude::*;

/// What the workspace knows about the drafts of one request.
#[derive(Clone, Copy)]
pub struct Drafting {
    /// Colleagues writing on the same request now.
    pub writers: RwSignal<Writers>,
    /// Whether the advisor's latest text is saved on the server.
    pub saved: RwSignal<bool>,
}

/// Starts from `writers`, those writing when the page was loaded. Every [`SAVE_EVERY_MS`] saves whichever of `reply` and `note` changed, and at least every
/// [`ASK_EVERY_MS`] asks who else is writing. Nothing is saved while `sending` (the form itself is
/// on its way). Runs only in the browser; without JavaScript the forms post as they are.
pub fn use_drafts(
    id: i64,
    reply: RwSignal<String>,
    note: RwSignal<String>,
    sending: Signal<bool>,
    writers: Writers,
) -> Drafting {
    let drafting = Drafting {
        writers: RwSignal::new(writers),
        saved: RwSignal::new(false),
    };
    Effect::new(move |_| {
        let last = StoredValue::new((reply.get_untracked(), note.get_untracked()));
        let quiet_ticks = StoredValue::new(0u32);
        let tick = move || {
            if sending.get_untracked() {
                return;
            }
            let before = last.get_value();
            let now = (reply.get_untracked(), note.get_untracked());
            let mut changed = Vec::new();
            if now.0 != before.0 {
                changed.push((DraftKind::Reply, now.0.clone()));
            }
            if now.1 != before.1 {
                changed.push((DraftKind::Note, now.1.clone()));
            }
            if changed.is_empty() {
                quiet_ticks.update_value(|n| *n += 1);
                if quiet_ticks.get_value() * SAVE_EVERY_MS < ASK_EVERY_MS {
                    return;
                }
            }
            quiet_ticks.set_value(0);
            last.set_value(now);
            drafting.saved.set(false);
            leptos::task::spawn_local(async move {
                let answer = if changed.is_empty() {
                    who_is_writing(id).await
                } else {
                    let mut answer = Err(crate::error::AppError::NotFound);
                    for (kind, body) in changed {
                        answer = save_draft(id, kind.code().to_string(), body).await;
                        if answer.is_err() {
                            break;
                        }
                    }
                    if answer.is_ok() {
                        drafting.saved.set(true);
                    } else {
                        // Try again on the next tick.
                        last.set_value(before);
                    }
                    answer
                };
                if let Ok(w) = answer {
                    drafting.writers.set(w);
                }
            });
        };
        let handle = set_interval_with_handle(
            tick,
            std::time::Duration::from_millis(u64::from(SAVE_EVERY_MS)),
        )
        .ok();
        on_cleanup(move || {
            if let Some(h) = handle {
                h.clear();
            }
        });
    });
    drafting
}
