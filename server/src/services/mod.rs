//! The logic behind the handlers: each service owns its checks and transactions.

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
pub mod requests;
pub mod settings;
pub mod tokens;
pub mod wechat;
