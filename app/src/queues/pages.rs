//! `/desk`: the queues with their counts, quick search, "take next" and one page of the chosen
//! queue, soonest due first.

use super::api::{DeleteQueue, SaveQueue, list_queue};
use super::components::TakeNextForm;
use super::keys::{ShortcutHelp, use_shortcuts};
use super::live::use_live;
use crate::auth::api::Logout;
use crate::domain::classification::{Length, Priority, RequestType};
use crate::domain::format::date_time;
use crate::domain::pages::QueuePage;
use crate::domain::queues::View;
use crate::domain::queues::{QueueInput, Search, shown_count};
use crate::domain::{Lang, Status};
use crate::error::FormFlash;
use crate::i18n::Texts;
use crate::ui::DueCell;
use crate::ui::{
    ErrorSummary, SelectField, StatusBadge, TextField, form_errors, load_failure, use_lang,
    use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

fn label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "name_fi" => t.common.f_name_fi,
        "name_sv" => t.common.f_name_sv,
        "name_en" => t.common.f_name_en,
        "request_type" => t.common.f_type,
        "category" => t.common.lv_category,
        "status" => t.common.track_status,
        "priority" => t.common.col_priority,
        "expected_length" => t.desk.f_expected_length,
        _ => t.common.language,
    }
}

/// `/desk?view=…&q=…&after=…`.
#[component]
pub fn QueuePageView() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let save = Post::<SaveQueue>::new();
    let delete = Post::<DeleteQueue>::new();
    let page = crate::ui::page_data(
        move || {
            let q = query.read();
            let deleted = delete.version().get();
            (
                q.get("view"),
                q.get("q"),
                q.get("after"),
                q.get("form"),
                q.get("none"),
                deleted,
            )
        },
        |(view, q, after, form, _, _)| list_queue(view, q, after, form),
    );
    use_shortcuts();
    view! {
        <Title text=t.desk.queue_heading/>
        <Transition fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok((page, flash)) => view! { <QueueScreen page flash save delete/> }.into_any(),
                    Err(e) => load_failure(e),
                }
            })}
        </Transition>
    }
}

