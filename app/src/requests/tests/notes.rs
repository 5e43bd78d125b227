//! Notes, drafts and who is writing.

use crate::domain::views::EventKind;
use crate::testing::*;
use chrono::{Duration, Utc};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn drafts_come_back_to_their_writer_and_tell_colleagues_who_is_writing(pool: PgPool) {
    use crate::domain::drafts::{DraftKind, Drafts, WRITING_SECS, Writers};
    use crate::requests::notes::sync_draft;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let at = Utc::now();
    let s = submit(&mut conn, &o, cat, at).await;
    let reply = Some((DraftKind::Reply, "Hei Maija,\n\n"));
    let seen = sync_draft(&mut conn, &aino, s.id, reply, at)
        .await
        .expect("save");
    assert_eq!(seen, Some(Writers::default()));
    sync_draft(&mut conn, &aino, s.id, Some((DraftKind::Note, "Soita")), at)
        .await
        .expect("save");
    let mine = crate::db::drafts::on_request(&mut conn, s.id, aino.id, at)
        .await
        .expect("mine");
    let both = Drafts {
        reply: Some("Hei Maija,\n\n".into()),
        note: Some("Soita".into()),
    };
    assert_eq!(mine, (both, Writers::default()));
    assert_eq!(
        crate::db::drafts::on_request(&mut conn, s.id, ben.id, at)
            .await
            .expect("ben"),
        (Drafts::default(), Writers(vec!["Aino".into()])),
        "Ben has no drafts of his own and sees Aino writing"
    );
    let soon = at + Duration::seconds(WRITING_SECS);
    let seen = sync_draft(&mut conn, &ben, s.id, None, soon)
        .await
        .expect("ask");
    assert_eq!(seen, Some(Writers(vec!["Aino".into()])));
    let later = at + Duration::seconds(WRITING_SECS + 1);
    let seen = sync_draft(&mut conn, &ben, s.id, None, later)
        .await
        .expect("ask");
    assert_eq!(
        seen,
        Some(Writers::default()),
        "an old draft is not someone writing"
    );
    // Emptying the box removes the draft.
    sync_draft(&mut conn, &aino, s.id, Some((DraftKind::Note, "  ")), later)
        .await
        .expect("clear");
    let (mine, _) = crate::db::drafts::on_request(&mut conn, s.id, aino.id, later)
        .await
        .expect("mine");
    assert_eq!(mine.note, None);
    // Another organisation's advisor cannot write on it.
    let other = org_in(&mut conn, "muu", "MUU").await;
    let stranger = staff(&mut conn, &other, "x@example.fi", "X").await;
    assert_eq!(
        sync_draft(&mut conn, &stranger, s.id, reply, at)
            .await
            .expect("refused"),
        None
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_note_is_staff_only_removes_its_draft_and_notifies_whom_it_mentions(pool: PgPool) {
    use crate::domain::drafts::DraftKind;
    let (o, cat) = org(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let aino = staff(&mut conn, &o, "aino.neuvoja@example.fi", "Aino").await;
    let ben = staff(&mut conn, &o, "ben@example.fi", "Ben").await;
    let at = Utc::now();
    let s = submit(&mut conn, &o, cat, at).await;
    crate::db::drafts::save(&mut conn, s.id, ben.id, DraftKind::Note, Some("@aino"), at)
        .await
        .expect("draft");
    let text = "@Aino.Neuvoja katsotko? Cc @ben @nobody";
    let notified = crate::requests::notes::add_note(&mut conn, &ben, s.id, text, at)
        .await
        .expect("note");
    assert_eq!(
        notified,
        Some(1),
        "only Aino: never the writer, never an unknown handle"
    );
    let to_aino = sqlx::query_scalar!(
        "SELECT count(*) AS \"n!\" FROM notifications WHERE user_id = $1 AND request_id = $2 AND kind = 'mention'",
        aino.id,
        s.id
    )
    .fetch_one(&mut *conn)
    .await
    .expect("count");
    assert_eq!(to_aino, 1);
    assert_eq!(
        crate::db::drafts::on_request(&mut conn, s.id, ben.id, at)
            .await
            .expect("mine")
            .0
            .note,
        None
    );
    let staff_view = crate::db::events::timeline(&mut conn, s.id, false)
        .await
        .expect("timeline");
    let note = staff_view
        .iter()
        .find(|e| e.kind == EventKind::Note)
        .expect("note");
    assert_eq!(note.body.as_deref(), Some(text));
    assert_eq!(note.staff_name.as_deref(), Some("Ben"));
    let customer_view = crate::db::events::timeline(&mut conn, s.id, true)
        .await
        .expect("timeline");
    assert!(customer_view.iter().all(|e| e.kind != EventKind::Note));
}
