//! The logic behind the handlers: each service owns its checks and transactions, and knows
//! nothing of HTTP (it takes the acting account and returns [`Error`]).

pub mod actor;
pub mod assessment;
pub mod error;
pub use accounts::AccountError;
pub use actor::{Actor, ClientAddr};
pub use error::{Error, Refusal};
pub use requests::RequestError;

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod dashboard;
pub mod desk;
pub mod export;
pub mod facts;
pub mod limits;
pub mod messages;
pub mod notices;
pub mod passwords;
pub mod phrases;
pub mod publicity;
pub mod report;
pub mod requests;
pub mod rules;
pub mod settings;
pub mod tokens;
pub mod wechat;