#[component]
fn QueueScreen(
    page: QueuePage,
    flash: Option<FormFlash<QueueInput>>,
    save: Post<SaveQueue>,
    delete: Post<DeleteQueue>,
) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let logout = Post::<Logout>::new();
    let typed = query.read_untracked().get("q").unwrap_or_default();
    // Too short to look for (one letter) lists the queue as usual, the text kept in the box.
    let searched = Search::parse(&typed).map(|_| typed.clone());
    let is_search = searched.is_some();
    // A change to any request of the organisation refreshes the queues and the list, and only
    // them: the search box and the new-queue form keep what is being typed.
    let fresh = RwSignal::new(None::<QueuePage>);
    let (view_code, search_code, after) = {
        let q = query.read_untracked();
        (q.get("view"), q.get("q"), q.get("after"))
    };
    use_live(move |_| {
        let (view, q, after) = (view_code.clone(), search_code.clone(), after.clone());
        leptos::task::spawn_local(async move {
            if let Ok((page, _)) = list_queue(view, q, after, None).await {
                fresh.set(Some(page));
            }
        });
    });
    let live_page = move || fresh.get();
    let advisor = page.advisor.clone();
    let initial = page.clone();
    let initial_rows = page.clone();
    let nothing_to_take = move || query.read().get("none").is_some();
    let at_capacity = move || query.read().get("full").is_some();
    let returned = move || query.read().get("returned").is_some();
    let heading = match (&searched, page.view) {
        (Some(_), _) => t.desk.search_results.to_string(),
        (None, View::All) => t.desk.queue_all.to_string(),
        (None, View::Mine) => t.desk.queue_mine.to_string(),
        (None, View::Queue(id)) => page
            .queues
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.name.get(use_lang()).to_string())
            .unwrap_or_default(),
    };
    view! {
        <div class="desk-head">
            <div>
                <p class="eyebrow" data-testid="organisation">{page.organisation.get(use_lang()).to_string()}</p>
                <h1>{t.desk.queue_heading}</h1>
            </div>
            <PostForm action=logout attr:class="inline-form">
                {page.can_administer.then(|| view! { <a href="/admin">{t.common.nav_admin}</a>" · " })}
                <A href="/desk/templates">{t.desk.nav_templates}</A>" · "
                {page.may_supervise.then(|| view! { <A href="/desk/board">{t.desk.nav_board}</A>" · " })}
                <A href="/desk/account" attr:class="who">{advisor}</A>" "
                <button type="submit" class="button button-secondary">{t.common.sign_out}</button>
            </PostForm>
        </div>
        <Show when=returned>
            <div class="notice notice-success" role="status"><p>{t.desk.dlg_returned_saved}</p></div>
        </Show>
        <div class="workspace">
            {move || {
                let page = live_page().unwrap_or_else(|| initial.clone());
                view! {
                    <div class="workspace-side">
                        <QueueNav page=page.clone() delete/>
                        <Notifications items=page.notifications/>
                    </div>
                }
            }}
            <div class="workspace-main">
                <Toolbar typed view=page.view/>
                <Show when=nothing_to_take>
                    <div class="notice" role="status"><p>{t.desk.take_next_none}</p></div>
                </Show>
                <Show when=at_capacity>
                    <div class="notice" role="status"><p>{t.desk.take_next_full}</p></div>
                </Show>
                <h2 id="list-heading">{heading}</h2>
                {searched.is_some().then(|| view! {
                    <p class="hint">{t.desk.search_limited}" "<A href="/desk">{t.desk.search_clear}</A></p>
                })}
                {move || {
                    let page = live_page().unwrap_or_else(|| initial_rows.clone());
                    view! { <QueueTable page searched=is_search/> }
                }}
                <NewQueueForm page flash save/>
            </div>
        </div>
    }
}

