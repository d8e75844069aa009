use actix_web::{App, HttpResponse, test, web};
use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::json;
use server::extract::{Admin, Official, Supervisor};
use shared::answers::JurisdictionId;

use crate::helpers::{spawn_app, test_config};

#[actix_web::test]
async fn each_role_extractor_admits_its_role_only_and_hands_over_the_assignment() {
    let app = spawn_app().await;
    let owner = app.owner("13812341234", 1).await;
    let official = app
        .staff(
            "13700001111",
            "official",
            &[
                "--department",
                "sasac",
                "--jurisdiction",
                "luntai",
                "--jurisdiction",
                "korla",
            ],
        )
        .await;
    let supervisor = app.staff("13700002222", "supervisor", &[]).await;
    let admin = app.staff("13700003333", "admin", &[]).await;

    // Routes that only take the extractors, on the same database and signing secret.
    let state = web::Data::new(
        server::state(&test_config(app.database_url.clone()))
            .await
            .unwrap(),
    );
    let service = test::init_service(
        App::new()
            .app_data(state)
            .route(
                "/official",
                web::get().to(|Official(c): Official| async move {
                    HttpResponse::Ok()
                        .json(json!({"department": c.department, "jurisdictions": c.jurisdictions}))
                }),
            )
            .route(
                "/supervisor",
                web::get().to(|_: Supervisor| async { HttpResponse::Ok().finish() }),
            )
            .route(
                "/admin",
                web::get().to(|_: Admin| async { HttpResponse::Ok().finish() }),
            ),
    )
    .await;
    let callers = [
        ("applicant", &owner.access),
        ("official", &official.access),
        ("supervisor", &supervisor.access),
        ("admin", &admin.access),
    ];
    for path in ["official", "supervisor", "admin"] {
        for (role, token) in &callers {
            let req = test::TestRequest::get()
                .uri(&format!("/{path}"))
                .insert_header(("authorization", format!("Bearer {token}")))
                .to_request();
            let res = test::call_service(&service, req).await;
            let expected = if *role == path { 200 } else { 403 };
            assert_eq!(res.status().as_u16(), expected, "{role} on /{path}");
            if *role == path && path == "official" {
                let body: serde_json::Value = test::read_body_json(res).await;
                assert_eq!(
                    body,
                    json!({"department": "sasac", "jurisdictions": ["korla", "luntai"]})
                );
            }
        }
        let anonymous = test::call_service(
            &service,
            test::TestRequest::get()
                .uri(&format!("/{path}"))
                .to_request(),
        )
        .await;
        assert_eq!(anonymous.status().as_u16(), 401, "anonymous on /{path}");
    }
}

#[actix_web::test]
async fn the_database_holds_every_department_and_jurisdiction_of_the_plan() {
    let app = spawn_app().await;
    let db = Database::connect(app.database_url.as_str()).await.unwrap();
    let ids = |table: &str| {
        let sql = format!("SELECT id, name_zh, name_en FROM {table} ORDER BY id");
        let db = &db;
        async move {
            let rows = db
                .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
                .await
                .unwrap();
            rows.iter()
                .map(|r| {
                    let zh: String = r.try_get("", "name_zh").unwrap();
                    let en: String = r.try_get("", "name_en").unwrap();
                    assert!(!zh.is_empty() && !en.is_empty());
                    r.try_get::<String>("", "id").unwrap()
                })
                .collect::<Vec<_>>()
        }
    };
    let mut departments: Vec<String> = shared::examples::shipped()
        .unwrap()
        .departments
        .iter()
        .map(|d| d.id.to_string())
        .collect();
    departments.sort();
    assert_eq!(ids("departments").await, departments);
    let mut jurisdictions: Vec<String> = JurisdictionId::ALL
        .iter()
        .filter(|j| **j != JurisdictionId::Other)
        .map(|j| j.as_str().to_string())
        .collect();
    jurisdictions.sort();
    assert_eq!(ids("jurisdictions").await, jurisdictions);
}
