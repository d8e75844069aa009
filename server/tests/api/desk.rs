//! The officials' desk: the queue, as each caller may see it, filtered, searched and paged.

use std::collections::BTreeSet;

use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, Tokens, credit_code, phone, rent_request, spawn_app};

/// An owner who files the state-premises rent waiver as a business in `jurisdiction`.
async fn files_in(app: &TestApp, n: u32, jurisdiction: &str) -> (Tokens, Value) {
    let owner = app.owner(&phone(n), n).await;
    let mut body = rent_request();
    body["answers"]["jurisdiction"] = json!(jurisdiction);
    let reply = app.file(&owner.access, &format!("k-{n}"), &body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    (owner, reply.body)
}

async fn queue(app: &TestApp, token: &str, query: &str) -> Value {
    let reply = app
        .get_as(&format!("/api/v1/admin/requests{query}"), token)
        .await;
    assert_eq!(reply.status, 200, "{query}: {}", reply.body);
    reply.body
}

fn numbers(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn an_official_sees_only_requests_routed_to_them_and_a_supervisor_sees_all() {
    let app = spawn_app().await;
    let (_, korla_1) = files_in(&app, 1, "korla").await;
    let (_, korla_2) = files_in(&app, 2, "korla").await;
    let (_, luntai) = files_in(&app, 3, "luntai").await;
    let sasac_korla = app.official(1, "sasac", "korla").await;
    let finance_korla = app.official(2, "finance", "korla").await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;

    let page = queue(&app, &sasac_korla.access, "").await;
    assert_eq!(
        numbers(&page),
        vec![
            korla_1["number"].as_str().unwrap(),
            korla_2["number"].as_str().unwrap()
        ],
        "by their last day (the same: the first filed first), Luntai's request not among them"
    );
    assert_eq!(page["counts"]["submitted"], 2);
    assert_eq!(page["counts"]["approved"], 0);
    assert_eq!(page["next_cursor"], Value::Null);

    assert_eq!(
        queue(&app, &finance_korla.access, "").await["items"],
        json!([])
    );
    assert_eq!(
        queue(&app, &finance_korla.access, "?department=sasac").await["items"],
        json!([]),
        "asking for another department shows an official nothing of it"
    );

    let all = queue(&app, &supervisor.access, "").await;
    assert_eq!(all["items"].as_array().unwrap().len(), 3);
    assert_eq!(all["counts"]["submitted"], 3);
    assert!(numbers(&all).contains(&luntai["number"].as_str().unwrap().to_string()));
}

#[actix_web::test]
async fn a_departments_counts_follow_each_request_as_it_moves_and_stay_in_the_officials_jurisdictions()
 {
    let app = spawn_app().await;
    let (_, first) = files_in(&app, 1, "korla").await;
    files_in(&app, 2, "korla").await;
    files_in(&app, 3, "luntai").await;
    let sasac_korla = app.official(1, "sasac", "korla").await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;

    let before = queue(&app, &sasac_korla.access, "").await;
    assert_eq!(before["counts"]["submitted"], 2, "Luntai's is not counted");
    decide_ok(
        &app,
        &sasac_korla.access,
        &first["id"],
        first["version"].as_i64().unwrap(),
        json!({"action": "review"}),
    )
    .await;
    let after = queue(&app, &sasac_korla.access, "").await;
    assert_eq!(after["counts"]["submitted"], 1);
    assert_eq!(
        after["counts"]["in_review"], 1,
        "the request counts in its new state"
    );
    let department = queue(&app, &supervisor.access, "?department=sasac").await;
    assert_eq!(
        department["counts"]["submitted"], 2,
        "both Korla's and Luntai's"
    );
    assert_eq!(department["counts"]["in_review"], 1);
    let in_luntai = queue(
        &app,
        &supervisor.access,
        "?department=sasac&jurisdiction=luntai",
    )
    .await;
    assert_eq!(in_luntai["counts"]["submitted"], 1);
    assert_eq!(in_luntai["counts"]["in_review"], 0);
}

#[actix_web::test]
async fn owners_may_not_open_the_queue() {
    let app = spawn_app().await;
    let (owner, _) = files_in(&app, 1, "korla").await;
    let reply = app.get_as("/api/v1/admin/requests", &owner.access).await;
    assert_eq!(reply.status, 403);
}

#[actix_web::test]
async fn queue_items_carry_masked_contacts_and_their_deadline_state() {
    let app = spawn_app().await;
    let (owner, filed) = files_in(&app, 7, "korla").await;
    // As stored (PostgreSQL keeps microseconds).
    let filed = app
        .get_as(&format!("/api/v1/requests/{}", filed["id"]), &owner.access)
        .await
        .body;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let item = &queue(&app, &supervisor.access, "").await["items"][0];
    assert_eq!(item["id"], filed["id"]);
    assert_eq!(item["business_name"], "库尔勒小吃店");
    assert_eq!(item["phone"], "138****0007");
    let code = credit_code(7);
    assert_eq!(
        item["credit_code"],
        format!("{}{}{}", &code[..6], "*".repeat(10), &code[16..])
    );
    assert_eq!(item["jurisdiction"], "korla");
    assert_eq!(item["due_at"], filed["due_on"]);
    assert_eq!(item["submitted_at"], filed["filed_at"]);
    assert_eq!(item["deadline_state"], "on_time", "just filed");
    let text = queue(&app, &supervisor.access, "").await.to_string();
    assert!(!text.contains(&phone(7)) && !text.contains(&code));
}

#[actix_web::test]
async fn a_request_past_its_last_day_is_overdue_and_found_by_the_overdue_filter() {
    let app = spawn_app().await;
    let (_, late) = files_in(&app, 1, "korla").await;
    let (_, fresh) = files_in(&app, 2, "korla").await;
    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    db.execute_unprepared(&format!(
        "UPDATE requests SET due_on = '2022-06-01' WHERE id = {}",
        late["id"]
    ))
    .await
    .unwrap();
    let official = app.official(1, "sasac", "korla").await;

    let overdue = queue(&app, &official.access, "?overdue=true").await;
    assert_eq!(numbers(&overdue), vec![late["number"].as_str().unwrap()]);
    assert_eq!(overdue["items"][0]["deadline_state"], "overdue");
    assert_eq!(overdue["counts"]["submitted"], 1);
    let rest = queue(&app, &official.access, "?overdue=false").await;
    assert_eq!(numbers(&rest), vec![fresh["number"].as_str().unwrap()]);
}

#[actix_web::test]
async fn the_queue_is_searched_by_number_business_name_or_credit_code_and_filtered() {
    let app = spawn_app().await;
    let (first, a) = files_in(&app, 1, "korla").await;
    let (_, b) = files_in(&app, 2, "korla").await;
    let renamed = app
        .send_with(
            reqwest::Method::PATCH,
            "/api/v1/me",
            &[("content-type", "application/json".into())],
            Some(
                json!({"business_name": "孔雀河烤肉店"})
                    .to_string()
                    .into_bytes(),
            ),
            Some(&first.access),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let (a_no, b_no) = (a["number"].as_str().unwrap(), b["number"].as_str().unwrap());

    let by_name = queue(&app, &supervisor.access, "?q=%E5%AD%94%E9%9B%80%E6%B2%B3").await;
    assert_eq!(numbers(&by_name), vec![a_no], "孔雀河");
    let by_number = queue(&app, &supervisor.access, &format!("?q={b_no}")).await;
    assert_eq!(numbers(&by_number), vec![b_no]);
    let by_code = queue(&app, &supervisor.access, &format!("?q={}", credit_code(2))).await;
    assert_eq!(numbers(&by_code), vec![b_no]);
    // A code is matched whole: its masked form is not recovered by searching its parts.
    let by_part = queue(
        &app,
        &supervisor.access,
        &format!("?q={}", &credit_code(2)[..8]),
    )
    .await;
    assert_eq!(numbers(&by_part), Vec::<String>::new());
    let lower = queue(
        &app,
        &supervisor.access,
        &format!("?q={}", b_no.to_lowercase()),
    )
    .await;
    assert_eq!(numbers(&lower), vec![b_no], "a number in small letters");
    let part = queue(&app, &supervisor.access, &format!("?q={}", &b_no[5..])).await;
    assert_eq!(numbers(&part), vec![b_no], "the end of a number");
    let unknown = queue(&app, &supervisor.access, "?q=BZ1999-000001").await;
    assert_eq!(unknown["items"], json!([]), "a number nobody has");
    assert_eq!(unknown["counts"]["submitted"], 0, "and counts nothing");
    let nothing = queue(&app, &supervisor.access, "?q=%25").await;
    assert_eq!(
        nothing["items"],
        json!([]),
        "`%` is a character, not a wildcard"
    );

    let filters: &[(&str, usize, &str)] = &[
        ("?status=submitted", 2, "both are submitted"),
        ("?status=approved", 0, "none approved"),
        ("?kind=rent_waiver", 2, "both are rent waivers"),
        ("?kind=skills_reward", 0, "no skills rewards"),
        ("?measure=rent-waiver-state", 2, "both are this measure"),
        ("?jurisdiction=korla", 2, "both in Korla"),
        ("?jurisdiction=luntai", 0, "none in Luntai"),
        ("?department=sasac", 2, "both routed to SASAC"),
        ("?department=tax", 0, "none routed to the tax bureau"),
        ("?from=2000-01-01", 2, "filed after 2000"),
        ("?to=2000-01-01", 0, "none filed before 2000"),
    ];
    for (query, expected, why) in filters {
        let page = queue(&app, &supervisor.access, query).await;
        assert_eq!(
            page["items"].as_array().unwrap().len(),
            *expected,
            "{query}: {why}"
        );
    }
    let approved_tab = queue(&app, &supervisor.access, "?status=approved").await;
    assert_eq!(
        approved_tab["counts"]["submitted"], 2,
        "the counts ignore the status filter, so every tab shows its number"
    );
    let bad = app
        .get_as("/api/v1/admin/requests?status=lost", &supervisor.access)
        .await;
    assert_eq!(bad.status, 400);
}

#[actix_web::test]
async fn the_queue_pages_by_cursor_without_repeating_or_skipping() {
    let app = spawn_app().await;
    let mut filed = Vec::new();
    for n in 1..=5 {
        filed.push(
            files_in(&app, n, "korla").await.1["number"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let official = app.official(1, "sasac", "korla").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let query = match &cursor {
            Some(c) => format!("?sort=newest&limit=2&cursor={c}"),
            None => "?sort=newest&limit=2".into(),
        };
        let page = queue(&app, &official.access, &query).await;
        pages += 1;
        assert_eq!(page["counts"]["submitted"], 5, "counts are for every page");
        seen.extend(numbers(&page));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    filed.reverse();
    assert_eq!(seen, filed, "newest first, each once");
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 5);

    for bad in ["?cursor=zz", "?cursor=3a", "?limit=0", "?limit=201"] {
        let reply = app
            .get_as(&format!("/api/v1/admin/requests{bad}"), &official.access)
            .await;
        assert_eq!(reply.status, 400, "{bad}: {}", reply.body);
    }
}

/// A downloaded file: status, headers, bytes.
async fn download(
    app: &TestApp,
    token: &str,
    query: &str,
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let res = app
        .client
        .get(format!(
            "{}/api/v1/admin/requests/export{query}",
            app.address
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.bytes().await.unwrap().to_vec())
}

/// One part of a workbook, as text.
fn part(xlsx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an xlsx is a zip");
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[actix_web::test]
async fn a_county_governments_ledger_is_named_after_its_own_unit() {
    let app = spawn_app().await;
    let official = app.official(7, "county_government", "luntai").await;
    let (status, headers, _) = download(&app, &official.access, "?format=xlsx").await;
    assert_eq!(status, 200);
    let name = shared::api::file_name(headers["content-disposition"].to_str().unwrap()).unwrap();
    assert!(name.starts_with("台账-轮台县人民政府-20"), "{name}");
}

/// The cells of the first sheet of a workbook, by reference (`A1`), shared strings resolved.
fn cells(xlsx: &[u8]) -> (std::collections::BTreeMap<String, String>, String) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an xlsx is a zip");
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let shared = read("xl/sharedStrings.xml");
    let sheet = read("xl/worksheets/sheet1.xml");
    let strings: Vec<String> = shared
        .split("<si>")
        .skip(1)
        .map(|si| {
            let start = si.find("<t").unwrap();
            let open = si[start..].find('>').unwrap() + start + 1;
            let close = si.find("</t>").unwrap();
            si[open..close].replace("&amp;", "&")
        })
        .collect();
    let mut out = std::collections::BTreeMap::new();
    for c in sheet.split("<c r=\"").skip(1) {
        let reference = c[..c.find('"').unwrap()].to_string();
        let head = &c[..c.find('>').unwrap()];
        if head.ends_with('/') {
            continue;
        }
        let Some(v) = c.find("<v>") else { continue };
        let value = &c[v + 3..c.find("</v>").unwrap()];
        let value = if head.contains("t=\"s\"") {
            strings[value.parse::<usize>().unwrap()].clone()
        } else {
            value.to_string()
        };
        out.insert(reference, value);
    }
    (out, sheet)
}

/// Three Korla rent waivers, the first approved for 9,000.00 yuan.
async fn three_requests_one_approved(app: &TestApp) -> (Tokens, Vec<Value>) {
    let mut filed = Vec::new();
    for n in 1..=3 {
        filed.push(files_in(app, n, "korla").await.1);
    }
    let official = app.official(1, "sasac", "korla").await;
    let id = &filed[0]["id"];
    let review = app
        .decide(
            &official.access,
            id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    assert_eq!(review.status, 200, "{}", review.body);
    let approve = app
        .decide(
            &official.access,
            id,
            &json!(2),
            &json!({
                "action": "approve",
                "comment": "免收 3 个月租金",
                "grant": {"kind": "rent_waiver", "months": 3, "amount_fen": 900_000}
            }),
        )
        .await;
    assert_eq!(approve.status, 200, "{}", approve.body);
    (official, filed)
}

#[actix_web::test]
async fn the_excel_ledger_opens_with_its_rows_subtotals_and_total() {
    let app = spawn_app().await;
    let (official, filed) = three_requests_one_approved(&app).await;
    let (status, headers, bytes) = download(&app, &official.access, "?format=xlsx").await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let name = shared::api::file_name(disposition).unwrap();
    assert!(
        name.starts_with("台账-州国有资产监督管理委员会-20") && name.ends_with(".xlsx"),
        "named as offices file it: {name}"
    );

    let (cells, sheet) = cells(&bytes);
    // It prints as it is: A4 landscape, one page wide, the title and header on every page,
    // numbered pages.
    assert!(
        sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#),
        "A4 landscape"
    );
    assert!(
        sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#) && sheet.contains(r#"fitToHeight="0""#),
        "fit to one page wide, as many pages long as it takes"
    );
    assert!(sheet.contains("第 &amp;P 页，共 &amp;N 页"), "page numbers");
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains(
            r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'台账'!$1:$3</definedName>"#
        ) || workbook.contains(
            r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">台账!$1:$3</definedName>"#
        ),
        "rows 1 to 3 repeated on every page: {workbook}"
    );
    assert!(cells["A1"].contains("台账"), "a title row");
    assert!(
        cells["A2"].contains("金额单位：元") && cells["A2"].contains("期间"),
        "{}",
        cells["A2"]
    );
    assert_eq!(cells["A3"], "序号");
    assert_eq!(cells["F3"], "统一社会信用代码");
    assert!(sheet.contains("ySplit=\"3\""), "the header is frozen");
    // Rows 4 to 6: one per request, numbered, newest first.
    for (row, n) in [(4, 1), (5, 2), (6, 3)] {
        assert_eq!(cells[&format!("A{row}")], n.to_string());
    }
    let numbers: Vec<&str> = (4..=6).map(|r| cells[&format!("B{r}")].as_str()).collect();
    let mut expected: Vec<&str> = filed
        .iter()
        .map(|f| f["number"].as_str().unwrap())
        .collect();
    expected.reverse();
    assert_eq!(numbers, expected);
    let codes: BTreeSet<&str> = (4..=6).map(|r| cells[&format!("F{r}")].as_str()).collect();
    let all_codes: Vec<String> = (1..=3).map(credit_code).collect();
    assert_eq!(
        codes,
        all_codes.iter().map(String::as_str).collect(),
        "credit codes whole, as text"
    );
    let submitted: f64 = cells["I4"].parse().expect("a date is a serial number");
    assert!(submitted > 44_000.0, "{submitted}");
    let amounts: Vec<f64> = (4..=6)
        .map(|r| cells[&format!("L{r}")].parse().unwrap())
        .collect();
    assert_eq!(amounts, vec![0.0, 0.0, 9000.0], "yuan as numbers");
    // The department's subtotal, then the total.
    assert!(
        cells["A7"].contains("小计") && cells["A7"].contains("3 件"),
        "{}",
        cells["A7"]
    );
    assert_eq!(cells["L7"], "9000");
    assert!(cells["A8"].starts_with("合计"), "{}", cells["A8"]);
    assert_eq!(cells["L8"], "9000");
    assert!(!cells.contains_key("A9"));
}

#[actix_web::test]
async fn the_csv_ledger_starts_with_a_byte_order_mark_and_has_a_line_per_request() {
    let app = spawn_app().await;
    let (official, _) = three_requests_one_approved(&app).await;
    let (status, headers, bytes) =
        download(&app, &official.access, "?format=csv&status=approved").await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "the header and the approved request: {text}"
    );
    assert!(lines[0].starts_with("序号,申请编号,状态"));
    assert!(lines[1].starts_with("1,BZ"), "{}", lines[1]);
    assert!(lines[1].contains(",已批准,"), "{}", lines[1]);
    assert!(lines[1].ends_with(",9000.00"), "{}", lines[1]);
}

#[actix_web::test]
async fn an_export_holds_only_what_the_caller_may_see_and_is_audited() {
    let app = spawn_app().await;
    let _ = files_in(&app, 1, "korla").await;
    let finance = app.official(2, "finance", "korla").await;
    let (status, _, bytes) = download(&app, &finance.access, "?format=csv").await;
    assert_eq!(status, 200);
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.lines().count(), 1, "only the header: {text}");
    let (status, _, _) = download(&app, &finance.access, "?format=pdf").await;
    assert_eq!(status, 400);

    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT action FROM audit_log WHERE action = 'requests_exported'",
        ))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
}

/// What happens to each generated request.
#[derive(Clone, Copy, PartialEq)]
enum Fate {
    Waits,
    Approved,
    Rejected,
    Overdue,
}

async fn decide_ok(app: &TestApp, token: &str, id: &Value, version: i64, body: Value) {
    let d = app.decide(token, id, &json!(version), &body).await;
    assert_eq!(d.status, 200, "{}", d.body);
}

fn row<'a>(rows: &'a Value, key: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no row for {key}"))
}

#[actix_web::test]
async fn dashboard_figures_equal_the_counts_of_the_generated_requests() {
    let app = spawn_app().await;
    let plan: Vec<(&str, Fate)> = vec![
        ("korla", Fate::Approved),
        ("korla", Fate::Rejected),
        ("korla", Fate::Overdue),
        ("korla", Fate::Waits),
        ("luntai", Fate::Approved),
        ("luntai", Fate::Overdue),
        ("luntai", Fate::Waits),
    ];
    let officials = [
        ("korla", app.official(1, "sasac", "korla").await),
        ("luntai", app.official(2, "sasac", "luntai").await),
    ];
    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    for (n, (jurisdiction, fate)) in (1u32..).zip(&plan) {
        let (_, r) = files_in(&app, n, jurisdiction).await;
        let official = &officials.iter().find(|o| o.0 == *jurisdiction).unwrap().1;
        let step =
            |body: Value, version: i64| decide_ok(&app, &official.access, &r["id"], version, body);
        match fate {
            Fate::Approved => {
                step(json!({"action": "review"}), 1).await;
                step(
                    json!({"action": "approve", "grant": {"kind": "rent_waiver", "months": 3, "amount_fen": 900_000}}),
                    2,
                )
                .await;
            }
            Fate::Rejected => {
                step(json!({"action": "review"}), 1).await;
                step(json!({"action": "reject", "comment": "租赁合同不符"}), 2).await;
            }
            Fate::Overdue => {
                db.execute_unprepared(&format!(
                    "UPDATE requests SET due_on = '2022-06-01' WHERE id = {}",
                    r["id"]
                ))
                .await
                .unwrap();
            }
            Fate::Waits => {}
        }
    }

    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let reply = app
        .get_as("/api/v1/admin/dashboard", &supervisor.access)
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let board = &reply.body;

    let count = |j: Option<&str>, f: &dyn Fn(Fate) -> bool| {
        plan.iter()
            .filter(|(pj, fate)| j.is_none_or(|j| j == *pj) && f(*fate))
            .count() as u64
    };
    let decided = |f: Fate| matches!(f, Fate::Approved | Fate::Rejected);
    let approved = |f: Fate| f == Fate::Approved;
    for (rows, key, j) in [
        (&board["departments"], "sasac", None),
        (&board["jurisdictions"], "korla", Some("korla")),
        (&board["jurisdictions"], "luntai", Some("luntai")),
    ] {
        let r = row(rows, key);
        assert_eq!(r["received"], count(j, &|_| true), "{key} received");
        assert_eq!(r["decided"], count(j, &decided), "{key} decided");
        assert_eq!(
            r["decided_on_time"],
            count(j, &decided),
            "{key}: decided the day it was filed"
        );
        assert_eq!(r["on_time_rate"], 1.0, "{key}");
        assert_eq!(r["avg_working_days_to_decide"], 0.0, "{key}");
        assert_eq!(
            r["overdue_now"],
            count(j, &|f| f == Fate::Overdue),
            "{key} overdue"
        );
        assert_eq!(
            r["approved_fen"],
            count(j, &approved) * 900_000,
            "{key} approved"
        );
        assert_eq!(
            r["businesses_helped"],
            count(j, &approved),
            "{key}: one business per approval"
        );
    }
    let finance = row(&board["departments"], "finance");
    assert_eq!(finance["received"], 0);
    assert_eq!(finance["on_time_rate"], Value::Null, "no decision, no rate");
    // The supervising office is not among the units it supervises: no measure routes to it.
    let units: Vec<&str> = board["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert!(!units.contains(&"supervision_office"), "{units:?}");
    assert!(units.contains(&"county_government") && units.contains(&"tax"));

    let weeks = board["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);
    let this_week = weeks.last().unwrap();
    assert_eq!(this_week["received"], plan.len() as u64);
    assert_eq!(this_week["decided"], count(None, &decided));
    let earlier: u64 = weeks[..11]
        .iter()
        .map(|w| w["received"].as_u64().unwrap())
        .sum();
    assert_eq!(earlier, 0);
}

#[actix_web::test]
async fn the_dashboard_is_for_supervisors_and_admins_only() {
    let app = spawn_app().await;
    let official = app.official(1, "sasac", "korla").await;
    let (owner, _) = files_in(&app, 1, "korla").await;
    let admin = app.staff("13900000002", "admin", &[]).await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    for (who, token, status) in [
        ("official", &official.access, 403),
        ("owner", &owner.access, 403),
        ("admin", &admin.access, 200),
        ("supervisor", &supervisor.access, 200),
    ] {
        let reply = app.get_as("/api/v1/admin/dashboard", token).await;
        assert_eq!(reply.status, status, "{who}: {}", reply.body);
    }
}

fn ketdz_tenant() -> Value {
    json!({ "as_of": "2022-06-01", "answers": {
        "entity_type": "individual_business", "industry": "catering", "jurisdiction": "ketdz",
        "premises": "rent_county_state", "highway_service_area": false, "monthly_rent_fen": 200000
    }})
}

#[actix_web::test]
async fn marking_a_county_as_listed_changes_its_state_rent_estimate_from_3_to_7_months_at_once() {
    let app = spawn_app().await;
    let (_, before) = app.eligibility("", &ketdz_tenant()).await;
    assert_eq!(
        crate::helpers::result_for(&before, "rent-waiver-state")["estimate_fen"],
        600_000,
        "3 months of 2,000 yuan until the county's listing is recorded"
    );
    let catalog_before = app.get("/api/v1/catalog").await;
    let etag_before = catalog_before.headers()["etag"]
        .to_str()
        .unwrap()
        .to_string();

    let admin = app.staff("13900000002", "admin", &[]).await;
    let reply = app
        .send(
            reqwest::Method::PUT,
            "/api/v1/admin/jurisdictions/ketdz/facts",
            Some(&json!({"medium_high_risk_2022": true})),
            Some(&admin.access),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["medium_high_risk_2022"], true);
    assert_eq!(
        reply.body["electricity_subsidy"],
        Value::Null,
        "not recorded"
    );

    let (_, after) = app.eligibility("", &ketdz_tenant()).await;
    assert_eq!(
        crate::helpers::result_for(&after, "rent-waiver-state")["estimate_fen"],
        1_400_000,
        "7 months, without a restart"
    );
    let catalog = app.get("/api/v1/catalog").await;
    assert_ne!(catalog.headers()["etag"].to_str().unwrap(), etag_before);
    let catalog: Value = catalog.json().await.unwrap();
    let ketdz = catalog["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["id"] == "ketdz")
        .unwrap();
    assert_eq!(
        ketdz["medium_high_risk_2022"], true,
        "the phones' copy agrees"
    );

    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT detail FROM audit_log WHERE action = 'jurisdiction_fact_recorded'",
        ))
        .await
        .unwrap();
    let details: Vec<String> = rows
        .iter()
        .map(|r| r.try_get::<String>("", "detail").unwrap())
        .collect();
    assert_eq!(details, vec!["ketdz medium_high_risk_2022 = true"]);
}

#[actix_web::test]
async fn only_administrators_record_facts_and_only_about_known_jurisdictions() {
    let app = spawn_app().await;
    let official = app.official(1, "county_government", "ketdz").await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let admin = app.staff("13900000002", "admin", &[]).await;
    let put = |path: &'static str, body: Value, token: String| {
        let app = &app;
        async move {
            app.send(reqwest::Method::PUT, path, Some(&body), Some(&token))
                .await
                .status
        }
    };
    let listed = json!({"medium_high_risk_2022": true});
    let path = "/api/v1/admin/jurisdictions/ketdz/facts";
    assert_eq!(
        put(path, listed.clone(), official.access.clone()).await,
        403
    );
    assert_eq!(
        put(path, listed.clone(), supervisor.access.clone()).await,
        403
    );
    assert_eq!(
        put(
            "/api/v1/admin/jurisdictions/atlantis/facts",
            listed,
            admin.access.clone()
        )
        .await,
        404
    );
    assert_eq!(
        put(path, json!({}), admin.access.clone()).await,
        400,
        "no fact sent"
    );
    let (_, still) = app.eligibility("", &ketdz_tenant()).await;
    assert_eq!(
        crate::helpers::result_for(&still, "rent-waiver-state")["estimate_fen"],
        600_000
    );
}

/// Every page of the queue in `sort`'s order, `limit` at a time, chained by cursor.
async fn every_page(app: &TestApp, token: &str, sort: &str, limit: u32) -> Vec<String> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut query = format!("?sort={sort}&limit={limit}");
        if let Some(c) = &cursor {
            query.push_str(&format!("&cursor={c}"));
        }
        let page = queue(app, token, &query).await;
        seen.extend(numbers(&page));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => return seen,
        }
    }
}

