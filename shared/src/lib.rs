//! Shukun's domain, defined once for the server and the WASM frontend: the questionnaire's
//! answers, the catalog of measures, the three-valued rule evaluator, the calculators, the
//! sentences they are explained in, and the API's bodies. No I/O.

mod wire;

pub mod account;
pub mod answers;
pub mod api;
pub mod calc;
pub mod catalog;
pub mod credit_code;
pub mod error_code;
pub mod eval;
pub mod i18n;
pub mod money;
pub mod size;

pub use answers::Answers;
pub use catalog::{Catalog, MeasureId};
pub use eval::{Status, evaluate};
pub use i18n::Lang;
