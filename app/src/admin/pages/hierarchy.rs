//! `/admin/o/:org/hierarchy`: the service hierarchy.

use super::{AdminNav, label, org_and_form, saved_notice};
use crate::admin::api::*;
use crate::admin::types::*;
use crate::domain::admin::Level;
use crate::ui::{ActionFailure, ErrorSummary, Loaded, form_errors, use_lang, use_texts};
use crate::ui::{Post, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;

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
        <Title text=t.admin.adm_hierarchy/>
        <Loaded data=page ok=move |p| view! { <Hierarchy page=p add toggle/> }/>
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
        <h1>{t.admin.adm_hierarchy}</h1>
        <p class="lead">{t.admin.adm_hierarchy_intro}</p>
        {saved_notice()}
        <ErrorSummary errors labels=label/>
        <ActionFailure value=add.value()/>
        <ActionFailure value=toggle.value()/>
        {empty.then(|| view! { <p>{t.admin.hierarchy_empty}</p> })}
        <ul class="tree">
            {roots.into_iter().map(|n| view! { <TreeNode node=n ctx=ctx.clone()/> }).collect_view()}
        </ul>
        <AddNodeForm ctx=ctx.clone() level=Level::Department parent=None/>
        {(!unplaced.is_empty()).then(|| view! {
            <h2>{t.admin.unplaced}</h2>
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
            {(!node.active).then(|| view! { " " <span class="badge badge-archived">{t.admin.retired}</span> })}
            <PostForm action=toggle attr:class="inline-form">
                <input type="hidden" name="org" value=org/>
                <input type="hidden" name="level" value=node.level.code()/>
                <input type="hidden" name="id" value=node.id.to_string()/>
                <input type="hidden" name="active" value=(!node.active).to_string()/>
                <button type="submit" class="button-link">
                    {if node.active { t.admin.retire } else { t.admin.restore }}
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
            <summary>{t.admin.add}": "{t.level_name(level)}</summary>
            <PostForm action=ctx.add attr:class="form">
                <input type="hidden" name="org" value=ctx.org/>
                <input type="hidden" name="level" value=level.code()/>
                <input type="hidden" name="parent" value=parent.map(|p| p.to_string()).unwrap_or_default()/>
                {field("name_fi", t.common.f_name_fi)}
                {field("name_sv", t.common.f_name_sv)}
                {field("name_en", t.common.f_name_en)}
                <button type="submit" class="button button-secondary">{t.admin.add}</button>
            </PostForm>
        </details>
    }
}
