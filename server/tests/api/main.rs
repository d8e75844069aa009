//! The server through HTTP: the real app on a free port with a fresh database per test
//! (SQLite, or PostgreSQL when SHUKUN_TEST_POSTGRES_URL is set).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod accounts;
mod admin;
mod assessment;
mod audit;
mod catalog;
mod claims;
mod cli;
mod clock;
mod confirmations;
mod contact;
mod desk;
mod desk_actions;
mod documents;
mod eligibility;
mod hardening;
mod health;
mod helpers;
mod integrity;
mod ledger;
mod limits;
mod notices;
mod openapi;
mod privacy;
mod publicity;
mod ratings;
mod requests;
mod roles;
mod second_plan;
mod settings;
mod share;
mod startup;
mod store;
mod tokens;
mod webhook;
mod wechat;
