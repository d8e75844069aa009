//! Driving the phone app as an owner would: the self-check answered as a highway-service-area
//! snack bar, one tap at a time, waiting for each screen.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use fantoccini::Locator;

use crate::webdriver::Browser;

/// The phone's viewport (390×844, as a mid-range Android phone's WeChat shows it).
pub const PHONE: (u32, u32) = (390, 844);

/// The true answers of a snack bar in the Luntai highway service area, as the form takes
/// them: radio values are wire values, money is typed in yuan.
pub fn snack_bar(key: &str) -> Option<Vec<&'static str>> {
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
pub const DONE: &str = ".msg__title, .page-results";

/// The key of the question on screen, or `None` when the questionnaire is done.
pub async fn current_question(browser: &Browser) -> Option<String> {
    let el = browser
        .wait_for(&format!("fieldset.question[data-answer], {DONE}"))
        .await;
    el.attr("data-answer").await.unwrap()
}

thread_local! {
    /// The taps of the test running on this thread (each `#[tokio::test]` has its own).
    static TAPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts one tap, for the tests that count an owner's taps: every [`tap`], every 下一步, a
/// field focused to type into.
pub fn count_tap() {
    TAPS.with(|t| t.set(t.get() + 1));
}

/// The taps counted on this thread since [`reset_taps`].
pub fn taps() -> u64 {
    TAPS.with(std::cell::Cell::get)
}

pub fn reset_taps() {
    TAPS.with(|t| t.set(0));
}

/// Taps an element as a person would: scrolled to the middle of the screen first (counted).
pub async fn tap(browser: &Browser, css: &str) {
    let el = browser.wait_for(css).await;
    browser
        .eval(&format!(
            "document.querySelector(\"{}\").scrollIntoView({{block: 'center'}})",
            css.replace('"', "\\\"")
        ))
        .await;
    count_tap();
    if el.click().await.is_err() {
        // Drawn again meanwhile (the app taking over the server's page): the new one.
        browser.wait_for(css).await.click().await.unwrap();
    }
}

/// Gives the true answer to the question on screen; `true` when the tap moved on by itself.
pub async fn answer(browser: &Browser, key: &str) -> bool {
    answer_from(browser, key, snack_bar).await
}

/// Gives the answer `truth` holds for the question on screen: radio values are wire values,
/// money is typed in yuan. `true` when it was one tap on one of a few answers, which moves
/// on to the next question by itself; otherwise 下一步 is still to press. Counts the taps.
pub async fn answer_from(browser: &Browser, key: &str, truth: Truth) -> bool {
    let values = truth(key).unwrap_or_else(|| panic!("no answer for {key}"));
    let input = browser.wait_for(&format!("input[name='{key}']")).await;
    match input.attr("type").await.unwrap().as_deref() {
        Some("text") => {
            count_tap();
            input.send_keys(values[0]).await.unwrap();
            false
        }
        kind => {
            for v in values {
                tap(browser, &format!("input[name='{key}'][value='{v}']")).await;
            }
            kind == Some("radio")
        }
    }
}

/// Presses 下一步 and waits for the next screen.
pub async fn next(browser: &Browser, key: &str) {
    count_tap();
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

/// Waits for the screen after `key`'s (the next question, or the end).
pub async fn moved_from(browser: &Browser, key: &str) {
    browser
        .wait_for(&format!(
            "fieldset.question:not([data-answer='{key}']), {DONE}"
        ))
        .await;
}

/// Answers until `stop` questions are asked or none is left; returns the keys asked.
pub async fn answer_questions(browser: &Browser, stop: usize) -> Vec<String> {
    answer_questions_from(browser, stop, snack_bar, "check-390x844-first-question").await
}

/// The answers of one business, by question key, as the form takes them.
pub type Truth = fn(&str) -> Option<Vec<&'static str>>;

/// [`answer_questions`] for another business; the first question is screenshot as `shot`.
pub async fn answer_questions_from(
    browser: &Browser,
    stop: usize,
    truth: Truth,
    shot: &str,
) -> Vec<String> {
    let mut asked = Vec::new();
    while let Some(key) = current_question(browser).await {
        assert!(!asked.contains(&key), "{key} was asked twice");
        if asked.is_empty() {
            browser.screenshot(shot).await;
        }
        let moved_on = answer_from(browser, &key, truth).await;
        asked.push(key.clone());
        if moved_on {
            moved_from(browser, &key).await;
        } else {
            next(browser, &key).await;
        }
        if asked.len() == stop {
            break;
        }
    }
    asked
}

/// Fails if anything on the page is wider than the screen.
pub async fn no_sideways_scroll(browser: &Browser) {
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
