//! The home page in headless Chromium at phone sizes.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use e2e::{Server, rendered_dom, screenshot};

const PHONE: (u32, u32) = (390, 844);
const NARROW: (u32, u32) = (360, 740);

const MEASURES: [&str; 15] = [
    "utility-deferral",
    "electricity-subsidy",
    "water-gas-price-cut",
    "bid-guarantee",
    "rent-waiver-state",
    "rent-waiver-private",
    "rent-waiver-highway",
    "vat-exemption",
    "cit-reduction",
    "six-taxes-two-fees",
    "tax-deferral",
    "unemployment-insurance-rate",
    "skills-training-base",
    "skill-master-studio",
    "skill-evaluation-institution",
];

#[tokio::test]
async fn the_home_page_lists_every_measure_grouped_by_how_with_the_notice_on_a_phone() {
    let server = Server::start().await;
    let dom = rendered_dom(&format!("{}/", server.base_url), PHONE).await;
    assert!(
        dom.contains("仅供参考，以主管部门认定为准"),
        "the notice is shown"
    );
    for id in MEASURES {
        assert!(dom.contains(&format!("id=\"{id}\"")), "{id} is listed");
    }
    for how in ["apply", "self_declare", "automatic", "guidance"] {
        assert!(
            dom.contains(&format!("data-how=\"{how}\"")),
            "a group for {how}"
        );
    }
    // The apply group comes first and holds the six measures filed in Shukun.
    let apply = dom.find("data-how=\"apply\"").unwrap();
    let guidance = dom.find("data-how=\"guidance\"").unwrap();
    assert!(apply < guidance);
    assert!(dom.contains("在线申请<span class=\"group__count\"> 6 项</span>"));
    // Each measure quotes its clause's original sentence.
    assert!(dom.contains("欠费不停供"));
    assert!(
        !dom.contains("id=\"boot\""),
        "the loading note is gone once the app runs"
    );
}

#[tokio::test]
async fn screenshots_of_the_home_page_are_taken_at_390_and_360_pixels() {
    let server = Server::start().await;
    for (size, name) in [(PHONE, "home-390x844"), (NARROW, "home-360x740")] {
        let file = screenshot(&format!("{}/", server.base_url), size, name).await;
        let bytes = std::fs::read(&file).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{} is a PNG", file.display());
        assert!(
            bytes.len() > 10_000,
            "{} shows a rendered page",
            file.display()
        );
    }
}

#[tokio::test]
async fn the_home_page_opens_in_english_from_a_lang_link() {
    let server = Server::start().await;
    let dom = rendered_dom(&format!("{}/?lang=en", server.base_url), PHONE).await;
    assert!(
        dom.contains("<html lang=\"en\""),
        "the document language follows"
    );
    assert!(dom.contains("Results are for reference only"));
    assert!(dom.contains("Rent waived in highway service areas"));
    assert!(dom.contains(">apply online<") || dom.contains("apply online"));
    // The clause's original sentence stays in Chinese.
    assert!(dom.contains("欠费不停供"));
}

#[tokio::test]
async fn a_link_to_a_measure_opens_it_with_its_original_sentence_and_departments() {
    let server = Server::start().await;
    let url = format!("{}/#rent-waiver-state", server.base_url);
    let dom = rendered_dom(&url, PHONE).await;
    let cell = &dom[dom.find("id=\"rent-waiver-state\"").unwrap()..];
    let cell = &cell[..cell.find("</li>").unwrap()];
    assert!(cell.contains("<details open"), "the linked measure is open");
    assert!(
        cell.contains("州国有资产监督管理委员会"),
        "its departments are listed"
    );
    assert!(
        cell.contains("在原有减免6个月基础上再减免1个月"),
        "its clause is quoted"
    );
    assert!(
        !dom[dom.find("id=\"utility-deferral\"").unwrap()..]
            .starts_with("id=\"utility-deferral\"><details open")
    );
    screenshot(&url, PHONE, "home-390x844-rent-waiver-state").await;
}

#[tokio::test]
async fn at_360_pixels_nothing_scrolls_sideways_and_the_language_button_switches_to_english() {
    let server = Server::start().await;
    let browser = e2e::webdriver::Browser::phone(NARROW.0, NARROW.1).await;
    browser.goto(&format!("{}/", server.base_url)).await;
    browser.wait_for(".tabbar").await;
    browser.wait_for("#skill-evaluation-institution").await;
    let overflow = browser
        .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert_eq!(overflow, 0, "the page is no wider than the 360 px screen");
    let inner = browser.eval("return window.innerWidth").await;
    assert_eq!(inner, NARROW.0, "the viewport is the phone's width");

    // The touch target for switching language is large enough to tap.
    let button = browser.wait_for(".navbar__lang").await;
    let height = browser
        .eval("return document.querySelector('.navbar__lang').getBoundingClientRect().height")
        .await;
    assert!(height.as_f64().unwrap() >= 36.0, "button height {height}");
    button.click().await.unwrap();
    browser.wait_for("html[lang='en']").await;
    let title = browser
        .wait_for("#rent-waiver-highway .cell__title")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(title, "Rent waived in highway service areas");
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(
        url.query(),
        Some("lang=en"),
        "a shared link keeps the language"
    );

    // Tapping a measure opens its details.
    browser
        .wait_for("#vat-exemption summary")
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_for("#vat-exemption details[open] blockquote")
        .await;
    // Its share and poster links are targets a thumb can hit (at least 44 px high).
    let heights = browser
        .eval(
            "return [...document.querySelectorAll('#vat-exemption .cell__links a')]\
             .map(a => a.getBoundingClientRect().height)",
        )
        .await;
    let heights: Vec<f64> = heights
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_f64().unwrap())
        .collect();
    assert_eq!(heights.len(), 2, "the share link and the poster");
    assert!(heights.iter().all(|h| *h >= 44.0), "{heights:?}");
}
