//! The request view's action panels and the customer panel; props in, view out.

use super::api::{HurryForCustomer, SplitRequest, WaitForSupplier};
use crate::domain::format::date_time;
use crate::domain::request_actions::{SplitInput, SupplierInput};
use crate::domain::views::{CustomerHistory, HistoryItem};
use crate::error::FieldErrors;
use crate::i18n::Texts;
use crate::ui::{ErrorSummary, StatusBadge, TextArea, TextField, use_lang, use_texts};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_router::components::A;

/// The actions of these panels.
#[derive(Clone, Copy)]
pub struct RequestActions {
    pub supplier: Post<WaitForSupplier>,
    pub hurry: Post<HurryForCustomer>,
    pub split: Post<SplitRequest>,
    pub queue: Post<crate::routing::api::MoveToQueue>,
}

impl RequestActions {
    pub fn new() -> RequestActions {
        RequestActions {
            supplier: Post::new(),
            hurry: Post::new(),
            split: Post::new(),
            queue: Post::new(),
        }
    }

    /// Changes whenever one of them completes, for the page to reload.
    pub fn version(self) -> usize {
        self.supplier.version().get()
            + self.hurry.version().get()
            + self.split.version().get()
            + self.queue.version().get()
    }
}

impl Default for RequestActions {
    fn default() -> Self {
        Self::new()
    }
}

fn supplier_label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "supplier" => t.desk.supplier_name,
        "reference" => t.common.supplier_reference,
        _ => t.desk.supplier_note,
    }
}

/// Who the request waits for, and the form putting it to wait for a supplier (for requests whose
/// type can wait for one and that are still being worked on).
#[component]
pub fn SupplierPanel(
    id: i64,
    supplier: Option<(String, Option<String>)>,
    waiting: bool,
    can_wait: bool,
    action: Post<WaitForSupplier>,
    typed: Option<SupplierInput>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let t = use_texts();
    let typed = typed.unwrap_or_default();
    let open = !errors.with_untracked(FieldErrors::is_empty);
    let current = supplier.map(|(name, reference)| {
        let reference = reference.map(|r| format!(" · {} {r}", t.common.supplier_reference));
        let lead = if waiting {
            t.desk.supplier_waiting
        } else {
            t.desk.supplier_waited
        };
        view! { <p data-testid="supplier">{lead}" "<strong>{name}</strong>{reference}</p> }
    });
    view! {
        {current}
        {can_wait.then(|| view! {
            <details class="action" open=open>
                <summary>{t.desk.supplier_heading}</summary>
                <p class="hint">{t.desk.supplier_hint}</p>
                <ErrorSummary errors labels=supplier_label/>
                <PostForm action attr:class="form" attr:novalidate="">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <TextField errors field="supplier" name="supplier[supplier]" label=t.desk.supplier_name
                        value=typed.supplier required=true/>
                    <TextField errors field="reference" name="supplier[reference]" label=t.common.supplier_reference
                        value=typed.reference/>
                    <TextArea errors field="supplier_note" name="supplier[supplier_note]" label=t.desk.supplier_note
                        value=typed.supplier_note/>
                    <button type="submit" class="button button-secondary" disabled=move || action.pending().get()>
                        {t.desk.supplier_save}
                    </button>
                </PostForm>
            </details>
        })}
    }
}

fn split_label(t: &'static Texts, field: &str) -> &'static str {
    if field == "split_subject" {
        t.desk.split_subject
    } else {
        t.desk.split_message
    }
}

/// The form splitting a part of the request off into a request of its own.
#[component]
pub fn SplitPanel(
    id: i64,
    action: Post<SplitRequest>,
    typed: Option<SplitInput>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let t = use_texts();
    let typed = typed.unwrap_or_default();
    let open = !errors.with_untracked(FieldErrors::is_empty);
    view! {
        <details class="action" open=open>
            <summary>{t.desk.split_heading}</summary>
            <p class="hint">{t.desk.split_hint}</p>
            <ErrorSummary errors labels=split_label/>
            <PostForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=id.to_string()/>
                <TextField errors field="split_subject" name="split[split_subject]" label=t.desk.split_subject
                    value=typed.split_subject required=true/>
                <TextArea errors field="split_message" name="split[split_message]" label=t.desk.split_message
                    value=typed.split_message required=true/>
                <button type="submit" class="button button-secondary" disabled=move || action.pending().get()>
                    {t.desk.split_save}
                </button>
            </PostForm>
        </details>
    }
}

/// "Hurry on the customer's behalf", for a request still being worked on.
#[component]
pub fn HurryButton(id: i64, action: Post<HurryForCustomer>) -> impl IntoView {
    let t = use_texts();
    view! {
        <PostForm action attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string()/>
            <button type="submit" class="button button-secondary" disabled=move || action.pending().get()>
                {t.desk.hurry_for_customer}
            </button>
        </PostForm>
    }
}

#[component]
fn HistoryList(
    items: Vec<HistoryItem>,
    caption: &'static str,
    none: &'static str,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    if items.is_empty() {
        return view! { <p>{none}</p> }.into_any();
    }
    view! {
        <table class="queue compact">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{t.desk.col_number}</th>
                <th scope="col">{t.desk.col_subject}</th>
                <th scope="col">{t.desk.col_status}</th>
                <th scope="col">{t.common.col_received}</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|r| view! {
                    <tr>
                        <td class="number">{r.number}</td>
                        <td><A href=format!("/desk/r/{}", r.id)>{r.subject}</A></td>
                        <td><StatusBadge status=r.status/></td>
                        <td><time datetime=r.created_at.to_rfc3339()>{date_time(r.created_at, lang)}</time></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The customer's other requests and, when the customer named one, their organisation's.
#[component]
pub fn CustomerPanel(history: CustomerHistory, customer_org: Option<String>) -> impl IntoView {
    let t = use_texts();
    view! {
        <section aria-labelledby="customer-heading" class="customer-panel" data-testid="customer-panel">
            <h2 id="customer-heading">{t.desk.customer_panel}</h2>
            <HistoryList items=history.same_customer caption=t.desk.customer_other_requests none=t.desk.customer_no_other/>
            {customer_org.map(|org| {
                let caption = t.desk.customer_org_requests;
                view! {
                    <p>{t.desk.customer_org}": "<strong>{org}</strong></p>
                    <HistoryList items=history.same_org caption none=t.desk.customer_no_other/>
                }
            })}
        </section>
    }
}
