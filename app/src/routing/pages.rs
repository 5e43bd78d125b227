//! `/admin/o/:org/routing`, and the request view's "move to queue" form.

use super::api::{AddRule, DeleteRule, MoveRuleUp, MoveToQueue, load_routing};
use super::types::RoutingPage;
use crate::admin::pages::{AdminNav, org_and_form, saved_notice};
use crate::domain::classification::RequestType;
use crate::domain::routing::Rule;
use crate::domain::{Lang, Localized};
use crate::i18n::Texts;
use crate::ui::{
    ActionFailure, ErrorSummary, Loaded, SelectField, TextField, form_errors, use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;

fn rule_label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "name" => t.admin.routing_name,
        "request_type" => t.common.f_type,
        "category" => t.common.lv_category,
        "language" => t.common.language,
        "keywords" => t.admin.routing_keywords,
        "customer_org" => t.admin.routing_customer_org,
        _ => t.admin.routing_queue,
    }
}

/// `/admin/o/:org/routing`.
#[component]
pub fn RoutingAdminPage() -> impl IntoView {
    let t = use_texts();
    let add = Post::<AddRule>::new();
    let delete = Post::<DeleteRule>::new();
    let up = Post::<MoveRuleUp>::new();
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || {
            (
                key(),
                add.version().get(),
                delete.version().get(),
                up.version().get(),
            )
        },
        |((org, form), _, _, _)| load_routing(org, form),
    );
    view! {
        <Title text=t.admin.adm_routing/>
        <Loaded data=page ok=move |p| view! { <RoutingView page=p add delete up/> }/>
    }
}

/// A rule's conditions in words: "Type: Order · Keywords: lasku, faktura", or "Any".
fn conditions(t: &'static Texts, lang: Lang, r: &Rule, categories: &[(i64, Localized)]) -> String {
    let mut parts = Vec::new();
    if let Some(ty) = r.request_type {
        parts.push(format!("{}: {}", t.common.f_type, t.request_type(ty)));
    }
    if let Some(c) = r.category_id {
        let name = categories
            .iter()
            .find(|(id, _)| *id == c)
            .map(|(_, n)| n.get(lang).to_string())
            .unwrap_or_default();
        parts.push(format!("{}: {name}", t.common.lv_category));
    }
    if let Some(l) = r.language {
        parts.push(format!("{}: {}", t.common.language, l.native_name()));
    }
    if !r.keywords.is_empty() {
        parts.push(format!(
            "{}: {}",
            t.admin.routing_keywords,
            r.keywords.join(", ")
        ));
    }
    if let Some(o) = &r.customer_org {
        parts.push(format!("{}: {o}", t.admin.routing_customer_org));
    }
    if parts.is_empty() {
        t.admin.people_any.to_string()
    } else {
        parts.join(" · ")
    }
}

