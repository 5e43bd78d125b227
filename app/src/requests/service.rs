//! Loads what the SLA rules need, lets `domain` decide, and stores the result: nothing here is a
//! rule of its own.

use crate::db::requests::Classified;
use crate::db::sla as db;
use crate::domain::calendar::Calendar;
use crate::domain::classification::{Impact, Length, RequestType, Urgency};
use crate::domain::sla::{self, DueExplanation, Facts, Policy};
use crate::intake::Rules;
use chrono::{DateTime, Days, Utc};
use sqlx::PgConnection;

/// The calendar that times a request started at `start`: closures from the day before it on, so
/// that a request started just after midnight in Finland (still the day before in UTC) sees those
/// of its own local day.
pub(crate) async fn calendar_from(
    conn: &mut PgConnection,
    organisation_id: i64,
    start: DateTime<Utc>,
) -> sqlx::Result<Calendar> {
    let day = start
        .date_naive()
        .checked_sub_days(Days::new(1))
        .unwrap_or(start.date_naive());
    db::calendar(conn, organisation_id, day).await
}

/// The organisation's SLA policy that fits `facts` best, if any.
async fn choose_policy(
    conn: &mut PgConnection,
    organisation_id: i64,
    facts: &Facts<'_>,
) -> sqlx::Result<Option<Policy>> {
    let policies: Vec<Policy> = db::policies(conn, organisation_id)
        .await?
        .into_iter()
        .map(|p| p.policy)
        .collect();
    Ok(sla::select_policy(&policies, facts).cloned())
}

/// Classifies and times a request about to be created under `rules`: priority from the
/// organisation's matrix, the most specific SLA policy, and its clocks from `now`.
pub fn classify_new(
    rules: &Rules,
    request_type: RequestType,
    category_id: Option<i64>,
    customer_org: Option<&str>,
    now: DateTime<Utc>,
) -> Classified {
    let (urgency, impact) = (Urgency::Medium, Impact::Medium);
    let priority = rules.matrix.priority(urgency, impact);
    let facts = Facts {
        request_type,
        category_id,
        priority,
        customer_org,
    };
    let (sla_policy_id, clocks) = match sla::select_policy(&rules.policies, &facts) {
        Some(p) => (
            Some(p.id),
            sla::clocks(&rules.calendar, &p.targets, now, &[]),
        ),
        None => (None, sla::Clocks::default()),
    };
    Classified {
        request_type,
        urgency,
        impact,
        priority,
        sla_policy_id,
        clocks,
        length: Length::usual_for(request_type),
    }
}

/// Reclassifies request `id` of `organisation_id`: stores the new classification and priority with
/// their events, chooses the SLA policy that now fits best and re-times the clocks from the start.
/// `None` when the request belongs to another organisation.
pub async fn reclassify(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    c: &crate::domain::classification::Classification,
    actor_user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<()>> {
    let Some(was) = crate::db::requests::class_for_update(conn, organisation_id, id).await? else {
        return Ok(None);
    };
    let facts = Facts {
        request_type: c.request_type,
        category_id: c.category_id,
        priority: c.priority,
        customer_org: was.customer_org.as_deref(),
    };
    let policy_id = choose_policy(conn, organisation_id, &facts)
        .await?
        .map(|p| p.id);
    crate::db::requests::reclassify(
        conn,
        organisation_id,
        id,
        c,
        &was,
        policy_id,
        actor_user_id,
        now,
    )
    .await?;
    if policy_id.is_none() {
        db::store_clocks(conn, id, &sla::Clocks::default()).await?;
    }
    retime(conn, id).await?;
    Ok(Some(()))
}

/// What a request's clocks are computed from: its start and status history, its policy's targets
/// and its organisation's calendar. `None` without a policy.
async fn clock_inputs(
    conn: &mut PgConnection,
    request_id: i64,
) -> sqlx::Result<Option<(db::ClockSource, sla::Targets, Calendar)>> {
    let Some(src) = db::clock_source(conn, request_id).await? else {
        return Ok(None);
    };
    let Some(policy_id) = src.sla_policy_id else {
        return Ok(None);
    };
    let Some(targets) = db::policy_targets(conn, policy_id).await? else {
        return Ok(None);
    };
    let cal = calendar_from(conn, src.organisation_id, src.created_at).await?;
    Ok(Some((src, targets, cal)))
}

/// Recomputes and stores the clocks of a request from its status history, after a change.
pub async fn retime(conn: &mut PgConnection, request_id: i64) -> sqlx::Result<()> {
    let Some((src, targets, cal)) = clock_inputs(conn, request_id).await? else {
        return Ok(());
    };
    let clocks = sla::clocks(&cal, &targets, src.created_at, &src.history);
    db::store_clocks(conn, request_id, &clocks).await
}

/// Why request `request_id` is due when it is; `None` without a running resolution clock.
pub async fn explain_due(
    conn: &mut PgConnection,
    request_id: i64,
) -> sqlx::Result<Option<DueExplanation>> {
    Ok(clock_inputs(conn, request_id)
        .await?
        .and_then(|(src, targets, cal)| sla::explain(&cal, &targets, src.created_at, &src.history)))
}

/// What became of an advisor's link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOutcome {
    Linked,
    /// The viewed request is not the advisor's organisation's.
    NotFound,
    UnknownNumber,
    SameRequest,
    NotMergeable,
}

