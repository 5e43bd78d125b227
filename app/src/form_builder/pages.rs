//! The form builder pages: the organisation's forms with its appearance and embedding, one form's
//! editor, and the privacy notices. Every form posts to a server function that redirects back,
//! so all of it works without JavaScript.

use super::api::*;
use super::types::*;
use crate::admin::pages::{AdminNav, org_and_form, saved_notice};
use crate::domain::Lang;
use crate::domain::classification::RequestType;
use crate::domain::forms::{FieldDef, FieldInput, FieldKind, FieldRole, FileType};
use crate::error::FieldErrors;
use crate::i18n::Texts;
use crate::ui::raw_text;
use crate::ui::{
    ActionFailure, ErrorSummary, FieldMessage, Loaded, SelectField, TextField, described_by,
    form_errors, invalid, multipart, use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The label of any field on these pages, for error summaries.
fn label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "slug" => t.admin.f_slug,
        "request_type" => t.common.f_type,
        "category" => t.common.lv_category,
        "name_fi" => t.common.f_name_fi,
        "name_sv" => t.common.f_name_sv,
        "name_en" => t.common.f_name_en,
        "intro_fi" | "intro_sv" | "intro_en" => t.admin.fb_intro,
        "sort_order" => t.admin.fb_sort_order,
        "max_files" => t.admin.fb_max_files,
        "max_megabytes" => t.admin.fb_max_megabytes,
        "file_types" => t.admin.fb_file_types,
        "brand_colour" => t.admin.fb_brand_colour,
        "origins" => t.admin.fb_origins,
        "key" => t.admin.fb_key,
        "kind" => t.admin.fb_kind,
        "label_fi" | "label_sv" | "label_en" => t.admin.fb_label,
        "help_fi" | "help_sv" | "help_en" => t.admin.fb_help,
        "choices" => t.admin.fb_choices,
        "show_if_field" | "show_if_value" => t.admin.fb_condition,
        "role" => t.admin.fb_role,
        f if f.starts_with("body_") => t.common.privacy_notice,
        _ => t.common.err_invalid,
    }
}