#[actix_web::test]
async fn the_desk_queue_comes_as_offices_work_it_the_overdue_first_then_waiting_for_the_owner_then_closed()
 {
    let app = spawn_app().await;
    let official = app.official(1, "sasac", "korla").await;
    let mut filed = Vec::new();
    let mut owners = Vec::new();
    for n in 1..=6 {
        let (owner, r) = files_in(&app, n, "korla").await;
        filed.push(r);
        owners.push(owner);
    }
    let number = |i: usize| filed[i]["number"].as_str().unwrap().to_string();
    let step = |i: usize, version: i64, body: Value| {
        let id = filed[i]["id"].clone();
        let token = official.access.clone();
        let app = &app;
        async move { decide_ok(app, &token, &id, version, body).await }
    };
    // 1 approved, then 2 rejected: closed, the latest closed first.
    step(0, 1, json!({"action": "review"})).await;
    step(0, 2, json!({"action": "approve", "grant": {"kind": "rent_waiver", "months": 3, "amount_fen": 900_000}})).await;
    step(1, 1, json!({"action": "review"})).await;
    step(1, 2, json!({"action": "reject", "comment": "租赁合同不符"})).await;
    // 3 waits for its owner.
    step(2, 1, json!({"action": "review"})).await;
    step(2, 2, json!({"action": "ask", "comment": "请上传租赁合同"})).await;
    // 4 is past its last day.
    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    db.execute_unprepared(&format!(
        "UPDATE requests SET due_on = '2022-06-01' WHERE id = {}",
        filed[3]["id"]
    ))
    .await
    .unwrap();
    // 6 was asked and its owner answered: back with the official, and marked so.
    step(5, 1, json!({"action": "review"})).await;
    step(5, 2, json!({"action": "ask", "comment": "请上传租赁合同"})).await;
    let answered = app
        .post_as(
            &format!("/api/v1/requests/{}/answer", filed[5]["id"]),
            Some(&json!({"comment": "合同已上传"})),
            &owners[5].access,
        )
        .await;
    assert_eq!(answered.status, 200, "{}", answered.body);

    let first = queue(&app, &official.access, "").await;
    let expected: Vec<String> = [3, 4, 5, 2, 1, 0].iter().map(|&i| number(i)).collect();
    assert_eq!(
        numbers(&first),
        expected,
        "overdue, then the others waiting for the department by their last day, then the one waiting for its owner, then the closed, the latest closed first"
    );
    let answered_flags: Vec<bool> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["owner_answered"].as_bool().unwrap())
        .collect();
    assert_eq!(
        answered_flags,
        vec![false, false, true, false, false, false],
        "only the request whose owner answered last is marked"
    );
    assert_eq!(
        queue(&app, &official.access, "?sort=due").await["items"],
        first["items"]
    );

    for limit in [1, 2, 4] {
        assert_eq!(
            every_page(&app, &official.access, "due", limit).await,
            expected,
            "pages of {limit} in the same order, each once"
        );
    }
    let mut newest: Vec<String> = (0..6).map(number).collect();
    assert_eq!(
        every_page(&app, &official.access, "oldest", 4).await,
        newest
    );
    newest.reverse();
    assert_eq!(
        every_page(&app, &official.access, "newest", 4).await,
        newest
    );

    // A cursor is for the order it came from; an unknown order is refused.
    let due_cursor = queue(&app, &official.access, "?limit=1").await["next_cursor"]
        .as_str()
        .unwrap()
        .to_string();
    let mixed = app
        .get_as(
            &format!("/api/v1/admin/requests?sort=newest&cursor={due_cursor}"),
            &official.access,
        )
        .await;
    assert_eq!(mixed.status, 400, "{}", mixed.body);
    assert_eq!(mixed.body["error"]["field"], "cursor");
    let unknown = app
        .get_as("/api/v1/admin/requests?sort=lucky", &official.access)
        .await;
    assert_eq!(unknown.status, 400, "{}", unknown.body);
}

