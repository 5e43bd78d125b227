//! `/admin/o/:org/calendar`: business hours, time zone, holidays and closures.

use super::{AdminNav, label, org_and_form, saved_notice};
use crate::admin::api::*;
use crate::admin::types::*;
use crate::domain::admin::{TIME_ZONES, WeekInput};
use crate::domain::format::short_day;
use crate::ui::{
    ActionFailure, ErrorSummary, FieldMessage, Loaded, TextField, described_by, form_errors,
    invalid, use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;

const OPEN: [&str; 7] = [
    "open_0", "open_1", "open_2", "open_3", "open_4", "open_5", "open_6",
];
const OPENS: [&str; 7] = [
    "opens_0", "opens_1", "opens_2", "opens_3", "opens_4", "opens_5", "opens_6",
];
const CLOSES: [&str; 7] = [
    "closes_0", "closes_1", "closes_2", "closes_3", "closes_4", "closes_5", "closes_6",
];

/// `/admin/o/:org/calendar`: weekly hours, time zone, holidays and closure days.
#[component]
pub fn CalendarAdminPage() -> impl IntoView {
    let t = use_texts();
    let week = Post::<SaveWeek>::new();
    let add = Post::<AddClosure>::new();
    let remove = Post::<RemoveClosure>::new();
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || {
            (
                key(),
                week.version().get(),
                add.version().get(),
                remove.version().get(),
            )
        },
        |((org, form), _, _, _)| load_calendar(org, form),
    );
    view! {
        <Title text=t.admin.adm_calendar/>
        <Loaded data=page ok=move |p| view! { <CalendarView page=p week add remove/> }/>
    }
}

#[component]
fn CalendarView(
    page: CalendarPage,
    week: Post<SaveWeek>,
    add: Post<AddClosure>,
    remove: Post<RemoveClosure>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let week_errors = form_errors(week.value(), page.week_errors.clone().unwrap_or_default());
    let closure_errors = form_errors(
        add.value(),
        page.closure_flash
            .clone()
            .map(|f| f.errors)
            .unwrap_or_default(),
    );
    let typed = page.closure_flash.map(|f| f.values).unwrap_or_default();
    let org = page.org.slug.clone();
    let (org_week, org_add) = (org.clone(), org.clone());
    let w: WeekInput = page.week;
    view! {
        <AdminNav org=page.org.clone() current="calendar"/>
        <h1>{t.admin.adm_calendar}</h1>
        {saved_notice()}
        <section aria-labelledby="week-heading">
            <h2 id="week-heading">{t.admin.week_heading}</h2>
            <ErrorSummary errors=week_errors labels=label/>
            <ActionFailure value=week.value()/>
            <PostForm action=week attr:class="form" attr:novalidate="">
                <input type="hidden" name="org" value=org_week/>
                <div class="field">
                    <label for="f-time_zone">{t.admin.f_time_zone}</label>
                    <select id="f-time_zone" name="week[time_zone]">
                        {TIME_ZONES.into_iter().map(|tz| view! {
                            <option value=tz selected=tz == w.time_zone>{tz}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field checkbox">
                    <input type="checkbox" id="f-finnish_holidays" name="week[finnish_holidays]" value="on" checked=w.finnish_holidays/>
                    <label for="f-finnish_holidays">{t.admin.f_finnish_holidays}</label>
                </div>
                <table class="hours">
                    <caption class="visually-hidden">{t.admin.week_heading}</caption>
                    <thead><tr>
                        <th scope="col">{t.admin.f_day}</th><th scope="col">{t.admin.f_open}</th>
                        <th scope="col">{t.admin.f_opens}</th><th scope="col">{t.admin.f_closes}</th>
                    </tr></thead>
                    <tbody>
                        {(0..7).map(|i| {
                            let day = t.weekday(i);
                            view! {
                                <tr>
                                    <th scope="row" id=format!("day-{i}")>{day}</th>
                                    <td>
                                        <input type="checkbox" id=format!("f-{}", OPEN[i]) name=format!("week[{}]", OPEN[i])
                                            value="on" checked=w.open[i] aria-labelledby=format!("day-{i} col-open-{i}")/>
                                        <span class="visually-hidden" id=format!("col-open-{i}")>{t.admin.f_open}</span>
                                        <FieldMessage errors=week_errors field=OPEN[i]/>
                                    </td>
                                    <td>
                                        <label class="visually-hidden" for=format!("f-{}", OPENS[i])>{day}" "{t.admin.f_opens}</label>
                                        <input id=format!("f-{}", OPENS[i]) name=format!("week[{}]", OPENS[i]) value=w.opens[i].clone()
                                            size="5" inputmode="numeric" aria-invalid=invalid(week_errors, OPENS[i])
                                            aria-describedby=described_by(week_errors, OPENS[i], false)/>
                                        <FieldMessage errors=week_errors field=OPENS[i]/>
                                    </td>
                                    <td>
                                        <label class="visually-hidden" for=format!("f-{}", CLOSES[i])>{day}" "{t.admin.f_closes}</label>
                                        <input id=format!("f-{}", CLOSES[i]) name=format!("week[{}]", CLOSES[i]) value=w.closes[i].clone()
                                            size="5" inputmode="numeric" aria-invalid=invalid(week_errors, CLOSES[i])
                                            aria-describedby=described_by(week_errors, CLOSES[i], false)/>
                                        <FieldMessage errors=week_errors field=CLOSES[i]/>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="submit" class="button" disabled=move || week.pending().get()>{t.admin.save}</button>
            </PostForm>
        </section>
        <section aria-labelledby="closures-heading">
            <h2 id="closures-heading">{t.admin.closures_heading}</h2>
            {if page.closures.is_empty() {
                view! { <p>{t.admin.no_closures}</p> }.into_any()
            } else {
                view! {
                    <ul class="closures">
                        {page.closures.into_iter().map(|(day, reason)| {
                            let org = org.clone();
                            view! {
                            <li>
                                <time datetime=day.to_string()>{short_day(day, lang)}</time>" "{reason.clone()}" "
                                <PostForm action=remove attr:class="inline-form">
                                    <input type="hidden" name="org" value=org.clone()/>
                                    <input type="hidden" name="day" value=day.to_string()/>
                                    <button type="submit" class="button-link">{t.admin.remove}
                                        <span class="visually-hidden">": "{short_day(day, lang)}</span>
                                    </button>
                                </PostForm>
                            </li>
                        }}).collect_view()}
                    </ul>
                }.into_any()
            }}
            <ErrorSummary errors=closure_errors labels=label/>
            <PostForm action=add attr:class="form" attr:novalidate="">
                <input type="hidden" name="org" value=org_add/>
                <TextField errors=closure_errors field="day" name="closure[day]" label=t.admin.f_day value=typed.day required=true kind="date"/>
                <TextField errors=closure_errors field="reason" name="closure[reason]" label=t.admin.f_reason value=typed.reason required=true/>
                <button type="submit" class="button button-secondary">{t.admin.add}</button>
            </PostForm>
        </section>
        <section aria-labelledby="holidays-heading">
            <h2 id="holidays-heading">{t.admin.holidays_heading}</h2>
            <ul class="holidays">
                {page.holidays.into_iter().map(|(day, h)| view! {
                    <li><time datetime=day.to_string()>{short_day(day, lang)}</time>" "{h.name(lang)}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}
