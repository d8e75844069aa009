//! Filing and tracking on the phone, in headless Chromium at 390×844 against the real server
//! binary: an owner registers, completes the self-check as a highway-service-area snack bar,
//! files the rent waiver with a photo of the lease and sees it in My requests; an official
//! asks for more over the API, the owner sees the message and the badge, answers with a
//! document and sees the timeline. A sign-out in the middle of a form signs in again with
//! the form intact, and a double tap files once. Tests wait for elements, never for time;
//! screenshots land in `target/e2e/`.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use e2e::phone::{PHONE, answer_questions, no_sideways_scroll, tap};
use e2e::webdriver::Browser;
use e2e::{Scratch, Server, credit_code, http};
use fantoccini::Locator;
use serde_json::{Value, json};

const PASSWORD: &str = "Luntai-oasis-2022";

/// A photo of a lease, as a phone's camera would hand it over (a real PNG).
fn photo(dir: &Scratch, name: &str) -> String {
    const PNG: [u8; 67] = [
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
        0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    let path = dir.0.join(name);
    std::fs::write(&path, PNG).unwrap();
    path.display().to_string()
}

/// Types into an input, as the owner would.
async fn type_into(browser: &Browser, css: &str, text: &str) {
    let el = browser.wait_for(css).await;
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

/// Sets a date input (the date picker is the phone's own).
async fn set_date(browser: &Browser, name: &str, date: &str) {
    browser.wait_for(&format!("input[name='{name}']")).await;
    browser
        .eval(&format!(
            "const el = document.querySelector(\"input[name='{name}']\");
             el.value = '{date}';
             el.dispatchEvent(new Event('input', {{ bubbles: true }}));"
        ))
        .await;
}

/// Registers at /me through the form; the profile shows once signed in.
async fn register(browser: &Browser, server: &Server, phone: &str, n: u32, name: &str) {
    browser.goto(&format!("{}/me", server.base_url)).await;
    browser.wait_for(".sign-in[data-mode='sign_in']").await;
    browser
        .client
        .find(Locator::XPath("//button[normalize-space()='注册']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for(".sign-in[data-mode='register']").await;
    type_into(browser, "input[name='phone']", phone).await;
    type_into(browser, "input[name='password']", PASSWORD).await;
    type_into(browser, "input[name='business_name']", name).await;
    browser
        .wait_for("select[name='entity_type'] option[value='individual_business']")
        .await
        .click()
        .await
        .unwrap();
    // A mistyped credit code is caught as it is typed, by the server's own validator.
    let code = credit_code(n);
    let wrong = format!(
        "{}{}",
        &code[..17],
        if code.ends_with('0') { '1' } else { '0' }
    );
    type_into(browser, "input[name='credit_code']", &wrong).await;
    // Leaving the field shows its problem.
    tap(browser, "input[name='phone']").await;
    let problem = browser.wait_for(".field--bad .field__error").await;
    assert!(problem.text().await.unwrap().contains("校验位"));
    type_into(browser, "input[name='credit_code']", &code).await;
    browser.screenshot("account-390x844-register").await;
    tap(browser, "button[name='submit']").await;
    let profile = browser.wait_for("[data-field='business_name']").await;
    assert_eq!(profile.text().await.unwrap(), name);
}

/// The owner's tokens, as the phone keeps them.
async fn session(browser: &Browser) -> Value {
    let text = browser
        .eval("return localStorage.getItem('shukun.session.v1')")
        .await;
    serde_json::from_str(text.as_str().expect("signed in")).unwrap()
}

async fn my_requests(server: &Server, token: &str) -> Vec<Value> {
    http()
        .get(format!("{}/api/v1/requests", server.base_url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Fills what the self-check could not know: the lease.
async fn fill_the_lease(browser: &Browser) {
    browser
        .wait_for(".file[data-measure='rent-waiver-highway']")
        .await;
    // Prefilled from the self-check's answers.
    let rent = browser.wait_for("input[name='monthly_rent_fen']").await;
    assert_eq!(rent.prop("value").await.unwrap().as_deref(), Some("5000"));
    browser
        .wait_for("input[name='landlord_type'][value='highway_operator']:checked")
        .await;
    type_into(
        browser,
        "input[name='premises_address']",
        "轮台服务区 3 号铺",
    )
    .await;
    type_into(
        browser,
        "input[name='landlord_name']",
        "新疆交投服务区管理公司",
    )
    .await;
    set_date(browser, "lease_start", "2021-03-01").await;
    set_date(browser, "lease_end", "2024-02-29").await;
    // Asked only when the self-check needed it: answered here.
    tap(browser, "input[name='rent_2022_paid'][value='true']").await;
}

#[tokio::test]
async fn a_snack_bar_files_its_rent_waiver_with_a_photo_and_answers_the_departments_question() {
    let server = Server::start().await;
    // The self-check's page does not load the account app: filing is fetched when opened.
    let page = |path: &'static str| {
        let url = format!("{}{path}", server.base_url);
        async move { http().get(url).send().await.unwrap().text().await.unwrap() }
    };
    let (phone, account) = (page("/check").await, page("/me").await);
    let wasm = |html: &str| {
        html.split("name=\"shukun-wasm\" content=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_string()
    };
    // The account's files name one another, in a folder named by their content.
    assert!(wasm(&account).starts_with("/assets/account-"));
    assert!(wasm(&account).ends_with("/account_bg.wasm"));
    assert!(!phone.contains(&wasm(&account)));
    let files = Scratch::new("filing-photos");
    let browser = Browser::phone(PHONE.0, PHONE.1).await;
    register(&browser, &server, "13600000001", 1, "轮台服务区小吃店").await;

    // The self-check, as the snack bar answers it.
    browser.goto(&format!("{}/check", server.base_url)).await;
    answer_questions(&browser, usize::MAX).await;
    tap(
        &browser,
        "[data-measure='rent-waiver-highway'][data-status='eligible'] [data-action='apply']",
    )
    .await;
    fill_the_lease(&browser).await;
    // A field checked as it is typed: a lease cannot end before it starts.
    set_date(&browser, "lease_end", "2020-12-31").await;
    let bad = browser
        .wait_for("[data-field='lease_end'] .field__error")
        .await;
    assert!(bad.text().await.unwrap().contains("晚于"));
    set_date(&browser, "lease_end", "2024-02-29").await;
    browser
        .wait_for_gone("[data-field='lease_end'] .field__error")
        .await;

    browser
        .wait_for("input[name='document']")
        .await
        .send_keys(&photo(&files, "lease.png"))
        .await
        .unwrap();
    browser.wait_for(".upload[data-upload='waiting'] img").await;
    // The preview shows the photo (a `blob:` image the page's policy allows), not a blank.
    let mut drawn = serde_json::Value::Null;
    for _ in 0..100 {
        drawn = browser
            .client
            .execute(
                "const i = document.querySelector(\".upload img\"); return i && i.complete ? i.naturalWidth : 0;",
                vec![],
            )
            .await
            .unwrap();
        if drawn.as_u64().unwrap_or(0) > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        drawn.as_u64().unwrap_or(0) > 0,
        "the preview is drawn: {drawn}"
    );
    browser.screenshot("file-390x844-form").await;
    tap(&browser, "button[name='submit']").await;
    let done = browser.wait_for(".file__done[data-filed]").await;
    let number = done.attr("data-filed").await.unwrap().unwrap();
    assert!(number.starts_with("BZ"), "{number}");
    browser.wait_for(".upload[data-upload='done']").await;
    let text = done.text().await.unwrap();
    assert!(text.contains("办结期限"), "{text}");
    browser.screenshot("file-390x844-filed").await;

    // My requests lists it, submitted.
    tap(&browser, ".tabbar__item[href='/requests']").await;
    let row = browser
        .wait_for(".request-row[data-status='submitted']")
        .await;
    assert!(row.text().await.unwrap().contains(&number));
    browser.screenshot("requests-390x844").await;

    // Back in the results, the measure shows the request instead of 申请: a relief once.
    browser.goto(&format!("{}/results", server.base_url)).await;
    let filed_link = browser
        .wait_for("[data-measure='rent-waiver-highway'] [data-action='filed']")
        .await;
    assert!(filed_link.text().await.unwrap().contains(&number));
    assert!(
        browser
            .client
            .find_all(Locator::Css(
                "[data-measure='rent-waiver-highway'] [data-action='apply']"
            ))
            .await
            .unwrap()
            .is_empty(),
        "no second 申请"
    );
    // The summary at the top says what the owner may have and about how much in all; its
    // line for the measure leads to the request too.
    let overview = browser.wait_for(".overview[data-eligible]").await;
    let said = overview.text().await.unwrap();
    assert!(said.contains("您可享受"), "{said}");
    assert!(said.contains("重新自查"), "{said}");
    let listed = browser
        .wait_for(".overview [data-measure='rent-waiver-highway'] [data-action='filed']")
        .await
        .text()
        .await
        .unwrap();
    assert!(listed.contains(&number), "{listed}");
    browser.screenshot("results-390x844-filed").await;

    // An official of the department it was routed to asks for more, over the API.
    let owner = session(&browser).await;
    let owner_token = owner["access_token"].as_str().unwrap();
    let filed = my_requests(&server, owner_token).await;
    assert_eq!(filed.len(), 1);
    let id = filed[0]["id"].as_i64().unwrap();
    let request: Value = http()
        .get(format!("{}/api/v1/requests/{id}", server.base_url))
        .bearer_auth(owner_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(request["documents"].as_array().unwrap().len(), 1);
    let department = request["departments"][0].as_str().unwrap();
    let out = server
        .command(&[
            "user",
            "add",
            "--phone",
            "13900000001",
            "--password",
            PASSWORD,
            "--role",
            "official",
            "--department",
            department,
            "--jurisdiction",
            "luntai",
        ])
        .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let official: Value = http()
        .post(format!("{}/api/v1/auth/login", server.base_url))
        .json(&json!({ "phone": "13900000001", "password": PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let official = official["access_token"].as_str().unwrap();
    let mut version = request["version"].as_i64().unwrap();
    for (action, comment) in [
        ("review", None),
        ("ask", Some("请补充租赁合同盖章页的照片")),
    ] {
        let reply = http()
            .post(format!(
                "{}/api/v1/admin/requests/{id}/decision",
                server.base_url
            ))
            .bearer_auth(official)
            .header("If-Match", version.to_string())
            .json(&json!({ "action": action, "comment": comment }))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 200, "{action}");
        version = reply.json::<Value>().await.unwrap()["version"]
            .as_i64()
            .unwrap();
    }

    // The owner sees the message and the badge, opens it, and answers with a document.
    browser.goto(&format!("{}/messages", server.base_url)).await;
    let unread: u32 = browser
        .wait_for(".tabbar__badge[data-unread]")
        .await
        .attr("data-unread")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert!(unread >= 1);
    browser.screenshot("messages-390x844").await;
    tap(&browser, ".message[data-read='false'] a").await;
    let question = browser
        .wait_for(".request[data-status='needs_info'] [data-field='question']")
        .await;
    assert!(question.text().await.unwrap().contains("盖章页"));
    // Opened, it is read: one fewer on the badge.
    if unread == 1 {
        browser.wait_for_gone(".tabbar__badge").await;
    } else {
        browser
            .wait_for(&format!(".tabbar__badge[data-unread='{}']", unread - 1))
            .await;
    }
    type_into(&browser, "textarea[name='comment']", "已补充盖章页照片").await;
    browser
        .wait_for(".reply input[name='document']")
        .await
        .send_keys(&photo(&files, "stamp.png"))
        .await
        .unwrap();
    browser
        .wait_for(".reply .upload[data-upload='waiting']")
        .await;
    tap(&browser, "button[name='answer']").await;
    browser
        .wait_for(".request:not([data-status='needs_info']) .timeline__item[data-event='answer']")
        .await;
    let timeline = browser.wait_for(".timeline").await.text().await.unwrap();
    for step in [
        "提交申请",
        "受理审核",
        "要求补充材料",
        "补充材料",
        "已补充盖章页照片",
    ] {
        assert!(timeline.contains(step), "{step} missing from {timeline}");
    }
    browser.screenshot("request-390x844-timeline").await;
}

#[tokio::test]
async fn signed_out_mid_form_the_owner_signs_in_again_with_the_form_intact_and_a_double_tap_files_once()
 {
    let server = Server::start().await;
    let browser = Browser::phone(PHONE.0, PHONE.1).await;
    register(&browser, &server, "13600000002", 2, "轮台服务区烤肉店").await;
    browser.goto(&format!("{}/check", server.base_url)).await;
    answer_questions(&browser, usize::MAX).await;
    browser
        .goto(&format!("{}/file/rent-waiver-highway", server.base_url))
        .await;
    fill_the_lease(&browser).await;

    // The session ends on the server (signed out elsewhere): the next call gets a 401.
    let tokens = session(&browser).await;
    let out = http()
        .post(format!("{}/api/v1/auth/logout", server.base_url))
        .json(&json!({ "refresh_token": tokens["refresh_token"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    tap(&browser, "button[name='submit']").await;
    browser.wait_for(".sign-in").await;
    browser.screenshot("file-390x844-sign-in-again").await;
    type_into(&browser, "input[name='phone']", "13600000002").await;
    type_into(&browser, "input[name='password']", PASSWORD).await;
    tap(&browser, "button[name='submit']").await;

    // Back on the form, as it was left.
    let address = browser.wait_for("input[name='premises_address']").await;
    assert_eq!(
        address.prop("value").await.unwrap().as_deref(),
        Some("轮台服务区 3 号铺")
    );
    let end = browser.wait_for("input[name='lease_end']").await;
    assert_eq!(
        end.prop("value").await.unwrap().as_deref(),
        Some("2024-02-29")
    );

    // Two taps in a row file once.
    browser
        .eval("const b = document.querySelector(\"button[name='submit']\"); b.click(); b.click();")
        .await;
    browser.wait_for(".file__done[data-filed]").await;
    let token = session(&browser).await["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(my_requests(&server, &token).await.len(), 1);
}

#[tokio::test]
async fn the_account_pages_fit_320_pixels_in_care_mode_too() {
    let server = Server::start().await;
    let browser = Browser::phone(320, 640).await;
    register(&browser, &server, "13600000003", 3, "轮台服务区拌面馆").await;
    no_sideways_scroll(&browser).await;
    tap(&browser, "input[name='care_mode']").await;
    browser.wait_for("html.care").await;
    browser.screenshot("account-320x640-me-care").await;
    // Without a self-check the form asks what eligibility still needs, inline.
    browser
        .goto(&format!("{}/file/rent-waiver-highway", server.base_url))
        .await;
    browser.wait_for(".file__missing fieldset.question").await;
    browser.wait_for("input[name='premises_address']").await;
    no_sideways_scroll(&browser).await;
    browser.screenshot("file-320x640-care").await;
    browser.goto(&format!("{}/requests", server.base_url)).await;
    browser.wait_for(".msg--info").await;
    no_sideways_scroll(&browser).await;
}

#[tokio::test]
async fn an_owner_whose_code_someone_else_registered_claims_it_and_sees_the_claim_waiting() {
    let server = Server::start().await;
    let code = credit_code(4);
    let squatted = http()
        .post(format!("{}/api/v1/auth/register", server.base_url))
        .json(&json!({
            "phone": "13800000004",
            "password": PASSWORD,
            "business_name": "轮台服务区抓饭馆",
            "entity_type": "individual_business",
            "credit_code": code,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(squatted.status(), 201);

    let browser = Browser::phone(PHONE.0, PHONE.1).await;
    browser.goto(&format!("{}/me", server.base_url)).await;
    browser.wait_for(".sign-in[data-mode='sign_in']").await;
    browser
        .client
        .find(Locator::XPath("//button[normalize-space()='注册']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(&browser, "input[name='phone']", "13600000004").await;
    type_into(&browser, "input[name='password']", PASSWORD).await;
    type_into(&browser, "input[name='business_name']", "轮台服务区抓饭馆").await;
    browser
        .wait_for("select[name='entity_type'] option[value='individual_business']")
        .await
        .click()
        .await
        .unwrap();
    type_into(&browser, "input[name='credit_code']", &code).await;
    tap(&browser, "button[name='submit']").await;
    // Taken: the owner is told so and offered the claim, not a dead end.
    let said = browser
        .wait_for(".sign-in .error")
        .await
        .text()
        .await
        .unwrap();
    assert!(said.contains("认领"), "{said}");
    browser
        .wait_for(".sign-in [data-claim] textarea[name='statement']")
        .await;
    no_sideways_scroll(&browser).await;
    browser.screenshot("account-390x844-code-taken").await;
    type_into(
        &browser,
        "textarea[name='statement']",
        "我是轮台服务区抓饭馆的经营者，营业执照原件可以出示。",
    )
    .await;
    tap(&browser, "button[name='submit']").await;
    browser.wait_for("[data-claim='pending']").await;
    let code_cell = browser
        .wait_for("[data-field='credit_code']")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(code_cell, "认领审核中");
    no_sideways_scroll(&browser).await;
    browser.screenshot("account-390x844-claim-pending").await;
}

/// The taps a first-time owner spends today from `/` through the whole self-check to a filed
/// request (54 on 23 screens before one-tap answers, 注册 in the filing and the summary's 申请;
/// issue 30's target of 30 is not met: the 16 questions alone take 22), and the target a
/// signed-in owner's second measure meets (8).
const FIRST_TIME_TAPS: u64 = 39;
const SECOND_MEASURE_TAPS: u64 = 8;

/// Types into a field as an owner does: one tap to focus it, then the keyboard.
async fn type_counted(browser: &Browser, css: &str, text: &str) {
    tap(browser, css).await;
    let el = browser.wait_for(css).await;
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

#[tokio::test]
async fn a_first_time_owner_files_from_the_home_page_within_39_taps_and_a_second_measure_within_8()
{
    let server = Server::start().await;
    let files = Scratch::new("tap-photos");
    let browser = Browser::phone(PHONE.0, PHONE.1).await;
    e2e::phone::reset_taps();
    browser.goto(&format!("{}/", server.base_url)).await;
    tap(&browser, ".intro .button--primary").await;
    let asked = answer_questions(&browser, usize::MAX).await;
    let after_check = e2e::phone::taps();
    browser
        .wait_for("[data-measure='rent-waiver-highway'][data-status='eligible']")
        .await;
    // 申请 from the summary at the top, without scrolling to the card.
    tap(
        &browser,
        ".overview [data-measure='rent-waiver-highway'] [data-action='apply']",
    )
    .await;
    // Registered inside the filing: the form opens on 注册 with the kind of business the
    // self-check was told.
    browser.wait_for(".sign-in[data-mode='register']").await;
    let kind = browser
        .eval("return document.querySelector(\"select[name='entity_type']\").value")
        .await;
    assert_eq!(kind, "individual_business", "taken from the self-check");
    type_counted(&browser, "input[name='phone']", "13600000042").await;
    type_counted(&browser, "input[name='password']", PASSWORD).await;
    type_counted(&browser, "input[name='business_name']", "轮台服务区小吃店").await;
    type_counted(&browser, "input[name='credit_code']", &credit_code(42)).await;
    tap(&browser, "button[name='submit']").await;
    let after_register = e2e::phone::taps();
    // The form: what the self-check could not know.
    browser
        .wait_for(".file[data-measure='rent-waiver-highway']")
        .await;
    type_counted(
        &browser,
        "input[name='premises_address']",
        "轮台服务区 3 号铺",
    )
    .await;
    type_counted(
        &browser,
        "input[name='landlord_name']",
        "新疆交投服务区管理公司",
    )
    .await;
    // A date: the field, then 确定 in the phone's own picker.
    for (name, day) in [("lease_start", "2021-03-01"), ("lease_end", "2024-02-29")] {
        e2e::phone::count_tap();
        e2e::phone::count_tap();
        set_date(&browser, name, day).await;
    }
    if !browser
        .client
        .find_all(Locator::Css("input[name='rent_2022_paid']"))
        .await
        .unwrap()
        .is_empty()
    {
        tap(&browser, "input[name='rent_2022_paid'][value='true']").await;
    }
    // A photo: 上传, then the photo in the phone's gallery.
    e2e::phone::count_tap();
    e2e::phone::count_tap();
    browser
        .wait_for("input[name='document']")
        .await
        .send_keys(&photo(&files, "lease.png"))
        .await
        .unwrap();
    browser.wait_for(".upload[data-upload='waiting'] img").await;
    tap(&browser, "button[name='submit']").await;
    browser.wait_for(".file__done[data-filed]").await;
    let first_time = e2e::phone::taps();
    println!(
        "a first-time owner: {first_time} taps from / to a filed request {asked:?} \
         ({} questions: {after_check} taps to the results; {} to register; {} on the form)",
        asked.len(),
        after_register - after_check,
        first_time - after_register
    );
    browser.screenshot("taps-390x844-first-time-filed").await;

    // Signed in, a second measure (the utilities' deferral) from the results.
    e2e::phone::reset_taps();
    browser.goto(&format!("{}/results", server.base_url)).await;
    tap(
        &browser,
        ".overview [data-measure='utility-deferral'] [data-action='apply']",
    )
    .await;
    browser
        .wait_for(".file[data-measure='utility-deferral']")
        .await;
    // The utility the self-check was told of is ticked already; the bill's account number,
    // the months and the amount are the form's.
    browser
        .wait_for("input[name='utilities'][value='electricity']:checked")
        .await;
    browser.screenshot("taps-390x844-second-form").await;
    type_counted(&browser, "input[name='account_number']", "0991-2022-0042").await;
    for month in ["2022-04", "2022-05", "2022-06"] {
        tap(&browser, &format!("input[name='months'][value='{month}']")).await;
    }
    type_counted(&browser, "input[name='amount_per_month_fen']", "1200").await;
    tap(&browser, "button[name='submit']").await;
    browser.wait_for(".file__done[data-filed]").await;
    let second = e2e::phone::taps();
    println!("a signed-in owner's second measure: {second} taps");
    assert!(
        first_time <= FIRST_TIME_TAPS,
        "a first-time owner needs {first_time} taps (at most {FIRST_TIME_TAPS} today)"
    );
    assert!(
        second <= SECOND_MEASURE_TAPS,
        "a second measure needs {second} taps (target {SECOND_MEASURE_TAPS})"
    );
}
