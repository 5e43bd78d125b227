//! `/admin/o/:org/mail`: the organisation's received mail, newest first, with what each became.

use super::AdminNav;
use crate::admin::api::*;
use crate::admin::types::*;
use crate::domain::format::date_time;
use crate::i18n::Texts;
use crate::ui::{Loaded, use_lang, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/admin/o/:org/mail`: what each received mail became (a request, a reply, held, set aside, a
/// delivery report, refused) and why, 50 to a page.
#[component]
pub fn MailAdminPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let page = crate::ui::page_data(
        move || {
            (
                params.read().get("org").unwrap_or_default(),
                query
                    .read()
                    .get("before")
                    .and_then(|b| b.parse::<i64>().ok()),
            )
        },
        |(org, before)| load_mail_log(org, before),
    );
    view! {
        <Title text=t.admin.adm_mail/>
        <Loaded data=page ok=move |p| view! { <MailLogView page=p/> }/>
    }
}

fn outcome(t: &'static Texts, code: &str) -> &'static str {
    match code {
        "request" => t.admin.mo_request,
        "reply" => t.admin.mo_reply,
        "held" => t.admin.mo_held,
        "bounce" => t.admin.mo_bounce,
        "refused" => t.admin.mo_refused,
        _ => t.admin.mo_ignored,
    }
}

#[component]
fn MailLogView(page: MailLogPage) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let older = page
        .older
        .map(|id| format!("/admin/o/{}/mail?before={id}", page.org.slug));
    let empty = page.rows.is_empty();
    let rows = page
        .rows
        .into_iter()
        .map(|r| {
            let request = r.request.map(|(id, number)| {
                view! { <a href=format!("/desk/r/{id}")>{number}</a> }
            });
            view! {
                <tr class=format!("mail-{}", r.outcome)>
                    <td><time datetime=r.at.to_rfc3339()>{date_time(r.at, lang)}</time></td>
                    <td>{r.from}</td>
                    <td>{r.subject}</td>
                    <td>{outcome(t, &r.outcome)}" "{request}</td>
                    <td>{r.reason.map(|why| view! { <code>{why}</code> })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <AdminNav org=page.org.clone() current="mail"/>
        <h1>{t.admin.adm_mail}</h1>
        <p class="hint">{t.admin.mail_log_hint}</p>
        <table>
            <thead><tr>
                <th scope="col">{t.admin.col_received}</th>
                <th scope="col">{t.admin.col_from}</th>
                <th scope="col">{t.admin.col_subject}</th>
                <th scope="col">{t.admin.col_outcome}</th>
                <th scope="col">{t.admin.col_reason}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {empty.then(|| view! { <p>{t.admin.mail_log_empty}</p> })}
        {older.map(|href| view! { <p><a href=href>{t.admin.mail_log_older}</a></p> })}
    }
}