/// What the advisor should look at: mentions by colleagues, customers hurrying, low scores,
/// requests left untouched.
#[component]
fn Notifications(items: Vec<crate::domain::views::Notification>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <section class="notifications" aria-labelledby="notifications-heading">
            <h2 id="notifications-heading">{t.desk.notifications_heading}</h2>
            {if items.is_empty() {
                view! { <p class="hint">{t.desk.notifications_none}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {items.into_iter().map(|n| {
                            let what = match n.kind.as_str() {
                                "mention" => format!("{} {}", n.actor.clone().unwrap_or_default(), t.desk.notif_mention),
                                "hurry_up" => t.desk.notif_hurry_up.to_string(),
                                "reminder" => t.desk.notif_reminder.to_string(),
                                _ => t.desk.notif_survey_low.to_string(),
                            };
                            view! {
                                <li>
                                    <A href=format!("/desk/r/{}", n.request_id)>{n.number}</A>" "{what}": "{n.subject}
                                    " "<time class="hint" datetime=n.at.to_rfc3339()>{date_time(n.at, lang)}</time>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// Quick search (shortcut `/`), "take next" and the shortcut help.
#[component]
fn Toolbar(typed: String, view: View) -> impl IntoView {
    let t = use_texts();
    view! {
        <div class="toolbar">
            <form method="get" action="/desk" role="search" class="inline-form search">
                <label for="f-search">{t.desk.search_label}</label>
                <input id="f-search" name="q" type="search" value=typed
                    aria-keyshortcuts="/" maxlength="200"/>
                <button type="submit" class="button button-secondary">{t.desk.search_button}</button>
            </form>
            <TakeNextForm view/>
            <A href="/desk/phone" attr:id="phone-link" attr:aria-keyshortcuts="p">{t.desk.nav_phone}</A>
            <ShortcutHelp/>
        </div>
    }
    .into_any()
}

/// The queues as links, each with its count (capped) and the number of its most urgent request.
#[component]
fn QueueNav(page: QueuePage, delete: Post<DeleteQueue>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let here = page.view;
    let item = move |view: View, name: String, count: i64, extra: Option<AnyView>| {
        let current = (view == here).then_some("page");
        view! {
            <li>
                <A href=format!("/desk?view={}", view.code()) attr:aria-current=current>
                    {name}" "<span class="count">{shown_count(count)}</span>
                </A>
                {extra}
            </li>
        }
    };
    view! {
        <nav class="queue-nav" aria-label=t.desk.queues_nav>
            <ul>
                {item(View::All, t.desk.queue_all.into(), page.all_count, None)}
                {item(View::Mine, t.desk.queue_mine.into(), page.mine_count, None)}
                {page.queues.into_iter().map(|q| {
                    let may_delete = q.personal || page.may_share;
                    let mut name = q.name.get(lang).to_string();
                    if q.personal {
                        name = format!("{name} ({})", t.desk.queue_personal_tag);
                    }
                    let extra = view! {
                        {q.most_urgent.map(|(number, _)| view! {
                            <span class="hint">{t.desk.queue_most_urgent}": "{number}</span>
                        })}
                        {may_delete.then(|| view! {
                            <PostForm action=delete attr:class="inline-form">
                                <input type="hidden" name="id" value=q.id.to_string()/>
                                <button type="submit" class="link-button"
                                    aria-label=format!("{}: {}", t.desk.queue_delete, q.name.get(lang))>{t.desk.queue_delete}</button>
                            </PostForm>
                        })}
                    }.into_any();
                    item(View::Queue(q.id), name, q.count, Some(extra))
                }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn QueueTable(page: QueuePage, searched: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let view_code = page.view.code();
    if page.rows.is_empty() {
        let empty = if searched {
            t.desk.search_none
        } else {
            t.desk.queue_empty
        };
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <table class="queue" aria-labelledby="list-heading">
            <thead>
                <tr>
                    <th scope="col">{t.desk.col_number}</th>
                    <th scope="col">{t.desk.col_subject}</th>
                    <th scope="col">{t.desk.col_customer}</th>
                    <th scope="col">{t.common.col_priority}</th>
                    <th scope="col">{t.desk.col_status}</th>
                    <th scope="col">{t.desk.col_assignee}</th>
                    <th scope="col">{t.desk.col_due}</th>
                    <th scope="col">{t.common.col_received}</th>
                </tr>
            </thead>
            <tbody>
                {page.rows.into_iter().map(|r| view! {
                    <tr>
                        <td class="number">{r.number}</td>
                        <td><A href=format!("/desk/r/{}", r.id)>{r.subject}</A></td>
                        <td>{r.customer_name}" "<span class="lang-tag">{r.language.code()}</span></td>
                        <td><span class=format!("badge badge-priority-{}", r.priority.code())>{t.priority(r.priority)}</span></td>
                        <td><StatusBadge status=r.status/></td>
                        <td>{r.assignee.unwrap_or_else(|| t.desk.unassigned.to_string())}</td>
                        <td><DueCell due_at=r.due_at paused=r.paused breached=r.breached/></td>
                        <td><time datetime=r.created_at.to_rfc3339()>{date_time(r.created_at, lang)}</time></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {page.next.map(|n| view! {
            <p><A href=format!("/desk?view={view_code}&after={n}") attr:class="button button-secondary">{t.common.older}</A></p>
        })}
        {(!page.delegated_to_us.is_empty()).then(|| view! {
            <h2>{t.desk.dlg_received_heading}</h2>
            <table class="queue">
                <caption class="visually-hidden">{t.desk.dlg_received_heading}</caption>
                <thead><tr>
                    <th scope="col">{t.desk.col_number}</th>
                    <th scope="col">{t.desk.col_subject}</th>
                    <th scope="col">{t.desk.col_due}</th>
                </tr></thead>
                <tbody>
                    {page.delegated_to_us.into_iter().map(|d| view! {
                        <tr>
                            <td class="number">{d.number}</td>
                            <td><A href=format!("/desk/d/{}", d.id)>{d.subject}</A></td>
                            <td><DueCell due_at=d.due_at paused=false breached=false/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
    .into_any()
}

/// A new queue: names and a filter; personal unless a lead shares it with the organisation.
#[component]
fn NewQueueForm(
    page: QueuePage,
    flash: Option<FormFlash<QueueInput>>,
    save: Post<SaveQueue>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let errors = form_errors(
        save.value(),
        flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = flash.map(|f| f.values).unwrap_or_default();
    let open = !errors.with_untracked(|e| e.is_empty());
    view! {
        <details class="new-queue" open=open>
            <summary>{t.desk.queue_new}</summary>
            <ErrorSummary errors labels=label/>
            <PostForm action=save attr:class="form" attr:novalidate="">
                <TextField errors field="name_fi" name="queue[name_fi]" label=t.common.f_name_fi value=typed.name_fi.clone() required=true/>
                <TextField errors field="name_sv" name="queue[name_sv]" label=t.common.f_name_sv value=typed.name_sv.clone()/>
                <TextField errors field="name_en" name="queue[name_en]" label=t.common.f_name_en value=typed.name_en.clone()/>
                <SelectField errors field="request_type" name="queue[request_type]" label=t.common.f_type empty=t.common.any_option
                    options=RequestType::ALL.iter().map(|ty| (ty.code().to_string(), t.request_type(*ty).to_string())).collect()
                    chosen=typed.request_type.clone()/>
                <SelectField errors field="category" name="queue[category]" label=t.common.lv_category empty=t.common.any_option
                    options=page.categories.iter().map(|(id, n)| (id.to_string(), n.get(lang).to_string())).collect()
                    chosen=typed.category.clone()/>
                <SelectField errors field="status" name="queue[status]" label=t.common.track_status empty=t.common.any_option
                    options=Status::ALL.iter().filter(|s| s.is_active()).map(|s| (s.code().to_string(), t.status(*s).to_string())).collect()
                    chosen=typed.status.clone()/>
                <SelectField errors field="priority" name="queue[priority]" label=t.common.col_priority empty=t.common.any_option
                    options=Priority::ALL.iter().map(|p| (p.code().to_string(), t.priority(*p).to_string())).collect()
                    chosen=typed.priority.clone()/>
                <SelectField errors field="language" name="queue[language]" label=t.common.language empty=t.common.any_option
                    options=Lang::ALL.iter().map(|l| (l.code().to_string(), l.native_name().to_string())).collect()
                    chosen=typed.language.clone()/>
                <SelectField errors field="expected_length" name="queue[expected_length]" label=t.desk.f_expected_length
                    empty=t.common.any_option
                    options=Length::ALL.iter().map(|l| (l.code().to_string(), t.length(*l).to_string())).collect()
                    chosen=typed.expected_length.clone()/>
                <div class="field field-checkbox">
                    <input type="checkbox" id="f-unassigned_only" name="queue[unassigned_only]" value="on"
                        checked=typed.unassigned_only == "on"/>
                    <label for="f-unassigned_only">{t.desk.queue_unassigned_only}</label>
                </div>
                {if page.may_share {
                    view! {
                        <div class="field field-checkbox">
                            <input type="checkbox" id="f-personal" name="queue[personal]" value="on"
                                checked=typed.personal == "on"/>
                            <label for="f-personal">{t.desk.queue_personal}</label>
                        </div>
                        <div class="field field-checkbox">
                            <input type="checkbox" id="f-routed_only" name="queue[routed_only]" value="on"
                                checked=typed.routed_only == "on" aria-describedby="f-routed_only-hint"/>
                            <label for="f-routed_only">{t.desk.queue_routed_only}</label>
                            <p class="hint" id="f-routed_only-hint">{t.desk.queue_routed_only_hint}</p>
                        </div>
                    }.into_any()
                } else {
                    view! { <input type="hidden" name="queue[personal]" value="on"/> }.into_any()
                }}
                <button type="submit" class="button" disabled=move || save.pending().get()>{t.desk.queue_save}</button>
            </PostForm>
        </details>
    }
}
