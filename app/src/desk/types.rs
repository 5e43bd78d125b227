//! The data types of desk that pages, server functions and services share.

use crate::domain::Localized;
use crate::domain::classification::ClassifyInput;
use crate::domain::delegation::DelegateInput;
use crate::domain::delegation::ReturnInput;
use crate::domain::links::LinkInput;
use crate::domain::request_actions::ReplyInput;
use crate::domain::retention::HoldInput;
use crate::domain::views::{RequestDetail, WorkOrderView};
use crate::domain::work_order::ResolutionInput;
use crate::domain::work_order::WorkOrderInput;
use crate::error::FormFlash;
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
    pub note_flash: Option<FormFlash<crate::notes::types::NoteInput>>,
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
}

/// What a request can be classified as in its organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassOptions {
    pub categories: Vec<(i64, Localized)>,
    /// `(id, category id, name)`.
    pub problem_codes: Vec<(i64, i64, Localized)>,
}
