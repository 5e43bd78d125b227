//! The administration pages: organisations, service hierarchy, business hours and service levels.
//! Every form posts to a server function that redirects back here, so all of it works without
//! JavaScript; with it, the page reloads its data when an action finishes.

use super::api::*;
use crate::domain::admin::{Level, TIME_ZONES, WeekInput};
use crate::domain::classification::{Impact, Priority, RequestType, Urgency};
use crate::domain::format::short_day;
use crate::i18n::Texts;
use crate::ui::{
    ActionFailure, ErrorSummary, FieldMessage, SelectField, TextField, described_by, form_errors,
    invalid, load_failure, use_lang, use_texts,
};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The label of any admin form field, for error summaries.
fn label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "slug" => t.f_slug,
        "prefix" => t.f_prefix,
        "name_fi" => t.f_name_fi,
        "name_sv" => t.f_name_sv,
        "name_en" => t.f_name_en,
        "privacy_url" => t.f_privacy_url,
        "untouched_hours" => t.f_untouched_hours,
        "time_zone" => t.f_time_zone,
        "day" => t.f_day,
        "reason" => t.f_reason,
        "name" => t.col_name,
        "request_type" => t.f_type,
        "category_id" => t.lv_category,
        "priority" => t.col_priority,
        "customer_org" => t.f_customer_org,
        "first_response_hours" => t.f_first_response_hours,
        "resolution_hours" => t.f_resolution_hours,
        "warn_percent" => t.f_warn_percent,
        f if f.starts_with("opens_") => t.f_opens,
        f if f.starts_with("closes_") => t.f_closes,
        _ => t.f_open,
    }
}

pub(crate) fn saved_notice() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    move || {
        query.read().get("saved").map(
            |_| view! { <div class="notice notice-success" role="status"><p>{t.saved}</p></div> },
        )
    }
}

/// Links between the pages of one organisation; the current one is marked for assistive tech.
#[component]
pub(crate) fn AdminNav(org: AdminOrg, current: &'static str) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let link = move |page: &'static str, text: &'static str| {
        let href = format!("/admin/o/{}/{page}", org.slug);
        view! {
            <li><a href=href aria-current=(page == current).then_some("page")>{text}</a></li>
        }
    };
    view! {
        <p><A href="/admin">"← "{t.admin_orgs}</A></p>
        <p class="eyebrow">{org.name.get(lang).to_string()}" · "{org.prefix.clone()}</p>
        <nav aria-label=t.nav_admin class="subnav">
            <ul>
                {link("settings", t.adm_settings)}
                {link("people", t.adm_people)}
                {link("routing", t.adm_routing)}
                {link("forms", t.adm_forms)}
                {link("privacy", t.privacy_notice)}
                {link("hierarchy", t.adm_hierarchy)}
                {link("calendar", t.adm_calendar)}
                {link("sla", t.adm_sla)}
                {link("retention", t.adm_retention)}
            </ul>
        </nav>
    }
}

