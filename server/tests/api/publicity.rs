//! Publicity (三(三)): administrators publish 政策解读 per measure and language, versioned,
//! and `/measures/{measure}` shows it to everyone with the clause, who qualifies and how; the
//! reach of links and posters is counted per source, measure and county.

use serde_json::{Value, json};

use crate::helpers::*;

/// The smallest PNG there is (a 1×1 transparent pixel).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.get(path).await;
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

async fn upload_image(app: &TestApp, token: &str, measure: &str, bytes: &[u8]) -> Reply {
    app.send_with(
        reqwest::Method::POST,
        &format!("/api/v1/admin/interpretations/{measure}/images"),
        &[("content-type", "application/octet-stream".into())],
        Some(bytes.to_vec()),
        Some(token),
    )
    .await
}

#[actix_web::test]
async fn an_administrator_publishes_an_interpretation_with_an_image_and_everyone_reads_the_latest()
{
    let app = spawn_app().await;
    let admin = app.staff("13900000001", "admin", &[]).await;

    let image = upload_image(&app, &admin.access, "rent-waiver-state", PNG).await;
    assert_eq!(image.status, 201, "{}", image.body);
    let path = image.body["path"].as_str().unwrap().to_string();
    assert!(
        path.starts_with("/measures/rent-waiver-state/images/img"),
        "{path}"
    );
    let served = app.get(&path).await;
    assert_eq!(served.status().as_u16(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(
        served.bytes().await.unwrap().as_ref(),
        PNG,
        "the same bytes back"
    );

    let publish = |title: &str| {
        json!({"lang": "zh-CN", "title": title,
            "body": format!("## 减免几个月\n\n承租州属国有企业房屋的，**免收 3 个月**租金。\n\n![门店示意]({path})\n\n- 带上租赁合同\n- 向出租方申请")})
    };
    let first = app
        .post_as(
            "/api/v1/admin/interpretations/rent-waiver-state",
            Some(&publish("国有房屋租金减免，一图读懂")),
            &admin.access,
        )
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.body["version"], 1);
    let second = app
        .post_as(
            "/api/v1/admin/interpretations/rent-waiver-state",
            Some(&publish("国有房屋租金减免，三问三答")),
            &admin.access,
        )
        .await;
    assert_eq!(second.body["version"], 2, "a publish is a new version");

    let (status, html) = page(&app, "/measures/rent-waiver-state").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("三问三答") && !html.contains("一图读懂"),
        "the latest version is shown"
    );
    assert!(html.contains("第 2 版"));
    assert!(
        html.contains("<strong>免收 3 个月</strong>"),
        "Markdown rendered"
    );
    assert!(html.contains(&format!("src=\"{path}\"")), "the image shown");
    assert!(html.contains("二(二)一"), "the clause");
    assert!(html.contains("谁可以享受") && html.contains("怎么办理"));
    assert!(
        html.contains("action=\"/measures/rent-waiver-state/feedback\""),
        "有用/没用"
    );

    // Not yet in English: the English page says so and still explains the measure.
    let (_, en) = page(&app, "/measures/rent-waiver-state?lang=en").await;
    assert!(en.contains("data-interpretation=\"none\""));
    assert!(en.contains("Who qualifies"));

    let versions = app
        .get_as(
            "/api/v1/admin/interpretations/rent-waiver-state",
            &admin.access,
        )
        .await;
    assert_eq!(versions.status, 200);
    assert_eq!(versions.body.as_array().unwrap().len(), 2);
    assert_eq!(versions.body[0]["version"], 2, "newest first");
}

