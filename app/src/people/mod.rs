//! People and access. Administrators add members to their organisation with a role, skills
//! (languages, categories) and a capacity at `/admin/o/:org/people`; a new account chooses its
//! password through an e-mailed invitation. Each member of staff sees their organisations, switches
//! between them and signs out everywhere at `/desk/account`; anyone can reset a forgotten password
//! by e-mail (`/login/forgot`).

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