fn kind_name(t: &'static Texts, k: FieldKind) -> &'static str {
    match k {
        FieldKind::ShortText => t.admin.fk_short_text,
        FieldKind::LongText => t.admin.fk_long_text,
        FieldKind::Email => t.common.f_email,
        FieldKind::Phone => t.admin.fk_phone,
        FieldKind::Number => t.admin.fk_number,
        FieldKind::Date => t.admin.fk_date,
        FieldKind::SingleChoice => t.admin.fk_single_choice,
        FieldKind::MultipleChoice => t.admin.fk_multiple_choice,
        FieldKind::Checkbox => t.admin.fk_checkbox,
        FieldKind::File => t.common.f_files,
    }
}

fn role_name(t: &'static Texts, r: FieldRole) -> &'static str {
    match r {
        FieldRole::Subject => t.common.f_subject,
        FieldRole::Message => t.common.f_message,
        FieldRole::CustomerOrg => t.admin.f_customer_org,
    }
}

fn type_options(t: &'static Texts) -> Vec<(String, String)> {
    RequestType::ALL
        .iter()
        .map(|r| (r.code().to_string(), t.request_type(*r).to_string()))
        .collect()
}

/// `/admin/o/:org/forms`.
#[component]
pub fn FormsAdminPage() -> impl IntoView {
    let t = use_texts();
    let create = Post::<CreateForm>::new();
    let embed = Post::<SaveEmbedding>::new();
    let logo = multipart::action(upload_logo);
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || (key(), embed.version().get() + logo.version().get()),
        |((org, form), _)| load_forms_admin(org, form),
    );
    view! {
        <Title text=t.admin.adm_forms/>
        <Loaded data=page ok=move |p| view! { <FormsView page=p create embed logo/> }/>
    }
}

#[component]
fn FormsView(
    page: FormsPage,
    create: Post<CreateForm>,
    embed: Post<SaveEmbedding>,
    logo: Action<multipart::Payload, Result<(), crate::error::AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let new_errors = form_errors(create.value(), page.new_errors.clone());
    let embed_errors = form_errors(embed.value(), page.embedding_errors.clone());
    let logo_errors = form_errors(logo.value(), page.logo_errors.clone());
    let org_logo = page.org.slug.clone();
    let slug = page.org.slug.clone();
    let (org_new, org_embed) = (page.org.slug.clone(), page.org.slug.clone());
    let n = page.new_form;
    view! {
        <AdminNav org=page.org.clone() current="forms"/>
        <h1>{t.admin.adm_forms}</h1>
        {saved_notice()}
        <table class="queue">
            <caption class="visually-hidden">{t.admin.adm_forms}</caption>
            <thead><tr>
                <th scope="col">{t.admin.col_name}</th><th scope="col">{t.common.f_type}</th>
                <th scope="col">{t.admin.fb_version}</th><th scope="col">{t.admin.fb_public}</th>
            </tr></thead>
            <tbody>
                {page.forms.into_iter().map(|f| view! {
                    <tr>
                        <td><a href=format!("/admin/o/{}/forms/{}", slug, f.id)>{f.name.get(lang).to_string()}</a></td>
                        <td>{t.request_type(f.request_type)}</td>
                        <td>{f.version}</td>
                        <td>{if f.active {
                            view! { <a href=format!("/o/{}/{}", slug, f.slug)>{format!("/o/{}/{}", slug, f.slug)}</a> }.into_any()
                        } else {
                            view! { <span>{t.admin.fb_inactive}</span> }.into_any()
                        }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <section aria-labelledby="new-form" class="answer">
            <h2 id="new-form">{t.admin.fb_new_form}</h2>
            <ErrorSummary errors=new_errors labels=label/>
            <ActionFailure value=create.value()/>
            <PostForm action=create attr:class="form" attr:novalidate="">
                <input type="hidden" name="org" value=org_new/>
                <TextField errors=new_errors field="slug" name="new[slug]" label=t.admin.f_slug value=n.slug required=true hint=t.admin.fb_slug_hint/>
                <SelectField errors=new_errors field="request_type" name="new[request_type]" label=t.common.f_type
                    options=type_options(t) chosen=n.request_type/>
                <TextField errors=new_errors field="name_fi" name="new[name_fi]" label=t.common.f_name_fi value=n.name_fi required=true/>
                <TextField errors=new_errors field="name_sv" name="new[name_sv]" label=t.common.f_name_sv value=n.name_sv required=true/>
                <TextField errors=new_errors field="name_en" name="new[name_en]" label=t.common.f_name_en value=n.name_en required=true/>
                <button type="submit" class="button" disabled=move || create.pending().get()>{t.admin.fb_create}</button>
            </PostForm>
        </section>
        <section aria-labelledby="embedding" class="answer">
            <h2 id="embedding">{t.admin.fb_embedding}</h2>
            <p class="hint">{t.admin.fb_embedding_intro}</p>
            <ErrorSummary errors=embed_errors labels=label/>
            <ActionFailure value=embed.value()/>
            <PostForm action=embed attr:class="form" attr:novalidate="">
                <input type="hidden" name="org" value=org_embed/>
                <TextField errors=embed_errors field="brand_colour" name="embedding[brand_colour]" label=t.admin.fb_brand_colour
                    value=page.embedding.brand_colour required=true hint=t.admin.fb_brand_colour_hint/>
                <div class="field">
                    <label for="f-origins">{t.admin.fb_origins}</label>
                    <p class="hint" id="f-origins-hint">{t.admin.fb_origins_hint}</p>
                    <FieldMessage errors=embed_errors field="origins"/>
                    <textarea id="f-origins" name="embedding[origins]" rows="4" aria-invalid=invalid(embed_errors, "origins")
                        aria-describedby=described_by(embed_errors, "origins", true)>{raw_text(&page.embedding.origins)}</textarea>
                </div>
                <button type="submit" class="button" disabled=move || embed.pending().get()>{t.admin.save}</button>
            </PostForm>
            {page.has_logo.then(|| view! {
                <img class="org-logo" src=format!("/logo/{}", page.org.slug) alt=t.admin.fb_logo/>
            })}
            <ActionFailure value=logo.value()/>
            <form method="post" action="/api/upload_logo" enctype="multipart/form-data" class="form" novalidate=""
                on:submit=multipart::on_submit(logo)>
                <input type="hidden" name="org" value=org_logo/>
                <div class="field">
                    <label for="f-logo">{t.admin.fb_logo}</label>
                    <p class="hint" id="f-logo-hint">{t.admin.fb_logo_hint}</p>
                    <FieldMessage errors=logo_errors field="logo"/>
                    <input id="f-logo" name="logo" type="file" accept=".png,.jpg,.jpeg,.webp"
                        aria-invalid=invalid(logo_errors, "logo") aria-describedby=described_by(logo_errors, "logo", true)/>
                </div>
                <button type="submit" class="button" disabled=move || logo.pending().get()>{t.admin.fb_upload}</button>
            </form>
        </section>
    }
}

/// `/admin/o/:org/forms/:id`.
#[component]
pub fn FormEditorPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let key = org_and_form();
    let settings = Post::<SaveFormSettings>::new();
    // Each field form has its own action; a successful one bumps this, which reloads the page.
    let fields = RwSignal::new(0u32);
    let page = crate::ui::page_data(
        move || {
            (
                key(),
                params
                    .read()
                    .get("id")
                    .and_then(|i| i.parse::<i64>().ok())
                    .unwrap_or(0),
                settings.version().get() + fields.get() as usize,
            )
        },
        |((org, form), id, _)| load_form_editor(org, id, form),
    );
    view! {
        <Title text=t.admin.adm_forms/>
        <Loaded data=page ok=move |p| view! { <EditorView page=p settings fields/> }/>
    }
}

#[component]
fn EditorView(
    page: EditorPage,
    settings: Post<SaveFormSettings>,
    fields: RwSignal<u32>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let errors = form_errors(settings.value(), page.settings_errors.clone());
    let s = page.settings.clone();
    let org = page.org.slug.clone();
    let id = page.id.to_string();
    let base = page.base_url.clone();
    let iframe = format!("{base}{}", page.embed_path);
    let snippet = format!(
        "<script src=\"{base}/embed.js\" data-org=\"{}\" data-form=\"{}\" async></script>",
        page.org.slug, s.slug
    );
    let (flash_key, flash_field, flash_errors) = page.field_flash.clone().map_or(
        (None, FieldInput::default(), FieldErrors::default()),
        |(k, f, e)| (Some(k), f, e),
    );
    let categories: Vec<(String, String)> = page
        .categories
        .iter()
        .map(|(id, name)| (id.to_string(), name.get(lang).to_string()))
        .collect();
    let types: String = FileType::ALL
        .iter()
        .map(|t| t.code())
        .collect::<Vec<_>>()
        .join(", ");
    let field_list = page
        .fields
        .iter()
        .map(|f| {
            let editing = flash_key.as_deref() == Some(f.key.as_str());
            let (input, errs) = if editing {
                (flash_field.clone(), flash_errors.clone())
            } else {
                (FieldInput::from_def(f), FieldErrors::default())
            };
            field_row(
                f,
                input,
                errs,
                editing,
                (org.clone(), id.clone()),
                fields,
                t,
                lang,
            )
        })
        .collect_view();
    let adding = flash_key.as_deref() == Some("");
    let (new_input, new_errors) = if adding {
        (flash_field.clone(), flash_errors.clone())
    } else {
        (FieldInput::default(), FieldErrors::default())
    };
    let new_field = field_form(
        new_input,
        new_errors,
        (String::new(), "new".into()),
        (org.clone(), id.clone()),
        fields,
        t,
    );
    view! {
        <AdminNav org=page.org.clone() current="forms"/>
        <h1>{s.name_fi.clone()}</h1>
        <p class="hint">{t.admin.fb_version}" "{page.version}" · "<a href=page.public_path.clone()>{page.public_path.clone()}</a></p>
        {saved_notice()}
        <section aria-labelledby="form-settings" class="answer">
            <h2 id="form-settings">{t.admin.adm_settings}</h2>
            <ErrorSummary errors labels=label/>
            <ActionFailure value=settings.value()/>
            <PostForm action=settings attr:class="form" attr:novalidate="">
                <input type="hidden" name="org" value=org.clone()/>
                <input type="hidden" name="id" value=id.clone()/>
                <TextField errors field="slug" name="settings[slug]" label=t.admin.f_slug value=s.slug.clone() required=true hint=t.admin.fb_slug_hint/>
                <SelectField errors field="request_type" name="settings[request_type]" label=t.common.f_type
                    options=type_options(t) chosen=s.request_type.clone()/>
                <SelectField errors field="category" name="settings[category]" label=t.common.lv_category
                    empty=t.admin.fb_category_chosen options=categories chosen=s.category.clone()/>
                <TextField errors field="name_fi" name="settings[name_fi]" label=t.common.f_name_fi value=s.name_fi.clone() required=true/>
                <TextField errors field="name_sv" name="settings[name_sv]" label=t.common.f_name_sv value=s.name_sv.clone() required=true/>
                <TextField errors field="name_en" name="settings[name_en]" label=t.common.f_name_en value=s.name_en.clone() required=true/>
                {[("intro_fi", t.admin.fb_intro_fi, s.intro_fi.clone()), ("intro_sv", t.admin.fb_intro_sv, s.intro_sv.clone()),
                  ("intro_en", t.admin.fb_intro_en, s.intro_en.clone())].into_iter().map(|(f, l, v)| view! {
                    <div class="field">
                        <label for=format!("f-{f}")>{l}</label>
                        <FieldMessage errors field=f/>
                        <textarea id=format!("f-{f}") name=format!("settings[{f}]") rows="2"
                            aria-invalid=invalid(errors, f) aria-describedby=described_by(errors, f, false)>{raw_text(&v)}</textarea>
                    </div>
                }).collect_view()}
                <TextField errors field="sort_order" name="settings[sort_order]" label=t.admin.fb_sort_order value=s.sort_order.clone()/>
                <TextField errors field="max_files" name="settings[max_files]" label=t.admin.fb_max_files value=s.max_files.clone()/>
                <TextField errors field="max_megabytes" name="settings[max_megabytes]" label=t.admin.fb_max_megabytes value=s.max_megabytes.clone()/>
                <TextField errors field="file_types" name="settings[file_types]" label=t.admin.fb_file_types value=s.file_types.clone()
                    hint=t.admin.fb_file_types_hint/>
                <p class="hint">{types}</p>
                <div class="field field-checkbox">
                    <input id="f-active" type="checkbox" name="settings[active]" value="on" checked=s.active.is_some()/>
                    <label for="f-active">{t.admin.fb_active}</label>
                </div>
                <button type="submit" class="button" disabled=move || settings.pending().get()>{t.admin.save}</button>
            </PostForm>
        </section>
        <section aria-labelledby="form-fields" class="answer form-editor">
            <h2 id="form-fields">{t.admin.fb_fields}</h2>
            <p class="hint">{t.admin.fb_fields_intro}</p>
            <ol class="field-list">{field_list}</ol>
            <h3>{t.admin.fb_add_field}</h3>
            {new_field}
        </section>
        <section aria-labelledby="form-embed" class="answer">
            <h2 id="form-embed">{t.admin.fb_embed}</h2>
            <p class="hint">{t.admin.fb_embed_intro}</p>
            <div class="field">
                <label for="f-iframe">{t.admin.fb_iframe}</label>
                <input id="f-iframe" type="text" readonly="" value=iframe class="snippet"/>
            </div>
            <div class="field">
                <label for="f-snippet">{t.admin.fb_snippet}</label>
                <textarea id="f-snippet" readonly="" rows="2" class="snippet">{raw_text(&snippet)}</textarea>
            </div>
        </section>
    }
}

/// An action that edits the form's fields and, when it succeeds, bumps `saved` so the page
/// reloads with the new version (with JavaScript; without, the server redirects).
fn edit_action(saved: RwSignal<u32>) -> Post<EditFormFields> {
    let action = Post::<EditFormFields>::new();
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(())))) {
            saved.update(|n| *n += 1);
        }
    });
    action
}