#[actix_web::test]
async fn an_interpretation_that_cannot_be_shown_safely_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.staff("13900000001", "admin", &[]).await;
    let owner = app.owner(&phone(1), 1).await;
    let path = "/api/v1/admin/interpretations/rent-waiver-state";
    let good = json!({"lang": "zh-CN", "title": "解读", "body": "正文"});
    let refused = app.post_as(path, Some(&good), &owner.access).await;
    assert_eq!(refused.status, 403, "owners do not publish");
    let none = app
        .post_as(
            "/api/v1/admin/interpretations/no-such-measure",
            Some(&good),
            &admin.access,
        )
        .await;
    assert_eq!(none.status, 404);
    for (body, field) in [
        (
            json!({"lang": "zh-CN", "title": " ", "body": "正文"}),
            "title",
        ),
        (
            json!({"lang": "zh-CN", "title": "解".repeat(101), "body": "正文"}),
            "title",
        ),
        (
            json!({"lang": "zh-CN", "title": "解读", "body": ""}),
            "body",
        ),
        (
            json!({"lang": "zh-CN", "title": "解读", "body": "![x](https://tracker.example/p.png)"}),
            "body",
        ),
        (
            json!({"lang": "zh-CN", "title": "解读", "body": "[点我](javascript:alert(1))"}),
            "body",
        ),
    ] {
        let reply = app.post_as(path, Some(&body), &admin.access).await;
        assert_eq!(
            (reply.status, reply.code()),
            (400, "invalid_field"),
            "{body}"
        );
        assert_eq!(reply.body["error"]["field"], field, "{body}");
    }
    let not_an_image = upload_image(&app, &admin.access, "rent-waiver-state", b"%PDF-1.4").await;
    assert_eq!(
        (not_an_image.status, not_an_image.code()),
        (415, "unsupported_document_type")
    );
    let too_big = upload_image(
        &app,
        &admin.access,
        "rent-waiver-state",
        &[PNG, &vec![0u8; 1024 * 1024]].concat(),
    )
    .await;
    assert_eq!(
        (too_big.status, too_big.code()),
        (413, "document_too_large")
    );
    // Raw HTML is shown as text, never run.
    let html = json!({"lang": "zh-CN", "title": "解读", "body": "<script>alert(1)</script>"});
    assert_eq!(
        app.post_as(path, Some(&html), &admin.access).await.status,
        201
    );
    let (_, page_html) = page(&app, "/measures/rent-waiver-state").await;
    assert!(!page_html.contains("<script>alert(1)"));
    // An image of another measure is not served under this one.
    let image = upload_image(&app, &admin.access, "vat-exemption", PNG).await;
    let name = image.body["path"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let res = app
        .get(&format!("/measures/rent-waiver-state/images/{name}"))
        .await;
    assert_eq!(res.status().as_u16(), 404);
    let (status, _) = page(&app, "/measures/no-such-measure").await;
    assert_eq!(status, 404);
}

/// The reach figures, read by the supervising office.
async fn reach(app: &TestApp, token: &str) -> Value {
    let reply = app.get_as("/api/v1/admin/reach", token).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn row<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no row {key} = {value} in {list}"))
}

