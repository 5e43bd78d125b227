//! The template picker of the request view.

use crate::domain::templates::{Facts, Template, fill, put_into};
use crate::ui::use_texts;
use leptos::prelude::*;

/// Puts the chosen template, filled with `facts`, into `reply`. With JavaScript it happens in
/// place; without, the form asks for the request view again with `?template={id}`.
#[component]
pub fn TemplatePicker(
    id: i64,
    templates: Vec<Template>,
    facts: Facts,
    reply: RwSignal<String>,
) -> impl IntoView {
    let t = use_texts();
    if templates.is_empty() {
        return ().into_any();
    }
    let chosen = RwSignal::new(String::new());
    let bodies = templates.clone();
    let use_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picked = chosen.get_untracked();
        if let Some(tpl) = bodies.iter().find(|t| t.id.to_string() == picked) {
            let filled = fill(&tpl.body, &facts);
            reply.update(|r| *r = put_into(r, &filled));
        }
    };
    view! {
        <form method="get" action=format!("/desk/r/{id}") class="inline-form template-picker" on:submit=use_it>
            <label for="f-template">{t.desk.template_use_label}</label>
            <select id="f-template" name="template" on:change:target=move |ev| chosen.set(ev.target().value())>
                <option value="">{t.desk.template_choose}</option>
                {templates.into_iter().map(|tpl| view! {
                    <option value=tpl.id.to_string()>{tpl.title}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button button-secondary">{t.desk.template_use}</button>
        </form>
    }
    .into_any()
}
