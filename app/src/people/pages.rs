//! The people page of an organisation, the account page, and choosing a new password.

use super::api::{
    RemoveMember, RequestPasswordReset, ResetPassword, SaveMember, SignOutEverywhere,
    SwitchOrganisation, load_account, load_forgot, load_people, load_reset,
};
use super::types::{AccountPage, PeoplePage};
use crate::admin::pages::{AdminNav, org_and_form};
use crate::domain::Lang;
use crate::domain::people::{DEFAULT_CAPACITY, MemberView, ROLES};
use crate::i18n::Texts;
use crate::ui::{
    ActionFailure, ErrorSummary, FieldMessage, Loaded, SelectField, TextField, described_by,
    form_errors, invalid, load_failure, use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

fn member_label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "email" => t.common.f_email,
        "display_name" => t.admin.col_name,
        "role" => t.admin.col_role,
        "languages" => t.admin.people_languages,
        "categories" => t.admin.people_categories,
        _ => t.admin.people_capacity,
    }
}

/// A role's name in the reader's language.
pub fn role_name(t: &'static Texts, role: &str) -> &'static str {
    match role {
        "admin" => t.admin.role_admin,
        "supervisor" => t.admin.role_supervisor,
        _ => t.admin.role_advisor,
    }
}

fn notice(text: &'static str) -> impl IntoView {
    view! { <div class="notice notice-success" role="status"><p>{text}</p></div> }
}

/// `/admin/o/:org/people`.
#[component]
pub fn PeopleAdminPage() -> impl IntoView {
    let t = use_texts();
    let save = Post::<SaveMember>::new();
    let remove = Post::<RemoveMember>::new();
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || (key(), save.version().get(), remove.version().get()),
        |((org, form), _, _)| load_people(org, form),
    );
    view! {
        <Title text=t.admin.adm_people/>
        <Loaded data=page ok=move |p| view! { <PeopleView page=p save remove/> }/>
    }
}