#[actix_web::test]
async fn a_posters_source_is_counted_from_the_page_through_the_self_check_to_the_approval() {
    let app = spawn_app().await;
    let admin = app.staff("13900000001", "admin", &[]).await;
    let supervisor = app.staff("13900000002", "supervisor", &[]).await;
    let sasac = app.official(1, "sasac", "korla").await;

    // The poster's QR code opens the measure's page; the owner checks and files from it.
    let (status, _) = page(&app, "/measures/rent-waiver-state?src=poster-korla").await;
    assert_eq!(status, 200);
    let (_, _) = page(&app, "/measures/rent-waiver-state?src=wechat-article").await;
    let counted = app
        .post(
            "/api/v1/reach",
            &json!({"source": "poster-korla", "county": "korla", "eligible": ["rent-waiver-state"]}),
        )
        .await;
    assert_eq!(counted.status, 202, "{}", counted.body);
    let owner = app.owner(&phone(1), 1).await;
    let mut body = rent_request();
    body["source"] = json!("poster-korla");
    let filed = app.file(&owner.access, "k-1", &body).await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    let id = filed.body["id"].clone();
    let reviewed = app
        .decide(&sasac.access, &id, &json!(1), &json!({"action": "review"}))
        .await;
    let approved = app
        .decide(
            &sasac.access,
            &id,
            &reviewed.body["version"],
            &json!({"action": "approve", "grant": {"kind": "rent_waiver", "months": 3, "amount_fen": 900_000}}),
        )
        .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    // A second owner, arrived with no source, files too.
    let other = app.owner(&phone(2), 2).await;
    assert_eq!(
        app.file(&other.access, "k-2", &rent_request()).await.status,
        201
    );
    // "有用" on the page.
    let res = app
        .client
        .post(format!(
            "{}/measures/rent-waiver-state/feedback?src=poster-korla",
            app.address
        ))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("useful=yes")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "back on the page");
    assert!(res.text().await.unwrap().contains("谢谢"));
    // The county's registered businesses, the denominator.
    let recorded = app
        .post_as(
            "/api/v1/admin/settings",
            Some(&json!({"setting": "registered_businesses", "county": "korla", "count": 4, "on": "2022-06-30"})),
            &admin.access,
        )
        .await;
    assert_eq!(recorded.status, 201, "{}", recorded.body);

    let figures = reach(&app, &supervisor.access).await;
    let poster = row(&figures["sources"], "source", "poster-korla");
    assert_eq!(poster["channel"], "poster");
    assert_eq!(poster["county"], "korla");
    assert_eq!(
        (
            &poster["opens"],
            &poster["checks"],
            &poster["filed"],
            &poster["approved"]
        ),
        (&json!(1), &json!(1), &json!(1), &json!(1))
    );
    let article = row(&figures["sources"], "source", "wechat-article");
    assert_eq!(
        (&article["opens"], &article["filed"]),
        (&json!(1), &json!(0))
    );
    let direct = row(&figures["sources"], "source", "direct");
    assert_eq!(direct["filed"], 1, "the request filed with no source");
    let measure = row(&figures["measures"], "measure", "rent-waiver-state");
    assert_eq!(
        (
            &measure["opens"],
            &measure["eligible"],
            &measure["filed"],
            &measure["approved"],
            &measure["useful"],
            &measure["not_useful"]
        ),
        (
            &json!(2),
            &json!(1),
            &json!(2),
            &json!(1),
            &json!(1),
            &json!(0)
        )
    );
    let korla = row(&figures["counties"], "county", "korla");
    assert_eq!(korla["registered"], 4);
    assert_eq!(korla["registered_on"], "2022-06-30");
    assert_eq!(korla["checks"], 1);
    assert_eq!(korla["businesses_filed"], 2);
    assert_eq!(korla["businesses_helped"], 1);
    assert_eq!(
        korla["awareness_rate"], 0.25,
        "1 self-check of 4 businesses"
    );
    assert_eq!(korla["coverage_rate"], 0.25, "1 business helped of 4");
    let yuli = row(&figures["counties"], "county", "yuli");
    assert_eq!(yuli["registered"], Value::Null);
    assert_eq!(
        yuli["awareness_rate"],
        Value::Null,
        "no denominator, no rate"
    );
    assert_eq!(
        figures["county_unknown"]["opens"], 1,
        "the article named no county"
    );

    for token in [&sasac.access, &owner.access] {
        let refused = app.get_as("/api/v1/admin/reach", token).await;
        assert_eq!(refused.status, 403);
    }
    let backwards = app
        .get_as(
            "/api/v1/admin/reach?from=2026-02-01&to=2026-01-01",
            &supervisor.access,
        )
        .await;
    assert_eq!(
        (backwards.status, backwards.body["error"]["field"].as_str()),
        (400, Some("to"))
    );
}

#[actix_web::test]
async fn a_made_up_source_is_counted_as_other_and_a_flood_from_one_address_is_refused() {
    let app = spawn_app().await;
    let supervisor = app.staff("13900000002", "supervisor", &[]).await;
    let mut refused = 0;
    for i in 0..40 {
        let reply = app
            .post("/api/v1/reach", &json!({"source": format!("campaign-{i}")}))
            .await;
        match reply.status {
            202 => {}
            429 => refused += 1,
            other => panic!("{other}: {}", reply.body),
        }
    }
    assert!(
        refused >= 10,
        "at most 30 a minute from one address: {refused} refused"
    );
    let bad = app
        .post("/api/v1/reach", &json!({"county": "atlantis"}))
        .await;
    assert!(matches!(bad.status, 400 | 422 | 429), "{}", bad.body);
    let figures = reach(&app, &supervisor.access).await;
    let sources = figures["sources"].as_array().unwrap();
    assert_eq!(
        sources.len(),
        1,
        "made-up codes add no row each: {sources:?}"
    );
    assert_eq!(sources[0]["source"], "other");
    assert_eq!(sources[0]["checks"], 40 - refused);
}
