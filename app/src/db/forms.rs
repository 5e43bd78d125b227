//! Forms and their immutable versions.

use crate::domain::Localized;
use crate::domain::classification::RequestType;
use crate::domain::forms::{FileLimits, FileType, FormDef};
use sqlx::PgConnection;

/// A form's settings (everything but its fields).
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub id: i64,
    pub organisation_id: i64,
    pub settings: FormSettings,
}

/// A form with its newest version.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub form: Form,
    pub version_id: i64,
    pub version: i32,
    pub def: FormDef,
}

pub use crate::domain::forms::FormSettings;

struct Row {
    id: i64,
    organisation_id: i64,
    slug: String,
    request_type: String,
    category_id: Option<i64>,
    name_fi: String,
    name_sv: String,
    name_en: String,
    intro_fi: String,
    intro_sv: String,
    intro_en: String,
    active: bool,
    sort_order: i32,
    max_files: i16,
    max_file_bytes: i32,
    file_types: Vec<String>,
    version_id: Option<i64>,
    version: Option<i32>,
    fields: Option<serde_json::Value>,
}

impl Row {
    fn split(self) -> (Form, Option<(i64, i32, FormDef)>) {
        let settings = FormSettings {
            slug: self.slug,
            request_type: RequestType::parse(&self.request_type)
                .unwrap_or(RequestType::InformationRequest),
            category_id: self.category_id,
            name: Localized {
                fi: self.name_fi,
                sv: self.name_sv,
                en: self.name_en,
            },
            intro: Localized {
                fi: self.intro_fi,
                sv: self.intro_sv,
                en: self.intro_en,
            },
            active: self.active,
            sort_order: self.sort_order,
            limits: FileLimits {
                max_files: self.max_files.max(0) as usize,
                max_bytes: self.max_file_bytes.max(0) as usize,
                types: self
                    .file_types
                    .iter()
                    .filter_map(|t| FileType::parse(t))
                    .collect(),
            },
        };
        let form = Form {
            id: self.id,
            organisation_id: self.organisation_id,
            settings,
        };
        let version = match (self.version_id, self.version, self.fields) {
            (Some(id), Some(v), Some(fields)) => {
                Some((id, v, serde_json::from_value(fields).unwrap_or_default()))
            }
            _ => None,
        };
        (form, version)
    }
}

fn published(row: Row) -> Option<Published> {
    let (form, version) = row.split();
    version.map(|(version_id, version, def)| Published {
        form,
        version_id,
        version,
        def,
    })
}

/// The active form `slug` of organisation `organisation_id` with its newest version.
pub async fn find_published(
    conn: &mut PgConnection,
    organisation_id: i64,
    slug: &str,
) -> sqlx::Result<Option<Published>> {
    let row = sqlx::query_as!(
        Row,
        r#"SELECT f.id, f.organisation_id, f.slug, f.request_type, f.category_id, f.name_fi, f.name_sv,
                  f.name_en, f.intro_fi, f.intro_sv, f.intro_en, f.active, f.sort_order, f.max_files,
                  f.max_file_bytes, f.file_types, v.id AS "version_id?", v.version AS "version?",
                  v.fields AS "fields?"
           FROM forms f
           JOIN LATERAL (SELECT id, version, fields FROM form_versions
                         WHERE form_id = f.id ORDER BY version DESC LIMIT 1) v ON true
           WHERE f.organisation_id = $1 AND f.slug = $2 AND f.active"#,
        organisation_id,
        slug
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(published))
}

/// Every form of an organisation, in order, with its newest version if it has one.
pub async fn for_org(
    conn: &mut PgConnection,
    organisation_id: i64,
) -> sqlx::Result<Vec<Published>> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT f.id, f.organisation_id, f.slug, f.request_type, f.category_id, f.name_fi, f.name_sv,
                  f.name_en, f.intro_fi, f.intro_sv, f.intro_en, f.active, f.sort_order, f.max_files,
                  f.max_file_bytes, f.file_types, v.id AS "version_id?", v.version AS "version?",
                  v.fields AS "fields?"
           FROM forms f
           LEFT JOIN LATERAL (SELECT id, version, fields FROM form_versions
                              WHERE form_id = f.id ORDER BY version DESC LIMIT 1) v ON true
           WHERE f.organisation_id = $1
           ORDER BY f.sort_order, f.id"#,
        organisation_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (form, version) = r.split();
            let (version_id, version, def) = version.unwrap_or((0, 0, FormDef::default()));
            Published {
                form,
                version_id,
                version,
                def,
            }
        })
        .collect())
}

/// A public form's link on the start page.
#[derive(Debug, Clone)]
pub struct FormLink {
    pub organisation_id: i64,
    pub slug: String,
    pub name: Localized,
}

