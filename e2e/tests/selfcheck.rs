//! The owner's self-check in headless Chromium at 390×844, against the real server binary:
//! the questionnaire answered as a highway-service-area snack bar would, resumed after a
//! reload, worked offline, read in English and in care mode; nothing wider than the phone.
//! Tests wait for elements, never for time; screenshots land in `target/e2e/`.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use e2e::Server;
use e2e::webdriver::Browser;
use fantoccini::Locator;

const PHONE: (u32, u32) = (390, 844);

/// The true answers of a snack bar in the Luntai highway service area, as the form takes
/// them: radio values are wire values, money is typed in yuan.
fn snack_bar(key: &str) -> Option<Vec<&'static str>> {
    let one = |v| Some(vec![v]);
    match key {
        "entity_type" => one("individual_business"),
        "industry" => one("catering"),
        "employees" => one("3"),
        "annual_revenue_fen" => one("800000"),
        "total_assets_fen" => one("100000"),
        "jurisdiction" => one("luntai"),
        "vat_taxpayer" => one("small_scale"),
        "quarterly_sales_fen" | "quarterly_sales_at_3pct_fen" => one("200000"),
        "tax_year" => one("2022"),
        "taxable_income_fen" => one("50000"),
        "six_taxes_two_fees_due_fen" => one("1000"),
        "premises" => one("rent_county_state"),
        "highway_service_area" | "rent_2022_paid" | "epidemic_difficulty" => one("true"),
        "monthly_rent_fen" => one("5000"),
        "utilities_in_arrears" => Some(vec!["electricity"]),
        "training_base_level" | "skill_master_studio_level" => one("none"),
        // Every other yes/no question: no.
        _ => one("false"),
    }
}

/// What shows once no question is left: the results, or the "all answered" message.
const DONE: &str = ".msg__title, .page-results";

/// The key of the question on screen, or `None` when the questionnaire is done.
async fn current_question(browser: &Browser) -> Option<String> {
    let el = browser
        .wait_for(&format!("fieldset.question[data-answer], {DONE}"))
        .await;
    el.attr("data-answer").await.unwrap()
}

/// Taps an element as a person would: scrolled to the middle of the screen first.
async fn tap(browser: &Browser, css: &str) {
    let el = browser.wait_for(css).await;
    browser
        .eval(&format!(
            "document.querySelector(\"{}\").scrollIntoView({{block: 'center'}})",
            css.replace('"', "\\\"")
        ))
        .await;
    el.click().await.unwrap();
}

/// Gives the true answer to the question on screen.
async fn answer(browser: &Browser, key: &str) {
    let values = snack_bar(key).unwrap_or_else(|| panic!("no answer for {key}"));
    let input = browser.wait_for(&format!("input[name='{key}']")).await;
    match input.attr("type").await.unwrap().as_deref() {
        Some("text") => input.send_keys(values[0]).await.unwrap(),
        _ => {
            for v in values {
                tap(browser, &format!("input[name='{key}'][value='{v}']")).await;
            }
        }
    }
}

/// Presses 下一步 and waits for the next screen.
async fn next(browser: &Browser, key: &str) {
    browser
        .client
        .find(Locator::XPath(
            "//button[normalize-space()='下一步' or normalize-space()='Next']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(&format!(
            "fieldset.question:not([data-answer='{key}']), {DONE}"
        ))
        .await;
}

/// Answers until `stop` questions are asked or none is left; returns the keys asked.
async fn answer_questions(browser: &Browser, stop: usize) -> Vec<String> {
    let mut asked = Vec::new();
    while let Some(key) = current_question(browser).await {
        assert!(!asked.contains(&key), "{key} was asked twice");
        answer(browser, &key).await;
        if asked.is_empty() {
            browser.screenshot("check-390x844-first-question").await;
        }
        asked.push(key.clone());
        next(browser, &key).await;
        if asked.len() == stop {
            break;
        }
    }
    asked
}

async fn no_sideways_scroll(browser: &Browser) {
    let overflow = browser
        .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert_eq!(overflow, 0, "the page scrolls sideways");
    let wide = browser
        .eval(
            "const w = document.documentElement.clientWidth;
             return [...document.querySelectorAll('body *')]
               .filter(e => e.getBoundingClientRect().right > w + 0.5)
               .map(e => e.tagName + '.' + e.className).slice(0, 5);",
        )
        .await;
    assert_eq!(
        wide,
        serde_json::json!([]),
        "elements wider than the screen"
    );
}

#[tokio::test]
async fn a_highway_snack_bar_answers_the_questionnaire_and_sees_its_rent_waiver_with_the_estimate()
{
    let server = Server::start().await;
    let browser = Browser::phone(PHONE.0, PHONE.1).await;
    browser.goto(&format!("{}/check", server.base_url)).await;
    browser.wait_for(".tabbar").await;
    let asked = answer_questions(&browser, usize::MAX).await;
    assert!(
        asked.len() < 28,
        "asked {} questions: {asked:?}",
        asked.len()
    );
    assert_eq!(
        asked[0], "entity_type",
        "the question that settles most comes first"
    );
    // With nothing left to ask, the results open.
    browser.wait_for(".page-results").await;
    let card = browser
        .wait_for("[data-measure='rent-waiver-highway'][data-status='eligible']")
        .await;
    let text = card.text().await.unwrap();
    // 5,000 yuan a month × 7 months (二(二)三).
    let stored = browser
        .eval("return localStorage.getItem('shukun.check.v1')")
        .await;
    assert!(text.contains("¥35,000.00"), "asked {asked:?}: {stored}");
    let notice = browser.wait_for(".notice").await.text().await.unwrap();
    assert!(notice.contains("结果仅供参考，以主管部门认定为准"));
    // Not twice: the state-premises waiver is not granted for the same lease.
    browser
        .wait_for("[data-measure='rent-waiver-state'][data-status='not_eligible']")
        .await;
    no_sideways_scroll(&browser).await;
    browser.screenshot("results-390x844").await;
}

