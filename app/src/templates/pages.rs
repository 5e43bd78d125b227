//! `/desk/templates`: the organisation's reply templates, and a form for a new one.

use super::api::{DeleteTemplate, SaveTemplate, load_templates};
use super::types::TemplatesPage;
use crate::domain::Lang;
use crate::i18n::Texts;
use crate::ui::raw_text;
use crate::ui::{
    ErrorSummary, FieldMessage, Loaded, SelectField, TextField, described_by, form_errors, invalid,
    use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

fn label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "language" => t.common.language,
        "title" => t.desk.template_title,
        _ => t.desk.template_body,
    }
}

#[component]
pub fn TemplatesPageView() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let save = Post::<SaveTemplate>::new();
    let delete = Post::<DeleteTemplate>::new();
    let page = crate::ui::page_data(
        move || {
            (
                query.read().get("form"),
                save.version().get(),
                delete.version().get(),
            )
        },
        |(form, _, _)| load_templates(form),
    );
    view! {
        <Title text=t.desk.templates_heading/>
        <p><A href="/desk">"← "{t.common.back_to_queue}</A></p>
        <h1>{t.desk.templates_heading}</h1>
        <Loaded data=page ok=move |page| view! { <Templates page save delete/> }/>
    }
}

#[component]
fn Templates(
    page: TemplatesPage,
    save: Post<SaveTemplate>,
    delete: Post<DeleteTemplate>,
) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let errors = form_errors(
        save.value(),
        page.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = page.flash.map(|f| f.values).unwrap_or_default();
    let saved = move || query.read().get("saved").is_some() && errors.with(|e| e.is_empty());
    let may_manage = page.may_manage;
    view! {
        <Show when=saved>
            <div class="notice notice-success" role="status"><p>{t.desk.template_saved}</p></div>
        </Show>
        {if page.templates.is_empty() {
            view! { <p>{t.desk.templates_none}</p> }.into_any()
        } else {
            view! {
                <table class="queue">
                    <caption class="visually-hidden">{t.desk.templates_heading}</caption>
                    <thead><tr>
                        <th scope="col">{t.common.language}</th>
                        <th scope="col">{t.desk.template_title}</th>
                        <th scope="col">{t.desk.template_body}</th>
                        {may_manage.then(|| view! { <th scope="col"><span class="visually-hidden">{t.desk.template_delete}</span></th> })}
                    </tr></thead>
                    <tbody>
                        {page.templates.into_iter().map(|tpl| view! {
                            <tr>
                                <td>{tpl.language.native_name()}</td>
                                <td>{tpl.title.clone()}</td>
                                <td class="template-body">{tpl.body}</td>
                                {may_manage.then(|| view! {
                                    <td>
                                        <PostForm action=delete attr:class="inline-form">
                                            <input type="hidden" name="id" value=tpl.id.to_string()/>
                                            <button type="submit" class="link-button"
                                                aria-label=format!("{}: {}", t.desk.template_delete, tpl.title)>{t.desk.template_delete}</button>
                                        </PostForm>
                                    </td>
                                })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {if may_manage {
            view! {
                <h2>{t.desk.template_new}</h2>
                <ErrorSummary errors labels=label/>
                <PostForm action=save attr:class="form" attr:novalidate="">
                    <SelectField errors field="language" name="template[language]" label=t.common.language
                        options=Lang::ALL.iter().map(|l| (l.code().to_string(), l.native_name().to_string())).collect()
                        chosen=typed.language.clone()/>
                    <TextField errors field="title" name="template[title]" label=t.desk.template_title value=typed.title.clone() required=true/>
                    <div class="field">
                        <label for="f-body">{t.desk.template_body}" *"</label>
                        <p class="hint" id="f-body-hint">{t.desk.template_body_hint}</p>
                        <FieldMessage errors field="body"/>
                        <textarea id="f-body" name="template[body]" rows="8" aria-required="true"
                            aria-invalid=invalid(errors, "body") aria-describedby=described_by(errors, "body", true)>
                            {raw_text(&typed.body)}
                        </textarea>
                    </div>
                    <button type="submit" class="button" disabled=move || save.pending().get()>{t.desk.template_save}</button>
                </PostForm>
            }.into_any()
        } else {
            view! { <p class="hint">{t.desk.template_manage_only}</p> }.into_any()
        }}
    }
}