/// Every organisation's active forms that have a version, by organisation and order.
pub async fn public_links(conn: &mut PgConnection) -> sqlx::Result<Vec<FormLink>> {
    let rows = sqlx::query!(
        "SELECT f.organisation_id, f.slug, f.name_fi, f.name_sv, f.name_en FROM forms f
         WHERE f.active AND EXISTS (SELECT 1 FROM form_versions v WHERE v.form_id = f.id)
         ORDER BY f.organisation_id, f.sort_order, f.id"
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| FormLink {
            organisation_id: r.organisation_id,
            slug: r.slug,
            name: Localized {
                fi: r.name_fi,
                sv: r.name_sv,
                en: r.name_en,
            },
        })
        .collect())
}

/// The fields of form version `id`, for showing a request's answers as they were asked.
pub async fn version(conn: &mut PgConnection, id: i64) -> sqlx::Result<Option<FormDef>> {
    let fields = sqlx::query_scalar!("SELECT fields FROM form_versions WHERE id = $1", id)
        .fetch_optional(conn)
        .await?;
    Ok(fields.map(|f| serde_json::from_value(f).unwrap_or_default()))
}

/// The stored names of the file types a form accepts.
fn type_codes(s: &FormSettings) -> Vec<String> {
    s.limits
        .types
        .iter()
        .map(|t| t.code().to_string())
        .collect()
}

/// Creates a form (without fields until its first version is saved).
pub async fn insert(
    conn: &mut PgConnection,
    organisation_id: i64,
    s: &FormSettings,
) -> sqlx::Result<i64> {
    let types = type_codes(s);
    sqlx::query_scalar!(
        "INSERT INTO forms (organisation_id, slug, request_type, category_id, name_fi, name_sv, name_en,
             intro_fi, intro_sv, intro_en, active, sort_order, max_files, max_file_bytes, file_types)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         RETURNING id",
        organisation_id,
        s.slug,
        s.request_type.code(),
        s.category_id,
        s.name.fi,
        s.name.sv,
        s.name.en,
        s.intro.fi,
        s.intro.sv,
        s.intro.en,
        s.active,
        s.sort_order,
        s.limits.max_files as i16,
        s.limits.max_bytes as i32,
        &types
    )
    .fetch_one(conn)
    .await
}

/// Changes a form's settings; `false` when it is not this organisation's.
pub async fn update(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
    s: &FormSettings,
) -> sqlx::Result<bool> {
    let types = type_codes(s);
    let done = sqlx::query!(
        "UPDATE forms SET slug = $3, request_type = $4, category_id = $5, name_fi = $6, name_sv = $7,
             name_en = $8, intro_fi = $9, intro_sv = $10, intro_en = $11, active = $12, sort_order = $13,
             max_files = $14, max_file_bytes = $15, file_types = $16
         WHERE id = $1 AND organisation_id = $2",
        id,
        organisation_id,
        s.slug,
        s.request_type.code(),
        s.category_id,
        s.name.fi,
        s.name.sv,
        s.name.en,
        s.intro.fi,
        s.intro.sv,
        s.intro.en,
        s.active,
        s.sort_order,
        s.limits.max_files as i16,
        s.limits.max_bytes as i32,
        &types
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The newest fields of form `id` of this organisation, locked until commit so two editors
/// cannot both save on top of the same version. `None` for another organisation's form.
pub async fn lock_newest(
    conn: &mut PgConnection,
    organisation_id: i64,
    id: i64,
) -> sqlx::Result<Option<(i32, FormDef)>> {
    let found = sqlx::query_scalar!(
        "SELECT id FROM forms WHERE id = $1 AND organisation_id = $2 FOR UPDATE",
        id,
        organisation_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if found.is_none() {
        return Ok(None);
    }
    let newest = sqlx::query!(
        "SELECT version, fields FROM form_versions WHERE form_id = $1 ORDER BY version DESC LIMIT 1",
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(Some(newest.map_or((0, FormDef::default()), |r| {
        (
            r.version,
            serde_json::from_value(r.fields).unwrap_or_default(),
        )
    })))
}

/// Saves `def` as version `version` of form `id`.
pub async fn save_version(
    conn: &mut PgConnection,
    id: i64,
    version: i32,
    def: &FormDef,
    user_id: Option<i64>,
) -> sqlx::Result<i64> {
    let fields = serde_json::to_value(def).unwrap_or_default();
    sqlx::query_scalar!(
        "INSERT INTO form_versions (form_id, version, fields, created_by) VALUES ($1, $2, $3, $4)
         RETURNING id",
        id,
        version,
        fields,
        user_id
    )
    .fetch_one(conn)
    .await
}