/// `/admin`: the organisations this person configures, and a form for a new one.
#[component]
pub fn AdminHomePage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let create = Post::<CreateOrganisation>::new();
    let page = crate::ui::page_data(
        move || (query.read().get("form"), create.version().get()),
        |(form, _)| load_admin_home(form),
    );
    view! {
        <Title text=t.nav_admin/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(home) => view! { <AdminHome home create/> }.into_any(),
                    Err(e) => load_failure(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AdminHome(home: AdminHome, create: Post<CreateOrganisation>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let errors = form_errors(
        create.value(),
        home.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let typed = home.flash.map(|f| f.values).unwrap_or_default();
    view! {
        <h1>{t.admin_orgs}</h1>
        <p class="lead">{t.admin_orgs_intro}</p>
        <ul class="org-list">
            {home.orgs.into_iter().map(|o| view! {
                <li>
                    <a href=format!("/admin/o/{}/hierarchy", o.slug)>{o.name.get(lang).to_string()}</a>
                    " "<span class="muted">{o.prefix}</span>
                </li>
            }).collect_view()}
        </ul>
        {home.can_create.then(|| view! {
            <section aria-labelledby="new-org" class="answer">
                <h2 id="new-org">{t.admin_new_org}</h2>
                <ErrorSummary errors labels=label/>
                <ActionFailure value=create.value()/>
                <PostForm action=create attr:class="form" attr:novalidate="">
                    <TextField errors field="name_fi" name="org[name_fi]" label=t.f_name_fi value=typed.name_fi required=true/>
                    <TextField errors field="name_sv" name="org[name_sv]" label=t.f_name_sv value=typed.name_sv required=true/>
                    <TextField errors field="name_en" name="org[name_en]" label=t.f_name_en value=typed.name_en required=true/>
                    <TextField errors field="slug" name="org[slug]" label=t.f_slug value=typed.slug required=true hint=t.f_slug_hint/>
                    <TextField errors field="prefix" name="org[prefix]" label=t.f_prefix value=typed.prefix required=true hint=t.f_prefix_hint/>
                    <TextField errors field="privacy_url" name="org[privacy_url]" label=t.f_privacy_url value=typed.privacy_url required=true hint=t.f_privacy_url_hint/>
                    <button type="submit" class="button" disabled=move || create.pending().get()>{t.create_org}</button>
                </PostForm>
            </section>
        })}
    }
}

/// The organisation slug of an admin page and the `form` flash id, tracked.
pub(crate) fn org_and_form() -> impl Fn() -> (String, Option<String>) + Copy {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        (
            params.read().get("org").unwrap_or_default(),
            query.read().get("form"),
        )
    }
}

/// `/admin/o/:org/hierarchy`: the service hierarchy as nested lists, each node with a form to add
/// beneath it and a button to retire or restore it.
#[component]
pub fn HierarchyAdminPage() -> impl IntoView {
    let t = use_texts();
    let add = Post::<AddNode>::new();
    let toggle = Post::<SetNodeActive>::new();
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || (key(), add.version().get(), toggle.version().get()),
        |((org, form), _, _)| load_hierarchy(org, form),
    );
    view! {
        <Title text=t.adm_hierarchy/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Hierarchy page=p add toggle/> }.into_any(),
                    Err(e) => load_failure(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Hierarchy(
    page: HierarchyPage,
    add: Post<AddNode>,
    toggle: Post<SetNodeActive>,
) -> impl IntoView {
    let t = use_texts();
    let errors = form_errors(
        add.value(),
        page.flash.clone().map(|f| f.errors).unwrap_or_default(),
    );
    let ctx = TreeCtx {
        org: page.org.slug.clone(),
        nodes: StoredValue::new(page.nodes.clone()),
        add,
        toggle,
    };
    let roots: Vec<NodeView> = page
        .nodes
        .iter()
        .filter(|n| n.level == Level::Department)
        .cloned()
        .collect();
    let unplaced: Vec<NodeView> = page
        .nodes
        .iter()
        .filter(|n| n.level == Level::Category && n.parent_id.is_none())
        .cloned()
        .collect();
    let empty = roots.is_empty() && unplaced.is_empty();
    view! {
        <AdminNav org=page.org.clone() current="hierarchy"/>
        <h1>{t.adm_hierarchy}</h1>
        <p class="lead">{t.adm_hierarchy_intro}</p>
        {saved_notice()}
        <ErrorSummary errors labels=label/>
        <ActionFailure value=add.value()/>
        <ActionFailure value=toggle.value()/>
        {empty.then(|| view! { <p>{t.hierarchy_empty}</p> })}
        <ul class="tree">
            {roots.into_iter().map(|n| view! { <TreeNode node=n ctx=ctx.clone()/> }).collect_view()}
        </ul>
        <AddNodeForm ctx=ctx.clone() level=Level::Department parent=None/>
        {(!unplaced.is_empty()).then(|| view! {
            <h2>{t.unplaced}</h2>
            <ul class="tree">
                {unplaced.into_iter().map(|n| view! { <TreeNode node=n ctx=ctx.clone()/> }).collect_view()}
            </ul>
        })}
    }
}

/// What every node of the tree needs: the organisation, all nodes, the two actions, the errors.
#[derive(Clone)]
struct TreeCtx {
    org: String,
    nodes: StoredValue<Vec<NodeView>>,
    add: Post<AddNode>,
    toggle: Post<SetNodeActive>,
}

fn child_level(level: Level) -> Option<Level> {
    match level {
        Level::Department => Some(Level::Provider),
        Level::Provider => Some(Level::Category),
        Level::Category => Some(Level::ProblemCode),
        Level::ProblemCode => None,
    }
}

#[component]
fn TreeNode(node: NodeView, ctx: TreeCtx) -> AnyView {
    let t = use_texts();
    let lang = use_lang();
    let below = child_level(node.level);
    let children: Vec<NodeView> = below
        .map(|level| {
            ctx.nodes.with_value(|all| {
                all.iter()
                    .filter(|n| n.level == level && n.parent_id == Some(node.id))
                    .cloned()
                    .collect()
            })
        })
        .unwrap_or_default();
    let name = node.name.get(lang).to_string();
    let (org, toggle, add_ctx, child_ctx) = (ctx.org.clone(), ctx.toggle, ctx.clone(), ctx);
    view! {
        <li class:retired=!node.active>
            <span class="node-level">{t.level_name(node.level)}</span>" "
            <strong>{name.clone()}</strong>
            {(!node.active).then(|| view! { " " <span class="badge badge-archived">{t.retired}</span> })}
            <PostForm action=toggle attr:class="inline-form">
                <input type="hidden" name="org" value=org/>
                <input type="hidden" name="level" value=node.level.code()/>
                <input type="hidden" name="id" value=node.id.to_string()/>
                <input type="hidden" name="active" value=(!node.active).to_string()/>
                <button type="submit" class="button-link">
                    {if node.active { t.retire } else { t.restore }}
                    <span class="visually-hidden">": "{name}</span>
                </button>
            </PostForm>
            {(!children.is_empty()).then(|| view! {
                <ul>
                    {children.into_iter().map(|n| view! { <TreeNode node=n ctx=child_ctx.clone()/> }).collect_view()}
                </ul>
            })}
            {below.filter(|_| node.active).map(|level| view! {
                <AddNodeForm ctx=add_ctx level parent=Some(node.id)/>
            })}
        </li>
    }
    .into_any()
}

/// A collapsed form adding a node of `level` under `parent`.
#[component]
fn AddNodeForm(ctx: TreeCtx, level: Level, parent: Option<i64>) -> impl IntoView {
    let t = use_texts();
    // Ids must be unique on the page: one form per parent.
    let key = format!("{}-{}", level.code(), parent.unwrap_or(0));
    let field = move |f: &'static str, text: &'static str| {
        let id = format!("n-{key}-{f}");
        view! {
            <div class="field">
                <label for=id.clone()>{text}" *"</label>
                <input id=id name=format!("node[{f}]") required=true maxlength="200"/>
            </div>
        }
    };
    view! {
        <details class="add-node">
            <summary>{t.add}": "{t.level_name(level)}</summary>
            <PostForm action=ctx.add attr:class="form">
                <input type="hidden" name="org" value=ctx.org/>
                <input type="hidden" name="level" value=level.code()/>
                <input type="hidden" name="parent" value=parent.map(|p| p.to_string()).unwrap_or_default()/>
                {field("name_fi", t.f_name_fi)}
                {field("name_sv", t.f_name_sv)}
                {field("name_en", t.f_name_en)}
                <button type="submit" class="button button-secondary">{t.add}</button>
            </PostForm>
        </details>
    }
}

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
        <Title text=t.adm_calendar/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <CalendarView page=p week add remove/> }.into_any(),
                    Err(e) => load_failure(e),
                }
            })}
        </Suspense>
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
        <h1>{t.adm_calendar}</h1>
        {saved_notice()}
        <section aria-labelledby="week-heading">
            <h2 id="week-heading">{t.week_heading}</h2>
            <ErrorSummary errors=week_errors labels=label/>
            <ActionFailure value=week.value()/>
            <PostForm action=week attr:class="form" attr:novalidate="">
                <input type="hidden" name="org" value=org_week/>
                <div class="field">
                    <label for="f-time_zone">{t.f_time_zone}</label>
                    <select id="f-time_zone" name="week[time_zone]">
                        {TIME_ZONES.into_iter().map(|tz| view! {
                            <option value=tz selected=tz == w.time_zone>{tz}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field checkbox">
                    <input type="checkbox" id="f-finnish_holidays" name="week[finnish_holidays]" value="on" checked=w.finnish_holidays/>
                    <label for="f-finnish_holidays">{t.f_finnish_holidays}</label>
                </div>
                <table class="hours">
                    <caption class="visually-hidden">{t.week_heading}</caption>
                    <thead><tr>
                        <th scope="col">{t.f_day}</th><th scope="col">{t.f_open}</th>
                        <th scope="col">{t.f_opens}</th><th scope="col">{t.f_closes}</th>
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
                                        <span class="visually-hidden" id=format!("col-open-{i}")>{t.f_open}</span>
                                        <FieldMessage errors=week_errors field=OPEN[i]/>
                                    </td>
                                    <td>
                                        <label class="visually-hidden" for=format!("f-{}", OPENS[i])>{day}" "{t.f_opens}</label>
                                        <input id=format!("f-{}", OPENS[i]) name=format!("week[{}]", OPENS[i]) value=w.opens[i].clone()
                                            size="5" inputmode="numeric" aria-invalid=invalid(week_errors, OPENS[i])
                                            aria-describedby=described_by(week_errors, OPENS[i], false)/>
                                        <FieldMessage errors=week_errors field=OPENS[i]/>
                                    </td>
                                    <td>
                                        <label class="visually-hidden" for=format!("f-{}", CLOSES[i])>{day}" "{t.f_closes}</label>
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
                <button type="submit" class="button" disabled=move || week.pending().get()>{t.save}</button>
            </PostForm>
        </section>
        <section aria-labelledby="closures-heading">
            <h2 id="closures-heading">{t.closures_heading}</h2>
            {if page.closures.is_empty() {
                view! { <p>{t.no_closures}</p> }.into_any()
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
                                    <button type="submit" class="button-link">{t.remove}
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
                <TextField errors=closure_errors field="day" name="closure[day]" label=t.f_day value=typed.day required=true kind="date"/>
                <TextField errors=closure_errors field="reason" name="closure[reason]" label=t.f_reason value=typed.reason required=true/>
                <button type="submit" class="button button-secondary">{t.add}</button>
            </PostForm>
        </section>
        <section aria-labelledby="holidays-heading">
            <h2 id="holidays-heading">{t.holidays_heading}</h2>
            <ul class="holidays">
                {page.holidays.into_iter().map(|(day, h)| view! {
                    <li><time datetime=day.to_string()>{short_day(day, lang)}</time>" "{h.name(lang)}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

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
        <Title text=t.adm_sla/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <SlaView page=p add retire matrix/> }.into_any(),
                    Err(e) => load_failure(e),
                }
            })}
        </Suspense>
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
        t.any.to_string()
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
        <h1>{t.adm_sla}</h1>
        {saved_notice()}
        <section aria-labelledby="policies-heading">
            <h2 id="policies-heading">{t.policies_heading}</h2>
            <p>{t.policies_intro}</p>
            <ActionFailure value=retire.value()/>
            {if page.policies.is_empty() {
                view! { <p>{t.no_policies}</p> }.into_any()
            } else {
                view! {
                    <table class="queue">
                        <caption class="visually-hidden">{t.policies_heading}</caption>
                        <thead><tr>
                            <th scope="col">{t.col_name}</th>
                            <th scope="col">{t.col_applies}</th>
                            <th scope="col">{t.sla_first_response}</th>
                            <th scope="col">{t.f_resolution_hours}</th>
                            <th scope="col">{t.f_warn_percent}</th>
                            <th scope="col"><span class="visually-hidden">{t.retire}</span></th>
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
                                            <button type="submit" class="button-link">{t.retire}
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
            <h3>{t.add_policy}</h3>
            <ErrorSummary errors labels=label/>
            <ActionFailure value=add.value()/>
            <PostForm action=add attr:class="form" attr:novalidate="">
                <input type="hidden" name="org" value=org_add/>
                <TextField errors field="name" name="policy[name]" label=t.col_name value=typed.name.clone() required=true/>
                <SelectField errors field="request_type" name="policy[request_type]" label=t.f_type empty=t.any_option
                    options=RequestType::ALL.iter().map(|ty| (ty.code().to_string(), t.request_type(*ty).to_string())).collect()
                    chosen=typed.request_type.clone()/>
                <SelectField errors field="category_id" name="policy[category_id]" label=t.lv_category empty=t.any_option
                    options=page.categories.iter().map(|(id, n)| (id.to_string(), n.get(lang).to_string())).collect()
                    chosen=typed.category_id.clone()/>
                <SelectField errors field="priority" name="policy[priority]" label=t.col_priority empty=t.any_option
                    options=Priority::ALL.iter().map(|p| (p.code().to_string(), t.priority(*p).to_string())).collect()
                    chosen=typed.priority.clone()/>
                <TextField errors field="customer_org" name="policy[customer_org]" label=t.f_customer_org value=typed.customer_org.clone()/>
                <TextField errors field="first_response_hours" name="policy[first_response_hours]" label=t.f_first_response_hours
                    value=typed.first_response_hours.clone() hint=t.f_hours_hint/>
                <TextField errors field="resolution_hours" name="policy[resolution_hours]" label=t.f_resolution_hours
                    value=typed.resolution_hours.clone() hint=t.f_hours_hint/>
                <TextField errors field="warn_percent" name="policy[warn_percent]" label=t.f_warn_percent
                    value=if typed.warn_percent.is_empty() { "75".to_string() } else { typed.warn_percent.clone() }/>
                <button type="submit" class="button" disabled=move || add.pending().get()>{t.add_policy}</button>
            </PostForm>
        </section>
        <section aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">{t.matrix_heading}</h2>
            <p>{t.matrix_intro}</p>
            <ActionFailure value=matrix.value()/>
            <PostForm action=matrix attr:class="form">
                <input type="hidden" name="org" value=org_matrix/>
                <table class="matrix">
                    <caption class="visually-hidden">{t.matrix_heading}</caption>
                    <thead><tr>
                        <td></td>
                        {Impact::ALL.iter().map(|i| view! { <th scope="col">{t.f_impact}": "{t.level(i.code())}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {Urgency::ALL.iter().map(|u| view! {
                            <tr>
                                <th scope="row">{t.f_urgency}": "{t.level(u.code())}</th>
                                {Impact::ALL.iter().map(|i| {
                                    let name = format!("{}_{}", u.code(), i.code());
                                    let current = m.priority(*u, *i);
                                    view! {
                                        <td>
                                            <label class="visually-hidden" for=format!("m-{name}")>
                                                {t.f_urgency}" "{t.level(u.code())}", "{t.f_impact}" "{t.level(i.code())}
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
                <button type="submit" class="button button-secondary">{t.save}</button>
            </PostForm>
        </section>
    }
}

/// `/admin/o/:org/retention`: per request type, when finished requests are archived and when
/// their personal data is anonymised or they are deleted.
#[component]
pub fn RetentionAdminPage() -> impl IntoView {
    let t = use_texts();
    let save = Post::<SaveRetention>::new();
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || (key(), save.version().get()),
        |((org, form), _)| load_retention(org, form),
    );
    view! {
        <Title text=t.adm_retention/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <RetentionView page=p save/> }.into_any(),
                    Err(e) => load_failure(e),
                }
            })}
        </Suspense>
    }
}

const ARCHIVE: [&str; 6] = [
    "archive_0",
    "archive_1",
    "archive_2",
    "archive_3",
    "archive_4",
    "archive_5",
];
const DISPOSE: [&str; 6] = [
    "dispose_0",
    "dispose_1",
    "dispose_2",
    "dispose_3",
    "dispose_4",
    "dispose_5",
];

fn retention_label(t: &'static Texts, field: &str) -> &'static str {
    if field.starts_with("archive_") {
        t.col_archive_days
    } else {
        t.col_dispose_months
    }
}

#[component]
fn RetentionView(page: RetentionPage, save: Post<SaveRetention>) -> impl IntoView {
    let t = use_texts();
    let errors = form_errors(save.value(), page.errors.clone());
    let input = page.input;
    let cell = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    view! {
        <AdminNav org=page.org.clone() current="retention"/>
        <h1>{t.adm_retention}</h1>
        <p class="lead">{t.retention_intro}</p>
        {saved_notice()}
        <ErrorSummary errors labels=retention_label/>
        <ActionFailure value=save.value()/>
        <PostForm action=save attr:class="form" attr:novalidate="">
            <input type="hidden" name="org" value=page.org.slug.clone()/>
            <p class="hint" id="keep-hint">{t.keep_hint}</p>
            <table class="hours">
                <caption class="visually-hidden">{t.adm_retention}</caption>
                <thead><tr>
                    <th scope="col">{t.f_type}</th>
                    <th scope="col">{t.col_archive_days}</th>
                    <th scope="col">{t.col_dispose_months}</th>
                    <th scope="col">{t.col_disposal}</th>
                </tr></thead>
                <tbody>
                    {RequestType::ALL.into_iter().enumerate().map(|(i, ty)| {
                        let name = t.request_type(ty);
                        let disposal = cell(&input.disposal, i);
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>
                                    <label class="visually-hidden" for=format!("f-{}", ARCHIVE[i])>{name}": "{t.col_archive_days}</label>
                                    <input id=format!("f-{}", ARCHIVE[i]) name=format!("rules[archive_after_days][{i}]")
                                        value=cell(&input.archive_after_days, i) size="5" inputmode="numeric"
                                        aria-invalid=invalid(errors, ARCHIVE[i]) aria-describedby=described_by(errors, ARCHIVE[i], false)/>
                                    <FieldMessage errors field=ARCHIVE[i]/>
                                </td>
                                <td>
                                    <label class="visually-hidden" for=format!("f-{}", DISPOSE[i])>{name}": "{t.col_dispose_months}</label>
                                    <input id=format!("f-{}", DISPOSE[i]) name=format!("rules[dispose_after_months][{i}]")
                                        value=cell(&input.dispose_after_months, i) size="5" inputmode="numeric"
                                        aria-invalid=invalid(errors, DISPOSE[i]) aria-describedby=move || {
                                            let error = errors.with(|e| e.get(DISPOSE[i]).is_some());
                                            if error { format!("keep-hint f-{}-error", DISPOSE[i]) } else { "keep-hint".to_string() }
                                        }/>
                                    <FieldMessage errors field=DISPOSE[i]/>
                                </td>
                                <td>
                                    <label class="visually-hidden" for=format!("f-disposal-{i}")>{name}": "{t.col_disposal}</label>
                                    <select id=format!("f-disposal-{i}") name=format!("rules[disposal][{i}]")>
                                        <option value="anonymise" selected=disposal == "anonymise">{t.disp_anonymise}</option>
                                        <option value="delete" selected=disposal == "delete">{t.disp_delete}</option>
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <button type="submit" class="button" disabled=move || save.pending().get()>{t.save}</button>
        </PostForm>
    }
}

/// `/admin/o/:org/settings`: the organisation's names, privacy notice and members.
#[component]
pub fn SettingsAdminPage() -> impl IntoView {
    let t = use_texts();
    let save = Post::<SaveOrgSettings>::new();
    let key = org_and_form();
    let page = crate::ui::page_data(
        move || (key(), save.version().get()),
        |((org, form), _)| load_org_settings(org, form),
    );
    view! {
        <Title text=t.adm_settings/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <SettingsView page=p save/> }.into_any(),
                    Err(e) => load_failure(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SettingsView(page: SettingsPage, save: Post<SaveOrgSettings>) -> impl IntoView {
    let t = use_texts();
    let errors = form_errors(save.value(), page.errors.clone());
    let v = page.input;
    let people = format!("/admin/o/{}/people", page.org.slug);
    view! {
        <AdminNav org=page.org.clone() current="settings"/>
        <h1>{t.adm_settings}</h1>
        {saved_notice()}
        <ErrorSummary errors labels=label/>
        <ActionFailure value=save.value()/>
        <PostForm action=save attr:class="form" attr:novalidate="">
            <input type="hidden" name="org" value=page.org.slug.clone()/>
            <TextField errors field="name_fi" name="settings[name_fi]" label=t.f_name_fi value=v.name_fi required=true/>
            <TextField errors field="name_sv" name="settings[name_sv]" label=t.f_name_sv value=v.name_sv required=true/>
            <TextField errors field="name_en" name="settings[name_en]" label=t.f_name_en value=v.name_en required=true/>
            <TextField errors field="privacy_url" name="settings[privacy_url]" label=t.f_privacy_url value=v.privacy_url
                required=true hint=t.f_privacy_url_hint/>
            <TextField errors field="untouched_hours" name="settings[untouched_hours]" label=t.f_untouched_hours
                value=v.untouched_hours required=true hint=t.f_untouched_hours_hint kind="number"/>
            <p class="hint">{t.settings_fixed}" ("{page.org.slug.clone()}", "{page.org.prefix.clone()}")"</p>
            <button type="submit" class="button" disabled=move || save.pending().get()>{t.save}</button>
        </PostForm>
        <p><A href=people>{t.adm_people}</A></p>
    }
}
