//! The database schema, as sea-orm migrations run at server start (SQLite and PostgreSQL).

pub use sea_orm_migration::prelude::*;

mod m20260101_000001_catalog_versions;
mod m20260201_000001_accounts;
mod m20260301_000001_requests;
mod m20260401_000001_desk_indexes;
mod m20260401_000002_jurisdiction_facts;
mod m20260501_000001_supervision_notices;
mod m20260501_000002_desk_actions;
mod m20260501_000003_settings;
mod m20261201_000001_routing_covering_index;
mod m20261204_000001_queue_cover_index;
mod m20261206_000001_request_clock_and_lead;
mod m20261207_000001_queue_indexes_cover_the_clock;
mod m20261207_000002_owner_queue_index;
mod m20261208_000001_routing_follows_the_request;
mod m20261208_000002_credit_code_claims;
mod m20261209_000001_ledger;
mod m20261209_000002_ledger_receipts;
mod m20261209_000003_ledger_reminders;
mod m20261209_000004_ratings;
mod m20261210_000001_publicity;
mod m20261210_000002_confirmations;
mod m20261210_000003_cycle_reminders;
mod m20261211_000001_staff_names;
mod m20261211_000002_due_order_indexes;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_catalog_versions::Migration),
            Box::new(m20260201_000001_accounts::Migration),
            Box::new(m20260301_000001_requests::Migration),
            Box::new(m20260401_000001_desk_indexes::Migration),
            Box::new(m20260401_000002_jurisdiction_facts::Migration),
            Box::new(m20260501_000001_supervision_notices::Migration),
            Box::new(m20260501_000002_desk_actions::Migration),
            Box::new(m20260501_000003_settings::Migration),
            Box::new(m20261201_000001_routing_covering_index::Migration),
            Box::new(m20261204_000001_queue_cover_index::Migration),
            Box::new(m20261206_000001_request_clock_and_lead::Migration),
            Box::new(m20261207_000001_queue_indexes_cover_the_clock::Migration),
            Box::new(m20261207_000002_owner_queue_index::Migration),
            Box::new(m20261208_000001_routing_follows_the_request::Migration),
            Box::new(m20261208_000002_credit_code_claims::Migration),
            Box::new(m20261209_000001_ledger::Migration),
            Box::new(m20261209_000002_ledger_receipts::Migration),
            Box::new(m20261209_000003_ledger_reminders::Migration),
            Box::new(m20261209_000004_ratings::Migration),
            Box::new(m20261210_000001_publicity::Migration),
            Box::new(m20261210_000002_confirmations::Migration),
            Box::new(m20261210_000003_cycle_reminders::Migration),
            Box::new(m20261211_000001_staff_names::Migration),
            Box::new(m20261211_000002_due_order_indexes::Migration),
        ]
    }
}
