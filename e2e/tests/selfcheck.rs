//! The owner's self-check in headless Chromium at 390×844, against the real server binary:
//! the questionnaire answered as a highway-service-area snack bar would, resumed after a
//! reload, worked offline, read in English and in care mode; nothing wider than the phone.
//! Tests wait for elements, never for time; screenshots land in `target/e2e/`.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use e2e::Server;
use e2e::phone::{
    PHONE, answer_questions, answer_questions_from, current_question, no_sideways_scroll,
};
use e2e::webdriver::Browser;
use fantoccini::Locator;

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
    // The calculation has its own heading (怎么办 is over what to do), and a card worth
    // ¥0.00 on these answers says so with its calculation open.
    let cards = browser
        .eval(
            "return [...document.querySelectorAll('.result')].filter(c => c.querySelector('.result__steps')).map(c => ({
               heading: c.querySelector('.result__steps summary').textContent,
               zero: c.querySelector('.result__estimate strong').textContent === '¥0.00',
               says: !!c.querySelector('[data-zero]'),
               open: c.querySelector('.result__steps').open }));",
        )
        .await;
    let cards = cards.as_array().unwrap();
    assert!(!cards.is_empty(), "some result has an estimate");
    for card in cards {
        assert_eq!(card["heading"], "怎么算的", "{card}");
        assert_eq!(
            card["zero"], card["says"],
            "a ¥0.00 says why, no other: {card}"
        );
        assert_eq!(
            card["zero"], card["open"],
            "a ¥0.00 shows its calculation: {card}"
        );
    }
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
async fn loaded_then_offline_before_any_tap_the_questionnaire_still_ends_in_the_results() {
    let mut server = Server::start().await;
    let browser = Browser::phone(PHONE.0, PHONE.1).await;
    browser.goto(&format!("{}/check", server.base_url)).await;
    browser.wait_for("fieldset.question input").await;
    // The rest of the app comes in the background, untouched.
    browser.wait_for("html[data-app-ready='true']").await;
    server.stop().await;
    answer_questions(&browser, usize::MAX).await;
    browser
        .wait_for("[data-measure='rent-waiver-highway'][data-status='eligible']")
        .await;
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
    // Below the sign-in form: scrolled to, as a person would.
    e2e::phone::tap(&browser, "input[name='care_mode']").await;
    browser.wait_for("html.care").await;
    let size = browser
        .eval("return parseFloat(getComputedStyle(document.body).fontSize)")
        .await;
    assert!(
        size.as_f64().unwrap() >= 20.0,
        "care mode body text is at least 20 px (适老化): {size}"
    );
    browser
        .goto(&format!("{}/results?lang=en", server.base_url))
        .await;
    browser.wait_for("html.care [data-measure]").await;
    // In the middle of the check, nothing yet qualifies: 继续自查 leads, and nothing offers to
    // start again (it would clear the answers).
    assert!(
        browser
            .client
            .find_all(fantoccini::Locator::Css(
                ".overview, button[name='check_again']"
            ))
            .await
            .unwrap()
            .is_empty(),
        "no summary of nothing and no restart mid-check"
    );
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

/// The second plan's answers, as the form takes them.
fn second_plan(key: &str) -> Option<Vec<&'static str>> {
    let value = match key {
        "jurisdiction" => "korla",
        "pays_unemployment_insurance" => "true",
        "insured_employees" => "12",
        "graduates_hired" => "8",
        _ => return None,
    };
    Some(vec![value])
}

#[tokio::test]
async fn a_later_plan_in_the_catalog_file_is_asked_and_answered_on_the_phone_with_no_code_for_it() {
    let plan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/tests/fixtures/second_plan.json"
    );
    let server = Server::start_with(
        "warn",
        &[
            ("SHUKUN_CATALOG_FILE", plan),
            ("SHUKUN_EVAL_DATE", "2023-03-01"),
        ],
    )
    .await;
    let browser = Browser::phone(PHONE.0, PHONE.1).await;
    browser.goto(&format!("{}/check", server.base_url)).await;
    browser.wait_for(".tabbar").await;
    let asked = answer_questions_from(
        &browser,
        usize::MAX,
        second_plan,
        "second-plan-first-question-390x844",
    )
    .await;
    assert_eq!(
        asked,
        [
            "jurisdiction",
            "pays_unemployment_insurance",
            "insured_employees",
            "graduates_hired"
        ]
    );
    browser.wait_for(".page-results").await;
    // 12 insured employees × 500 yuan; 8 graduates × 1,000 yuan, capped at 5,000.
    let keeping = browser
        .wait_for("[data-measure='job-keeping-2023'][data-status='eligible']")
        .await
        .text()
        .await
        .unwrap();
    assert!(keeping.contains("¥6,000.00"), "{keeping}");
    let reward = browser
        .wait_for("[data-measure='graduate-reward-2023'][data-status='eligible']")
        .await
        .text()
        .await
        .unwrap();
    assert!(reward.contains("¥5,000.00"), "{reward}");
    no_sideways_scroll(&browser).await;
    browser.screenshot("second-plan-results-390x844").await;
}