#[component]
fn RoutingView(
    page: RoutingPage,
    add: Post<AddRule>,
    delete: Post<DeleteRule>,
    up: Post<MoveRuleUp>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let errors = form_errors(
        add.value(),
        page.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = page.flash.clone().map(|f| f.values).unwrap_or_default();
    let slug = page.org.slug.clone();
    let categories = page.categories.clone();
    let rules = page.rules.clone();
    view! {
        <AdminNav org=page.org.clone() current="routing"/>
        <h1>{t.admin.adm_routing}</h1>
        {saved_notice()}
        <p class="hint">{t.admin.routing_lead}</p>
        <ActionFailure value=up.value()/>
        <ActionFailure value=delete.value()/>
        {if rules.is_empty() {
            view! { <p>{t.admin.routing_none}</p> }.into_any()
        } else {
            view! {
                <table class="queue" data-testid="rules">
                    <caption class="visually-hidden">{t.admin.adm_routing}</caption>
                    <thead><tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{t.admin.routing_name}</th>
                        <th scope="col">{t.admin.routing_conditions}</th>
                        <th scope="col">{t.admin.routing_action}</th>
                        <th scope="col"><span class="visually-hidden">{t.admin.routing_move_up}</span></th>
                    </tr></thead>
                    <tbody>
                        {rules.into_iter().enumerate().map(|(n, r)| {
                            let what = conditions(t, lang, &r, &categories);
                            let mut action: Vec<String> = r.queue.iter().map(|(_, q)| q.get(lang).to_string()).collect();
                            if r.assign {
                                action.push(t.admin.routing_assigns.to_string());
                            }
                            let (slug_up, slug_del) = (slug.clone(), slug.clone());
                            let name = r.name.clone();
                            view! {
                                <tr>
                                    <td>{n + 1}</td>
                                    <th scope="row">{r.name.clone()}</th>
                                    <td>{what}</td>
                                    <td>{action.join(" · ")}</td>
                                    <td class="row-actions">
                                        {(n > 0).then(|| view! {
                                            <PostForm action=up attr:class="inline-form">
                                                <input type="hidden" name="org" value=slug_up/>
                                                <input type="hidden" name="id" value=r.id.to_string()/>
                                                <button type="submit" class="button button-secondary"
                                                    aria-label=format!("{} {}", t.admin.routing_move_up, name)>{t.admin.routing_move_up}</button>
                                            </PostForm>
                                        })}
                                        <PostForm action=delete attr:class="inline-form">
                                            <input type="hidden" name="org" value=slug_del/>
                                            <input type="hidden" name="id" value=r.id.to_string()/>
                                            <button type="submit" class="button button-secondary"
                                                aria-label=format!("{} {}", t.admin.routing_delete, r.name)>{t.admin.routing_delete}</button>
                                        </PostForm>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <h2 id="rule-form">{t.admin.routing_add}</h2>
        <ErrorSummary errors labels=rule_label/>
        <PostForm action=add attr:class="form" attr:novalidate="" attr:aria-labelledby="rule-form">
            <input type="hidden" name="org" value=page.org.slug.clone()/>
            <TextField errors field="name" name="rule[name]" label=t.admin.routing_name value=typed.name.clone() required=true/>
            <SelectField errors field="request_type" name="rule[request_type]" label=t.common.f_type empty=t.common.any_option
                options=RequestType::ALL.iter().map(|ty| (ty.code().to_string(), t.request_type(*ty).to_string())).collect()
                chosen=typed.request_type.clone()/>
            <SelectField errors field="category" name="rule[category]" label=t.common.lv_category empty=t.common.any_option
                options=page.categories.iter().map(|(id, n)| (id.to_string(), n.get(lang).to_string())).collect()
                chosen=typed.category.clone()/>
            <SelectField errors field="language" name="rule[language]" label=t.common.language empty=t.common.any_option
                options=Lang::ALL.iter().map(|l| (l.code().to_string(), l.native_name().to_string())).collect()
                chosen=typed.language.clone()/>
            <TextField errors field="keywords" name="rule[keywords]" label=t.admin.routing_keywords
                value=typed.keywords.clone() hint=t.admin.routing_keywords_hint/>
            <TextField errors field="customer_org" name="rule[customer_org]" label=t.admin.routing_customer_org
                value=typed.customer_org.clone()/>
            <SelectField errors field="queue" name="rule[queue]" label=t.admin.routing_queue empty=t.admin.routing_no_queue
                options=page.queues.iter().map(|(id, n)| (id.to_string(), n.get(lang).to_string())).collect()
                chosen=typed.queue.clone()/>
            <p class="hint">{t.admin.routing_queue_hint}</p>
            <div class="field field-checkbox">
                <input type="checkbox" id="f-assign" name="rule[assign]" value="on" checked=typed.assign == "on"/>
                <label for="f-assign">{t.admin.routing_assign}</label>
            </div>
            <button type="submit" class="button" disabled=move || add.pending().get()>{t.admin.routing_add}</button>
        </PostForm>
    }
}

/// The request's routed queue, and the form moving it to another (or out of its queue).
#[component]
pub fn QueueMoveForm(
    id: i64,
    current: Option<i64>,
    queues: Vec<(i64, Localized)>,
    action: Post<MoveToQueue>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let chosen = current.map(|q| q.to_string()).unwrap_or_default();
    view! {
        <PostForm action attr:class="inline-form queue-move">
            <input type="hidden" name="id" value=id.to_string()/>
            <label for="f-queue-move">{t.desk.queue_move}</label>" "
            <select id="f-queue-move" name="queue">
                <option value="" selected=chosen.is_empty()>{t.admin.routing_no_queue}</option>
                {queues.into_iter().map(|(q, name)| {
                    let value = q.to_string();
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{name.get(lang).to_string()}</option> }
                }).collect_view()}
            </select>" "
            <button type="submit" class="button button-secondary">{t.desk.queue_move_save}</button>
        </PostForm>
    }
}