#[tokio::test]
async fn a_reload_in_the_middle_resumes_where_the_owner_was_with_the_answers_kept() {
    let server = Server::start().await;
    let browser = Browser::phone(PHONE.0, PHONE.1).await;
    browser.goto(&format!("{}/check", server.base_url)).await;
    browser.wait_for(".tabbar").await;
    let asked = answer_questions(&browser, 3).await;
    let on_screen = current_question(&browser).await.unwrap();
    browser.client.refresh().await.unwrap();
    browser.wait_for(".tabbar").await;
    assert_eq!(current_question(&browser).await.unwrap(), on_screen);
    // Back shows the previous answer still given.
    browser
        .client
        .find(Locator::XPath("//button[normalize-space()='上一步']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let previous = &asked[2];
    browser
        .wait_for(&format!("fieldset.question[data-answer='{previous}']"))
        .await;
    let checked = browser
        .eval(&format!(
            "const i = [...document.querySelectorAll(\"input[name='{previous}']\")];
             return i.some(e => e.checked || (e.type === 'text' && e.value !== ''));"
        ))
        .await;
    assert_eq!(checked, true, "{previous} keeps its answer");
}

#[tokio::test]
async fn with_the_network_gone_a_reload_still_evaluates_the_answers() {
    let mut server = Server::start().await;
    let browser = Browser::phone(PHONE.0, PHONE.1).await;
    browser.goto(&format!("{}/check", server.base_url)).await;
    browser.wait_for(".tabbar").await;
    // The service worker has taken the page over: a reload can work offline.
    browser.wait_for("html[data-offline-ready='true']").await;
    answer_questions(&browser, 4).await;
    server.stop().await;
    browser.goto(&format!("{}/results", server.base_url)).await;
    browser.wait_for(".tabbar").await;
    // Evaluated on the phone: an individual business in catering is known by now.
    browser.wait_for("[data-measure][data-status]").await;
    let statuses = browser
        .eval("return [...document.querySelectorAll('[data-status]')].map(e => e.dataset.status)")
        .await;
    assert_eq!(statuses.as_array().unwrap().len(), 15, "{statuses}");
    browser.screenshot("results-390x844-offline").await;
}

#[tokio::test]
async fn the_results_read_in_english_and_in_care_mode_and_fit_320_pixels() {
    let server = Server::start().await;
    let browser = Browser::phone(320, 640).await;
    browser
        .goto(&format!("{}/check?lang=en", server.base_url))
        .await;
    browser.wait_for("html[lang='en'] .tabbar").await;
    let question = browser
        .wait_for(".question__text")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        question,
        "What type of business is on your business licence?"
    );
    answer_questions(&browser, 3).await;
    no_sideways_scroll(&browser).await;
    browser.screenshot("check-320x640-en").await;
    // Care mode, from Me.
    browser
        .goto(&format!("{}/me?lang=en", server.base_url))
        .await;
    browser
        .wait_for("input[name='care_mode']")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for("html.care").await;
    let size = browser
        .eval("return parseFloat(getComputedStyle(document.body).fontSize)")
        .await;
    assert!(size.as_f64().unwrap() >= 18.0, "care mode body text {size}");
    browser
        .goto(&format!("{}/results?lang=en", server.base_url))
        .await;
    browser.wait_for("html.care [data-measure]").await;
    let small_targets = browser
        .eval(
            "return [...document.querySelectorAll('.tabbar__item, .button')]
               .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height < 60).length",
        )
        .await;
    assert_eq!(
        small_targets, 0,
        "touch targets of at least 60 px in care mode"
    );
    no_sideways_scroll(&browser).await;
    browser.screenshot("results-320x640-en-care").await;
    // WeChat's own larger text (1.5×) still fits.
    browser
        .eval("document.documentElement.style.fontSize = '24px'")
        .await;
    no_sideways_scroll(&browser).await;
}

#[tokio::test]
async fn a_webview_without_webassembly_still_lists_the_measures_and_asks_to_update_wechat() {
    let server = Server::start().await;
    // V8 without a JIT has no WebAssembly: like an outdated WeChat webview, it cannot run the app.
    let dom = e2e::rendered_dom_with(
        &format!("{}/", server.base_url),
        PHONE,
        &["--js-flags=--jitless"],
    )
    .await;
    assert!(
        dom.contains("id=\"rent-waiver-highway\""),
        "the measures are listed"
    );
    assert!(dom.contains("结果仅供参考，以主管部门认定为准"));
    let boot = &dom[dom.find("id=\"boot\"").expect("the status line stays")..];
    assert!(
        boot.contains("请将微信更新到最新版本"),
        "the page asks to update WeChat: {}",
        &boot[..boot.len().min(300)]
    );
}
