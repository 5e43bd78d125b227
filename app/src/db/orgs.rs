//! Organisations and their service categories.

use crate::domain::Localized;
use sqlx::PgConnection;

/// An organisation as the public forms need it.
#[derive(Debug, Clone)]
pub struct Organisation {
    pub id: i64,
    pub slug: String,
    pub prefix: String,
    pub name: Localized,
    pub privacy_url: String,
    /// The colour of buttons and the header on its forms, `#rrggbb`.
    pub brand_colour: String,
    /// Sites allowed to show its forms in a frame, e.g. `https://www.example.fi`.
    pub allowed_origins: Vec<String>,
    /// Hours without a move after which a request reminds whoever has it.
    pub untouched_hours: i32,
    /// Moves on with every change to what taking in a request reads (see [`crate::intake`]).
    pub settings_version: i64,
}

struct OrgRow {
    id: i64,
    slug: String,
    prefix: String,
    name_fi: String,
    name_sv: String,
    name_en: String,
    privacy_url: String,
    brand_colour: String,
    allowed_origins: Vec<String>,
    untouched_hours: i32,
    settings_version: i64,
}

impl From<OrgRow> for Organisation {
    fn from(r: OrgRow) -> Self {
        Organisation {
            id: r.id,
            slug: r.slug,
            prefix: r.prefix,
            name: Localized {
                fi: r.name_fi,
                sv: r.name_sv,
                en: r.name_en,
            },
            privacy_url: r.privacy_url,
            brand_colour: r.brand_colour,
            allowed_origins: r.allowed_origins,
            untouched_hours: r.untouched_hours,
            settings_version: r.settings_version,
        }
    }
}

/// Every organisation, by Finnish name (a short list: one row per tenant).
pub async fn list(conn: &mut PgConnection) -> sqlx::Result<Vec<Organisation>> {
    let rows = sqlx::query_as!(
        OrgRow,
        "SELECT id, slug, prefix, name_fi, name_sv, name_en, privacy_url, brand_colour, allowed_origins,
                untouched_hours, settings_version
         FROM organisations ORDER BY name_fi, id"
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The organisation with this URL slug.
pub async fn find_by_slug(
    conn: &mut PgConnection,
    slug: &str,
) -> sqlx::Result<Option<Organisation>> {
    let row = sqlx::query_as!(
        OrgRow,
        "SELECT id, slug, prefix, name_fi, name_sv, name_en, privacy_url, brand_colour, allowed_origins,
                untouched_hours, settings_version
         FROM organisations WHERE slug = $1",
        slug
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Into::into))
}

/// Organisation `id`.
pub async fn find(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<Organisation>> {
    let row = sqlx::query_as!(
        OrgRow,
        "SELECT id, slug, prefix, name_fi, name_sv, name_en, privacy_url, brand_colour, allowed_origins,
                untouched_hours, settings_version
         FROM organisations WHERE id = $1",
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(Into::into))
}

/// Creates an organisation with office-hours calendar and returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    slug: &str,
    prefix: &str,
    name: &Localized,
    privacy_url: &str,
) -> sqlx::Result<i64> {
    let id = sqlx::query_scalar!(
        "INSERT INTO organisations (slug, prefix, name_fi, name_sv, name_en, privacy_url)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        slug,
        prefix,
        name.fi,
        name.sv,
        name.en,
        privacy_url
    )
    .fetch_one(&mut *conn)
    .await?;
    // A new organisation is open office hours until an administrator says otherwise.
    crate::db::sla::save_week(
        conn,
        id,
        "Europe/Helsinki",
        true,
        &crate::domain::calendar::Calendar::default().week,
    )
    .await?;
    Ok(id)
}

/// A service category a citizen can choose.
#[derive(Debug, Clone)]
pub struct Category {
    pub id: i64,
    pub name: Localized,
}

/// The active categories of an organisation, in display order.
pub async fn categories(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<Category>> {
    let rows = sqlx::query!(
        "SELECT id, name_fi, name_sv, name_en FROM service_categories
         WHERE organisation_id = $1 AND active ORDER BY sort_order, id",
        organisation_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Category {
            id: r.id,
            name: Localized {
                fi: r.name_fi,
                sv: r.name_sv,
                en: r.name_en,
            },
        })
        .collect())
}

/// The ids of an organisation's active categories, for checking a chosen one.
pub async fn category_ids(conn: &mut PgConnection, organisation_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar!(
        "SELECT id FROM service_categories WHERE organisation_id = $1 AND active",
        organisation_id
    )
    .fetch_all(conn)
    .await
}

/// Adds a category to an organisation, under service provider `provider_id` when given, and
/// returns its id.
pub async fn insert_category(
    conn: &mut PgConnection,
    organisation_id: i64,
    provider_id: Option<i64>,
    name: &Localized,
    sort_order: i32,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO service_categories (organisation_id, provider_id, name_fi, name_sv, name_en, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        organisation_id,
        provider_id,
        name.fi,
        name.sv,
        name.en,
        sort_order
    )
    .fetch_one(conn)
    .await
}

/// Saves an organisation's names, privacy notice, untouched time, sender and signatures.
pub async fn update_settings(
    conn: &mut PgConnection,
    id: i64,
    s: &crate::domain::admin::OrgSettings,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE organisations SET name_fi = $2, name_sv = $3, name_en = $4, privacy_url = $5,
             untouched_hours = $6, mail_from_name = $7, mail_from_address = $8,
             signature_fi = $9, signature_sv = $10, signature_en = $11, default_language = $12,
             reopen_days = $13
         WHERE id = $1",
        id,
        s.name.fi,
        s.name.sv,
        s.name.en,
        s.privacy_url,
        s.untouched_hours,
        s.mail.from_name,
        s.mail.from_address,
        s.mail.signature.fi,
        s.mail.signature.sv,
        s.mail.signature.en,
        s.mail.default_language.code(),
        s.mail.reopen_days
    )
    .execute(conn)
    .await
    .map(drop)
}

