//! The officials' desk against the real server binary: an owner's phone never loads the
//! desk's code (checked on the bytes served), and an official decides a request from the
//! queue in headless Chromium at 1366×768 while an official of another department sees
//! none of it. Tests wait for elements, never for time; screenshots land in `target/e2e/`.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use e2e::webdriver::Browser;
use e2e::{Server, credit_code, http, server_binary};
use fantoccini::Locator;
use serde_json::{Value, json};

const DESK: (u32, u32) = (1366, 768);
const PASSWORD: &str = "Korla-oasis-2022";

/// The `content` of `<meta name="NAME">` in a page.
fn meta(html: &str, name: &str) -> String {
    let tag = format!("<meta name=\"{name}\" content=\"");
    let start = html
        .find(&tag)
        .unwrap_or_else(|| panic!("no {name} in the page"))
        + tag.len();
    html[start..].split('"').next().unwrap().to_string()
}

/// Every `/assets/…` address a page or script names.
fn assets(text: &str) -> Vec<String> {
    text.match_indices("/assets/")
        .map(|(i, _)| {
            text[i..]
                .split(['"', '\'', ')', ' ', '>'])
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

async fn bytes(server: &Server, path: &str) -> Vec<u8> {
    let reply = http()
        .get(format!("{}{path}", server.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200, "{path}");
    reply.bytes().await.unwrap().to_vec()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn an_owners_phone_loads_no_desk_code_and_the_desk_loads_its_own() {
    let server = Server::start().await;
    let phone_page = String::from_utf8(bytes(&server, "/").await).unwrap();
    let desk_page = String::from_utf8(bytes(&server, "/admin").await).unwrap();
    let sw = String::from_utf8(bytes(&server, "/sw.js").await).unwrap();
    let desk_wasm = meta(&desk_page, "shukun-wasm");
    let desk_js = meta(&desk_page, "shukun-js");
    assert_ne!(desk_wasm, meta(&phone_page, "shukun-wasm"));

    // What the phone loads (its page and every asset it names) and keeps offline (the
    // service worker's list) holds no desk file and no call to the desk's API.
    let mut phone_files = assets(&phone_page);
    phone_files.extend(assets(&sw));
    phone_files.sort();
    phone_files.dedup();
    assert!(phone_files.len() >= 4, "{phone_files:?}");
    for desk_file in assets(&desk_page) {
        if !desk_file.contains("/boot-") {
            assert!(
                !phone_files.contains(&desk_file),
                "the phone names {desk_file}"
            );
        }
    }
    for file in &phone_files {
        let body = bytes(&server, file).await;
        assert!(
            !contains(&body, "/api/v1/admin"),
            "{file} holds the desk's code"
        );
    }
    // The test can fail: the desk's own WASM does hold it, in its main module or in the
    // modules its split loader (beside its glue) fetches when a screen first needs them.
    let folder = desk_js.rsplit_once('/').unwrap().0;
    let loader =
        String::from_utf8(bytes(&server, &format!("{folder}/__wasm_split.js")).await).unwrap();
    let mut desk_code = bytes(&server, &desk_wasm).await;
    let modules: Vec<&str> = loader
        .match_indices("\"./")
        .filter_map(|(at, _)| loader[at + 3..].split('"').next())
        .filter(|name| name.ends_with(".wasm"))
        .collect();
    assert!(modules.len() >= 4, "{modules:?}");
    for module in modules {
        desk_code.extend(bytes(&server, &format!("{folder}/{module}")).await);
    }
    assert!(contains(&desk_code, "/api/v1/admin/requests"));
    assert!(!bytes(&server, &desk_js).await.is_empty());
}

/// Creates an official of `department` in Korla with the server's CLI.
async fn staff(server: &Server, phone: &str, department: &str) {
    staff_with(
        server,
        phone,
        &[
            "--role",
            "official",
            "--department",
            department,
            "--jurisdiction",
            "korla",
        ],
    )
    .await;
}

/// Creates a staff account with the server's CLI, as an administrator would, named by its
/// phone number's last digit.
async fn staff_with(server: &Server, phone: &str, role: &[&str]) {
    const NAMES: [&str; 10] = [
        "赵敏", "张伟", "李娜", "王强", "刘洋", "陈静", "杨帆", "黄磊", "周婷", "吴刚",
    ];
    let last = phone
        .chars()
        .last()
        .and_then(|c| c.to_digit(10))
        .unwrap_or(0) as usize;
    let out = tokio::process::Command::new(server_binary())
        .args(["user", "add", "--phone", phone, "--password", PASSWORD])
        .args(["--name", NAMES[last]])
        .args(role)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", server.database_file.display()),
        )
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An owner renting prefecture SOE premises in Korla registers and files the state-premises
/// rent waiver (routed to SASAC); returns the owner's token and the request.
async fn owner_files_a_rent_waiver(server: &Server) -> (String, Value) {
    owner_n_files_a_rent_waiver(server, 1).await
}

/// The `n`th such owner (its own phone, credit code and shop name).
async fn owner_n_files_a_rent_waiver(server: &Server, n: u32) -> (String, Value) {
    let client = http();
    let base = &server.base_url;
    let registered: Value = client
        .post(format!("{base}/api/v1/auth/register"))
        .json(&json!({
            "phone": format!("138{n:08}"),
            "password": PASSWORD,
            "business_name": if n == 1 { "库尔勒小吃店".to_string() } else { format!("库尔勒小吃店{n}号") },
            "entity_type": "individual_business",
            "credit_code": credit_code(n),
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = registered["access_token"]
        .as_str()
        .expect("registered")
        .to_string();
    let reply = client
        .post(format!("{base}/api/v1/requests"))
        .bearer_auth(&token)
        .header("Idempotency-Key", format!("desk-e2e-{n}"))
        .json(&json!({
            "measure": "rent-waiver-state",
            "kind": "rent_waiver",
            "answers": {
                "entity_type": "individual_business",
                "industry": "catering",
                "employees": 8,
                "annual_revenue_fen": 150_000_000,
                "jurisdiction": "korla",
                "premises": "rent_prefecture_soe",
                "highway_service_area": false,
                "monthly_rent_fen": 300_000,
                "rent_2022_paid": false
            },
            "payload": {
                "premises_address": "库尔勒市人民东路 1 号",
                "landlord_type": "prefecture_soe",
                "landlord_name": "巴州国有资产经营有限公司",
                "lease_start": "2021-01-01",
                "lease_end": "2023-12-31",
                "monthly_rent_fen": 300_000,
                "rent_2022_paid": false
            },
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 201);
    (token, reply.json().await.unwrap())
}

async fn sign_in(browser: &Browser, phone: &str) {
    browser
        .wait_for("input[name='phone']")
        .await
        .send_keys(phone)
        .await
        .unwrap();
    browser
        .wait_for("input[name='password']")
        .await
        .send_keys(PASSWORD)
        .await
        .unwrap();
    browser
        .wait_for("button[type='submit']")
        .await
        .click()
        .await
        .unwrap();
}

async fn type_into(browser: &Browser, css: &str, text: &str) {
    let input = browser.wait_for(css).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

#[tokio::test]
async fn an_official_decides_a_request_from_the_queue_and_another_department_sees_none() {
    let server = Server::start().await;
    staff(&server, "13700000001", "sasac").await;
    staff(&server, "13700000002", "tax").await;
    staff_with(&server, "13700000009", &["--role", "admin"]).await;
    let (owner, filed) = owner_files_a_rent_waiver(&server).await;
    let id = filed["id"].as_i64().unwrap();
    let number = filed["number"].as_str().unwrap().to_string();
    // Korla was a listed risk area in 2022 (seven months of rent).
    let recorded = http()
        .put(format!(
            "{}/api/v1/admin/jurisdictions/korla/facts",
            server.base_url
        ))
        .bearer_auth(login(&server, "13700000009").await)
        .json(&json!({ "medium_high_risk_2022": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(recorded.status(), 200);
    // The department keeps a saved phrase (常用语).
    let official = login(&server, "13700000001").await;
    let saved = http()
        .post(format!("{}/api/v1/admin/phrases", server.base_url))
        .bearer_auth(&official)
        .json(&json!({ "text": "租赁合同核实无误。" }))
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 201);

    let browser = Browser::desk(DESK.0, DESK.1).await;
    browser.goto(&format!("{}/admin", server.base_url)).await;
    browser.screenshot("desk-sign-in").await;
    sign_in(&browser, "13700000001").await;

    // The queue: the SASAC official's request, masked, with its deadline state.
    let row = browser
        .wait_for(&format!("tr[data-request='{id}'][data-status='submitted']"))
        .await;
    let text = row.text().await.unwrap();
    assert!(text.contains(&number), "{text}");
    assert!(text.contains("916528****"), "{text}");
    assert!(
        !text.contains(&credit_code(1)),
        "the credit code is masked: {text}"
    );
    browser
        .wait_for(&format!(
            "tr[data-request='{id}'] [data-deadline='on_time']"
        ))
        .await;
    browser
        .wait_for("[data-status='submitted'][role='tab']")
        .await;
    // As offices work it: by 办结时限 (the overdue first) unless the official sorts by 提交时间,
    // the latest first and then the earliest; the nav counts what waits for the department.
    browser
        .wait_for("th[aria-sort='ascending'] button[data-sort='due']")
        .await;
    browser.wait_for(".desk-nav__count[data-todo='1']").await;
    browser.screenshot("desk-queue").await;
    click(&browser, "button[data-sort='filed']").await;
    browser
        .wait_for("th[aria-sort='descending'] button[data-sort='filed']")
        .await;
    click(&browser, "button[data-sort='filed']").await;
    browser
        .wait_for("th[aria-sort='ascending'] button[data-sort='filed']")
        .await;
    click(&browser, "button[data-sort='due']").await;
    browser
        .wait_for("th[aria-sort='ascending'] button[data-sort='due']")
        .await;
    browser.wait_for(&format!("tr[data-request='{id}']")).await;

    // The request: take it into review, then approve seven months of rent.
    browser
        .client
        .find(Locator::LinkText(&number))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(&format!(
            ".desk-detail[data-request='{id}'][data-status='submitted']"
        ))
        .await;
    browser.wait_for("[data-eligibility='eligible']").await;
    // The owner's answers read as the catalog words them: each under its question's label,
    // a listed value under its label, the county under its name, never a wire value.
    for (field, label, value) in [
        ("premises", "经营场所来源", "租用州本级国有企业房屋"),
        ("jurisdiction", "经营所在地", "库尔勒市"),
        ("entity_type", "主体类型", "个体工商户"),
        ("employees", "从业人数（季度平均）", "8 人"),
    ] {
        let shown = browser
            .wait_for(&format!("[data-answers] dd[data-field='{field}']"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(shown, value, "{field}");
        let labels = browser
            .wait_for("[data-answers]")
            .await
            .text()
            .await
            .unwrap();
        assert!(labels.contains(label), "{label} in {labels}");
    }
    // The owner's phone shows unmasked only when asked (the server records it).
    browser
        .wait_for("[data-reveal]")
        .await
        .click()
        .await
        .unwrap();
    let contact = browser
        .wait_for("[data-contact]")
        .await
        .text()
        .await
        .unwrap();
    assert!(contact.contains("13800000001"), "{contact}");
    // The business was never checked against its licence: the desk says so, and the
    // official records the check (the next department sees it).
    browser.wait_for("[data-business-check='unverified']").await;
    browser.screenshot("desk-request").await;
    click(&browser, "button[data-verify]").await;
    let checked = browser
        .wait_for("[data-business-check='verified']")
        .await
        .text()
        .await
        .unwrap();
    assert!(checked.contains("营业执照已核验"), "{checked}");
    browser
        .wait_for("button[data-action='review']")
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_for(".desk-detail[data-status='in_review']")
        .await;
    // The grant starts from the engine's estimate (Korla was a listed risk area: seven
    // months of ¥3,000), for the official to check and adjust.
    let proposed = browser
        .wait_for("[data-proposed]")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        proposed.contains("减免 7 个月租金，共 21,000.00 元"),
        "{proposed}"
    );
    let value =
        |name: &str| format!("return document.querySelector(\"input[name='{name}']\").value");
    assert_eq!(browser.eval(&value("grant_months")).await, "7");
    assert_eq!(browser.eval(&value("grant_amount")).await, "21000");
    // Approving without the months is refused on the page, naming the field.
    browser
        .eval(
            "const m = document.querySelector(\"input[name='grant_months']\"); \
             m.value = ''; m.dispatchEvent(new Event('input', {bubbles: true})); return true;",
        )
        .await;
    browser
        .wait_for("button[data-action='approve']")
        .await
        .click()
        .await
        .unwrap();
    let problem = browser
        .wait_for(".desk-problem")
        .await
        .text()
        .await
        .unwrap();
    assert!(problem.contains("减免月数"), "{problem}");
    type_into(&browser, "input[name='grant_months']", "7").await;
    browser
        .wait_for(".desk-phrase")
        .await
        .click()
        .await
        .unwrap();
    let typed = browser
        .eval("return document.querySelector(\"textarea[name='comment']\").value")
        .await;
    assert_eq!(typed, "租赁合同核实无误。");
    // 批准 asks once more, with the grant in words; only 确认批准 records it.
    browser
        .wait_for("button[data-action='approve']")
        .await
        .click()
        .await
        .unwrap();
    let asked = browser
        .wait_for("[data-confirm='approve'] [data-grant]")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        asked.contains("减免 7 个月租金，共 21,000.00 元"),
        "{asked}"
    );
    browser.screenshot("desk-approve-confirm").await;
    click(&browser, "button[data-confirm-action='approve']").await;
    browser
        .wait_for(".desk-detail[data-status='approved'] [data-event='approve']")
        .await;
    let granted = browser.wait_for("[data-grant]").await.text().await.unwrap();
    assert!(
        granted.contains("减免 7 个月租金，共 21,000.00 元"),
        "{granted}"
    );
    // Nothing is left to decide, and the page says why in the request's own terms.
    let why = browser
        .wait_for("[data-nothing-to-decide]")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(why, "此申请已办结（已批准）。");
    browser.screenshot("desk-approved").await;

    // The owner sees the decision and what it grants.
    let seen: Value = http()
        .get(format!("{}/api/v1/requests/{id}", server.base_url))
        .bearer_auth(&owner)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["status"], "approved");
    assert_eq!(seen["grant"]["months"], 7);
    assert_eq!(seen["grant"]["amount_fen"], 2_100_000);
    let approval = seen["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "approve")
        .unwrap();
    assert_eq!(approval["comment"], "租赁合同核实无误。");

    // An official of another department sees none of it.
    browser
        .wait_for(".desk-nav button")
        .await
        .click()
        .await
        .unwrap();
    sign_in(&browser, "13700000002").await;
    browser.wait_for(".desk-empty").await;
    assert!(
        browser
            .client
            .find_all(Locator::Css("tr[data-request]"))
            .await
            .unwrap()
            .is_empty()
    );
    browser.screenshot("desk-queue-other-department").await;
}

async fn login(server: &Server, phone: &str) -> String {
    let reply: Value = http()
        .post(format!("{}/api/v1/auth/login", server.base_url))
        .json(&json!({ "phone": phone, "password": PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    reply["access_token"]
        .as_str()
        .expect("signed in")
        .to_string()
}

#[tokio::test]
async fn a_supervisor_drills_down_from_the_dashboard_and_an_admin_opens_an_account() {
    let server = Server::start().await;
    staff(&server, "13700000001", "sasac").await;
    staff_with(&server, "13700000003", &["--role", "supervisor"]).await;
    staff_with(&server, "13700000004", &["--role", "admin"]).await;
    let (_, filed) = owner_files_a_rent_waiver(&server).await;
    let id = filed["id"].as_i64().unwrap();
    let official = login(&server, "13700000001").await;
    let decided = http()
        .post(format!(
            "{}/api/v1/admin/requests/{id}/decision",
            server.base_url
        ))
        .bearer_auth(&official)
        .header("If-Match", filed["version"].to_string())
        .json(&json!({ "action": "review" }))
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status(), 200);

    // Someone registered the owner's code before the owner: the owner claims it.
    let claimed = http()
        .post(format!("{}/api/v1/auth/claim", server.base_url))
        .json(&json!({
            "registration": {
                "phone": "13800000009",
                "password": PASSWORD,
                "business_name": "库尔勒小吃店",
                "entity_type": "individual_business",
                "credit_code": credit_code(1),
            },
            "statement": "我是库尔勒小吃店的经营者，营业执照原件可以出示。",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(claimed.status(), 201);

    let browser = Browser::desk(DESK.0, DESK.1).await;
    browser
        .goto(&format!("{}/admin/dashboard", server.base_url))
        .await;
    sign_in(&browser, "13700000003").await;
    // The page asked for shows once signed in: the dashboard, Korla's row with one received.
    browser.wait_for(".desk-chart svg rect").await;
    let korla = browser
        .client
        .find(Locator::XPath(
            "//table[caption='按属地']//tr[th[normalize-space()='库尔勒市']]/td[1]",
        ))
        .await
        .unwrap();
    assert_eq!(
        korla.text().await.unwrap(),
        "1",
        "Korla received one request"
    );
    // The totals at the top, each request once: one received, none decided, none late.
    for (total, value) in [("received", "1"), ("decided", "0"), ("overdue", "0")] {
        let shown = browser
            .wait_for(&format!("[data-total='{total}'] .desk-total__value"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(shown, value, "{total}");
    }
    // The chart has its scale and each week's values.
    browser.wait_for(".desk-chart .tick text").await;
    browser.wait_for(".desk-chart text.value").await;
    browser.screenshot("desk-dashboard").await;
    // A period: the month before holds none of it.
    browser
        .wait_for("select[name='period'] option[value='last_month']")
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_for("[data-total='received'] .desk-total__value")
        .await;
    // The page is drawn again with the period's figures.
    browser
        .wait_for("[data-period]:not([data-period='..'])")
        .await;
    let last_month = browser
        .wait_for("[data-total='received'] .desk-total__value")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(last_month, "0", "nothing was filed last month");
    browser.screenshot("desk-dashboard-last-month").await;
    browser
        .wait_for("select[name='period'] option[value='all']")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for("[data-period='..'] ").await;
    // Drill down from a jurisdiction to its requests.
    browser
        .client
        .find(Locator::XPath("//button[normalize-space()='库尔勒市']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(&format!("tr[data-request='{id}'][data-status='in_review']"))
        .await;
    // A supervisor reads but does not decide.
    browser
        .client
        .find(Locator::LinkText(filed["number"].as_str().unwrap()))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(".desk-detail[data-status='in_review']")
        .await;
    assert!(
        browser
            .client
            .find_all(Locator::Css("button[data-action]"))
            .await
            .unwrap()
            .is_empty()
    );

    // An administrator opens an official's account on the users page.
    browser
        .wait_for(".desk-nav button")
        .await
        .click()
        .await
        .unwrap();
    sign_in(&browser, "13700000004").await;
    browser
        .wait_for("a.desk-nav__link[href='/admin/users']")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for("tr[data-user]").await;
    type_into(&browser, "input[name='new_name']", "王芳").await;
    type_into(&browser, "input[name='new_phone']", "13700000005").await;
    type_into(&browser, "input[name='new_password']", "Bohu-lake-2022").await;
    browser
        .wait_for("select[name='new_department'] option[value='tax']")
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_for("input[name='jurisdictions'][value='bohu']")
        .await
        .click()
        .await
        .unwrap();
    let before = browser
        .client
        .find_all(Locator::Css("tr[data-user]"))
        .await
        .unwrap()
        .len();
    browser
        .wait_for(".desk-newuser button[type='submit']")
        .await
        .click()
        .await
        .unwrap();
    let created = browser
        .wait_for(&format!("tr[data-user]:nth-child({})", before + 1))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        created.contains("王芳"),
        "the account has its name: {created}"
    );
    browser.screenshot("desk-users").await;
    // 忘记密码: the administrator gives the new official a new password (audited, every
    // session of the account signed out).
    click(
        &browser,
        &format!(
            "tr[data-user]:nth-child({}) button[data-reset-password]",
            before + 1
        ),
    )
    .await;
    type_into(&browser, "input[name='reset_password']", "Bohu-lake-2026").await;
    browser.screenshot("desk-reset-password").await;
    click(
        &browser,
        "form[data-change='reset_password'] button[type='submit']",
    )
    .await;
    browser
        .wait_for_gone("form[data-change='reset_password']")
        .await;
    // The claim: both accounts side by side; granted with the reason the claimant reads.
    browser.wait_for("[data-claim] [data-party='holder']").await;
    let reason = browser
        .wait_for("[data-claim] textarea[name='reason']")
        .await;
    reason
        .send_keys("营业执照与经营者身份证核对一致")
        .await
        .unwrap();
    browser.screenshot("desk-claims").await;
    click(&browser, "button[data-decide='grant']").await;
    browser.wait_for("[data-claims='none']").await;
    // Korla recorded as listed in 2022: in force at once, and audited.
    browser
        .wait_for("a.desk-nav__link[href='/admin/settings']")
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_for("select[name='korla_medium_high_risk_2022'] option[value='true']")
        .await
        .click()
        .await
        .unwrap();
    let said = browser
        .wait_for(".desk-saved, .desk-problem")
        .await
        .text()
        .await
        .unwrap();
    browser.screenshot("desk-settings").await;
    assert!(said.starts_with("已登记"), "{said}");
    let catalog: Value = http()
        .get(format!("{}/api/v1/catalog", server.base_url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let korla = catalog["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["id"] == "korla")
        .unwrap();
    assert_eq!(korla["medium_high_risk_2022"], true);
    // The account opened is in the audit log, which the administrator reads.
    browser
        .wait_for("a.desk-nav__link[href='/admin/audit']")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for("tr[data-audit='user_created']").await;
    browser.wait_for("tr[data-audit='password_reset']").await;
    browser
        .wait_for("tr[data-audit='jurisdiction_fact_recorded']")
        .await;
    browser.screenshot("desk-audit").await;
    // The new official can sign in with the password the administrator gave.
    let reply = http()
        .post(format!("{}/api/v1/auth/login", server.base_url))
        .json(&json!({ "phone": "13700000005", "password": "Bohu-lake-2026" }))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
}

/// Clicks the element `css` names, brought to the middle of the screen first (as a thumb
/// scrolls to it: a fixed tab bar covers the bottom edge).
async fn click(browser: &Browser, css: &str) {
    let element = browser.wait_for(css).await;
    browser
        .eval(&format!(
            "document.querySelector(\"{css}\").scrollIntoView({{block: 'center'}}); return true;"
        ))
        .await;
    element.click().await.unwrap();
}

#[tokio::test]
async fn officials_approve_a_batch_hand_over_keep_phrases_and_the_supervisor_issues_a_notice() {
    let server = Server::start().await;
    staff(&server, "13700000001", "sasac").await;
    staff(&server, "13700000002", "sasac").await;
    staff_with(&server, "13700000003", &["--role", "supervisor"]).await;
    staff_with(&server, "13700000004", &["--role", "admin"]).await;
    let mut filed = Vec::new();
    for n in 1..=4 {
        filed.push(owner_n_files_a_rent_waiver(&server, n).await.1);
    }
    let id = |i: usize| filed[i]["id"].as_i64().unwrap();
    // Korla was a listed risk area in 2022: seven months, which a batch may then grant.
    let admin = login(&server, "13700000004").await;
    let recorded = http()
        .put(format!(
            "{}/api/v1/admin/jurisdictions/korla/facts",
            server.base_url
        ))
        .bearer_auth(&admin)
        .json(&json!({ "medium_high_risk_2022": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(recorded.status(), 200);

    let browser = Browser::desk(DESK.0, DESK.1).await;
    browser
        .goto(&format!("{}/admin/phrases", server.base_url))
        .await;
    sign_in(&browser, "13700000001").await;
    // The department's phrases: one added here.
    type_into(
        &browser,
        "input[name='new_phrase']",
        "租赁合同核实无误，同意减免。",
    )
    .await;
    click(&browser, "form.desk-filters button[type='submit']").await;
    browser
        .wait_for("li[data-phrase] input[name='phrase']")
        .await;
    let kept = browser
        .eval("return document.querySelector(\"li[data-phrase] input[name='phrase']\").value")
        .await;
    assert_eq!(kept, "租赁合同核实无误，同意减免。");
    browser.screenshot("desk-phrases").await;

    // The queue: two requests ticked and approved as a batch, each at the estimate.
    click(&browser, "a.desk-nav__link[href='/admin']").await;
    for i in [0, 1] {
        click(
            &browser,
            &format!("input[name='select'][value='{}']", id(i)),
        )
        .await;
    }
    click(&browser, "button[data-batch='open']").await;
    for i in [0, 1] {
        let grant = browser
            .wait_for(&format!("tr[data-proposal='{}'] [data-grant]", id(i)))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(grant, "减免 7 个月租金，共 21,000.00 元");
    }
    click(&browser, ".desk-batch .desk-phrase").await;
    browser.screenshot("desk-batch").await;
    click(&browser, "button[data-batch='confirm']").await;
    for i in [0, 1] {
        browser
            .wait_for(&format!(
                "tr[data-proposal='{}'] [data-outcome='approved']",
                id(i)
            ))
            .await;
    }
    browser.screenshot("desk-batch-done").await;
    click(&browser, "button[data-batch='done']").await;
    for i in [0, 1] {
        browser
            .wait_for(&format!(
                "tr[data-request='{}'][data-status='approved']",
                id(i)
            ))
            .await;
    }
    browser
        .wait_for(&format!(
            "tr[data-request='{}'][data-status='submitted']",
            id(2)
        ))
        .await;
    let owner = login(&server, "13800000001").await;
    let seen: Value = http()
        .get(format!("{}/api/v1/requests/{}", server.base_url, id(0)))
        .bearer_auth(&owner)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["grant"]["months"], 7);
    let kinds: Vec<&str> = seen["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["filed", "review", "approve"], "recorded one by one");
    assert_eq!(
        seen["history"][2]["comment"],
        "租赁合同核实无误，同意减免。"
    );

    // The third request goes to a colleague of the department.
    browser
        .client
        .find(Locator::LinkText(filed[2]["number"].as_str().unwrap()))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click(&browser, "select[name='handover_to'] option:nth-child(2)").await;
    type_into(
        &browser,
        "input[name='handover_comment']",
        "本周休假，请接办",
    )
    .await;
    browser.screenshot("desk-handover").await;
    click(&browser, "button[data-action='handover']").await;
    browser
        .wait_for(".desk-detail[data-status='submitted'] [data-event='handover']")
        .await;
    let colleague = login(&server, "13700000002").await;
    let taken: Value = http()
        .get(format!("{}/api/v1/requests/{}", server.base_url, id(2)))
        .bearer_auth(&colleague)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let colleague_id: Value = http()
        .get(format!("{}/api/v1/me", server.base_url))
        .bearer_auth(&colleague)
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["id"]
        .clone();
    assert_eq!(taken["assignee_id"], colleague_id);

    // The fourth is overdue: the supervisor issues a 督办 notice to SASAC from the dashboard.
    let db = sea_orm::Database::connect(format!(
        "sqlite://{}?mode=rw",
        server.database_file.display()
    ))
    .await
    .unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &db,
        &format!(
            "UPDATE requests SET due_on = '2022-06-01' WHERE id = {}",
            id(3)
        ),
    )
    .await
    .unwrap();
    db.close().await.unwrap();
    click(&browser, ".desk-nav button").await;
    browser
        .goto(&format!("{}/admin/dashboard", server.base_url))
        .await;
    sign_in(&browser, "13700000003").await;
    click(&browser, "button[data-supervise]").await;
    let listed = browser
        .wait_for(".desk-numbers li")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(listed, filed[3]["number"].as_str().unwrap());
    browser.screenshot("desk-issue-notice").await;
    click(&browser, "button[data-notice='issue']").await;
    browser
        .wait_for("section[data-notice][data-state='issued']")
        .await;
    browser.screenshot("desk-notice-issued").await;
    // SASAC's official sees it on the queue until it is closed.
    click(&browser, ".desk-nav button").await;
    browser.goto(&format!("{}/admin", server.base_url)).await;
    sign_in(&browser, "13700000001").await;
    browser.wait_for("[data-open-notices='1']").await;

    // The administrator moves the colleague to Luntai: the change is saved and audited.
    click(&browser, ".desk-nav button").await;
    browser
        .goto(&format!("{}/admin/users", server.base_url))
        .await;
    sign_in(&browser, "13700000004").await;
    click(&browser, &format!("button[data-assign='{colleague_id}']")).await;
    click(
        &browser,
        "input[name='assign_jurisdictions'][value='korla']",
    )
    .await;
    click(
        &browser,
        "input[name='assign_jurisdictions'][value='luntai']",
    )
    .await;
    browser.screenshot("desk-assign").await;
    click(&browser, ".desk-assign button[type='submit']").await;
    browser.wait_for_gone(".desk-assign").await;
    let moved: Value = http()
        .get(format!("{}/api/v1/me", server.base_url))
        .bearer_auth(&login(&server, "13700000002").await)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(moved["jurisdictions"], json!(["luntai"]));
}

/// libfaketime (its thread-safe build) from Debian's `faketime` (scripts/setup-tools --browser installs it).
const LIBFAKETIME: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";

/// An official is not signed out when the access token's 15 minutes are up: the server's
/// clock moves on 16 minutes (libfaketime, read from a file), the desk's calls that find the
/// token expired refresh it once together, and the official goes on working; no false
/// `refresh_token_reused` alarm is written.
#[tokio::test]
async fn an_official_is_still_signed_in_sixteen_minutes_later() {
    assert!(
        std::path::Path::new(LIBFAKETIME).is_file(),
        "{LIBFAKETIME} is missing: scripts/setup-tools --browser installs Debian's faketime"
    );
    let clock = e2e::Scratch::new("clock");
    let offset = clock.0.join("offset");
    std::fs::write(&offset, "+0\n").unwrap();
    let offset_path = offset.display().to_string();
    let server = Server::start_with(
        "warn",
        &[
            ("LD_PRELOAD", LIBFAKETIME),
            ("FAKETIME_TIMESTAMP_FILE", offset_path.as_str()),
            ("FAKETIME_NO_CACHE", "1"),
            ("FAKETIME_DONT_FAKE_MONOTONIC", "1"),
        ],
    )
    .await;
    staff(&server, "13700000001", "sasac").await;
    staff_with(&server, "13700000009", &["--role", "admin"]).await;
    let (_, filed) = owner_files_a_rent_waiver(&server).await;
    let id = filed["id"].as_i64().unwrap();
    let earlier = login(&server, "13700000001").await;

    let browser = Browser::desk(DESK.0, DESK.1).await;
    browser.goto(&format!("{}/admin", server.base_url)).await;
    sign_in(&browser, "13700000001").await;
    browser.wait_for(&format!("tr[data-request='{id}']")).await;

    // Sixteen minutes later on the server's clock: a token from before has expired.
    std::fs::write(&offset, "+960\n").unwrap();
    let expired = http()
        .get(format!("{}/api/v1/me", server.base_url))
        .bearer_auth(&earlier)
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), 401, "the clock moved on");

    // The official reloads the desk: its calls at once (profile, queue, notices) refresh the
    // token once and go on.
    browser.goto(&format!("{}/admin", server.base_url)).await;
    browser.wait_for(&format!("tr[data-request='{id}']")).await;
    browser
        .client
        .find(Locator::LinkText(filed["number"].as_str().unwrap()))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(&format!(".desk-detail[data-request='{id}']"))
        .await;
    assert!(
        browser
            .client
            .find_all(Locator::Css("input[name='password']"))
            .await
            .unwrap()
            .is_empty(),
        "not sent back to the sign-in form"
    );
    browser.screenshot("desk-after-sixteen-minutes").await;

    // The request opened in a new tab (as Ctrl+click does): signed in there too, the session
    // handed over by the first tab, never the sign-in form.
    let first_tab = browser.client.window().await.unwrap();
    let new_tab = browser.client.new_window(true).await.unwrap();
    browser
        .client
        .switch_to_window(new_tab.handle)
        .await
        .unwrap();
    browser
        .goto(&format!("{}/admin/requests/{id}", server.base_url))
        .await;
    browser
        .wait_for(&format!(".desk-detail[data-request='{id}']"))
        .await;
    assert!(
        browser
            .client
            .find_all(Locator::Css("input[name='password']"))
            .await
            .unwrap()
            .is_empty(),
        "the new tab opens signed in"
    );
    browser.screenshot("desk-new-tab-signed-in").await;

    // Another sixteen minutes: the new tab exchanges the refresh token, and the first tab,
    // told of the new one, goes on without presenting the old one (no reuse, no sign-out).
    std::fs::write(
        &offset, "+1920
",
    )
    .unwrap();
    browser.goto(&format!("{}/admin", server.base_url)).await;
    browser.wait_for(&format!("tr[data-request='{id}']")).await;
    browser.client.close_window().await.unwrap();
    // Past the grace in which a refresh token just exchanged still gets its successor: the
    // first tab holds the new one, or it would be signed out as a reuse.
    std::fs::write(&offset, "+1950\n").unwrap();
    browser.client.switch_to_window(first_tab).await.unwrap();
    click(&browser, ".desk-bar__title").await;
    browser.wait_for(&format!("tr[data-request='{id}']")).await;
    browser
        .client
        .find(Locator::LinkText(filed["number"].as_str().unwrap()))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(&format!(".desk-detail[data-request='{id}']"))
        .await;

    let admin = login(&server, "13700000009").await;
    let alarms: Value = http()
        .get(format!(
            "{}/api/v1/admin/audit?action=refresh_token_reused",
            server.base_url
        ))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(alarms["items"], json!([]), "no false alarm");
}

/// An owner signed in on a phone of `width`×`height`, on the request's page.
async fn owner_on_request(base: &str, phone: &str, size: (u32, u32), id: i64) -> Browser {
    let browser = Browser::phone(size.0, size.1).await;
    browser.goto(&format!("{base}/me")).await;
    browser.wait_for(".sign-in[data-mode='sign_in']").await;
    type_into(&browser, "input[name='phone']", phone).await;
    type_into(&browser, "input[name='password']", PASSWORD).await;
    click(&browser, "button[name='submit']").await;
    browser.wait_for("[data-field='business_name']").await;
    browser.goto(&format!("{base}/requests/{id}")).await;
    browser
}

/// Sets an input's value as a person picking it would (a date picker), firing its events.
async fn pick(browser: &Browser, css: &str, value: &str) {
    browser.wait_for(css).await;
    browser
        .eval(&format!(
            "const el = document.querySelector(\"{css}\"); el.value = '{value}';
             el.dispatchEvent(new Event('input', {{bubbles: true}}));
             el.dispatchEvent(new Event('change', {{bubbles: true}})); return el.value;"
        ))
        .await;
}

/// A highway service-area snack bar (owner 7) that paid 2022's rent files the highway
/// rent waiver, and the Transport Bureau's official (`13700000003`, created here) approves
/// a refund of seven months: the owner's token and the request's id.
async fn approved_highway_refund(server: &Server) -> (String, i64) {
    staff(server, "13700000003", "transport").await;
    let client = http();
    let base = &server.base_url;
    let registered: Value = client
        .post(format!("{base}/api/v1/auth/register"))
        .json(&json!({
            "phone": "13800000007",
            "password": PASSWORD,
            "business_name": "库尔勒服务区拌面馆",
            "entity_type": "individual_business",
            "credit_code": credit_code(7),
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let owner = registered["access_token"].as_str().unwrap().to_string();
    let filed: Value = client
        .post(format!("{base}/api/v1/requests"))
        .bearer_auth(&owner)
        .header("Idempotency-Key", "ledger-e2e")
        .json(&json!({
            "measure": "rent-waiver-highway",
            "kind": "rent_waiver",
            "answers": {
                "entity_type": "individual_business", "industry": "catering", "employees": 6,
                "annual_revenue_fen": 90_000_000, "jurisdiction": "korla",
                "highway_service_area": true, "monthly_rent_fen": 300_000, "rent_2022_paid": true
            },
            "payload": {
                "premises_address": "G3012 库尔勒服务区 3 号铺",
                "landlord_type": "highway_operator",
                "landlord_name": "新疆交投巴州服务区运营公司",
                "lease_start": "2021-01-01",
                "lease_end": "2023-12-31",
                "monthly_rent_fen": 300_000,
                "rent_2022_paid": true
            },
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = filed["id"].as_i64().expect("filed");
    let official = login(server, "13700000003").await;
    for (version, body) in [
        (1, json!({"action": "review"})),
        (
            2,
            json!({"action": "approve", "grant": {"kind": "rent_waiver", "months": 7,
                   "amount_fen": 2_100_000, "relief": "refund"}}),
        ),
    ] {
        let decided = client
            .post(format!("{base}/api/v1/admin/requests/{id}/decision"))
            .bearer_auth(&official)
            .header("If-Match", version.to_string())
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(decided.status(), 200, "{}", decided.text().await.unwrap());
    }

    (owner, id)
}

/// After an approval the money still has to move: the Transport Bureau's official records
/// on the request's 台账 that the highway operator refunded the seven months of rent the
/// owner had paid, and the owner's phone shows it arrived, nothing left to come.
#[tokio::test]
async fn an_official_records_a_refund_on_the_ledger_and_the_owner_sees_it_arrive() {
    let server = Server::start().await;
    let client = http();
    let base = &server.base_url;
    let (_, id) = approved_highway_refund(&server).await;
    let official = login(&server, "13700000003").await;
    // The official records the refund on the request's 台账.
    let desk = Browser::desk(DESK.0, DESK.1).await;
    desk.goto(&format!("{base}/admin")).await;
    sign_in(&desk, "13700000003").await;
    desk.wait_for(".desk-nav").await;
    desk.goto(&format!("{base}/admin/requests/{id}")).await;
    let due = desk
        .wait_for("[data-ledger][data-outstanding='2100000']")
        .await
        .text()
        .await
        .unwrap();
    assert!(due.contains("尚待到账 21,000.00 元"), "{due}");
    type_into(&desk, "input[name='ledger_amount']", "21000").await;
    let today = desk
        .eval("return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)")
        .await;
    pick(&desk, "input[name='ledger_on']", today.as_str().unwrap()).await;
    type_into(
        &desk,
        "input[name='ledger_reference']",
        "交投退款 2022-0815",
    )
    .await;
    click(&desk, "button[data-action='ledger']").await;
    let done = desk
        .wait_for("[data-ledger][data-outstanding='0']")
        .await
        .text()
        .await
        .unwrap();
    assert!(done.contains("已退还"), "{done}");
    assert!(done.contains("交投退款 2022-0815"), "{done}");
    desk.screenshot("desk-ledger-refunded").await;
    drop(desk);

    // The owner sees on the phone what was granted and that it arrived.
    let phone = owner_on_request(base, "13800000007", (390, 844), id).await;
    let granted = phone
        .wait_for("[data-ledger][data-outstanding='0']")
        .await
        .text()
        .await
        .unwrap();
    assert!(granted.contains("21,000.00 元"), "{granted}");
    assert!(granted.contains("款项已全部退还或发放"), "{granted}");
    assert!(granted.contains("已退还"), "{granted}");
    // The decision as a 告知书: the grant in plain words, who decided and when.
    let notice = phone
        .wait_for("[data-decision='approve']")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        notice.contains("批准：减免 7 个月租金，共 21,000.00 元，已缴的租金予以退还"),
        "{notice}"
    );
    assert!(
        notice.contains("办理结果告知书") && notice.contains("决定日期："),
        "{notice}"
    );
    phone.wait_for("button[name='print_notice']").await;
    phone.screenshot("phone-390x844-decision-notice").await;
    phone.screenshot("phone-390x844-ledger-refunded").await;

    // The refund has not reached the owner's account: they say so, once, adding a note.
    click(&phone, "button[name='not_received']").await;
    type_into(
        &phone,
        "textarea[name='receipt_note']",
        "银行卡尾号 1234 没有到账",
    )
    .await;
    click(&phone, "button[name='not_received']").await;
    let said = phone.wait_for("[data-receipt]").await.text().await.unwrap();
    assert!(said.contains("部门正在核实"), "{said}");
    assert!(
        phone
            .client
            .find_all(Locator::Css("button[name='not_received']"))
            .await
            .unwrap()
            .is_empty(),
        "answered once"
    );
    phone.screenshot("phone-390x844-ledger-not-received").await;
    drop(phone);
    let narrow = owner_on_request(base, "13800000007", (320, 640), id).await;
    narrow
        .wait_for("[data-ledger][data-outstanding='0'] [data-receipt]")
        .await;
    e2e::phone::no_sideways_scroll(&narrow).await;
    narrow.screenshot("phone-320x640-ledger").await;
    let open: Value = client
        .get(format!("{base}/api/v1/admin/ledger/not-received"))
        .bearer_auth(&official)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(open[0]["note"], "银行卡尾号 1234 没有到账", "{open}");
}

/// 好差评 on the phone: the owner whose rent waiver was rejected rates it 不满意 with a
/// comment; the department sees the rectification on the request's page at the desk and
/// closes it with what it did.
#[tokio::test]
async fn an_owner_rates_a_decision_on_the_phone_and_the_department_rectifies_it() {
    let server = Server::start().await;
    staff(&server, "13700000001", "sasac").await;
    let (_, filed) = owner_files_a_rent_waiver(&server).await;
    let id = filed["id"].as_i64().unwrap();
    let base = &server.base_url;
    let official = login(&server, "13700000001").await;
    for (version, body) in [
        (1, json!({"action": "review"})),
        (
            2,
            json!({"action": "reject", "comment": "出租方不是州本级国有企业"}),
        ),
    ] {
        let decided = http()
            .post(format!("{base}/api/v1/admin/requests/{id}/decision"))
            .bearer_auth(&official)
            .header("If-Match", version.to_string())
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(decided.status(), 200, "{}", decided.text().await.unwrap());
    }

    let phone = owner_on_request(base, "13800000001", (390, 844), id).await;
    phone.wait_for("section.rating[data-rating='']").await;
    click(&phone, "button[name='rating_level'][value='2']").await;
    // Two of the four online indicators: efficiency 2 stars, clear requirements 4 (then
    // changed to 3); the others left out.
    click(&phone, "button[name='indicator_efficiency'][value='2']").await;
    click(
        &phone,
        "button[name='indicator_clear_requirements'][value='4']",
    )
    .await;
    click(
        &phone,
        "button[name='indicator_clear_requirements'][value='3']",
    )
    .await;
    let lit = phone
        .eval("return document.querySelectorAll('[data-indicator=clear_requirements] .rating__star--on').length")
        .await;
    assert_eq!(lit, 3, "three stars lit");
    type_into(
        &phone,
        "textarea[name='rating_comment']",
        "驳回理由没有提前告知",
    )
    .await;
    phone.screenshot("phone-390x844-rating").await;
    click(&phone, "button[name='rate']").await;
    let given = phone
        .wait_for("section.rating[data-rating='2']")
        .await
        .text()
        .await
        .unwrap();
    assert!(given.contains("不满意"), "{given}");
    assert!(given.contains("部门将与您核实情况并整改"), "{given}");
    assert!(
        given.contains("办事效率") && given.contains("材料要求是否清楚"),
        "{given}"
    );
    assert!(
        !given.contains("平台好用"),
        "an indicator left out is not shown: {given}"
    );
    let stored: Value = http()
        .get(format!("{base}/api/v1/requests/{id}/rating"))
        .bearer_auth(&official)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        stored["indicators"],
        json!({"efficiency": 2, "clear_requirements": 3})
    );
    phone.screenshot("phone-390x844-rated").await;
    drop(phone);
    // The narrowest phones: the rating and the request's page fit without scrolling sideways.
    let narrow = owner_on_request(base, "13800000001", (320, 640), id).await;
    narrow.wait_for("section.rating[data-rating='2']").await;
    e2e::phone::no_sideways_scroll(&narrow).await;
    narrow.screenshot("phone-320x640-rated").await;
    drop(narrow);

    let desk = Browser::desk(DESK.0, DESK.1).await;
    desk.goto(&format!("{base}/admin")).await;
    sign_in(&desk, "13700000001").await;
    desk.wait_for(".desk-nav").await;
    desk.goto(&format!("{base}/admin/requests/{id}")).await;
    let card = desk
        .wait_for(".desk-rating[data-rating='2'] [data-rectification='open']")
        .await
        .text()
        .await
        .unwrap();
    assert!(card.contains("整改中"), "{card}");
    type_into(
        &desk,
        "input[name='rectify_text']",
        "已电话向企业说明驳回理由，今后驳回前先电话告知",
    )
    .await;
    click(&desk, "button[data-action='rectify-close']").await;
    desk.wait_for("[data-rectification='closed']").await;
    desk.screenshot("desk-rating-rectified").await;

    // The supervising office's 督导考核: SASAC decided one request, too few to rank, and its
    // satisfaction reads with its denominator.
    staff_with(&server, "13600000001", &["--role", "supervisor"]).await;
    desk.wait_for(".desk-nav button")
        .await
        .click()
        .await
        .unwrap();
    sign_in(&desk, "13600000001").await;
    desk.wait_for(".desk-nav").await;
    desk.goto(&format!("{base}/admin/dashboard")).await;
    let table = desk
        .wait_for("[data-assessment] .desk-assessment__table")
        .await
        .text()
        .await
        .unwrap();
    assert!(table.contains("州国有资产监督管理委员会"), "{table}");
    assert!(table.contains("办件过少不排名"), "{table}");
    assert!(table.contains("0.0%（0/1"), "{table}");
    desk.eval("document.querySelector('[data-assessment]').scrollIntoView()")
        .await;
    desk.screenshot("desk-assessment").await;

    // The month's 通报 as printed: fetched with the supervisor's token, opened as a file.
    let supervisor = login(&server, "13600000001").await;
    let month = desk
        .eval("return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7)")
        .await
        .as_str()
        .unwrap()
        .to_string();
    let html = http()
        .get(format!(
            "{base}/api/v1/admin/assessment/report?month={month}"
        ))
        .bearer_auth(&supervisor)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<svg"), "{html}");
    let scratch = e2e::Scratch::new("report");
    let file = scratch.0.join("report.html");
    std::fs::write(&file, html).unwrap();
    desk.goto(&format!("file://{}", file.display())).await;
    desk.wait_for("svg.chart").await;
    desk.screenshot("desk-monthly-report").await;
}

/// Part 三(三): an administrator writes and publishes a measure's 政策解读 at the desk; an
/// owner who scans a Korla office's poster reads it on a phone and finds it useful; the
/// supervising office sees the poster's reach on the dashboard.
#[tokio::test]
async fn an_administrator_publishes_an_interpretation_a_posters_reader_finds_useful() {
    let server = Server::start().await;
    staff_with(&server, "13500000001", &["--role", "admin"]).await;
    let base = &server.base_url;
    let desk = Browser::desk(DESK.0, DESK.1).await;
    desk.goto(&format!("{base}/admin")).await;
    sign_in(&desk, "13500000001").await;
    desk.wait_for(".desk-nav").await;
    desk.goto(&format!("{base}/admin/interpretations")).await;
    desk.wait_for("select[name='interpretation_measure'] option[value='rent-waiver-state']")
        .await;
    pick(
        &desk,
        "select[name='interpretation_measure']",
        "rent-waiver-state",
    )
    .await;
    type_into(
        &desk,
        "input[name='interpretation_title']",
        "国有房屋租金减免：三问三答",
    )
    .await;
    type_into(
        &desk,
        "textarea[name='interpretation_body']",
        "## 谁能减免\n\n承租州属国有企业经营用房的小微企业和个体工商户。\n\n## 减免几个月\n\n- 一般免收 3 个月租金\n- 2022 年曾列为中高风险地区的县市，免收 6 个月\n\n## 怎么申请\n\n在“纾困通”完成自查后在线申请，**带上租赁合同**。",
    )
    .await;
    click(&desk, "button[data-action='publish']").await;
    let versions = desk
        .wait_for("[data-versions] li[data-version='1']")
        .await
        .text()
        .await
        .unwrap();
    assert!(versions.contains("三问三答"), "{versions}");
    desk.screenshot("desk-interpretation-published").await;

    // The poster's QR code opens the page: the interpretation, who qualifies, how, the clause.
    let phone = Browser::phone(390, 844).await;
    phone
        .goto(&format!(
            "{base}/measures/rent-waiver-state?src=poster-korla"
        ))
        .await;
    let read = phone
        .wait_for("section[data-section='interpretation']")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        read.contains("三问三答") && read.contains("免收 6 个月"),
        "{read}"
    );
    let who = phone
        .wait_for("section[data-section='who']")
        .await
        .text()
        .await
        .unwrap();
    assert!(who.contains("谁可以享受"), "{who}");
    e2e::phone::no_sideways_scroll(&phone).await;
    phone.screenshot("phone-390x844-interpretation").await;
    // The narrowest phones read it without scrolling sideways (opened directly, not through
    // the poster: the poster's count below stays its own).
    let narrow = Browser::phone(320, 640).await;
    narrow
        .goto(&format!("{base}/measures/rent-waiver-state"))
        .await;
    narrow.wait_for("section[data-section='feedback']").await;
    e2e::phone::no_sideways_scroll(&narrow).await;
    narrow.screenshot("phone-320x640-interpretation").await;
    drop(narrow);
    click(&phone, "button[name='useful'][value='yes']").await;
    phone.wait_for(".thanks").await;
    // The self-check it leads to keeps the poster's source.
    let check = phone
        .wait_for("a.cta")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(check, "/check?src=poster-korla");
    // The snack bar's owner checks from there: the results link back to each measure's page,
    // and the completed self-check is counted under the poster (its answers stay on the phone).
    click(&phone, "a.cta").await;
    phone.wait_for(".tabbar").await;
    e2e::phone::answer_questions(&phone, usize::MAX).await;
    phone.wait_for(".page-results").await;
    phone
        .wait_for("[data-measure='rent-waiver-highway'] a.result__explain[href='/measures/rent-waiver-highway']")
        .await;
    staff_with(&server, "13600000001", &["--role", "supervisor"]).await;
    let supervisor = login(&server, "13600000001").await;
    let mut checks = Value::Null;
    for _ in 0..100 {
        let reach: Value = http()
            .get(format!("{base}/api/v1/admin/reach"))
            .bearer_auth(&supervisor)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let poster = reach["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["source"] == "poster-korla")
            .cloned()
            .unwrap_or(Value::Null);
        checks = poster["checks"].clone();
        if checks == 1 {
            assert_eq!(poster["opens"], 2, "the measure's page and the self-check");
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(checks, 1, "the self-check counted under the poster");
    drop(phone);

    // The supervising office: the poster's reach and the "有用" on the dashboard.
    desk.wait_for(".desk-nav button")
        .await
        .click()
        .await
        .unwrap();
    sign_in(&desk, "13600000001").await;
    desk.wait_for(".desk-nav").await;
    desk.goto(&format!("{base}/admin/dashboard")).await;
    let source = desk
        .wait_for("[data-reach='sources'] tr[data-source='poster-korla']")
        .await
        .text()
        .await
        .unwrap();
    assert!(source.contains("海报二维码（库尔勒市）"), "{source}");
    let measure = desk
        .wait_for("[data-reach='measures'] tr[data-measure='rent-waiver-state']")
        .await
        .text()
        .await
        .unwrap();
    assert!(measure.contains("1 / 0"), "one useful, none not: {measure}");
    desk.eval("document.querySelector('[data-reach]').scrollIntoView()")
        .await;
    desk.screenshot("desk-reach").await;
}

/// Where someone else pays (三… the ledger's item 3): the Transport Bureau's official sends
/// the highway operator a confirmation of the refund it owes; the operator's clerk opens the
/// one-time link on a phone, confirms the amount and the day, and the desk shows it answered
/// while the owner's request shows the refund recorded, naming the confirmation.
#[tokio::test]
async fn an_official_sends_a_confirmation_and_the_operator_confirms_the_refund_by_its_link() {
    let server = Server::start().await;
    let base = &server.base_url;
    let (owner, id) = approved_highway_refund(&server).await;
    let desk = Browser::desk(DESK.0, DESK.1).await;
    desk.goto(&format!("{base}/admin")).await;
    sign_in(&desk, "13700000003").await;
    desk.wait_for(".desk-nav").await;
    desk.goto(&format!("{base}/admin/confirmations")).await;
    type_into(
        &desk,
        "input[name='confirmation_provider']",
        "新疆交投巴州服务区运营公司",
    )
    .await;
    pick(&desk, "input[name='confirmation_month']", "2022-12").await;
    click(
        &desk,
        &format!("input[name='confirm_request'][value='{id}']"),
    )
    .await;
    click(&desk, "button[data-action='send-confirmation']").await;
    desk.wait_for("[data-sent]").await;
    let link = desk
        .eval("return document.querySelector(\"input[name='confirmation_link']\").value")
        .await
        .as_str()
        .unwrap()
        .to_string();
    assert!(link.contains("/confirm/"), "{link}");
    desk.screenshot("desk-confirmation-sent").await;

    let phone = Browser::phone(390, 844).await;
    phone.goto(&link).await;
    let line = phone.wait_for("section.line").await.text().await.unwrap();
    assert!(
        line.contains("库尔勒服务区拌面馆") && line.contains("¥21,000.00"),
        "{line}"
    );
    e2e::phone::no_sideways_scroll(&phone).await;
    phone.screenshot("phone-390x844-confirmation").await;
    let narrow = Browser::phone(320, 640).await;
    narrow.goto(&link).await;
    narrow.wait_for("section.line").await;
    e2e::phone::no_sideways_scroll(&narrow).await;
    narrow.screenshot("phone-320x640-confirmation").await;
    drop(narrow);
    click(&phone, "button[name='send']").await;
    let done = phone
        .wait_for("[data-answered]")
        .await
        .text()
        .await
        .unwrap();
    assert!(done.contains("确认已提交"), "{done}");
    phone.screenshot("phone-390x844-confirmed").await;
    drop(phone);

    desk.goto(&format!("{base}/admin/confirmations")).await;
    desk.wait_for("[data-confirmation][data-state='answered']")
        .await;
    let ledger: Value = http()
        .get(format!("{base}/api/v1/requests/{id}/ledger"))
        .bearer_auth(&owner)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ledger["outstanding_fen"], 0, "{ledger}");
    let last = ledger["entries"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "refunded");
    assert!(
        last["reference"]
            .as_str()
            .unwrap()
            .contains("新疆交投巴州服务区运营公司"),
        "{last}"
    );
}
