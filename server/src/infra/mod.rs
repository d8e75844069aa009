//! Adapters to the world outside: the WeChat API, document storage, the webhook outbox.

pub mod documents;
pub mod outbox;
pub mod wechat;
