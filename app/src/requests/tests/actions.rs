//! Supplier waits, splits and hurrying for the customer.

use crate::db::requests;
use crate::domain::views::EventKind;
use crate::domain::{Lang, Status};
use crate::testing::*;
use chrono::{Duration, Utc};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn waiting_for_a_supplier_notes_who_and_their_reference_for_staff_only(pool: PgPool) {
    use crate::domain::request_actions::SupplierInput;
    use crate::error::AppError;
    use crate::requests::actions::wait_for_supplier;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let now = Utc::now();
    let id = submit(&mut conn, &o, cat, now).await.id;
    let wait = SupplierInput {
        supplier: "Kortti Oy".into(),
        reference: "KO-991".into(),
        supplier_note: "Kortin uusinta".into(),
    }
    .parse()
    .expect("valid");
    assert!(
        matches!(
            wait_for_supplier(&mut conn, MAILER, &aino, id, &wait, now).await,
            Err(AppError::Conflict(_))
        ),
        "an information request does not wait for a supplier"
    );
    sqlx::query("UPDATE service_requests SET request_type = 'action_request' WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .expect("retype");
    wait_for_supplier(&mut conn, MAILER, &aino, id, &wait, now)
        .await
        .expect("wait");
    let detail = crate::requests::view::request_detail(&mut conn, o.id, id)
        .await
        .expect("detail")
        .expect("exists");
    assert_eq!(detail.status, Status::WaitingForSupplier);
    assert_eq!(
        detail.supplier,
        Some(("Kortti Oy".to_string(), Some("KO-991".to_string())))
    );
    let supplier_entry = detail
        .timeline
        .iter()
        .find(|e| e.kind == EventKind::Supplier)
        .expect("a supplier entry");
    assert_eq!(supplier_entry.body.as_deref(), Some("Kortin uusinta"));
    let public = crate::db::events::timeline(&mut conn, id, true)
        .await
        .expect("timeline");
    assert!(public.iter().all(|e| e.kind != EventKind::Supplier));
    assert!(
        public
            .iter()
            .any(|e| e.to_status == Some(Status::WaitingForSupplier)),
        "the customer sees the status"
    );
    let other = org_in(&mut conn, "muu", "MUU").await;
    let stranger = staff(&mut conn, &other, "x@example.fi", "X").await;
    assert_eq!(
        wait_for_supplier(&mut conn, MAILER, &stranger, id, &wait, now).await,
        Err(AppError::NotFound)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_split_off_part_is_the_same_customers_new_subtask_and_hurrying_for_them_is_daily(
    pool: PgPool,
) {
    use crate::domain::links::Relation;
    use crate::domain::request_actions::SplitInput;
    use crate::requests::actions::{hurry_for_customer, split};
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let now = Utc::now();
    let first = submit(&mut conn, &o, cat, now).await;
    let part = SplitInput {
        split_subject: "Osoitteenmuutos".into(),
        split_message: "Asiakas muutti".into(),
    }
    .parse()
    .expect("valid");
    let new_id = split(&mut conn, MAILER, &aino, first.id, &part, now)
        .await
        .expect("split");
    let new = crate::requests::view::request_detail(&mut conn, o.id, new_id)
        .await
        .expect("detail")
        .expect("exists");
    assert_eq!(
        (
            new.subject.as_str(),
            new.customer_email.as_str(),
            new.language,
            new.channel.as_str()
        ),
        ("Osoitteenmuutos", "maija@example.fi", Lang::Sv, "desk")
    );
    assert!(
        new.links
            .iter()
            .any(|l| l.relation == Relation::Parent && l.number == first.number.as_str()),
        "{:?}",
        new.links
    );
    assert_eq!(
        outbox_kinds(&mut conn, new_id).await,
        vec!["acknowledgement"],
        "the customer gets a tracking link for the new request"
    );
    let history = requests::customer_history(&mut conn, first.id, 10)
        .await
        .expect("history");
    assert_eq!(
        history
            .same_customer
            .iter()
            .map(|h| h.id)
            .collect::<Vec<_>>(),
        vec![new_id],
        "the customer panel lists their other request"
    );
    assert!(
        hurry_for_customer(&mut conn, &aino, first.id, now)
            .await
            .expect("hurry")
    );
    assert!(
        !hurry_for_customer(&mut conn, &aino, first.id, now + Duration::hours(1))
            .await
            .expect("hurry"),
        "once a day, as for the customer"
    );
    let timeline = crate::db::events::timeline(&mut conn, first.id, false)
        .await
        .expect("timeline");
    let hurry = timeline
        .iter()
        .find(|e| e.kind == EventKind::HurryUp)
        .expect("hurried");
    assert_eq!(hurry.staff_name.as_deref(), Some("Aino"));
}
