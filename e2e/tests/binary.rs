//! The built server binary, started as a user would: fresh directory, fresh SQLite file.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use e2e::Server;
use serde_json::{Value, json};

#[tokio::test]
async fn the_binary_migrates_a_fresh_sqlite_file_and_serves_the_app_and_the_api_on_one_port() {
    let server = Server::start().await;
    let health: Value = server.get("/healthz").await.json().await.unwrap();
    assert_eq!(health["status"], "ok");
    assert!(
        server.database_file.is_file(),
        "the SQLite file was created"
    );

    let index = server.get("/").await;
    assert_eq!(
        index.status().as_u16(),
        200,
        "the built frontend is served at /"
    );
    assert_eq!(index.headers()["cache-control"], "no-cache");
    let html = index.text().await.unwrap();
    // The first paint is the measures themselves, rendered by the server.
    assert!(
        html.contains("id=\"rent-waiver-highway\""),
        "the page lists the measures"
    );
    assert!(html.contains("结果仅供参考，以主管部门认定为准"));
    let asset = |name: &str| {
        let pattern = format!("name=\"{name}\" content=\"");
        let at = html.find(&pattern).unwrap() + pattern.len();
        html[at..at + html[at..].find('"').unwrap()].to_string()
    };
    let wasm_path = asset("shukun-wasm");
    assert!(wasm_path.starts_with("/assets/frontend_bg-"), "{wasm_path}");

    // Fingerprinted, compressed once at build time, cached for good, streamed as WASM.
    let wasm = e2e::http()
        .get(format!("{}{wasm_path}", server.base_url))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.status().as_u16(), 200);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(wasm.headers()["content-encoding"], "br");
    assert!(
        wasm.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let gzip = e2e::http()
        .get(format!("{}{wasm_path}", server.base_url))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    // Only the build's own files are served from /assets.
    assert_eq!(
        server.get("/assets/manifest.json").await.status().as_u16(),
        404
    );
    let sw = server.get("/sw.js").await;
    assert_eq!(sw.status().as_u16(), 200);
    assert!(
        sw.text().await.unwrap().contains(&wasm_path),
        "the worker keeps the WASM"
    );

    // A client-side route falls back to the app.
    let deep = server.get("/results").await;
    assert_eq!(deep.status().as_u16(), 200);

    let catalog: Value = server.get("/api/v1/catalog").await.json().await.unwrap();
    assert_eq!(catalog["measures"].as_array().unwrap().len(), 15);
}

#[tokio::test]
async fn the_eligibility_api_of_the_binary_answers_a_highway_shop_in_english() {
    let server = Server::start().await;
    let body = json!({
        "as_of": "2022-06-01",
        "answers": {
            "entity_type": "individual_business", "industry": "catering", "jurisdiction": "luntai",
            "highway_service_area": true, "monthly_rent_fen": 500_000, "rent_2022_paid": false,
            "vat_taxpayer": "small_scale", "quarterly_sales_fen": 30_000_000, "quarterly_sales_at_3pct_fen": 30_000_000,
            "epidemic_difficulty": true, "utilities_in_arrears": ["electricity", "water"]
        }
    });
    let res = server.post_eligibility("?lang=en", body.to_string()).await;
    assert_eq!(res.status().as_u16(), 200);
    let out: Value = res.json().await.unwrap();
    let results = out["results"].as_array().unwrap();
    assert_eq!(results.len(), 15);
    let get = |id: &str| results.iter().find(|r| r["measure"] == id).unwrap();
    assert_eq!(get("rent-waiver-highway")["status"], "eligible");
    assert_eq!(get("rent-waiver-highway")["estimate_fen"], 3_500_000);
    assert_eq!(get("utility-deferral")["status"], "eligible");
    assert_eq!(get("vat-exemption")["estimate_fen"], 0);
    assert_eq!(get("cit-reduction")["status"], "not_eligible");
    assert!(
        out["notice"]
            .as_str()
            .unwrap()
            .contains("for reference only")
    );
}

#[tokio::test]
async fn the_binary_refuses_bad_input_with_a_json_error() {
    let server = Server::start().await;
    let res = server
        .post_eligibility("", r#"{"answers":{"jurisdiction":"beijing"}}"#)
        .await;
    assert_eq!(res.status().as_u16(), 400);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "invalid_field");
    assert_eq!(err["error"]["field"], "answers.jurisdiction");
}

#[tokio::test]
async fn answers_sent_for_eligibility_are_neither_logged_nor_stored() {
    // Even at the most verbose log level.
    let server = Server::start_logging("trace").await;
    // Distinctive figures that appear nowhere else.
    let body = json!({ "answers": {
        "entity_type": "enterprise", "taxable_income_fen": 271_828_182, "monthly_rent_fen": 314_159,
        "annual_revenue_fen": 161_803_398
    }});
    let res = server.post_eligibility("", body.to_string()).await;
    assert_eq!(res.status().as_u16(), 200);
    let log = std::fs::read_to_string(&server.log_file).unwrap();
    assert!(
        log.contains("/api/v1/eligibility"),
        "the request itself is logged"
    );
    let database = std::fs::read(&server.database_file).unwrap();
    let wal = std::fs::read(server.database_file.with_extension("db-wal")).unwrap_or_default();
    for figure in ["271828182", "314159", "161803398"] {
        assert!(!log.contains(figure), "{figure} is in the log");
        let bytes = figure.as_bytes();
        for stored in [&database, &wal] {
            assert!(
                !stored.windows(bytes.len()).any(|w| w == bytes),
                "{figure} is in the database"
            );
        }
    }
}