/// The organisation's sender and signatures.
pub async fn mail_settings(
    conn: &mut PgConnection,
    id: i64,
) -> sqlx::Result<crate::domain::admin::MailSettings> {
    let r = sqlx::query!(
        "SELECT mail_from_name, mail_from_address, signature_fi, signature_sv, signature_en,
                default_language, reopen_days
         FROM organisations WHERE id = $1",
        id
    )
    .fetch_one(conn)
    .await?;
    Ok(crate::domain::admin::MailSettings {
        from_name: r.mail_from_name,
        from_address: r.mail_from_address,
        signature: Localized {
            fi: r.signature_fi,
            sv: r.signature_sv,
            en: r.signature_en,
        },
        default_language: crate::domain::Lang::parse(&r.default_language)
            .unwrap_or(crate::domain::Lang::Fi),
        reopen_days: r.reopen_days,
    })
}

/// Sets the organisation's sender and signatures alone (its mail-intake settings are left as
/// they are).
pub async fn set_mail(
    conn: &mut PgConnection,
    id: i64,
    m: &crate::domain::admin::MailSettings,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE organisations SET mail_from_name = $2, mail_from_address = $3, signature_fi = $4,
             signature_sv = $5, signature_en = $6
         WHERE id = $1",
        id,
        m.from_name,
        m.from_address,
        m.signature.fi,
        m.signature.sv,
        m.signature.en
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Whether the organisation has uploaded a logo.
pub async fn has_logo(conn: &mut PgConnection, organisation_id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query_scalar!(
        "SELECT EXISTS (SELECT 1 FROM organisation_logos WHERE organisation_id = $1)",
        organisation_id
    )
    .fetch_one(conn)
    .await?
    .unwrap_or(false))
}

/// The logo of organisation `slug`: its content type and bytes.
pub async fn logo(conn: &mut PgConnection, slug: &str) -> sqlx::Result<Option<(String, Vec<u8>)>> {
    let row = sqlx::query!(
        "SELECT l.content_type, l.data FROM organisation_logos l
         JOIN organisations o ON o.id = l.organisation_id WHERE o.slug = $1",
        slug
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.content_type, r.data)))
}

/// Sets (or replaces) an organisation's logo.
pub async fn set_logo(
    conn: &mut PgConnection,
    organisation_id: i64,
    content_type: &str,
    data: &[u8],
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO organisation_logos (organisation_id, content_type, data) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_id) DO UPDATE SET content_type = $2, data = $3, updated_at = now()",
        organisation_id,
        content_type,
        data
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The sites allowed to frame the forms of the organisation owning request `id`.
pub async fn origins_of_request(conn: &mut PgConnection, id: i64) -> sqlx::Result<Vec<String>> {
    Ok(sqlx::query_scalar!(
        "SELECT o.allowed_origins FROM service_requests r JOIN organisations o ON o.id = r.organisation_id
         WHERE r.id = $1",
        id
    )
    .fetch_optional(conn)
    .await?
    .unwrap_or_default())
}

/// Sets an organisation's brand colour and the sites allowed to frame its forms.
pub async fn set_embedding(
    conn: &mut PgConnection,
    organisation_id: i64,
    brand_colour: &str,
    allowed_origins: &[String],
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE organisations SET brand_colour = $2, allowed_origins = $3 WHERE id = $1",
        organisation_id,
        brand_colour,
        allowed_origins
    )
    .execute(conn)
    .await?;
    Ok(())
}