/// One field in the editor's list: what it is, its move and remove buttons, and its edit form.
#[allow(clippy::too_many_arguments)]
fn field_row(
    f: &FieldDef,
    input: FieldInput,
    errors: FieldErrors,
    open: bool,
    (org, id): (String, String),
    saved: RwSignal<u32>,
    t: &'static Texts,
    lang: Lang,
) -> AnyView {
    let key = f.key.clone();
    let name = f.label.get(lang).to_string();
    let action = edit_action(saved);
    let button = |op: &'static str, text: &'static str| {
        let (org, id, key) = (org.clone(), id.clone(), key.clone());
        let aria = format!("{text}: {name}");
        view! {
            <PostForm action=action attr:class="form-inline">
                <input type="hidden" name="org" value=org/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="op" value=op/>
                <input type="hidden" name="key" value=key/>
                <button type="submit" class="button button-secondary" aria-label=aria>{text}</button>
            </PostForm>
        }
    };
    let buttons = (
        button("up", t.admin.fb_up),
        button("down", t.admin.fb_down),
        button("remove", t.admin.fb_remove),
    );
    let form = field_form(
        input,
        errors,
        (key.clone(), key.clone()),
        (org, id),
        saved,
        t,
    );
    let mut facts = vec![kind_name(t, f.kind).to_string()];
    if f.required {
        facts.push(t.admin.fb_required.to_string());
    }
    if let Some(r) = f.role {
        facts.push(format!("{}: {}", t.admin.fb_role, role_name(t, r)));
    }
    if let Some(c) = &f.show_if {
        facts.push(format!(
            "{}: {} = {}",
            t.admin.fb_condition, c.field, c.equals
        ));
    }
    view! {
        <li class="field-row" data-key=key.clone()>
            <p><strong>{name.clone()}</strong>" "<code>{key.clone()}</code></p>
            <p class="hint">{facts.join(" · ")}</p>
            <ActionFailure value=action.value()/>
            {buttons.0}" "{buttons.1}" "{buttons.2}
            <details open=open>
                <summary>{t.admin.fb_edit}</summary>
                {form}
            </details>
        </li>
    }
    .into_any()
}

