//! Confirmation by the one who pays: the deciding department sends a provider its lines for
//! a month — a one-time link that sees only those lines and expires, or the Excel template —
//! and the provider's answer is checked whole and recorded on the ledger, naming its source.

use calamine::{Data, Reader, Xlsx};
use chrono::Duration;
use serde_json::{Value, json};
use server::clock::Clock;

use crate::helpers::*;

const PROVIDER: &str = "国网巴州供电公司轮台供电分公司";

/// The token at the end of a link.
fn token_of(link: &Value) -> String {
    link.as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

async fn send(app: &TestApp, official: &Tokens, requests: &[&Value]) -> Reply {
    app.post_as(
        "/api/v1/admin/confirmations",
        Some(&json!({"provider": PROVIDER, "month": "2022-04", "requests": requests})),
        &official.access,
    )
    .await
}

fn line_of(confirmation: &Value, request: &Value) -> i64 {
    confirmation["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["request_id"] == *request)
        .unwrap()["line"]
        .as_i64()
        .unwrap()
}

async fn outstanding(app: &TestApp, official: &Tokens, id: &Value) -> i64 {
    let ledger = app
        .get_as(
            &format!("/api/v1/admin/requests/{id}/ledger"),
            &official.access,
        )
        .await;
    ledger.body["outstanding_fen"].as_i64().unwrap()
}

/// A clock that stands at a day of 2022 (deferrals are filed in their plan's year).
fn clock() -> Clock {
    Clock::fixed("2022-12-20T02:00:00Z".parse().unwrap())
}

#[actix_web::test]
async fn a_providers_link_sees_only_its_lines_and_its_answer_settles_them_on_the_ledger_once() {
    let clock = clock();
    let c = clock.clone();
    let app = spawn_app_with(move |config| config.clock = c).await;
    let ndrc = app.official(1, "ndrc", "luntai").await;
    let (a, owner) = approved_deferral(&app, 1, "luntai", 50_000, &ndrc).await;
    let (b, _) = approved_deferral(&app, 2, "luntai", 30_000, &ndrc).await;
    let (other, _) = approved_deferral(&app, 3, "luntai", 20_000, &ndrc).await;

    let sent = send(&app, &ndrc, &[&a, &b]).await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    let confirmation = &sent.body["confirmation"];
    assert_eq!(
        confirmation["lines"].as_array().unwrap().len(),
        2,
        "April of each"
    );
    assert_eq!(confirmation["total_expected_fen"], 80_000);
    let token = token_of(&sent.body["link"]);
    assert!(sent.body["link"].as_str().unwrap().contains("/confirm/"));

    // The link, with no account: only its own lines, and no owner's phone.
    let seen = app.get(&format!("/api/v1/confirmations/{token}")).await;
    assert_eq!(seen.status().as_u16(), 200);
    let text = seen.text().await.unwrap();
    let seen: Value = serde_json::from_str(&text).unwrap();
    let numbers: Vec<&str> = seen["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers.len(), 2);
    assert!(!text.contains(&phone(1)) && !text.contains("138"), "{text}");
    // The page a clerk opens.
    let page = app.get(&format!("/confirm/{token}")).await;
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(PROVIDER) && html.contains("¥500.00"),
        "{html}"
    );

    // Another confirmation's line is not this one's: the whole answer is refused.
    let second = send(&app, &ndrc, &[&other]).await;
    assert_eq!(second.status, 201, "{}", second.body);
    let stranger = line_of(&second.body["confirmation"], &other);
    let a_line = line_of(confirmation, &a);
    let b_line = line_of(confirmation, &b);
    let today = "2022-12-20";
    let refused = app
        .post(
            &format!("/api/v1/confirmations/{token}"),
            &json!({"lines": [
                {"line": a_line, "answer": "done", "amount_fen": 50_000, "on": today},
                {"line": stranger, "answer": "done", "amount_fen": 20_000, "on": today}
            ]}),
        )
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (422, "invalid_confirmation"),
        "{}",
        refused.body
    );
    let problems: Vec<(i64, &str)> = refused.body["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["line"].as_i64().unwrap(), p["problem"].as_str().unwrap()))
        .collect();
    assert_eq!(
        problems,
        vec![(stranger, "not_theirs"), (b_line, "missing")]
    );
    assert_eq!(
        outstanding(&app, &ndrc, &a).await,
        100_000,
        "nothing recorded"
    );
    // A line already on an open confirmation is not listed again.
    let again = send(&app, &ndrc, &[&a]).await;
    assert_eq!(
        (again.status, again.body["error"]["field"].as_str()),
        (400, Some("requests"))
    );

    // The answer: A's April settled, B's not done, and why.
    let answered = app
        .post(
            &format!("/api/v1/confirmations/{token}"),
            &json!({"lines": [
                {"line": a_line, "answer": "done", "amount_fen": 50_000, "on": today},
                {"line": b_line, "answer": "not_done", "reason": "户号已销户，待核实"}
            ]}),
        )
        .await;
    assert_eq!(answered.status, 200, "{}", answered.body);
    assert_eq!(answered.body["state"], "answered");
    assert_eq!(answered.body["answered_by"], "link");
    assert_eq!(
        outstanding(&app, &ndrc, &a).await,
        50_000,
        "April settled, May owed"
    );
    assert_eq!(
        outstanding(&app, &ndrc, &b).await,
        60_000,
        "nothing settled"
    );
    // The owner sees the settlement, with its source.
    let mine = app
        .get_as(&format!("/api/v1/requests/{a}/ledger"), &owner.access)
        .await;
    let last = mine.body["entries"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (last["kind"].as_str(), last["amount_fen"].as_i64()),
        (Some("settled"), Some(50_000))
    );
    assert!(
        last["reference"].as_str().unwrap().contains("确认单"),
        "{last}"
    );

    // A one-time link: spent now.
    let spent = app.get(&format!("/api/v1/confirmations/{token}")).await;
    assert_eq!(spent.status().as_u16(), 410);
    let twice = app
        .post(
            &format!("/api/v1/confirmations/{token}"),
            &json!({"lines": []}),
        )
        .await;
    assert_eq!((twice.status, twice.code()), (410, "link_expired"));
    let unknown = app
        .get(&format!("/api/v1/confirmations/{}", "0".repeat(64)))
        .await;
    assert_eq!(unknown.status().as_u16(), 404);

    // Per record: another department's official, and owners, see none of it.
    let id = confirmation["id"].as_i64().unwrap();
    let sasac = app.official(2, "sasac", "korla").await;
    let hidden = app
        .get_as(&format!("/api/v1/admin/confirmations/{id}"), &sasac.access)
        .await;
    assert_eq!(hidden.status, 404);
    let list = app
        .get_as("/api/v1/admin/confirmations", &sasac.access)
        .await;
    assert_eq!(list.body, json!([]));
    let theirs = app
        .get_as(&format!("/api/v1/admin/confirmations/{id}"), &ndrc.access)
        .await;
    assert_eq!(theirs.status, 200);
    let owners = app
        .get_as("/api/v1/admin/confirmations", &owner.access)
        .await;
    assert_eq!(owners.status, 403);
    let foreign = app
        .post_as(
            "/api/v1/admin/confirmations",
            Some(&json!({"provider": "x", "month": "2022-04", "requests": [a]})),
            &sasac.access,
        )
        .await;
    assert_eq!(foreign.status, 404, "a request it may not see");
}

#[actix_web::test]
async fn an_unanswered_confirmation_is_overdue_on_the_dashboard_and_its_link_expires() {
    let clock = clock();
    let c = clock.clone();
    let app = spawn_app_with(move |config| config.clock = c).await;
    let ndrc = app.official(1, "ndrc", "luntai").await;
    let supervisor = app.staff("13900000002", "supervisor", &[]).await;
    let (a, _) = approved_deferral(&app, 1, "luntai", 50_000, &ndrc).await;
    let sent = send(&app, &ndrc, &[&a]).await;
    let token = token_of(&sent.body["link"]);
    let overdue = |body: &Value| {
        body["departments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["key"] == "ndrc")
            .unwrap()["confirmations_overdue"]
            .as_u64()
            .unwrap()
    };
    let dashboard = app
        .get_as("/api/v1/admin/dashboard", &supervisor.access)
        .await;
    assert_eq!(overdue(&dashboard.body), 0, "within its 7 days");
    clock.advance(Duration::days(8));
    let dashboard = app
        .get_as("/api/v1/admin/dashboard", &supervisor.access)
        .await;
    assert_eq!(overdue(&dashboard.body), 1, "past its day, unanswered");
    let listed = app
        .get_as("/api/v1/admin/confirmations", &ndrc.access)
        .await;
    assert_eq!(listed.body[0]["overdue"], true);
    // Still answerable until the link expires, then gone.
    assert_eq!(
        app.get(&format!("/api/v1/confirmations/{token}"))
            .await
            .status()
            .as_u16(),
        200
    );
    clock.advance(Duration::days(30));
    let expired = app.get(&format!("/api/v1/confirmations/{token}")).await;
    assert_eq!(expired.status().as_u16(), 410);
    let page = app.get(&format!("/confirm/{token}")).await;
    assert_eq!(page.status().as_u16(), 410);
    assert!(page.text().await.unwrap().contains("已过期"));
}

/// The cells of a workbook's first sheet as text, row by row.
fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// A workbook of these rows (numbers where they read as numbers), as a provider's
/// spreadsheet program saves the template once filled.
fn workbook(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(n) if c == 0 || c == 7 => sheet.write_number(r as u32, c as u16, n).unwrap(),
                _ => sheet.write_string(r as u32, c as u16, cell).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

async fn upload(app: &TestApp, token: &str, bytes: Vec<u8>) -> Reply {
    app.send_with(
        reqwest::Method::POST,
        &format!("/api/v1/confirmations/{token}/upload"),
        &[("content-type", "application/octet-stream".into())],
        Some(bytes),
        None,
    )
    .await
}

#[actix_web::test]
async fn a_template_with_one_bad_line_changes_nothing_and_lists_every_problem_by_row() {
    let clock = clock();
    let c = clock.clone();
    let app = spawn_app_with(move |config| config.clock = c).await;
    let ndrc = app.official(1, "ndrc", "luntai").await;
    let (a, _) = approved_deferral(&app, 1, "luntai", 50_000, &ndrc).await;
    let (b, _) = approved_deferral(&app, 2, "luntai", 30_000, &ndrc).await;
    let sent = send(&app, &ndrc, &[&a, &b]).await;
    let token = token_of(&sent.body["link"]);
    let a_line = line_of(&sent.body["confirmation"], &a).to_string();

    // The template opens and reads back: its header, a row per line, the total row.
    let file = app
        .get(&format!("/api/v1/confirmations/{token}/template"))
        .await;
    assert_eq!(file.status().as_u16(), 200);
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''%E7%A1%AE%E8%AE%A4%E5%8D%95"),
        "确认单-….xlsx"
    );
    let template = cells(&file.bytes().await.unwrap());
    let header = template.iter().position(|r| r[0] == "行号").unwrap();
    assert_eq!(header, 3);
    assert_eq!(template[header][7], "确认金额（元）");
    let rows: Vec<&Vec<String>> = template[header + 1..].iter().collect();
    assert_eq!(rows.len(), 3, "two lines and the total");
    assert_eq!(
        (rows[0][5].as_str(), rows[1][5].as_str()),
        ("500.00", "300.00")
    );
    assert_eq!(
        (rows[2][0].as_str(), rows[2][5].as_str()),
        ("合计", "800.00")
    );
    assert!(template[1][0].contains(PROVIDER));

    // Filled with mistakes: a changed amount without a reason, a line not theirs, a wrong
    // total. The whole file is refused, each problem by its row; nothing is recorded.
    let mut bad: Vec<Vec<String>> = template.clone();
    let first = header + 1;
    bad[first][7] = "400".into();
    bad[first][8] = "2022-12-20".into();
    bad[first + 1][0] = "99999".into();
    bad[first + 1][7] = "300.00".into();
    bad[first + 1][8] = "2022/12/20".into();
    bad[first + 2][7] = "800".into();
    let refused = upload(&app, &token, workbook(&bad)).await;
    assert_eq!(
        (refused.status, refused.code()),
        (422, "invalid_confirmation"),
        "{}",
        refused.body
    );
    let problems: Vec<(Option<u64>, &str)> = refused.body["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["row"].as_u64(), p["problem"].as_str().unwrap()))
        .collect();
    let row = |i: usize| Some(i as u64 + 1);
    assert_eq!(
        problems,
        vec![
            (row(first), "changed_without_reason"),
            (row(first + 1), "not_theirs"),
            (None, "missing"),
            (None, "wrong_total"),
        ]
    );
    assert_eq!(
        outstanding(&app, &ndrc, &a).await,
        100_000,
        "nothing recorded"
    );
    assert_eq!(
        app.get(&format!("/api/v1/confirmations/{token}"))
            .await
            .status()
            .as_u16(),
        200,
        "still open"
    );

    // Corrected: A's April at 500.00, B not done and why, the total right.
    let mut good = template.clone();
    good[first][7] = "500.00".into();
    good[first][8] = "2022-12-20".into();
    good[first + 1][9] = "未办".into();
    good[first + 1][10] = "欠费已由企业自行结清".into();
    good[first + 2][7] = "500".into();
    assert_eq!(good[first][0], a_line);
    let recorded = upload(&app, &token, workbook(&good)).await;
    assert_eq!(recorded.status, 200, "{}", recorded.body);
    assert_eq!(recorded.body["answered_by"], "upload");
    assert_eq!(outstanding(&app, &ndrc, &a).await, 50_000);
    assert_eq!(outstanding(&app, &ndrc, &b).await, 60_000);
    let not_an_xlsx = upload(&app, &"0".repeat(64), b"%PDF".to_vec()).await;
    assert_eq!(not_an_xlsx.status, 404, "an unknown link first");
}
