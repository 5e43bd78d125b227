//! `/desk/board`: the supervisor board.

use super::api::{MoveWork, load_board};
use crate::domain::board::Board;
use crate::domain::format::date_time;
use crate::domain::queues::shown_count;
use crate::i18n::Texts;
use crate::ui::DueCell;
use crate::ui::{ErrorSummary, Loaded, SelectField, StatusBadge, form_errors, use_lang, use_texts};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

fn label(t: &'static Texts, field: &str) -> &'static str {
    if field == "from" {
        t.desk.board_move_from
    } else {
        t.desk.board_move_to
    }
}

#[component]
pub fn BoardPageView() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let moving = Post::<MoveWork>::new();
    let page = crate::ui::page_data(
        move || (query.read().get("form"), moving.version().get()),
        |(form, _)| load_board(form),
    );
    view! {
        <Title text=t.desk.board_heading/>
        <p><A href="/desk">"← "{t.common.back_to_queue}</A></p>
        <h1>{t.desk.board_heading}</h1>
        <Loaded data=page ok=move |board| view! { <BoardView board moving/> }/>
    }
}

#[component]
fn BoardView(board: Board, moving: Post<MoveWork>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let query = use_query_map();
    let errors = form_errors(
        moving.value(),
        board.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = board.flash.map(|f| f.values).unwrap_or_default();
    let moved = move || {
        query
            .read()
            .get("moved")
            .filter(|_| errors.with(|e| e.is_empty()))
    };
    let people: Vec<(String, String)> = board
        .advisors
        .iter()
        .map(|a| (a.id.to_string(), a.name.clone()))
        .collect();
    view! {
        {move || moved().map(|n| view! {
            <div class="notice notice-success" role="status"><p>{t.desk.board_moved}" "{n}</p></div>
        })}
        <h2>{t.desk.board_loads}</h2>
        <table class="queue" data-testid="loads">
            <caption class="visually-hidden">{t.desk.board_loads}</caption>
            <thead><tr>
                <th scope="col">{t.desk.col_assignee}</th>
                <th scope="col">{t.desk.board_open}</th>
                <th scope="col">{t.desk.board_breached}</th>
                <th scope="col">{t.desk.board_next_due}</th>
            </tr></thead>
            <tbody>
                {board.advisors.into_iter().map(|a| view! {
                    <tr>
                        <th scope="row">{a.name}</th>
                        <td>{a.open}</td>
                        <td>{a.breached}</td>
                        <td><DueCell due_at=a.next_due paused=false breached=false/></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <h2>{t.desk.board_risk}</h2>
        <p class="hint">{t.desk.board_risk_hint}</p>
        <table class="queue" data-testid="risks">
            <caption class="visually-hidden">{t.desk.board_risk}</caption>
            <thead><tr>
                <th scope="col">{t.desk.queue_move}</th>
                <th scope="col">{t.desk.board_at_risk}</th>
                <th scope="col">{t.desk.board_past_due}</th>
            </tr></thead>
            <tbody>
                {board.risks.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.queue.map_or_else(|| t.desk.queue_all.to_string(), |q| q.get(lang).to_string())}</th>
                        <td>{shown_count(r.at_risk)}</td>
                        <td>{shown_count(r.breached)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <p><A href="/desk?view=all">{t.desk.board_unassigned}" "{shown_count(board.unassigned)}</A></p>
        <h2>{t.desk.board_move_heading}</h2>
        <p class="hint">{t.desk.board_move_hint}</p>
        <ErrorSummary errors labels=label/>
        <PostForm action=moving attr:class="form" attr:novalidate="">
            <SelectField errors field="from" name="work[from]" label=t.desk.board_move_from
                options=people.clone() chosen=typed.from.clone()/>
            <SelectField errors field="to" name="work[to]" label=t.desk.board_move_to
                options=people chosen=typed.to.clone()/>
            <button type="submit" class="button" disabled=move || moving.pending().get()>{t.desk.board_move}</button>
        </PostForm>
        <h2>{t.desk.board_untouched}" "{board.untouched_hours}" h"</h2>
        {if board.untouched.is_empty() {
            view! { <p>{t.desk.board_untouched_none}</p> }.into_any()
        } else {
            view! {
                <table class="queue">
                    <caption class="visually-hidden">{t.desk.board_untouched}" "{board.untouched_hours}" h"</caption>
                    <thead><tr>
                        <th scope="col">{t.desk.col_number}</th>
                        <th scope="col">{t.desk.col_subject}</th>
                        <th scope="col">{t.desk.col_status}</th>
                        <th scope="col">{t.desk.col_assignee}</th>
                        <th scope="col">{t.desk.board_last_moved}</th>
                    </tr></thead>
                    <tbody>
                        {board.untouched.into_iter().map(|(r, moved_at)| view! {
                            <tr>
                                <td class="number">{r.number}</td>
                                <td><A href=format!("/desk/r/{}", r.id)>{r.subject}</A></td>
                                <td><StatusBadge status=r.status/></td>
                                <td>{r.assignee.unwrap_or_else(|| t.desk.unassigned.to_string())}</td>
                                <td><time datetime=moved_at.to_rfc3339()>{date_time(moved_at, lang)}</time></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}
