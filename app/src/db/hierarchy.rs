//! The service hierarchy of an organisation: department → service provider → service category →
//! problem code. Nodes are retired, never deleted, so old requests keep their classification.

use crate::domain::Localized;
use crate::domain::admin::Level;
use sqlx::PgConnection;

/// One node of the hierarchy, active or retired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub level: Level,
    pub id: i64,
    /// The node above; `None` for departments and for categories not yet placed under a provider.
    pub parent_id: Option<i64>,
    pub name: Localized,
    pub active: bool,
}

/// The whole hierarchy of an organisation, each level in display order. A few hundred rows at
/// most; each query is served by its `*_by_org` index.
pub async fn tree(conn: &mut PgConnection, organisation_id: i64) -> sqlx::Result<Vec<Node>> {
    let mut out = Vec::new();
    let node = |level, id, parent_id, fi, sv, en, active| Node {
        level,
        id,
        parent_id,
        name: Localized { fi, sv, en },
        active,
    };
    for r in sqlx::query!(
        "SELECT id, name_fi, name_sv, name_en, active FROM departments
         WHERE organisation_id = $1 ORDER BY sort_order, id",
        organisation_id
    )
    .fetch_all(&mut *conn)
    .await?
    {
        out.push(node(
            Level::Department,
            r.id,
            None,
            r.name_fi,
            r.name_sv,
            r.name_en,
            r.active,
        ));
    }
    for r in sqlx::query!(
        "SELECT id, department_id, name_fi, name_sv, name_en, active FROM service_providers
         WHERE organisation_id = $1 ORDER BY sort_order, id",
        organisation_id
    )
    .fetch_all(&mut *conn)
    .await?
    {
        out.push(node(
            Level::Provider,
            r.id,
            Some(r.department_id),
            r.name_fi,
            r.name_sv,
            r.name_en,
            r.active,
        ));
    }
    for r in sqlx::query!(
        "SELECT id, provider_id, name_fi, name_sv, name_en, active FROM service_categories
         WHERE organisation_id = $1 ORDER BY sort_order, id",
        organisation_id
    )
    .fetch_all(&mut *conn)
    .await?
    {
        out.push(node(
            Level::Category,
            r.id,
            r.provider_id,
            r.name_fi,
            r.name_sv,
            r.name_en,
            r.active,
        ));
    }
    for r in sqlx::query!(
        "SELECT id, category_id, name_fi, name_sv, name_en, active FROM problem_codes
         WHERE organisation_id = $1 ORDER BY sort_order, id",
        organisation_id
    )
    .fetch_all(conn)
    .await?
    {
        out.push(node(
            Level::ProblemCode,
            r.id,
            Some(r.category_id),
            r.name_fi,
            r.name_sv,
            r.name_en,
            r.active,
        ));
    }
    Ok(out)
}

/// Adds a node under `parent_id` (which must be a node of the level above in the same
/// organisation; departments have none). Returns its id, or `None` when the parent does not fit.
pub async fn insert(
    conn: &mut PgConnection,
    organisation_id: i64,
    level: Level,
    parent_id: Option<i64>,
    name: &Localized,
) -> sqlx::Result<Option<i64>> {
    match (level, parent_id) {
        (Level::Department, None) => sqlx::query_scalar!(
            "INSERT INTO departments (organisation_id, name_fi, name_sv, name_en, sort_order)
             VALUES ($1, $2, $3, $4,
                     (SELECT coalesce(max(sort_order), 0) + 1 FROM departments WHERE organisation_id = $1))
             RETURNING id",
            organisation_id,
            name.fi,
            name.sv,
            name.en
        )
        .fetch_optional(conn)
        .await,
        (Level::Provider, Some(parent)) => sqlx::query_scalar!(
            "INSERT INTO service_providers (organisation_id, department_id, name_fi, name_sv, name_en, sort_order)
             SELECT $1, d.id, $3, $4, $5,
                    (SELECT coalesce(max(sort_order), 0) + 1 FROM service_providers WHERE organisation_id = $1)
             FROM departments d WHERE d.id = $2 AND d.organisation_id = $1
             RETURNING id",
            organisation_id,
            parent,
            name.fi,
            name.sv,
            name.en
        )
        .fetch_optional(conn)
        .await,
        (Level::Category, Some(parent)) => sqlx::query_scalar!(
            "INSERT INTO service_categories (organisation_id, provider_id, name_fi, name_sv, name_en, sort_order)
             SELECT $1, p.id, $3, $4, $5,
                    (SELECT coalesce(max(sort_order), 0) + 1 FROM service_categories WHERE organisation_id = $1)
             FROM service_providers p WHERE p.id = $2 AND p.organisation_id = $1
             RETURNING id",
            organisation_id,
            parent,
            name.fi,
            name.sv,
            name.en
        )
        .fetch_optional(conn)
        .await,
        (Level::ProblemCode, Some(parent)) => sqlx::query_scalar!(
            "INSERT INTO problem_codes (organisation_id, category_id, name_fi, name_sv, name_en, sort_order)
             SELECT $1, c.id, $3, $4, $5,
                    (SELECT coalesce(max(sort_order), 0) + 1 FROM problem_codes WHERE organisation_id = $1)
             FROM service_categories c WHERE c.id = $2 AND c.organisation_id = $1
             RETURNING id",
            organisation_id,
            parent,
            name.fi,
            name.sv,
            name.en
        )
        .fetch_optional(conn)
        .await,
        _ => Ok(None),
    }
}

/// Retires or restores a node of the organisation; `false` when there is no such node.
pub async fn set_active(
    conn: &mut PgConnection,
    organisation_id: i64,
    level: Level,
    id: i64,
    active: bool,
) -> sqlx::Result<bool> {
    let done =
        match level {
            Level::Department => {
                sqlx::query!(
                    "UPDATE departments SET active = $3 WHERE id = $1 AND organisation_id = $2",
                    id,
                    organisation_id,
                    active
                )
                .execute(conn)
                .await?
            }
            Level::Provider => sqlx::query!(
                "UPDATE service_providers SET active = $3 WHERE id = $1 AND organisation_id = $2",
                id,
                organisation_id,
                active
            )
            .execute(conn)
            .await?,
            Level::Category => sqlx::query!(
                "UPDATE service_categories SET active = $3 WHERE id = $1 AND organisation_id = $2",
                id,
                organisation_id,
                active
            )
            .execute(conn)
            .await?,
            Level::ProblemCode => {
                sqlx::query!(
                    "UPDATE problem_codes SET active = $3 WHERE id = $1 AND organisation_id = $2",
                    id,
                    organisation_id,
                    active
                )
                .execute(conn)
                .await?
            }
        };
    Ok(done.rows_affected() == 1)
}

/// The active problem codes of an organisation as `(id, category id, name)`, for choosing one.
pub async fn active_problem_codes(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<(i64, i64, Localized)>> {
    let rows = sqlx::query!(
        "SELECT id, category_id, name_fi, name_sv, name_en FROM problem_codes
         WHERE organisation_id = $1 AND active ORDER BY sort_order, id",
        organisation_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.id,
                r.category_id,
                Localized {
                    fi: r.name_fi,
                    sv: r.name_sv,
                    en: r.name_en,
                },
            )
        })
        .collect())
}