#[actix_web::test]
async fn the_dashboard_totals_count_each_request_once_over_the_period_asked_for() {
    let app = spawn_app().await;
    let official = app.official(1, "sasac", "korla").await;
    let (_, approved) = files_in(&app, 1, "korla").await;
    let (_, late) = files_in(&app, 2, "korla").await;
    let (_, _waits) = files_in(&app, 3, "luntai").await;
    decide_ok(
        &app,
        &official.access,
        &approved["id"],
        1,
        json!({"action": "review"}),
    )
    .await;
    decide_ok(
        &app,
        &official.access,
        &approved["id"],
        2,
        json!({"action": "approve", "grant": {"kind": "rent_waiver", "months": 3, "amount_fen": 900_000}}),
    )
    .await;
    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    db.execute_unprepared(&format!(
        "UPDATE requests SET due_on = '2022-06-01' WHERE id = {}",
        late["id"]
    ))
    .await
    .unwrap();
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let board = app
        .get_as("/api/v1/admin/dashboard", &supervisor.access)
        .await;
    assert_eq!(board.status, 200, "{}", board.body);
    let totals = &board.body["totals"];
    assert_eq!(totals["received"], 3);
    assert_eq!(totals["decided"], 1);
    assert_eq!(totals["decided_on_time"], 1);
    assert_eq!(totals["on_time_rate"], 1.0);
    assert_eq!(totals["overdue_now"], 1);
    assert_eq!(totals["approved_fen"], 900_000);
    assert_eq!(totals["businesses_helped"], 1);
    assert_eq!(board.body["from"], Value::Null);

    // A period: the requests filed in it only; the day they were filed is today's.
    let today = board.body["as_of"].as_str().unwrap().to_string();
    let day: chrono::NaiveDate = today.parse().unwrap();
    let before = (day - chrono::Duration::days(30)).to_string();
    let yesterday = (day - chrono::Duration::days(1)).to_string();
    let earlier = app
        .get_as(
            &format!("/api/v1/admin/dashboard?from={before}&to={yesterday}"),
            &supervisor.access,
        )
        .await;
    assert_eq!(earlier.status, 200, "{}", earlier.body);
    assert_eq!(earlier.body["totals"]["received"], 0);
    assert_eq!(earlier.body["totals"]["on_time_rate"], Value::Null);
    assert_eq!(row(&earlier.body["departments"], "sasac")["received"], 0);
    assert_eq!(earlier.body["from"], before.as_str());
    let weeks = earlier.body["weeks"].as_array().unwrap();
    let last_week: chrono::NaiveDate = weeks.last().unwrap()["week_start"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let end: chrono::NaiveDate = yesterday.parse().unwrap();
    assert!(
        last_week <= end && end - last_week < chrono::Duration::days(7),
        "the trend ends with the period's week"
    );
    let today_only = app
        .get_as(
            &format!("/api/v1/admin/dashboard?from={today}&to={today}"),
            &supervisor.access,
        )
        .await;
    assert_eq!(today_only.body["totals"]["received"], 3);

    for bad in [
        format!("?from={today}&to={yesterday}"),
        "?from=2026-13-01".to_string(),
    ] {
        let reply = app
            .get_as(&format!("/api/v1/admin/dashboard{bad}"), &supervisor.access)
            .await;
        assert_eq!(reply.status, 400, "{bad}: {}", reply.body);
    }
}
