//! `/dev/outbox`: every message to customers, newest first, with their links clickable.

use super::api::load_outbox;
use crate::domain::format::date_time;
use crate::ui::{ErrorView, use_lang, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The outbox page.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let query = use_query_map();
    let page = crate::ui::page_data(
        move || {
            let q = query.read();
            (q.get("to"), q.get("before").and_then(|b| b.parse().ok()))
        },
        |(to, before)| load_outbox(to, before),
    );
    let to = move || query.read().get("to").unwrap_or_default();
    view! {
        <Title text=t.admin.outbox_heading/>
        <h1>{t.admin.outbox_heading}</h1>
        <p class="lead">{t.admin.outbox_intro}</p>
        <form method="get" action="/dev/outbox" class="form-inline">
            <label for="f-to">{t.admin.outbox_to}</label>" "
            <input id="f-to" name="to" type="email" value=to/>" "
            <button type="submit" class="button button-secondary">{t.admin.outbox_filter}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok((messages, next)) => view! {
                        <ol class="outbox">
                            {messages.into_iter().map(|m| view! {
                                <li data-kind=m.kind.clone() data-to=m.to_email.clone()>
                                    <p><strong>{m.subject.clone()}</strong></p>
                                    <p class="hint">{m.to_email.clone()}" · "{m.language.clone()}" · "{m.kind.clone()}" · "
                                        {date_time(m.created_at, lang)}</p>
                                    <pre>{m.body.lines().map(|line| {
                                        if line.starts_with("http://") || line.starts_with("https://") {
                                            view! { <a href=line.to_string()>{line.to_string()}</a>"\n" }.into_any()
                                        } else {
                                            view! { {line.to_string()}"\n" }.into_any()
                                        }
                                    }).collect_view()}</pre>
                                </li>
                            }).collect_view()}
                        </ol>
                        {next.map(|before| view! {
                            <p><a href=format!("/dev/outbox?before={before}") rel="next">{t.common.older}</a></p>
                        })}
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
