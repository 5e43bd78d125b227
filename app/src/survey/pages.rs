//! `/survey/:token`: how did we do, 0–10.

use super::api::{AnswerSurvey, load_survey};
use super::types::SurveyPage;
use crate::i18n::Texts;
use crate::ui::raw_text;
use crate::ui::{
    ActionFailure, ErrorSummary, ErrorView, FieldMessage, described_by, form_errors, invalid,
    use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The survey page.
#[component]
pub fn SurveyPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = crate::ui::page_data(
        move || {
            let q = query.read();
            (
                params.read().get("token").unwrap_or_default(),
                q.get("form"),
                q.get("thanks").or_else(|| q.get("reopened")),
            )
        },
        |(token, form, _)| load_survey(token, form),
    );
    view! {
        <Suspense fallback=move || view! { <p>{use_texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <SurveyForm page/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SurveyForm(page: SurveyPage) -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let answer = Post::<AnswerSurvey>::new();
    let errors = form_errors(
        answer.value(),
        page.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let v = page.flash.map(|f| f.values).unwrap_or_default();
    let reopened = move || query.read().get("reopened").is_some();
    let labels = |t: &'static Texts, f: &str| match f {
        "score" => t.customer.survey_question,
        _ => t.customer.survey_comment,
    };
    view! {
        <Title text=t.common.survey_heading/>
        <h1>{t.common.survey_heading}</h1>
        <p class="lead">{page.number}" – "{page.subject}</p>
        {match page.answered {
            Some(score) => view! {
                <div class="panel panel-success" role="status" data-testid="survey-done">
                    <p>{t.customer.survey_thanks}" ("{score}"/10)"</p>
                    <Show when=reopened><p>{t.customer.survey_reopened}</p></Show>
                </div>
            }.into_any(),
            None => view! {
                <ErrorSummary errors labels/>
                <ActionFailure value=answer.value()/>
                <PostForm action=answer attr:class="form" attr:novalidate="">
                    <input type="hidden" name="token" value=move || params.read().get("token").unwrap_or_default()/>
                    <fieldset class="field" role="radiogroup" aria-required="true" aria-invalid=invalid(errors, "score")
                        aria-describedby=described_by(errors, "score", true)>
                        <legend>{t.customer.survey_question}" *"</legend>
                        <p class="hint" id="f-score-hint">{t.customer.survey_scale}</p>
                        <FieldMessage errors field="score"/>
                        <div class="survey-scale">
                            {(0..=10).map(|n| {
                                let id = if n == 0 { "f-score".to_string() } else { format!("f-score-{n}") };
                                let checked = v.score == n.to_string();
                                view! {
                                    <div class="choice">
                                        <input type="radio" id=id.clone() name="survey[score]" value=n.to_string() checked=checked/>
                                        <label for=id>{n}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <div class="field">
                        <label for="f-comment">{t.customer.survey_comment}</label>
                        <FieldMessage errors field="comment"/>
                        <textarea id="f-comment" name="survey[comment]" rows="4" aria-invalid=invalid(errors, "comment")
                            aria-describedby=described_by(errors, "comment", false)>{raw_text(&v.comment)}</textarea>
                    </div>
                    <button type="submit" class="button" disabled=move || answer.pending().get()>{t.customer.send}</button>
                </PostForm>
            }.into_any(),
        }}
    }
}
