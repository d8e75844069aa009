//! The assessment table (督导考核): its figures equal those counted apart from what the test
//! did, units with too few decided requests are not ranked, and units with nothing done are
//! named.

use serde_json::{Value, json};

use crate::helpers::*;

/// Owner `n` files a rent waiver in Korla: on prefecture SOE premises (SASAC decides) or on
/// county premises (the county's government decides).
async fn filed(app: &TestApp, n: u32, county_premises: bool) -> (Value, Tokens) {
    let owner = app.owner(&phone(n), n).await;
    let mut body = rent_request();
    if county_premises {
        body["answers"]["premises"] = json!("rent_county_state");
        body["payload"]["landlord_type"] = json!("county_state");
        body["payload"]["landlord_name"] = json!("库尔勒市国有资产经营公司");
    }
    let reply = app.file(&owner.access, &format!("k-{n}"), &body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    (reply.body["id"].clone(), owner)
}

async fn decide(app: &TestApp, official: &Tokens, id: &Value, approve: bool) {
    let reviewed = app
        .decide(
            &official.access,
            id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    let body = if approve {
        json!({"action": "approve", "grant": {"kind": "rent_waiver", "months": 3, "amount_fen": 900_000}})
    } else {
        json!({"action": "reject", "comment": "不符合条件"})
    };
    let done = app
        .decide(&official.access, id, &reviewed.body["version"], &body)
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
}

fn row<'a>(rows: &'a Value, key: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row for {key}: {rows}"))
}

#[actix_web::test]
async fn the_table_counts_what_was_done_and_ranks_only_units_with_enough_decided() {
    let app = spawn_app().await;
    let sasac = app.official(1, "sasac", "korla").await;
    let county = app.official(2, "county_government", "korla").await;
    let supervisor = app.staff("13600000001", "supervisor", &[]).await;
    // SASAC: four filed, two approved, one rejected, one open; rated 5 and 2.
    let mut sasac_requests = Vec::new();
    for n in 1..=4 {
        sasac_requests.push(filed(&app, n, false).await);
    }
    decide(&app, &sasac, &sasac_requests[0].0, true).await;
    decide(&app, &sasac, &sasac_requests[1].0, true).await;
    decide(&app, &sasac, &sasac_requests[2].0, false).await;
    for ((id, owner), level) in sasac_requests.iter().take(2).zip([5, 2]) {
        let rated = app
            .post_as(
                &format!("/api/v1/requests/{id}/rating"),
                Some(&json!({"level": level})),
                &owner.access,
            )
            .await;
        assert_eq!(rated.status, 201, "{}", rated.body);
    }
    // The county's government: one filed and approved.
    let (county_request, _) = filed(&app, 5, true).await;
    decide(&app, &county, &county_request, true).await;

    let today = shared::application::beijing_day(chrono::Utc::now());
    let query = format!("/api/v1/admin/assessment?from={today}&to={today}&min_decided=2");
    let table = app.get_as(&query, &supervisor.access).await;
    assert_eq!(table.status, 200, "{}", table.body);
    let s = row(&table.body["departments"], "sasac");
    assert_eq!(
        (
            s["received"].as_u64(),
            s["decided"].as_u64(),
            s["decided_on_time"].as_u64()
        ),
        (Some(4), Some(3), Some(3))
    );
    assert_eq!(s["on_time_rate"], 1.0);
    assert_eq!(
        (s["ratings"].as_u64(), s["satisfied"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(s["satisfaction_rate"], 0.5);
    assert_eq!(s["approved_fen"], 1_800_000);
    assert_eq!(s["businesses_helped"], 2);
    assert_eq!(
        (
            s["rectifications_open"].as_u64(),
            s["rectifications_overdue"].as_u64()
        ),
        (Some(1), Some(0))
    );
    assert_eq!(s["rank"], 1);
    assert_eq!(s["previous"]["received"], 0, "nothing the day before");
    let c = row(&table.body["departments"], "county_government");
    assert_eq!(
        (c["decided"].as_u64(), c["approved_fen"].as_i64()),
        (Some(1), Some(900_000))
    );
    assert_eq!(c["rank"], Value::Null, "one decided: too few to rank");
    assert_eq!(c["inactive"], false);
    let tax = row(&table.body["departments"], "tax");
    assert_eq!(
        (tax["inactive"].as_bool(), tax["received"].as_u64()),
        (Some(true), Some(0)),
        "named though idle"
    );
    let korla = row(&table.body["counties"], "korla");
    assert_eq!(
        (
            korla["received"].as_u64(),
            korla["decided"].as_u64(),
            korla["ratings"].as_u64()
        ),
        (Some(5), Some(4), Some(2))
    );
    assert_eq!(korla["rank"], 1);
    assert_eq!(row(&table.body["counties"], "luntai")["inactive"], true);

    // With the default minimum of five decided, no unit is ranked.
    let strict = app
        .get_as(
            &format!("/api/v1/admin/assessment?from={today}&to={today}"),
            &supervisor.access,
        )
        .await;
    assert_eq!(
        row(&strict.body["departments"], "sasac")["rank"],
        Value::Null
    );
    for bad in [
        format!("?from={today}&to=2020-01-01"),
        "?from=2020-01-01&to=2022-01-01".to_string(),
        "?min_decided=0".to_string(),
        "?from=yesterday".to_string(),
    ] {
        let refused = app
            .get_as(
                &format!("/api/v1/admin/assessment{bad}"),
                &supervisor.access,
            )
            .await;
        assert_eq!(refused.status, 400, "{bad}: {}", refused.body);
    }
    assert_eq!(
        app.get_as("/api/v1/admin/assessment", &sasac.access)
            .await
            .status,
        403
    );

    // The same table as a file: a CSV row per unit, a workbook with a sheet each way.
    let download = |format: &str| {
        app.client
            .get(format!("{}{query}&format={format}", app.address))
            .bearer_auth(&supervisor.access)
            .send()
    };
    let csv = download("csv").await.unwrap().text().await.unwrap();
    let sasac_line = csv
        .lines()
        .find(|l| l.contains("州国有资产监督管理委员会"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        sasac_line.starts_with(
            "部门,1,州国有资产监督管理委员会,4,3,3,100.0%,—,0,0.0,2,1,50.0%,—,1,0,18000.00,2"
        ),
        "{sasac_line}"
    );
    let xlsx = download("xlsx")
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let workbook = {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an xlsx is a zip");
        let mut s = String::new();
        zip.by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(
        workbook.contains("按部门") && workbook.contains("按县市"),
        "{workbook}"
    );
}

#[actix_web::test]
async fn anyone_reads_each_departments_on_time_and_satisfaction_rates_over_the_plans_period() {
    let app = spawn_app().await;
    let sasac = app.official(1, "sasac", "korla").await;
    let (id, owner) = filed(&app, 1, false).await;
    decide(&app, &sasac, &id, true).await;
    let rated = app
        .post_as(
            &format!("/api/v1/requests/{id}/rating"),
            Some(&json!({"level": 4})),
            &owner.access,
        )
        .await;
    assert_eq!(rated.status, 201);

    let published = app.get("/api/v1/public/results").await;
    assert_eq!(published.status(), 200, "no account needed");
    let body: Value = published.json().await.unwrap();
    assert_eq!(body["from"], "2021-01-01", "the earliest measure's start");
    let s = body["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["department"] == "sasac")
        .unwrap()
        .clone();
    assert_eq!(
        (s["decided"].as_u64(), s["decided_on_time"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        (s["ratings"].as_u64(), s["satisfied"].as_u64()),
        (Some(1), Some(1))
    );

    // And per county: the request's business operates in Korla.
    let korla = body["counties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["county"] == "korla")
        .unwrap()
        .clone();
    assert_eq!(
        (korla["decided"].as_u64(), korla["satisfied"].as_u64()),
        (Some(1), Some(1))
    );

    let page = app.get("/evaluation").await;
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("纾困惠企政策办理评价公开"), "{html}");
    assert!(html.contains("州国有资产监督管理委员会"));
    assert!(html.contains("100.0%<small>（1/1）</small>"), "{html}");
    assert!(
        html.contains("<tr data-unit=\"korla\"><th scope=\"row\">库尔勒市</th><td>100.0%"),
        "the county's row: {html}"
    );
    // `/results` stays the phone app's own page.
    let app_page = app.get("/results").await.text().await.unwrap();
    assert!(!app_page.contains("纾困惠企政策办理评价公开"), "{app_page}");
    let english = app.get("/evaluation?lang=en").await.text().await.unwrap();
    assert!(english.contains("how departments did"), "{english}");
}

#[actix_web::test]
async fn the_monthly_report_prints_the_months_figures_with_a_chart_and_names_idle_units() {
    let app = spawn_app().await;
    let sasac = app.official(1, "sasac", "korla").await;
    let supervisor = app.staff("13600000001", "supervisor", &[]).await;
    for n in 1..=5 {
        let (id, _) = filed(&app, n, false).await;
        decide(&app, &sasac, &id, n != 5).await;
    }
    let month = shared::application::beijing_day(chrono::Utc::now())
        .format("%Y-%m")
        .to_string();
    let printed = app
        .client
        .get(format!(
            "{}/api/v1/admin/assessment/report?month={month}",
            app.address
        ))
        .bearer_auth(&supervisor.access)
        .send()
        .await
        .unwrap();
    assert_eq!(printed.status(), 200);
    assert!(
        printed.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = printed.text().await.unwrap();
    assert!(html.contains("纾困惠企政策落实情况通报"), "{html}");
    assert!(
        html.contains(
            "本月各部门受理申请 5 件，办结 5 件，其中按时办结 5 件；批准金额 36000.00 元"
        ),
        "{html}"
    );
    assert!(
        html.contains("<svg") && html.contains("100.0%（5/5）"),
        "the chart: {html}"
    );
    assert!(
        html.contains("<li>州国有资产监督管理委员会：办结 5 件，按时办结率 100.0%"),
        "praised: {html}"
    );
    assert!(
        html.contains("本月无办件的部门：") && html.contains("州税务局"),
        "idle named: {html}"
    );
    for bad in ["2026-13", "december"] {
        let refused = app
            .get_as(
                &format!("/api/v1/admin/assessment/report?month={bad}"),
                &supervisor.access,
            )
            .await;
        assert_eq!(refused.status, 400, "{bad}");
    }
    assert_eq!(
        app.get_as("/api/v1/admin/assessment/report", &sasac.access)
            .await
            .status,
        403
    );
}
