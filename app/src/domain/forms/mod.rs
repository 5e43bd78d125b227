//! Configurable forms: what fields a form version has, how an administrator's edit becomes a valid
//! definition, and how a customer's post becomes a trusted submission.

mod definition;
mod editor;
mod files;
mod settings;
mod submission;
#[cfg(test)]
mod tests;

pub use definition::*;
pub use editor::*;
pub use files::*;
pub use settings::*;
