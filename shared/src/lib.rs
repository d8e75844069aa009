//! Shukun's domain, defined once for the server and the WASM frontend: the questionnaire's
//! answers, the catalog of measures, the three-valued rule evaluator, the calculators, the
//! routing of a business's case to the departments that decide it, the sentences they are
//! explained in, and the API's bodies. No I/O.

pub mod wire;

pub mod account;
pub mod answers;
pub mod api;
pub mod application;
pub mod catalog;
pub mod eligibility;
pub mod error_code;
pub mod examples;
pub mod i18n;
pub mod values;

pub use answers::Answers;
pub use catalog::{Catalog, MeasureId};
pub use eligibility::{Status, evaluate, evaluate_statuses};
pub use i18n::Lang;
pub use values::{credit_code, money};
