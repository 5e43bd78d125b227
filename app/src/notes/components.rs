//! The note form, the draft status line and the "also writing" notice.

use super::api::AddNote;
use crate::domain::drafts::Writers;
use crate::error::FieldErrors;
use crate::i18n::Texts;
use crate::ui::raw_text;
use crate::ui::{ActionFailure, ErrorSummary, FieldMessage, described_by, invalid, use_texts};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;

fn note_label(t: &'static Texts, _field: &str) -> &'static str {
    t.desk.note_label
}

/// The internal note form: posts without JavaScript too; `text` follows what is typed so the
/// draft can be saved.
#[component]
pub fn NoteForm(
    id: i64,
    action: Post<AddNote>,
    errors: Signal<FieldErrors>,
    text: RwSignal<String>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <section aria-labelledby="note-heading" class="answer note">
            <h2 id="note-heading">{t.desk.note_heading}</h2>
            <ErrorSummary errors labels=note_label/>
            <ActionFailure value=action.value()/>
            <PostForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=id.to_string()/>
                <div class="field">
                    <label for="f-internal_note">{t.desk.note_label}" *"</label>
                    <p class="hint" id="f-internal_note-hint">{t.desk.note_hint}</p>
                    <FieldMessage errors field="internal_note"/>
                    <textarea id="f-internal_note" name="internal_note" rows="4" aria-required="true"
                        aria-invalid=invalid(errors, "internal_note") aria-describedby=described_by(errors, "internal_note", true)
                        prop:value=move || text.get() on:input:target=move |ev| text.set(ev.target().value())>
                        {raw_text(&text.get_untracked())}
                    </textarea>
                </div>
                <button type="submit" class="button button-secondary" disabled=move || action.pending().get()>
                    {t.desk.note_send}
                </button>
            </PostForm>
        </section>
    }
}

/// Who else is writing on the request, and whether the advisor's own drafts are saved; announced
/// politely to screen readers when it changes.
#[component]
pub fn DraftStatus(writers: RwSignal<Writers>, saved: RwSignal<bool>) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="draft-status" aria-live="polite">
            <Show when=move || writers.with(|w| !w.is_empty())>
                <p class="writing" data-testid="writing">{t.desk.others_writing}" "{move || writers.with(Writers::names)}</p>
            </Show>
            <Show when=move || saved.get()>
                <p class="saved" data-testid="draft-saved">{t.desk.draft_saved}</p>
            </Show>
        </div>
    }
}