/// Links request `id` of `organisation_id` to request `number` as the advisor chose: related,
/// the other as its subtask, or this one merged into the other as a duplicate.
pub async fn link_requests(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    number: &str,
    choice: crate::domain::links::LinkChoice,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<LinkOutcome> {
    use crate::domain::links::{LinkChoice, LinkKind, can_merge};
    let Some(this) = crate::db::requests::tracking_key(conn, id, true)
        .await?
        .filter(|k| k.organisation_id == organisation_id)
    else {
        return Ok(LinkOutcome::NotFound);
    };
    let Some(number) = crate::domain::RequestNumber::parse(number) else {
        return Ok(LinkOutcome::UnknownNumber);
    };
    let Some(other_id) =
        crate::db::links::find_by_number(conn, organisation_id, number.as_str()).await?
    else {
        return Ok(LinkOutcome::UnknownNumber);
    };
    if other_id == this.id {
        return Ok(LinkOutcome::SameRequest);
    }
    let Some(other) = crate::db::requests::tracking_key(conn, other_id, true).await? else {
        return Ok(LinkOutcome::UnknownNumber);
    };
    let (here, there) = (
        (this.id, this.number.as_str()),
        (other.id, other.number.as_str()),
    );
    match choice {
        LinkChoice::Related => {
            crate::db::links::link(
                conn,
                organisation_id,
                here,
                there,
                LinkKind::Related,
                user_id,
                now,
            )
            .await?;
        }
        LinkChoice::Child => {
            crate::db::links::link(
                conn,
                organisation_id,
                here,
                there,
                LinkKind::Child,
                user_id,
                now,
            )
            .await?;
        }
        LinkChoice::MergeInto => {
            if !can_merge(this.status, other.status) {
                return Ok(LinkOutcome::NotMergeable);
            }
            crate::db::links::merge(conn, &this, there, user_id, now).await?;
            db::store_clocks(conn, this.id, &sla::Clocks::default()).await?;
        }
    }
    Ok(LinkOutcome::Linked)
}

/// Completes work order `work_order_id` of `organisation_id`: every request in it that is still
/// being worked on gets a public reply in its customer's language and is resolved, and its clocks
/// are re-timed. Returns how many were resolved, or `None` when the work order is not open here.
pub async fn complete_work_order(
    conn: &mut PgConnection,
    mailer: super::customer::Mailer<'_>,
    organisation_id: i64,
    work_order_id: i64,
    resolution: &crate::domain::work_order::Resolution,
    user: (i64, crate::domain::Actor),
    now: DateTime<Utc>,
) -> sqlx::Result<Option<usize>> {
    use crate::domain::Status;
    use crate::domain::views::EventKind;
    if !crate::db::work_orders::mark_done(conn, organisation_id, work_order_id, now).await? {
        return Ok(None);
    }
    let Some(order) = crate::db::work_orders::view(conn, organisation_id, work_order_id).await?
    else {
        return Ok(None);
    };
    let mut resolved = 0;
    for m in order.members {
        let Some(key) = crate::db::requests::tracking_key(conn, m.id, true).await? else {
            continue;
        };
        if key.status.transition(Status::Resolved, user.1).is_err() {
            continue;
        }
        let reply = crate::db::requests::Message {
            kind: EventKind::Reply,
            actor_user_id: Some(user.0),
            body: resolution.text(m.language),
            to: Status::Resolved,
            channel: "desk",
        };
        super::customer::add_message(conn, mailer, &key, &reply, now).await?;
        resolved += 1;
    }
    Ok(Some(resolved))
}

/// What became of a delegation or hand-back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelegationOutcome {
    Done,
    /// Not a request this organisation owns (or, for a hand-back, holds).
    NotFound,
    /// Not while it is finished, or delegated already (or, for a hand-back, not delegated).
    NotNow,
}

/// Hands request `id` of `organisation_id` to another organisation.
pub async fn delegate(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    d: &crate::domain::delegation::Delegation,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<DelegationOutcome> {
    let Some(key) = crate::db::requests::tracking_key(conn, id, true)
        .await?
        .filter(|k| k.organisation_id == organisation_id)
    else {
        return Ok(DelegationOutcome::NotFound);
    };
    let open = crate::db::delegations::open_for(conn, id).await?;
    if !crate::domain::delegation::may_delegate(key.status, open.is_some()) {
        return Ok(DelegationOutcome::NotNow);
    }
    if crate::db::delegations::start(conn, &key, d, user_id, now).await? {
        Ok(DelegationOutcome::Done)
    } else {
        Ok(DelegationOutcome::NotNow)
    }
}

/// Ends the delegation of request `id`: by the organisation holding it (hand-back) or by its
/// owner (taking it back). The business time away, on the owner's calendar, goes to its clock.
pub async fn hand_back(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    note: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<DelegationOutcome> {
    let Some(open) = crate::db::delegations::open_for(conn, id).await? else {
        // Not delegated: "not now" only to its own organisation, so the answer never tells
        // another organisation whether the request exists.
        let own = crate::db::requests::tracking_key(conn, id, false)
            .await?
            .is_some_and(|k| k.organisation_id == organisation_id);
        return Ok(if own {
            DelegationOutcome::NotNow
        } else {
            DelegationOutcome::NotFound
        });
    };
    if organisation_id != open.organisation_id && organisation_id != open.to_organisation_id {
        return Ok(DelegationOutcome::NotFound);
    }
    let Some(key) = crate::db::requests::tracking_key(conn, id, true).await? else {
        return Ok(DelegationOutcome::NotFound);
    };
    let cal = calendar_from(conn, open.organisation_id, open.created_at).await?;
    let away = cal.business_between(open.created_at, now).num_minutes();
    if crate::db::delegations::hand_back(conn, &key, open.id, note, away, user_id, now).await? {
        Ok(DelegationOutcome::Done)
    } else {
        Ok(DelegationOutcome::NotNow)
    }
}
