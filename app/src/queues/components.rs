//! Pieces of the workspace shared by the queue page and the request view.

use super::api::{AssignRequest, TakeNext};
use crate::domain::queues::View;
use crate::ui::{ActionFailure, use_texts};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;

/// "Take next": assigns the most urgent free request of `view` and opens it (shortcut `n`).
#[component]
pub fn TakeNextForm(view: View) -> impl IntoView {
    let t = use_texts();
    let take = Post::<TakeNext>::new();
    view! {
        <PostForm action=take attr:class="inline-form take-next">
            <input type="hidden" name="view" value=view.code()/>
            <button type="submit" id="take-next-button" class="button" aria-keyshortcuts="n"
                disabled=move || take.pending().get()>{t.desk.take_next}</button>
        </PostForm>
        <ActionFailure value=take.value()/>
    }
}

/// Who works on the request, with taking, releasing and (for supervisors and administrators)
/// giving it to a colleague.
#[component]
pub fn AssignPanel(
    id: i64,
    /// The current assignee's id and name.
    assignee: Option<(i64, String)>,
    me: i64,
    /// Whether this person may move the request between colleagues.
    lead: bool,
    colleagues: Vec<(i64, String)>,
    action: Post<AssignRequest>,
) -> impl IntoView {
    let t = use_texts();
    let current = assignee.as_ref().map(|(who, _)| *who);
    let mine = current == Some(me);
    let may_take = !mine && (current.is_none() || lead);
    let may_release = current.is_some() && (mine || lead);
    let who = match &assignee {
        Some((_, name)) if mine => format!("{name} {}", t.desk.assign_you),
        Some((_, name)) => name.clone(),
        None => t.desk.unassigned.to_string(),
    };
    view! {
        <section aria-labelledby="assign-heading" class="panel assign">
            <h2 id="assign-heading">{t.desk.assign_heading}</h2>
            <p data-testid="assignee">{who}</p>
            <ActionFailure value=action.value()/>
            <div class="actions">
                {may_take.then(|| view! {
                    <PostForm action attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="to" value="me"/>
                        <button type="submit" id="take-button" class="button" aria-keyshortcuts="t">{t.desk.assign_take}</button>
                    </PostForm>
                })}
                {may_release.then(|| view! {
                    <PostForm action attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="to" value=""/>
                        <button type="submit" class="button button-secondary">{t.desk.assign_release}</button>
                    </PostForm>
                })}
            </div>
            {lead.then(|| view! {
                <PostForm action attr:class="form form-inline">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label for="f-assign-to">{t.desk.assign_to}</label>
                        <select id="f-assign-to" name="to" aria-keyshortcuts="a">
                            {colleagues.into_iter().map(|(uid, name)| view! {
                                <option value=uid.to_string() selected=Some(uid) == current>{name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button button-secondary">{t.desk.assign_button}</button>
                </PostForm>
            })}
        </section>
    }
}
