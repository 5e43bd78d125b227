//! Whole screens as the request services assemble them and the pages render them: the request
//! view, the queue page and the customer's tracking page. Plain data, shared by server and browser.

use crate::domain::Localized;
use crate::domain::classification::ClassifyInput;
use crate::domain::delegation::{DelegateInput, ReturnInput};
use crate::domain::errors::{FieldErrors, FormFlash};
use crate::domain::forms::{FileLimits, RawValues};
use crate::domain::links::LinkInput;
use crate::domain::queues::{QueueSummary, View};
use crate::domain::request::Hurry;
use crate::domain::request_actions::ReplyInput;
use crate::domain::retention::HoldInput;
use crate::domain::views::{QueueItem, RequestDetail, TrackedRequest, WorkOrderView};
use crate::domain::work_order::{ResolutionInput, WorkOrderInput};
use serde::{Deserialize, Serialize};

/// The request view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestPage {
    pub request: RequestDetail,
    pub flash: Option<FormFlash<ReplyInput>>,
    pub class_flash: Option<FormFlash<ClassifyInput>>,
    pub link_flash: Option<FormFlash<LinkInput>>,
    pub hold_flash: Option<FormFlash<HoldInput>>,
    pub wo_flash: Option<FormFlash<WorkOrderInput>>,
    pub resolution_flash: Option<FormFlash<ResolutionInput>>,
    pub work_order: Option<WorkOrderView>,
    /// Open work orders of the organisation this request could join.
    pub open_work_orders: Vec<(i64, String)>,
    /// The organisations it could be delegated to.
    pub other_orgs: Vec<(i64, Localized)>,
    pub delegate_flash: Option<FormFlash<DelegateInput>>,
    pub return_flash: Option<FormFlash<ReturnInput>>,
    /// Whether this person may put the request on legal hold or lift it.
    pub can_hold: bool,
    pub options: ClassOptions,
    pub supplier_flash: Option<FormFlash<crate::domain::request_actions::SupplierInput>>,
    pub split_flash: Option<FormFlash<crate::domain::request_actions::SplitInput>>,
    /// The shared queues routing places requests in, for moving this one by hand.
    pub routed_queues: Vec<(i64, Localized)>,
    /// The customer's and their organisation's other requests.
    pub history: crate::domain::views::CustomerHistory,
    /// The form's answers, files, survey answers and hurry-ups.
    pub customer: crate::domain::views::CustomerInput,
    pub note_flash: Option<FormFlash<crate::domain::notes::NoteInput>>,
    /// The advisor's saved reply and note drafts, put back in their boxes.
    pub drafts: crate::domain::drafts::Drafts,
    /// Colleagues writing on this request as it was loaded.
    pub writers: crate::domain::drafts::Writers,
    /// The signed-in advisor.
    pub me: i64,
    /// Whether they may give the request to a colleague or take it from one.
    pub lead: bool,
    /// Who it can be given to (for leads only; empty otherwise).
    pub colleagues: Vec<(i64, String)>,
    /// The organisation's reply templates in the request's language.
    pub templates: Vec<crate::domain::templates::Template>,
    /// What the templates are filled with.
    pub facts: crate::domain::templates::Facts,
    /// The messages to the customer that could not be delivered, "address: why" (their delivery
    /// states are steps of the timeline).
    pub undelivered: Vec<String>,
    /// Mail answering the request from someone other than its customer, waiting for a decision.
    pub held: Vec<crate::domain::views::HeldMail>,
}

/// What a request can be classified as in its organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassOptions {
    pub categories: Vec<(i64, Localized)>,
    /// `(id, category id, name)`.
    pub problem_codes: Vec<(i64, i64, Localized)>,
}

/// A request delegated to the advisor's organisation, as the queue lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DelegatedRow {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub due_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The queue page: the queues with their counts, one page of the chosen one (or search hits) and
/// the cursor of the next page, if there is more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    pub advisor: String,
    /// The organisation the session works in.
    pub organisation: Localized,
    /// Whether to offer the link to the administration pages.
    pub can_administer: bool,
    /// Whether this person may save queues for the whole organisation.
    pub may_share: bool,
    /// Whether this person sees the supervisor board.
    pub may_supervise: bool,
    pub view: View,
    pub queues: Vec<QueueSummary>,
    /// Active requests of the organisation and of the advisor, counted up to the cap.
    pub all_count: i64,
    pub mine_count: i64,
    /// The organisation's categories, for the new-queue form.
    pub categories: Vec<(i64, Localized)>,
    /// Requests other organisations delegated to this one, soonest due first.
    pub delegated_to_us: Vec<DelegatedRow>,
    /// Unread notifications for the advisor, newest first.
    pub notifications: Vec<crate::domain::views::Notification>,
    pub rows: Vec<QueueItem>,
    pub next: Option<String>,
}

/// A file on the request, as the customer can download it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileLink {
    pub id: i64,
    pub name: String,
    pub size_bytes: i32,
}

/// Everything the tracking page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingPage {
    pub request: TrackedRequest,
    pub can_write: bool,
    /// Whether the customer may still cancel it.
    pub can_cancel: bool,
    pub hurry: Hurry,
    pub files: Vec<FileLink>,
    pub limits: FileLimits,
    /// What a failed answer posted without JavaScript said, and its errors.
    pub flash: Option<FormFlash<RawValues>>,
    /// Errors of a failed cancel posted without JavaScript.
    pub cancel_errors: FieldErrors,
}
