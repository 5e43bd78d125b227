//! `/admin/o/:org/sla`: SLA policies and the priority matrix.

use super::{AdminNav, label, org_and_form, saved_notice};
use crate::admin::api::*;
use crate::admin::types::*;
use crate::domain::classification::{Impact, Priority, RequestType, Urgency};
use crate::i18n::Texts;
use crate::ui::{
    ActionFailure, ErrorSummary, Loaded, SelectField, TextField, form_errors, use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/admin/o/:org/sla`: the SLA policies in their order, a form for a new one, the priority matrix.
#[component]
pub fn SlaAdminPage() -> impl IntoView {
    let t = use_texts();
    let add = Post::<AddPolicy>::new();
    let retire = Post::<RetirePolicy>::new();
    let matrix = Post::<SaveMatrix>::new();
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || {
            (
                key(),
                add.version().get(),
                retire.version().get(),
                matrix.version().get(),
            )
        },
        |((org, form), _, _, _)| load_sla(org, form),
    );
    view! {
        <Title text=t.admin.adm_sla/>
        <Loaded data=page ok=move |p| view! { <SlaView page=p add retire matrix/> }/>
    }
}

fn applies_to(t: &'static Texts, lang: crate::domain::Lang, p: &PolicyView) -> String {
    let mut parts = Vec::new();
    if let Some(ty) = p.matches.request_type {
        parts.push(t.request_type(ty).to_string());
    }
    if let Some(c) = &p.category {
        parts.push(c.get(lang).to_string());
    }
    if let Some(pr) = p.matches.priority {
        parts.push(t.priority(pr).to_string());
    }
    if let Some(o) = &p.matches.customer_org {
        parts.push(o.clone());
    }
    if parts.is_empty() {
        t.admin.any.to_string()
    } else {
        parts.join(" · ")
    }
}

fn target(minutes: Option<i64>) -> String {
    minutes.map_or_else(|| "–".into(), crate::domain::format::hours_minutes)
}

#[component]
fn SlaView(
    page: SlaPage,
    add: Post<AddPolicy>,
    retire: Post<RetirePolicy>,
    matrix: Post<SaveMatrix>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let errors = form_errors(
        add.value(),
        page.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = page.flash.map(|f| f.values).unwrap_or_default();
    let org = page.org.slug.clone();
    let (org_add, org_matrix) = (org.clone(), org.clone());
    let m = page.matrix;
    view! {
        <AdminNav org=page.org.clone() current="sla"/>
        <h1>{t.admin.adm_sla}</h1>
        {saved_notice()}
        <section aria-labelledby="policies-heading">
            <h2 id="policies-heading">{t.admin.policies_heading}</h2>
            <p>{t.admin.policies_intro}</p>
            <ActionFailure value=retire.value()/>
            {if page.policies.is_empty() {
                view! { <p>{t.admin.no_policies}</p> }.into_any()
            } else {
                view! {
                    <table class="queue">
                        <caption class="visually-hidden">{t.admin.policies_heading}</caption>
                        <thead><tr>
                            <th scope="col">{t.admin.col_name}</th>
                            <th scope="col">{t.admin.col_applies}</th>
                            <th scope="col">{t.common.sla_first_response}</th>
                            <th scope="col">{t.admin.f_resolution_hours}</th>
                            <th scope="col">{t.admin.f_warn_percent}</th>
                            <th scope="col"><span class="visually-hidden">{t.admin.retire}</span></th>
                        </tr></thead>
                        <tbody>
                            {page.policies.into_iter().map(|p| {
                                let org = org.clone();
                                view! {
                                <tr>
                                    <td>{p.name.clone()}</td>
                                    <td>{applies_to(t, lang, &p)}</td>
                                    <td>{target(p.targets.first_response_minutes)}</td>
                                    <td>{target(p.targets.resolution_minutes)}</td>
                                    <td>{p.targets.warn_percent}" %"</td>
                                    <td>
                                        <PostForm action=retire attr:class="inline-form">
                                            <input type="hidden" name="org" value=org.clone()/>
                                            <input type="hidden" name="id" value=p.id.to_string()/>
                                            <button type="submit" class="button-link">{t.admin.retire}
                                                <span class="visually-hidden">": "{p.name}</span>
                                            </button>
                                        </PostForm>
                                    </td>
                                </tr>
                            }}).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h3>{t.admin.add_policy}</h3>
            <ErrorSummary errors labels=label/>
            <ActionFailure value=add.value()/>
            <PostForm action=add attr:class="form" attr:novalidate="">
                <input type="hidden" name="org" value=org_add/>
                <TextField errors field="name" name="policy[name]" label=t.admin.col_name value=typed.name.clone() required=true/>
                <SelectField errors field="request_type" name="policy[request_type]" label=t.common.f_type empty=t.common.any_option
                    options=RequestType::ALL.iter().map(|ty| (ty.code().to_string(), t.request_type(*ty).to_string())).collect()
                    chosen=typed.request_type.clone()/>
                <SelectField errors field="category_id" name="policy[category_id]" label=t.common.lv_category empty=t.common.any_option
                    options=page.categories.iter().map(|(id, n)| (id.to_string(), n.get(lang).to_string())).collect()
                    chosen=typed.category_id.clone()/>
                <SelectField errors field="priority" name="policy[priority]" label=t.common.col_priority empty=t.common.any_option
                    options=Priority::ALL.iter().map(|p| (p.code().to_string(), t.priority(*p).to_string())).collect()
                    chosen=typed.priority.clone()/>
                <TextField errors field="customer_org" name="policy[customer_org]" label=t.admin.f_customer_org value=typed.customer_org.clone()/>
                <TextField errors field="first_response_hours" name="policy[first_response_hours]" label=t.admin.f_first_response_hours
                    value=typed.first_response_hours.clone() hint=t.admin.f_hours_hint/>
                <TextField errors field="resolution_hours" name="policy[resolution_hours]" label=t.admin.f_resolution_hours
                    value=typed.resolution_hours.clone() hint=t.admin.f_hours_hint/>
                <TextField errors field="warn_percent" name="policy[warn_percent]" label=t.admin.f_warn_percent
                    value=if typed.warn_percent.is_empty() { "75".to_string() } else { typed.warn_percent.clone() }/>
                <button type="submit" class="button" disabled=move || add.pending().get()>{t.admin.add_policy}</button>
            </PostForm>
        </section>
        <section aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">{t.admin.matrix_heading}</h2>
            <p>{t.admin.matrix_intro}</p>
            <ActionFailure value=matrix.value()/>
            <PostForm action=matrix attr:class="form">
                <input type="hidden" name="org" value=org_matrix/>
                <table class="matrix">
                    <caption class="visually-hidden">{t.admin.matrix_heading}</caption>
                    <thead><tr>
                        <td></td>
                        {Impact::ALL.iter().map(|i| view! { <th scope="col">{t.common.f_impact}": "{t.level(i.code())}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {Urgency::ALL.iter().map(|u| view! {
                            <tr>
                                <th scope="row">{t.common.f_urgency}": "{t.level(u.code())}</th>
                                {Impact::ALL.iter().map(|i| {
                                    let name = format!("{}_{}", u.code(), i.code());
                                    let current = m.priority(*u, *i);
                                    view! {
                                        <td>
                                            <label class="visually-hidden" for=format!("m-{name}")>
                                                {t.common.f_urgency}" "{t.level(u.code())}", "{t.common.f_impact}" "{t.level(i.code())}
                                            </label>
                                            <select id=format!("m-{name}") name=format!("matrix[{name}]")>
                                                {Priority::ALL.iter().map(|p| view! {
                                                    <option value=p.code() selected=*p == current>{t.priority(*p)}</option>
                                                }).collect_view()}
                                            </select>
                                        </td>
                                    }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="submit" class="button button-secondary">{t.admin.save}</button>
            </PostForm>
        </section>
    }
}
