//! Adapters to the world outside: the WeChat API, document storage, the webhook outbox, the
//! reminders' clock.

pub mod documents;
pub mod outbox;
pub mod reach;
pub mod reminders;
pub mod wechat;
