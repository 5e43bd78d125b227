//! The members of an organisation: roles, skills and capacity, and who work can go to.

use crate::domain::Lang;
use crate::domain::people::{Member, MemberView, Skills};
use crate::domain::views::EventDetail;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

fn skills(languages: Vec<String>, category_ids: Vec<i64>) -> Skills {
    Skills {
        languages: languages.iter().filter_map(|c| Lang::parse(c)).collect(),
        category_ids,
    }
}

/// The members of `organisation_id` with their skills, capacity and open work here, by name.
pub async fn members(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<MemberView>> {
    Ok(sqlx::query!(
        r#"SELECT u.id, u.display_name, u.email, m.role, m.languages, m.category_ids, m.capacity,
                  (SELECT count(*) FROM service_requests r
                   WHERE r.assignee_id = u.id AND r.organisation_id = m.organisation_id
                     AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                  ) AS "open!"
           FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.organisation_id = $1
           ORDER BY u.display_name, u.id
           LIMIT 1000"#,
        organisation_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| MemberView {
        user_id: r.id,
        display_name: r.display_name,
        email: r.email,
        role: r.role,
        skills: skills(r.languages, r.category_ids),
        capacity: r.capacity,
        open: r.open,
    })
    .collect())
}

/// What saving a member did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// A new account was made; it has no password until its owner follows the invitation.
    NewAccount(i64),
    /// An existing account became a member, or its membership changed.
    Existing(i64),
}

/// Makes the person with `m.email` a member of `organisation_id` with `m`'s role, skills and
/// capacity, creating their account (without a usable password) when there is none. An existing
/// account keeps its name and password: it may belong to other organisations too.
pub async fn save_member(
    conn: &mut PgConnection,
    organisation_id: i64,
    m: &Member,
) -> sqlx::Result<Saved> {
    let created = sqlx::query_scalar!(
        "INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, '')
         ON CONFLICT (lower(email)) DO NOTHING RETURNING id",
        m.email,
        m.display_name
    )
    .fetch_optional(&mut *conn)
    .await?;
    let user_id = match created {
        Some(id) => id,
        None => {
            sqlx::query_scalar!(
                "SELECT id FROM users WHERE lower(email) = lower($1)",
                m.email
            )
            .fetch_one(&mut *conn)
            .await?
        }
    };
    sqlx::query!(
        "INSERT INTO memberships (user_id, organisation_id, role, languages, category_ids, capacity)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id, organisation_id)
         DO UPDATE SET role = $3, languages = $4, category_ids = $5, capacity = $6",
        user_id,
        organisation_id,
        m.role,
        &m.skills.language_codes(),
        &m.skills.category_ids,
        m.capacity
    )
    .execute(&mut *conn)
    .await?;
    Ok(match created {
        Some(id) => Saved::NewAccount(id),
        None => Saved::Existing(user_id),
    })
}

/// Ends `user_id`'s membership of `organisation_id`, and with it every session working there.
/// Their active requests here go back to the queue, each with an `assigned` event by `by`.
/// Returns whether they were a member.
pub async fn remove_member(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
    by: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let removed = sqlx::query!(
        "DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2",
        organisation_id,
        user_id
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if removed {
        sqlx::query!(
            "DELETE FROM sessions WHERE user_id = $1 AND organisation_id = $2",
            user_id,
            organisation_id
        )
        .execute(&mut *conn)
        .await?;
        let detail = serde_json::to_value(EventDetail::Assigned { to: None })
            .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        sqlx::query!(
            "WITH freed AS (
                 UPDATE service_requests SET assignee_id = NULL, assigned_at = NULL
                 WHERE organisation_id = $1 AND assignee_id = $2
                   AND status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                 RETURNING id)
             INSERT INTO request_events (request_id, organisation_id, kind, actor_user_id, public, channel, created_at, detail)
             SELECT id, $1, 'assigned', $3, false, 'desk', $4, $5 FROM freed",
            organisation_id,
            user_id,
            by,
            now,
            detail
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(removed)
}

/// `user_id`'s skills and capacity in `organisation_id` and how many active requests they hold
/// there now, or `None` when they are not a member.
pub async fn workload(
    conn: &mut PgConnection,
    organisation_id: i64,
    user_id: i64,
) -> sqlx::Result<Option<(Skills, i32, i64)>> {
    Ok(sqlx::query!(
        r#"SELECT m.languages, m.category_ids, m.capacity,
                  (SELECT count(*) FROM service_requests r
                   WHERE r.assignee_id = m.user_id AND r.organisation_id = m.organisation_id
                     AND r.status IN ('new', 'open', 'in_progress', 'waiting_for_customer', 'waiting_for_supplier')
                  ) AS "open!"
           FROM memberships m WHERE m.organisation_id = $1 AND m.user_id = $2"#,
        organisation_id,
        user_id
    )
    .fetch_optional(conn)
    .await?
    .map(|r| (skills(r.languages, r.category_ids), r.capacity, r.open)))
}
