//! `/admin/o/:org/mail`: the mailboxes the organisation's mail is read from, and its received
//! mail, newest first, with what each became.

use super::{AdminNav, label, saved_notice};
use crate::admin::api::*;
use crate::admin::types::*;
use crate::domain::format::date_time;
use crate::domain::mailbox::MailboxState;
use crate::i18n::Texts;
use crate::ui::{ActionFailure, ErrorSummary, Loaded, TextField, form_errors, use_lang, use_texts};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/admin/o/:org/mail`: the mailboxes (with what their readers last saw, a form to add or change
/// one, `?edit=ID`), then what each received mail became (a request, a reply, held, set aside, a
/// delivery report, refused) and why, 50 to a page.
#[component]
pub fn MailAdminPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let save = Post::<SaveMailbox>::new();
    let delete = Post::<DeleteMailbox>::new();
    let page = crate::ui::page_data(
        move || {
            let q = query.read();
            let number = |key: &str| q.get(key).and_then(|v| v.parse::<i64>().ok());
            (
                params.read().get("org").unwrap_or_default(),
                number("before"),
                number("edit"),
                q.get("form"),
                save.version().get(),
                delete.version().get(),
            )
        },
        |(org, before, edit, form, _, _)| load_mail_log(org, before, edit, form),
    );
    view! {
        <Title text=t.admin.adm_mail/>
        <Loaded data=page ok=move |p| view! { <MailView page=p save delete/> }/>
    }
}

#[component]
fn MailView(
    page: MailLogPage,
    save: Post<SaveMailbox>,
    delete: Post<DeleteMailbox>,
) -> impl IntoView {
    let t = use_texts();
    let errors = form_errors(save.value(), page.errors.clone());
    let slug = page.org.slug.clone();
    view! {
        <AdminNav org=page.org.clone() current="mail"/>
        <h1>{t.admin.adm_mail}</h1>
        {saved_notice()}
        <ErrorSummary errors labels=label/>
        <ActionFailure value=save.value()/>
        <ActionFailure value=delete.value()/>
        <h2>{t.admin.mailboxes}</h2>
        <p class="hint">{t.admin.mailboxes_hint}</p>
        <Mailboxes slug=slug.clone() mailboxes=page.mailboxes delete/>
        <MailboxForm slug form=page.form errors save/>
        <MailLog org=page.org.slug.clone() rows=page.rows older=page.older/>
    }
}

#[component]
fn Mailboxes(
    slug: String,
    mailboxes: Vec<MailboxState>,
    delete: Post<DeleteMailbox>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    if mailboxes.is_empty() {
        return view! { <p>{t.admin.mailboxes_empty}</p> }.into_any();
    }
    let rows = mailboxes
        .into_iter()
        .map(|s| {
            let m = s.mailbox;
            let edit = format!("/admin/o/{slug}/mail?edit={}", m.id);
            let state = match (&s.last_error, s.checked_at) {
                (Some((at, why)), _) => view! {
                    <span class="mailbox-error">{t.admin.mailbox_failing}" "
                        <time datetime=at.to_rfc3339()>{date_time(*at, lang)}</time>": "<code>{why.clone()}</code></span>
                }.into_any(),
                (None, Some(at)) => view! {
                    <span>{t.admin.mailbox_read}" "<time datetime=at.to_rfc3339()>{date_time(at, lang)}</time></span>
                }.into_any(),
                (None, None) => view! { <span>{t.admin.mailbox_not_read}</span> }.into_any(),
            };
            let name = m.name.clone();
            let slug = slug.clone();
            view! {
                <tr>
                    <th scope="row">{m.name.clone()}</th>
                    <td>{format!("{}@{}:{}", m.username, m.host, m.port)}</td>
                    <td>{format!("{} → {} / {}", m.folder, m.processed_folder, m.failed_folder)}</td>
                    <td>
                        {if m.enabled { t.admin.mailbox_on } else { t.admin.mailbox_off }}". "{state}
                    </td>
                    <td class="num">{s.taken_in}" / "{s.failed}</td>
                    <td>
                        <a href=edit aria-label=format!("{} {name}", t.admin.edit)>{t.admin.edit}</a>
                        <PostForm action=delete attr:class="inline-form">
                            <input type="hidden" name="org" value=slug/>
                            <input type="hidden" name="id" value=m.id.to_string()/>
                            <button type="submit" class="button-link" aria-label=format!("{} {}", t.admin.remove, m.name)>
                                {t.admin.remove}
                            </button>
                        </PostForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table>
            <thead><tr>
                <th scope="col">{t.admin.col_name}</th>
                <th scope="col">{t.admin.col_account}</th>
                <th scope="col">{t.admin.col_folders}</th>
                <th scope="col">{t.admin.col_state}</th>
                <th scope="col" class="num">{t.admin.col_taken_failed}</th>
                <th scope="col"><span class="visually-hidden">{t.admin.col_actions}</span></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn MailboxForm(
    slug: String,
    form: crate::domain::mailbox::MailboxInput,
    errors: Signal<crate::error::FieldErrors>,
    save: Post<SaveMailbox>,
) -> impl IntoView {
    let t = use_texts();
    let editing = !form.id.is_empty();
    let password_hint = if editing {
        t.admin.f_mailbox_password_keep
    } else {
        t.admin.f_mailbox_password_hint
    };
    let f = form;
    view! {
        <h2 id="mailbox-form">{if editing { t.admin.mailbox_change } else { t.admin.mailbox_add }}</h2>
        <PostForm action=save attr:class="form" attr:novalidate="" attr:aria-labelledby="mailbox-form">
            <input type="hidden" name="org" value=slug.clone()/>
            <input type="hidden" name="mailbox[id]" value=f.id.clone()/>
            <TextField errors field="name" name="mailbox[name]" label=t.admin.col_name value=f.name required=true
                hint=t.admin.f_mailbox_name_hint/>
            <TextField errors field="host" name="mailbox[host]" label=t.admin.f_mailbox_host value=f.host required=true
                hint=t.admin.f_mailbox_host_hint/>
            <TextField errors field="port" name="mailbox[port]" label=t.admin.f_mailbox_port value=f.port required=true kind="number"/>
            <TextField errors field="username" name="mailbox[username]" label=t.admin.f_mailbox_username value=f.username required=true
                autocomplete="off"/>
            <TextField errors field="password" name="mailbox[password]" label=t.admin.f_mailbox_password
                required=!editing hint=password_hint kind="password" autocomplete="new-password"/>
            <TextField errors field="folder" name="mailbox[folder]" label=t.admin.f_mailbox_folder value=f.folder required=true/>
            <TextField errors field="processed_folder" name="mailbox[processed_folder]" label=t.admin.f_mailbox_processed
                value=f.processed_folder required=true hint=t.admin.f_mailbox_processed_hint/>
            <TextField errors field="failed_folder" name="mailbox[failed_folder]" label=t.admin.f_mailbox_failed
                value=f.failed_folder required=true hint=t.admin.f_mailbox_failed_hint/>
            <div class="field field-check">
                <input type="checkbox" id="f-enabled" name="mailbox[enabled]" value="on" checked=f.enabled.is_some()/>
                <label for="f-enabled">{t.admin.f_mailbox_enabled}</label>
            </div>
            <button type="submit" class="button" disabled=move || save.pending().get()>{t.admin.save}</button>
            {editing.then(|| view! { " "<a href=format!("/admin/o/{slug}/mail")>{t.admin.cancel}</a> })}
        </PostForm>
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
fn MailLog(
    org: String,
    rows: Vec<crate::domain::views::MailLogRow>,
    older: Option<i64>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let older = older.map(|id| format!("/admin/o/{org}/mail?before={id}"));
    let empty = rows.is_empty();
    let rows = rows
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
        <h2>{t.admin.mail_received}</h2>
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