#[component]
fn PeopleView(
    page: PeoplePage,
    save: Post<SaveMember>,
    remove: Post<RemoveMember>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let query = use_query_map();
    let errors = form_errors(
        save.value(),
        page.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = page.flash.clone().map(|f| f.values).unwrap_or_default();
    let saved = move || query.read().get("saved").is_some() && errors.with(|e| e.is_empty());
    let removed = move || query.read().get("removed").is_some();
    let category_name = {
        let categories = page.categories.clone();
        move |id: i64| {
            categories
                .iter()
                .find(|(c, _)| *c == id)
                .map(|(_, n)| n.get(lang).to_string())
                .unwrap_or_default()
        }
    };
    let roles: Vec<(String, String)> = ROLES
        .iter()
        .map(|r| (r.to_string(), role_name(t, r).to_string()))
        .collect();
    let slug = page.org.slug.clone();
    let me = page.me;
    view! {
        <AdminNav org=page.org.clone() current="people"/>
        <h1>{t.admin.adm_people}</h1>
        <Show when=saved>{notice(t.admin.saved)}</Show>
        <Show when=removed>{notice(t.admin.people_removed)}</Show>
        <ActionFailure value=remove.value()/>
        <table class="queue" data-testid="members">
            <caption class="visually-hidden">{t.admin.adm_people}</caption>
            <thead><tr>
                <th scope="col">{t.admin.col_name}</th>
                <th scope="col">{t.common.col_email}</th>
                <th scope="col">{t.admin.col_role}</th>
                <th scope="col">{t.admin.people_skills}</th>
                <th scope="col">{t.admin.people_load}</th>
                <th scope="col"><span class="visually-hidden">{t.admin.people_remove}</span></th>
            </tr></thead>
            <tbody>
                {page.members.into_iter().map(|m| {
                    let skills = skills_text(t, &m, &category_name);
                    let load = format!("{} / {}", m.open, m.capacity);
                    let slug = slug.clone();
                    view! {
                        <tr>
                            <th scope="row">{m.display_name.clone()}</th>
                            <td>{m.email.clone()}</td>
                            <td>{role_name(t, &m.role)}</td>
                            <td>{skills}</td>
                            <td>{load}</td>
                            <td>
                                {(m.user_id != me).then(|| view! {
                                    <PostForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="org" value=slug/>
                                        <input type="hidden" name="user_id" value=m.user_id.to_string()/>
                                        <button type="submit" class="button button-secondary"
                                            aria-label=format!("{} {}", t.admin.people_remove, m.display_name)>
                                            {t.admin.people_remove}
                                        </button>
                                    </PostForm>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2 id="member-form">{t.admin.people_add}</h2>
        <p class="hint">{t.admin.people_add_hint}</p>
        <ErrorSummary errors labels=member_label/>
        <PostForm action=save attr:class="form" attr:novalidate="" attr:aria-labelledby="member-form">
            <input type="hidden" name="org" value=page.org.slug.clone()/>
            <TextField errors field="email" name="member[email]" label=t.common.f_email value=typed.email.clone()
                required=true kind="email"/>
            <TextField errors field="display_name" name="member[display_name]" label=t.admin.col_name
                value=typed.display_name.clone() required=true hint=t.admin.people_name_hint/>
            <SelectField errors field="role" name="member[role]" label=t.admin.col_role options=roles
                chosen=if typed.role.is_empty() { "advisor".to_string() } else { typed.role.clone() }/>
            <fieldset class="field">
                <legend>{t.admin.people_languages}</legend>
                <p class="hint" id="f-languages-hint">{t.admin.people_any_hint}</p>
                <FieldMessage errors field="languages"/>
                {Lang::ALL.into_iter().enumerate().map(|(i, l)| {
                    let id = if i == 0 { "f-languages".to_string() } else { format!("f-languages-{i}") };
                    let checked = typed.languages.iter().any(|c| c == l.code());
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" id=id.clone() name="member[languages][]" value=l.code() checked=checked
                                aria-describedby="f-languages-hint"/>
                            <label for=id>{l.native_name()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="field">
                <legend>{t.admin.people_categories}</legend>
                <p class="hint">{t.admin.people_any_hint}</p>
                <FieldMessage errors field="categories"/>
                {page.categories.iter().enumerate().map(|(i, (id, name))| {
                    let el = if i == 0 { "f-categories".to_string() } else { format!("f-categories-{i}") };
                    let checked = typed.categories.iter().any(|c| *c == id.to_string());
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" id=el.clone() name="member[categories][]" value=id.to_string() checked=checked/>
                            <label for=el>{name.get(lang).to_string()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="f-capacity">{t.admin.people_capacity}</label>
                <p class="hint" id="f-capacity-hint">{t.admin.people_capacity_hint}</p>
                <FieldMessage errors field="capacity"/>
                <input id="f-capacity" name="member[capacity]" type="number" min="1" max="500" inputmode="numeric"
                    value=if typed.capacity.is_empty() { DEFAULT_CAPACITY.to_string() } else { typed.capacity.clone() }
                    aria-invalid=invalid(errors, "capacity") aria-describedby=described_by(errors, "capacity", true)/>
            </div>
            <button type="submit" class="button" disabled=move || save.pending().get()>{t.admin.save}</button>
        </PostForm>
    }
}

/// "Finnish, Swedish · Permits" or "Any".
fn skills_text(t: &'static Texts, m: &MemberView, category: &impl Fn(i64) -> String) -> String {
    let mut parts: Vec<String> = m
        .skills
        .languages
        .iter()
        .map(|l| l.native_name().to_string())
        .collect();
    parts.extend(m.skills.category_ids.iter().map(|c| category(*c)));
    if parts.is_empty() {
        t.admin.people_any.to_string()
    } else {
        parts.join(", ")
    }
}

/// `/desk/account`: the signed-in person's organisations (switch between them) and sessions.
#[component]
pub fn AccountPageView() -> impl IntoView {
    let t = use_texts();
    let page = crate::ui::page_data(|| (), |_| load_account());
    view! {
        <Title text=t.desk.account_heading/>
        <p><A href="/desk">"← "{t.common.back_to_queue}</A></p>
        <h1>{t.desk.account_heading}</h1>
        <Loaded data=page ok=move |p| view! { <AccountView page=p/> }/>
    }
}

#[component]
fn AccountView(page: AccountPage) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let switch = Post::<SwitchOrganisation>::new();
    let everywhere = Post::<SignOutEverywhere>::new();
    view! {
        <p>{page.display_name}" · "{page.email}</p>
        <h2>{t.desk.account_orgs}</h2>
        <ActionFailure value=switch.value()/>
        <ul class="plain-list" data-testid="organisations">
            {page.organisations.into_iter().map(|o| {
                let name = o.name.get(lang).to_string();
                let role = role_name(t, &o.role);
                if o.current {
                    view! {
                        <li aria-current="true"><strong>{name}</strong>" · "{role}" · "{t.desk.account_current}</li>
                    }.into_any()
                } else {
                    view! {
                        <li>
                            <PostForm action=switch attr:class="inline-form">
                                <input type="hidden" name="organisation_id" value=o.organisation_id.to_string()/>
                                {name.clone()}" · "{role}" "
                                <button type="submit" class="button button-secondary"
                                    aria-label=format!("{} {}", t.desk.account_switch, name)>{t.desk.account_switch}</button>
                            </PostForm>
                        </li>
                    }.into_any()
                }
            }).collect_view()}
        </ul>
        <h2>{t.desk.account_sessions}</h2>
        <p>{t.desk.account_sessions_count}" "{page.sessions}</p>
        <PostForm action=everywhere>
            <button type="submit" class="button button-secondary">{t.desk.account_sign_out_everywhere}</button>
        </PostForm>
        <h2>{t.desk.account_password}</h2>
        <p><a href="/login/forgot">{t.desk.account_password_hint}</a></p>
    }
}

/// `/login/forgot`: ask for a password-reset link.
#[component]
pub fn ForgotPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let flash = crate::ui::page_data(move || query.read().get("form"), load_forgot);
    let send = Post::<RequestPasswordReset>::new();
    let sent = move || query.read().get("sent").is_some();
    view! {
        <Title text=t.desk.forgot_heading/>
        <h1>{t.desk.forgot_heading}</h1>
        <Show when=sent>{notice(t.desk.forgot_sent)}</Show>
        <p>{t.desk.forgot_lead}</p>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match flash.await {
                    Ok(flash) => {
                        let errors = form_errors(send.value(), flash.clone().map(|f| f.errors).unwrap_or_default());
                        let email = flash.map(|f| f.values.email).unwrap_or_default();
                        view! {
                            <ErrorSummary errors labels=|t, _| t.common.f_email/>
                            <ActionFailure value=send.value()/>
                            <PostForm action=send attr:class="form form-narrow" attr:novalidate="">
                                <TextField errors field="email" name="forgot[email]" label=t.common.f_email value=email
                                    required=true kind="email"/>
                                <button type="submit" class="button" disabled=move || send.pending().get()>{t.desk.forgot_send}</button>
                            </PostForm>
                        }.into_any()
                    }
                    Err(e) => load_failure(e),
                }
            })}
        </Suspense>
        <p><A href="/login">"← "{t.common.sign_in}</A></p>
    }
}

fn password_label(t: &'static Texts, field: &str) -> &'static str {
    if field == "confirm" {
        t.desk.reset_confirm
    } else {
        t.desk.reset_password
    }
}

/// `/login/reset/:token`: choose a new password.
#[component]
pub fn ResetPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let page = crate::ui::page_data(
        move || (token(), query.read().get("form")),
        |(token, form)| load_reset(token, form),
    );
    let reset = Post::<ResetPassword>::new();
    view! {
        <Title text=t.desk.reset_heading/>
        <h1>{t.desk.reset_heading}</h1>
        <Suspense fallback=move || view! { <p>{t.common.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) if p.live => {
                        let errors = form_errors(reset.value(), p.errors);
                        view! {
                            <ErrorSummary errors labels=password_label/>
                            <ActionFailure value=reset.value()/>
                            <PostForm action=reset attr:class="form form-narrow" attr:novalidate="">
                                <input type="hidden" name="token" value=token()/>
                                <div class="field">
                                    <label for="f-password">{t.desk.reset_password}</label>
                                    <p class="hint" id="f-password-hint">{t.desk.reset_password_hint}</p>
                                    <FieldMessage errors field="password"/>
                                    <input id="f-password" name="password" type="password" autocomplete="new-password"
                                        aria-invalid=invalid(errors, "password") aria-describedby=described_by(errors, "password", true)/>
                                </div>
                                <div class="field">
                                    <label for="f-confirm">{t.desk.reset_confirm}</label>
                                    <FieldMessage errors field="confirm"/>
                                    <input id="f-confirm" name="confirm" type="password" autocomplete="new-password"
                                        aria-invalid=invalid(errors, "confirm") aria-describedby=described_by(errors, "confirm", false)/>
                                </div>
                                <button type="submit" class="button" disabled=move || reset.pending().get()>{t.desk.reset_save}</button>
                            </PostForm>
                        }.into_any()
                    }
                    Ok(_) => view! {
                        <p>{t.desk.reset_expired}</p>
                        <p><a href="/login/forgot">{t.desk.forgot_heading}</a></p>
                    }.into_any(),
                    Err(e) => load_failure(e),
                }
            })}
        </Suspense>
    }
}
