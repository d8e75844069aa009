//! Adapters to the world outside: the WeChat API.

pub mod wechat;
