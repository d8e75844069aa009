//! Anonymous self-checks leave nothing behind: the answers are in no row of any table.

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;

use crate::helpers::spawn_app;

/// Every row of every table, each as one line of text.
async fn every_row(db: &sea_orm::DatabaseConnection) -> Vec<String> {
    let backend = db.get_database_backend();
    let tables_sql = match backend {
        DbBackend::Sqlite => "SELECT name AS t FROM sqlite_master WHERE type = 'table'",
        _ => {
            "SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public'"
        }
    };
    let tables: Vec<String> = db
        .query_all_raw(Statement::from_string(backend, tables_sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "t").unwrap())
        .collect();
    assert!(!tables.is_empty());
    let mut rows = Vec::new();
    for table in tables {
        let sql = match backend {
            DbBackend::Sqlite => {
                let columns: Vec<String> = db
                    .query_all_raw(Statement::from_string(
                        backend,
                        format!("SELECT name AS c FROM pragma_table_info('{table}')"),
                    ))
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| r.try_get::<String>("", "c").unwrap())
                    .collect();
                let parts: Vec<String> = columns
                    .iter()
                    .map(|c| format!("COALESCE(CAST(\"{c}\" AS TEXT), '')"))
                    .collect();
                format!("SELECT {} AS r FROM \"{table}\"", parts.join(" || ',' || "))
            }
            _ => format!("SELECT row_to_json(x)::text AS r FROM \"{table}\" x"),
        };
        for row in db
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .unwrap()
        {
            rows.push(row.try_get::<String>("", "r").unwrap());
        }
    }
    rows
}

#[actix_web::test]
async fn answers_sent_for_a_self_check_are_in_no_row_of_any_table() {
    let app = spawn_app().await;
    let body = json!({ "answers": {
        "entity_type": "enterprise", "taxable_income_fen": 271_828_182, "monthly_rent_fen": 314_159,
        "annual_revenue_fen": 161_803_398
    }});
    let (status, _) = app.eligibility("", &body).await;
    assert_eq!(status, 200);
    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    let rows = every_row(&db).await;
    // The stored catalog is there, so the inspection reads real rows.
    assert!(
        rows.iter().any(|r| r.contains("2022.4")),
        "the catalog row is read"
    );
    for figure in ["271828182", "314159", "161803398"] {
        assert!(
            !rows.iter().any(|r| r.contains(figure)),
            "{figure} is stored in a row"
        );
    }
}

#[actix_web::test]
async fn reach_is_counted_without_keeping_an_address_a_browser_or_an_answer() {
    let app = crate::helpers::spawn_app().await;
    let supervisor = app.staff("13900000002", "supervisor", &[]).await;
    let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
    let before: std::collections::HashSet<String> = every_row(&db).await.into_iter().collect();

    let (agent, address) = ("ShukunProbe/7.7 (iPhone; MicroMessenger)", "203.0.113.77");
    for path in [
        "/measures/rent-waiver-state?src=sms-yuli",
        "/measures/vat-exemption?src=sms-yuli",
    ] {
        let res = app
            .client
            .get(format!("{}{path}", app.address))
            .header("user-agent", agent)
            .header("x-forwarded-for", address)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 200);
    }
    let beacon = app
        .client
        .post(format!("{}/api/v1/reach", app.address))
        .header("user-agent", agent)
        .header("x-forwarded-for", address)
        .json(&json!({"source": "sms-yuli", "county": "yuli", "eligible": ["rent-waiver-state"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(beacon.status().as_u16(), 202);
    let useful = app
        .client
        .post(format!(
            "{}/measures/rent-waiver-state/feedback?src=sms-yuli",
            app.address
        ))
        .header("user-agent", agent)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("useful=no")
        .send()
        .await
        .unwrap();
    assert_eq!(useful.status().as_u16(), 200);
    // Reading the figures writes what was counted.
    let figures = app.get_as("/api/v1/admin/reach", &supervisor.access).await;
    assert_eq!(figures.status, 200);
    assert_eq!(figures.body["total"]["opens"], 2);

    let after = every_row(&db).await;
    for row in &after {
        assert!(
            !row.contains(address) && !row.contains("ShukunProbe"),
            "no address nor browser kept: {row}"
        );
    }
    let new: Vec<&String> = after.iter().filter(|r| !before.contains(*r)).collect();
    assert!(new.len() >= 4, "the counters: {new:?}");
    for row in new {
        assert!(
            row.contains("sms-yuli"),
            "nothing but counters is new (a day, an event, a source, a measure, a county, a count): {row}"
        );
    }
}