/// The form that adds a field (`replacing` empty) or replaces the field `replacing`. Ids carry
/// `prefix` so many of these forms can share a page.
fn field_form(
    v: FieldInput,
    errors: FieldErrors,
    (replacing, prefix): (String, String),
    (org, id): (String, String),
    saved: RwSignal<u32>,
    t: &'static Texts,
) -> AnyView {
    let action = edit_action(saved);
    let errors = form_errors(action.value(), errors);
    let fid = move |f: &str| format!("{prefix}-{f}");
    let text_id = fid.clone();
    let text = move |f: &'static str, l: &'static str, value: String| {
        let id = text_id(f);
        view! {
            <div class="field">
                <label for=id.clone()>{l}</label>
                <FieldMessage errors field=f/>
                <input id=id type="text" name=format!("field[{f}]") value=value
                    aria-invalid=invalid(errors, f) aria-describedby=described_by(errors, f, false)/>
            </div>
        }
    };
    let kinds: Vec<(String, String)> = FieldKind::ALL
        .iter()
        .map(|k| (k.code().to_string(), kind_name(t, *k).to_string()))
        .collect();
    let roles: Vec<(String, String)> = FieldRole::ALL
        .iter()
        .map(|r| (r.code().to_string(), role_name(t, *r).to_string()))
        .collect();
    let select_id = fid.clone();
    let select = move |f: &'static str,
                       l: &'static str,
                       opts: Vec<(String, String)>,
                       chosen: String,
                       empty: Option<&'static str>| {
        let id = select_id(f);
        view! {
            <div class="field">
                <label for=id.clone()>{l}</label>
                <FieldMessage errors field=f/>
                <select id=id name=format!("field[{f}]") aria-invalid=invalid(errors, f)>
                    {empty.map(|e| view! { <option value="">{e}</option> })}
                    {opts.into_iter().map(|(value, text)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let choices_id = fid("choices");
    let required_id = fid("required");
    view! {
        <ActionFailure value=action.value()/>
        <PostForm action=action attr:class="form" attr:novalidate="">
            <input type="hidden" name="org" value=org/>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="op" value="put"/>
            <input type="hidden" name="key" value=replacing/>
            {text("key", t.admin.fb_key, v.key.clone())}
            {select("kind", t.admin.fb_kind, kinds, v.kind.clone(), None)}
            {text("label_fi", t.admin.fb_label_fi, v.label_fi.clone())}
            {text("label_sv", t.admin.fb_label_sv, v.label_sv.clone())}
            {text("label_en", t.admin.fb_label_en, v.label_en.clone())}
            {text("help_fi", t.admin.fb_help_fi, v.help_fi.clone())}
            {text("help_sv", t.admin.fb_help_sv, v.help_sv.clone())}
            {text("help_en", t.admin.fb_help_en, v.help_en.clone())}
            <div class="field">
                <label for=choices_id.clone()>{t.admin.fb_choices}</label>
                <p class="hint">{t.admin.fb_choices_hint}</p>
                <FieldMessage errors field="choices"/>
                <textarea id=choices_id name="field[choices]" rows="3" aria-invalid=invalid(errors, "choices")>{raw_text(&v.choices)}</textarea>
            </div>
            {text("show_if_field", t.admin.fb_condition_field, v.show_if_field.clone())}
            {text("show_if_value", t.admin.fb_condition_value, v.show_if_value.clone())}
            {select("role", t.admin.fb_role, roles, v.role.clone(), Some(t.admin.fb_role_none))}
            <div class="field field-checkbox">
                <input id=required_id.clone() type="checkbox" name="field[required]" value="on" checked=v.required.is_some()/>
                <label for=required_id>{t.admin.fb_required}</label>
            </div>
            <button type="submit" class="button" disabled=move || action.pending().get()>{t.admin.save}</button>
        </PostForm>
    }
    .into_any()
}

/// `/admin/o/:org/privacy`: the privacy notice in each language, each published as a new version.
#[component]
pub fn PrivacyAdminPageView() -> impl IntoView {
    let t = use_texts();
    let publish = Post::<PublishPrivacy>::new();
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || (key(), publish.version().get()),
        |((org, form), _)| load_privacy_admin(org, form),
    );
    view! {
        <Title text=t.common.privacy_notice/>
        <Loaded data=page ok=move |p| view! { <PrivacyAdminView page=p publish/> }/>
    }
}

#[component]
fn PrivacyAdminView(page: PrivacyAdminPage, publish: Post<PublishPrivacy>) -> impl IntoView {
    let t = use_texts();
    let errors = form_errors(publish.value(), page.errors.clone());
    let org_slug = page.org.slug.clone();
    view! {
        <AdminNav org=page.org.clone() current="privacy"/>
        <h1>{t.common.privacy_notice}</h1>
        <p class="lead">{t.admin.fb_privacy_intro}</p>
        {saved_notice()}
        <ErrorSummary errors labels=label/>
        <ActionFailure value=publish.value()/>
        {page.notices.into_iter().map(|(code, version, body)| {
            let lang = Lang::parse(&code).unwrap_or_default();
            let field = format!("body_{code}");
            let heading = lang.native_name().to_string();
            let org = org_slug.clone();
            let (h_id, h_ref, f_id) = (format!("h-{field}"), format!("h-{field}"), format!("f-{field}"));
            view! {
                <section class="answer" aria-labelledby=h_ref>
                    <h2 id=h_id>{heading}</h2>
                    <p class="hint">{if version == 0 { t.common.notice_missing.to_string() } else { format!("{} {version}", t.common.notice_version) }}</p>
                    <PostForm action=publish attr:class="form" attr:novalidate="">
                        <input type="hidden" name="org" value=org/>
                        <input type="hidden" name="notice[language]" value=code.clone()/>
                        <div class="field">
                            <label for=f_id.clone()>{t.common.privacy_notice}" ("{lang.native_name()}")"</label>
                            <FieldMessage errors field=field.clone()/>
                            <textarea id=f_id name="notice[body]" rows="10" lang=code.clone()
                                aria-invalid=invalid(errors, field.clone())
                                aria-describedby=described_by(errors, field.clone(), false)>{raw_text(&body)}</textarea>
                        </div>
                        <button type="submit" class="button">{t.admin.fb_publish}</button>
                    </PostForm>
                </section>
            }
        }).collect_view()}
    }
}
