//! Requests: filing, routing, deciding, tracking; idempotency, versions, documents, privacy.

use serde_json::{Value, json};
use server::config::EvalDate;

use crate::helpers::{TestApp, Tokens, phone, rent_request, spawn_app, spawn_app_with};

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01 a small photo of a lease";

fn approve_rent() -> Value {
    json!({
        "action": "approve",
        "comment": "免收 3 个月租金",
        "grant": {"kind": "rent_waiver", "months": 3, "amount_fen": 900_000}
    })
}

async fn owner(app: &TestApp, n: u32) -> Tokens {
    app.owner(&phone(n), n).await
}

#[actix_web::test]
async fn filing_a_rent_waiver_on_soe_premises_routes_it_to_sasac_and_numbers_it() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let reply = app.file(&a.access, "k-1", &rent_request()).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let r = &reply.body;
    assert_eq!(r["status"], "submitted");
    assert_eq!(r["version"], 1);
    assert_eq!(r["departments"], json!(["sasac"]));
    assert_eq!(r["jurisdiction"], "korla");
    assert_eq!(r["kind"], "rent_waiver");
    let number = r["number"].as_str().unwrap();
    assert!(
        number.starts_with("BZ20") && number.len() == "BZ2026-000001".len(),
        "{number}"
    );
    assert_eq!(
        r["answers"]["premises"], "rent_prefecture_soe",
        "answers are kept as evidence"
    );
    assert_eq!(r["payload"]["landlord_name"], "巴州国有资产经营有限公司");
    assert_eq!(r["history"][0]["kind"], "filed");
    assert_eq!(r["history"][0]["to"], "submitted");
    assert_eq!(r["allowed_actions"], json!(["withdraw"]));
    assert!(r["due_on"].as_str().unwrap() > r["filed_at"].as_str().unwrap());

    let mine = app.get_as("/api/v1/requests", &a.access).await;
    assert_eq!(mine.body.as_array().unwrap().len(), 1);
    let messages = app.get_as("/api/v1/messages", &a.access).await;
    assert_eq!(messages.body["unread"], 1);
    assert!(
        messages.body["messages"][0]["text"]
            .as_str()
            .unwrap()
            .contains(number)
    );
}

#[actix_web::test]
async fn filing_without_an_idempotency_key_is_refused_with_400() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let reply = app
        .send_with(
            reqwest::Method::POST,
            "/api/v1/requests",
            &[("content-type", "application/json".into())],
            Some(rent_request().to_string().into_bytes()),
            Some(&a.access),
        )
        .await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.code(), "idempotency_key_required");
}

#[actix_web::test]
async fn filing_twice_with_one_idempotency_key_files_once() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let first = app.file(&a.access, "double-tap", &rent_request()).await;
    let second = app.file(&a.access, "double-tap", &rent_request()).await;
    assert_eq!(first.status, 201);
    assert_eq!(second.status, 200, "{}", second.body);
    assert_eq!(first.body["id"], second.body["id"]);
    let mine = app.get_as("/api/v1/requests", &a.access).await;
    assert_eq!(mine.body.as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn one_idempotency_key_with_another_body_is_refused_with_422() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    assert_eq!(app.file(&a.access, "k", &rent_request()).await.status, 201);
    let mut other = rent_request();
    other["payload"]["landlord_name"] = json!("另一家公司");
    let reply = app.file(&a.access, "k", &other).await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.code(), "idempotency_key_reused");
}

#[actix_web::test]
async fn concurrent_submits_with_one_key_file_one_request() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let body = rent_request();
    let replies =
        futures_util::future::join_all((0..8).map(|_| app.file(&a.access, "same-key", &body)))
            .await;
    let ids: Vec<&Value> = replies.iter().map(|r| &r.body["id"]).collect();
    for r in &replies {
        assert!(
            r.status == 201 || r.status == 200,
            "{} {}",
            r.status,
            r.body
        );
    }
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    assert_eq!(replies.iter().filter(|r| r.status == 201).count(), 1);
    let mine = app.get_as("/api/v1/requests", &a.access).await;
    assert_eq!(mine.body.as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn a_business_has_one_open_request_per_measure_until_it_is_withdrawn() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let first = app.file_rent(&a.access).await;
    let again = app.file(&a.access, "another-key", &rent_request()).await;
    assert_eq!(again.status, 409, "{}", again.body);
    assert_eq!(again.code(), "open_request_exists");

    let withdrawn = app
        .post_as(
            &format!("/api/v1/requests/{}/withdraw", first["id"]),
            None,
            &a.access,
        )
        .await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.body);
    assert_eq!(withdrawn.body["status"], "withdrawn");
    let after = app.file(&a.access, "a-third-key", &rent_request()).await;
    assert_eq!(after.status, 201, "{}", after.body);
}

#[actix_web::test]
async fn an_ineligible_request_is_refused_with_its_reasons() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let mut body = rent_request();
    // A shop in a highway service area asks under 二(二)三, not here.
    body["answers"]["highway_service_area"] = json!(true);
    let reply = app.file(&a.access, "k", &body).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.code(), "not_eligible");
    let reasons = reply.body["reasons"].as_array().unwrap();
    assert!(reasons.iter().any(|r| r["met"] == false), "{reasons:?}");
    let mine = app.get_as("/api/v1/requests", &a.access).await;
    assert_eq!(mine.body, json!([]));
}

#[actix_web::test]
async fn a_request_outside_the_application_window_is_refused() {
    // 2022 rent is still the relief, but requests were taken during 2022 only.
    let app = spawn_app_with(|c| {
        c.eval_date = EvalDate::Fixed("2023-06-01".parse().unwrap());
    })
    .await;
    let a = owner(&app, 1).await;
    let reply = app.file(&a.access, "k", &rent_request()).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.code(), "application_window_closed");
    assert!(!reply.body["reasons"].as_array().unwrap().is_empty());
}

#[actix_web::test]
async fn a_payload_that_disagrees_with_the_answers_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let mut body = rent_request();
    body["payload"]["landlord_type"] = json!("county_state");
    let reply = app.file(&a.access, "k", &body).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.body["error"]["field"], "payload.landlord_type");
    // What is wrong, as a code the apps say in the owner's language.
    assert_eq!(reply.body["error"]["problem"], "premises_differ");
    let mut body = rent_request();
    body["kind"] = json!("skills_reward");
    let reply = app.file(&a.access, "k2", &body).await;
    assert_eq!(reply.body["error"]["field"], "kind");
}

#[actix_web::test]
async fn owner_b_cannot_read_change_or_download_anything_of_owner_a() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let b = owner(&app, 2).await;
    let r = app.file_rent(&a.access).await;
    let id = &r["id"];
    let doc = app
        .upload(&a.access, id, "lease", "lease.jpg", JPEG.to_vec())
        .await;
    assert_eq!(doc.status, 201, "{}", doc.body);
    let doc_id = &doc.body["id"];

    let base = format!("/api/v1/requests/{id}");
    assert_eq!(app.get_as(&base, &b.access).await.status, 404);
    assert_eq!(
        app.get_as(&format!("{base}/documents/{doc_id}"), &b.access)
            .await
            .status,
        404
    );
    assert_eq!(
        app.post_as(&format!("{base}/withdraw"), None, &b.access)
            .await
            .status,
        404
    );
    let answer = json!({"comment": "mine now"});
    assert_eq!(
        app.post_as(&format!("{base}/answer"), Some(&answer), &b.access)
            .await
            .status,
        404
    );
    assert_eq!(
        app.upload(&b.access, id, "lease", "x.jpg", JPEG.to_vec())
            .await
            .status,
        404
    );
    let mine = app.get_as("/api/v1/requests", &b.access).await;
    assert_eq!(mine.body, json!([]));
    // And it is untouched.
    let seen = app.get_as(&base, &a.access).await;
    assert_eq!(seen.body["status"], "submitted");
    assert_eq!(seen.body["version"], 1);
}

#[actix_web::test]
async fn officials_see_only_requests_routed_to_their_department_and_jurisdiction() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let r = app.file_rent(&a.access).await;
    let id = &r["id"];
    let sasac_korla = app.official(1, "sasac", "korla").await;
    let sasac_luntai = app.official(2, "sasac", "luntai").await;
    let finance_korla = app.official(3, "finance", "korla").await;

    let path = format!("/api/v1/requests/{id}");
    assert_eq!(app.get_as(&path, &sasac_korla.access).await.status, 200);
    for other in [&sasac_luntai, &finance_korla] {
        assert_eq!(app.get_as(&path, &other.access).await.status, 404);
        let queue = app.get_as("/api/v1/admin/requests", &other.access).await;
        assert_eq!(queue.body["items"], json!([]));
        let d = app
            .decide(&other.access, id, &json!(1), &json!({"action": "review"}))
            .await;
        assert_eq!(d.status, 404, "{}", d.body);
    }
    let queue = app
        .get_as("/api/v1/admin/requests", &sasac_korla.access)
        .await;
    assert_eq!(queue.body["items"][0]["id"], *id);
    // Owners do not decide.
    let d = app
        .decide(&a.access, id, &json!(1), &json!({"action": "review"}))
        .await;
    assert_eq!(d.status, 403);
}

#[actix_web::test]
async fn a_request_goes_review_ask_answer_approve_and_both_sides_see_every_step() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let official = app.official(1, "sasac", "korla").await;
    let r = app.file_rent(&a.access).await;
    let id = &r["id"];

    let d = app
        .decide(
            &official.access,
            id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    assert_eq!(d.status, 200, "{}", d.body);
    assert_eq!(d.body["status"], "in_review");
    assert_eq!(
        d.body["allowed_actions"],
        json!(["ask", "approve", "reject"])
    );
    let d = app
        .decide(
            &official.access,
            id,
            &d.body["version"],
            &json!({"action": "ask", "comment": "请上传租赁合同"}),
        )
        .await;
    assert_eq!(d.body["status"], "needs_info", "{}", d.body);

    let doc = app
        .upload(&a.access, id, "lease", "合同.jpg", JPEG.to_vec())
        .await;
    assert_eq!(doc.status, 201, "{}", doc.body);
    let answered = app
        .post_as(
            &format!("/api/v1/requests/{id}/answer"),
            Some(&json!({"comment": "已上传", "documents": [doc.body["id"]]})),
            &a.access,
        )
        .await;
    assert_eq!(answered.status, 200, "{}", answered.body);
    assert_eq!(answered.body["status"], "in_review");

    let d = app
        .decide(
            &official.access,
            id,
            &answered.body["version"],
            &approve_rent(),
        )
        .await;
    assert_eq!(d.status, 200, "{}", d.body);
    assert_eq!(d.body["status"], "approved");
    assert_eq!(d.body["grant"]["months"], 3);
    assert_eq!(d.body["grant"]["amount_fen"], 900_000);

    let seen = app
        .get_as(&format!("/api/v1/requests/{id}"), &a.access)
        .await;
    let kinds: Vec<&str> = seen.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["filed", "review", "ask", "attach", "answer", "approve"]
    );
    assert_eq!(seen.body["history"][2]["comment"], "请上传租赁合同");
    assert_eq!(
        seen.body["history"][4]["documents"],
        json!([doc.body["id"]])
    );
    assert_eq!(seen.body["allowed_actions"], json!([]));

    // One message per change of state: filed, review, ask, answer, approve.
    let messages = app.get_as("/api/v1/messages?lang=en", &a.access).await;
    assert_eq!(messages.body["unread"], 5);
    assert!(
        messages.body["messages"][0]["text"]
            .as_str()
            .unwrap()
            .contains("approved")
    );
    let first = &messages.body["messages"][0]["id"];
    let read = app
        .post_as(&format!("/api/v1/messages/{first}/read"), None, &a.access)
        .await;
    assert_eq!(read.status, 204);
    let messages = app.get_as("/api/v1/messages", &a.access).await;
    assert_eq!(messages.body["unread"], 4);
    let b = owner(&app, 2).await;
    let theirs = app
        .post_as(&format!("/api/v1/messages/{first}/read"), None, &b.access)
        .await;
    assert_eq!(theirs.status, 404);
    assert_eq!(
        app.post_as("/api/v1/messages/read", None, &a.access)
            .await
            .status,
        204
    );
    assert_eq!(
        app.get_as("/api/v1/messages", &a.access).await.body["unread"],
        0
    );
}

#[actix_web::test]
async fn transitions_the_state_machine_refuses_are_409() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let official = app.official(1, "sasac", "korla").await;
    let r = app.file_rent(&a.access).await;
    let id = &r["id"];

    // Approving what nobody reviewed.
    let d = app
        .decide(&official.access, id, &json!(1), &approve_rent())
        .await;
    assert_eq!(d.status, 409, "{}", d.body);
    assert_eq!(d.code(), "invalid_transition");
    // Answering what nobody asked.
    let answer = app
        .post_as(
            &format!("/api/v1/requests/{id}/answer"),
            Some(&json!({"comment": "?"})),
            &a.access,
        )
        .await;
    assert_eq!(answer.code(), "invalid_transition");
    // Officials do not withdraw; owners only.
    let d = app
        .decide(
            &official.access,
            id,
            &json!(1),
            &json!({"action": "withdraw"}),
        )
        .await;
    assert_eq!(d.status, 400);

    let d = app
        .decide(
            &official.access,
            id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    let d = app
        .decide(
            &official.access,
            id,
            &d.body["version"],
            &json!({"action": "reject", "comment": "材料不实"}),
        )
        .await;
    assert_eq!(d.body["status"], "rejected", "{}", d.body);
    // Decided: final.
    let w = app
        .post_as(&format!("/api/v1/requests/{id}/withdraw"), None, &a.access)
        .await;
    assert_eq!(w.status, 409);
    assert_eq!(w.code(), "invalid_transition");
    let d = app
        .decide(&official.access, id, &d.body["version"], &approve_rent())
        .await;
    assert_eq!(d.code(), "invalid_transition");
    // Nothing after the refusals was recorded.
    let seen = app
        .get_as(&format!("/api/v1/requests/{id}"), &a.access)
        .await;
    assert_eq!(seen.body["history"].as_array().unwrap().len(), 3);
}

#[actix_web::test]
async fn an_approval_says_what_it_grants() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let official = app.official(1, "sasac", "korla").await;
    let r = app.file_rent(&a.access).await;
    let id = &r["id"];
    app.decide(
        &official.access,
        id,
        &json!(1),
        &json!({"action": "review"}),
    )
    .await;
    let cases = [
        (json!({"action": "approve"}), "grant"),
        (
            json!({"action": "approve", "grant": {"kind": "skills_reward", "amount_fen": 1}}),
            "grant.kind",
        ),
        (
            json!({"action": "approve", "grant": {"kind": "rent_waiver", "months": 13, "amount_fen": 1}}),
            "grant.months",
        ),
        (
            json!({"action": "approve", "grant": {"kind": "rent_waiver", "months": 3, "amount_fen": 1, "relief": "refund"}}),
            "grant.relief",
        ),
        (json!({"action": "ask"}), "comment"),
    ];
    for (body, field) in cases {
        let d = app.decide(&official.access, id, &json!(2), &body).await;
        assert_eq!(d.status, 400, "{body}: {}", d.body);
        assert_eq!(d.body["error"]["field"], field, "{body}");
    }
}

#[actix_web::test]
async fn of_two_concurrent_decisions_exactly_one_wins_and_the_other_gets_409() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let first = app.official(1, "sasac", "korla").await;
    let second = app.official(2, "sasac", "korla").await;
    let r = app.file_rent(&a.access).await;
    let id = &r["id"];
    let (v1, review) = (json!(1), json!({"action": "review"}));
    let (x, y) = tokio::join!(
        app.decide(&first.access, id, &v1, &review),
        app.decide(&second.access, id, &v1, &review),
    );
    let mut statuses = [x.status, y.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} {}", x.body, y.body);
    let loser = if x.status == 409 { &x } else { &y };
    assert_eq!(loser.code(), "version_conflict");
    let seen = app
        .get_as(&format!("/api/v1/requests/{id}"), &a.access)
        .await;
    assert_eq!(seen.body["version"], 2);
    assert_eq!(seen.body["history"].as_array().unwrap().len(), 2);
}

#[actix_web::test]
async fn a_decision_on_a_stale_version_is_409_and_one_without_if_match_is_400() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let official = app.official(1, "sasac", "korla").await;
    let r = app.file_rent(&a.access).await;
    let id = &r["id"];
    let d = app
        .decide(
            &official.access,
            id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    assert_eq!(d.headers["etag"], "\"2\"");
    let stale = app
        .decide(
            &official.access,
            id,
            &json!(1),
            &json!({"action": "ask", "comment": "?"}),
        )
        .await;
    assert_eq!(stale.status, 409);
    assert_eq!(stale.code(), "version_conflict");
    let none = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/admin/requests/{id}/decision"),
            Some(&json!({"action": "ask", "comment": "?"})),
            Some(&official.access),
        )
        .await;
    assert_eq!(none.status, 400);
    assert_eq!(none.body["error"]["field"], "If-Match");
}

#[actix_web::test]
async fn an_upload_of_another_type_disguised_by_its_name_is_refused() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let r = app.file_rent(&a.access).await;
    let exe = b"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode".to_vec();
    let reply = app
        .upload(&a.access, &r["id"], "lease", "lease.jpg", exe)
        .await;
    assert_eq!(reply.status, 415, "{}", reply.body);
    assert_eq!(reply.code(), "unsupported_document_type");
    let html = b"<html><script>alert(1)</script></html>".to_vec();
    let reply = app
        .upload(&a.access, &r["id"], "lease", "lease.pdf", html)
        .await;
    assert_eq!(reply.status, 415);
    let seen = app
        .get_as(&format!("/api/v1/requests/{}", r["id"]), &a.access)
        .await;
    assert_eq!(seen.body["documents"], json!([]));
}

#[actix_web::test]
async fn an_oversized_upload_is_refused() {
    let app = spawn_app_with(|c| c.requests.document_max_bytes = 1024).await;
    let a = owner(&app, 1).await;
    let r = app.file_rent(&a.access).await;
    let mut big = JPEG.to_vec();
    big.resize(1025, 0);
    let reply = app
        .upload(&a.access, &r["id"], "lease", "big.jpg", big)
        .await;
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(reply.code(), "document_too_large");
    let mut fits = JPEG.to_vec();
    fits.resize(1024, 0);
    let reply = app
        .upload(&a.access, &r["id"], "lease", "ok.jpg", fits)
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
}

#[actix_web::test]
async fn a_document_is_served_to_the_owner_and_the_routed_official_as_an_attachment() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let official = app.official(1, "sasac", "korla").await;
    let r = app.file_rent(&a.access).await;
    let doc = app
        .upload(
            &a.access,
            &r["id"],
            "lease",
            "../../etc/passwd.jpg",
            JPEG.to_vec(),
        )
        .await;
    assert_eq!(doc.body["type"], "jpeg");
    let path = format!("/api/v1/requests/{}/documents/{}", r["id"], doc.body["id"]);
    for token in [&a.access, &official.access] {
        let res = app
            .client
            .get(format!("{}{path}", app.address))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/jpeg");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            disposition.starts_with("attachment; filename=\"BZ"),
            "{disposition}"
        );
        assert!(!disposition.contains(".."), "{disposition}");
        assert_eq!(res.bytes().await.unwrap().as_ref(), JPEG);
    }
}

#[actix_web::test]
async fn the_openapi_document_lists_the_request_endpoints() {
    let app = spawn_app().await;
    let doc = app
        .get("/api/v1/openapi.json")
        .await
        .json::<Value>()
        .await
        .unwrap();
    for path in [
        "/api/v1/requests",
        "/api/v1/requests/{id}",
        "/api/v1/requests/{id}/withdraw",
        "/api/v1/requests/{id}/documents",
        "/api/v1/admin/requests/{id}/decision",
        "/api/v1/messages",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
}

#[actix_web::test]
async fn an_electricity_deferral_goes_to_state_grid_ndrc_and_the_county_of_the_business() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let body = json!({
        "measure": "utility-deferral",
        "kind": "utility_deferral",
        "answers": {
            "entity_type": "individual_business", "industry": "catering", "employees": 8,
            "annual_revenue_fen": 150_000_000, "jurisdiction": "luntai",
            "epidemic_difficulty": true, "utilities_in_arrears": ["electricity"]
        },
        "payload": {
            "utilities": ["electricity"], "account_number": "6500123456",
            "months": ["2022-04", "2022-05"], "amount_per_month_fen": 120_000
        }
    });
    let reply = app.file(&a.access, "k", &body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(
        reply.body["departments"],
        json!(["ndrc", "state_grid", "county_government"])
    );
    // 由政府主管部门认定: the development and reform commission leads (POLICIES.md).
    assert_eq!(reply.body["lead_department"], "ndrc");
    let id = &reply.body["id"];
    let path = format!("/api/v1/requests/{id}");
    let grid_luntai = app.official(1, "state_grid", "luntai").await;
    let county_luntai = app.official(2, "county_government", "luntai").await;
    let county_korla = app.official(3, "county_government", "korla").await;
    let water_luntai = app.official(4, "water", "luntai").await;
    assert_eq!(app.get_as(&path, &grid_luntai.access).await.status, 200);
    assert_eq!(app.get_as(&path, &county_luntai.access).await.status, 200);
    assert_eq!(app.get_as(&path, &county_korla.access).await.status, 404);
    assert_eq!(app.get_as(&path, &water_luntai.access).await.status, 404);

    // State Grid carries it out and sees it, but the leading commission decides.
    let refused = app
        .decide(
            &grid_luntai.access,
            id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let seen = app.get_as(&path, &grid_luntai.access).await;
    assert_eq!(seen.body["allowed_actions"], json!([]));
    let ndrc_luntai = app.official(5, "ndrc", "luntai").await;
    let grid_luntai = ndrc_luntai;

    // The approval is a schedule, not free text.
    let v = app
        .decide(
            &grid_luntai.access,
            id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    let approve = json!({
        "action": "approve",
        "grant": {
            "kind": "utility_deferral",
            "schedule": [{"month": "2022-04", "amount_fen": 120_000}, {"month": "2022-05", "amount_fen": 120_000}],
            "settle_by": "2022-12-31",
            "late_fees_waived": true
        }
    });
    let d = app
        .decide(&grid_luntai.access, id, &v.body["version"], &approve)
        .await;
    assert_eq!(d.status, 200, "{}", d.body);
    assert_eq!(d.body["grant"]["schedule"][1]["month"], "2022-05");
    assert_eq!(d.body["grant"]["late_fees_waived"], true);
}

#[actix_web::test]
async fn officials_see_who_did_each_step_and_owners_see_the_roles_only() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let official = app.official(1, "sasac", "korla").await;
    let supervisor = app.staff("13600000001", "supervisor", &[]).await;
    let r = app.file_rent(&a.access).await;
    let id = &r["id"];
    app.decide(
        &official.access,
        id,
        &json!(1),
        &json!({"action": "review"}),
    )
    .await;
    let path = format!("/api/v1/requests/{id}");
    let as_owner = app.get_as(&path, &a.access).await;
    assert_eq!(as_owner.body["history"][1]["actor_role"], "official");
    assert!(as_owner.body["history"][1].get("actor_id").is_none());
    let as_supervisor = app.get_as(&path, &supervisor.access).await;
    assert_eq!(as_supervisor.status, 200);
    assert!(as_supervisor.body["history"][1]["actor_id"].is_number());
    assert_eq!(as_supervisor.body["allowed_actions"], json!([]));
}

/// Drives a new request of a new owner to `target` and returns (owner, request).
async fn request_in(
    app: &TestApp,
    official: &Tokens,
    n: u32,
    target: shared::application::RequestState,
) -> (Tokens, Value) {
    use shared::application::RequestState as S;
    let owner = owner(app, n).await;
    let r = app.file_rent(&owner.access).await;
    let id = r["id"].clone();
    let path = format!("/api/v1/requests/{id}");
    match target {
        S::Submitted => {}
        S::Withdrawn => {
            app.post_as(&format!("{path}/withdraw"), None, &owner.access)
                .await;
        }
        _ => {
            let d = app
                .decide(
                    &official.access,
                    &id,
                    &json!(1),
                    &json!({"action": "review"}),
                )
                .await;
            let next = match target {
                S::NeedsInfo => Some(json!({"action": "ask", "comment": "?"})),
                S::Approved => Some(approve_rent()),
                S::Rejected => Some(json!({"action": "reject", "comment": "no"})),
                _ => None,
            };
            if let Some(body) = next {
                app.decide(&official.access, &id, &d.body["version"], &body)
                    .await;
            }
        }
    }
    let r = app.get_as(&path, &owner.access).await.body;
    assert_eq!(r["status"], target.as_str());
    (owner, r)
}

#[actix_web::test]
async fn every_action_in_every_state_is_allowed_or_refused_as_the_shared_state_machine_says() {
    use shared::application::{Action, RequestState, transition};
    let app = spawn_app_with(|c| {
        c.limits.register_per_address.max = 1000;
        c.limits.register_per_phone.max = 1000;
    })
    .await;
    let official = app.official(1, "sasac", "korla").await;
    let mut n = 100;
    for &state in RequestState::ALL {
        for &action in Action::ALL {
            n += 1;
            let (owner, r) = request_in(&app, &official, n, state).await;
            let id = &r["id"];
            let reply = match action {
                Action::Withdraw => {
                    app.post_as(
                        &format!("/api/v1/requests/{id}/withdraw"),
                        None,
                        &owner.access,
                    )
                    .await
                }
                Action::Answer => {
                    app.post_as(
                        &format!("/api/v1/requests/{id}/answer"),
                        Some(&json!({"comment": "here"})),
                        &owner.access,
                    )
                    .await
                }
                Action::Approve => {
                    app.decide(&official.access, id, &r["version"], &approve_rent())
                        .await
                }
                _ => {
                    app.decide(
                        &official.access,
                        id,
                        &r["version"],
                        &json!({"action": action, "comment": "note"}),
                    )
                    .await
                }
            };
            match transition(state, action, action.role()) {
                Ok(to) => {
                    assert_eq!(reply.status, 200, "{state} --{action}--> {}", reply.body);
                    assert_eq!(reply.body["status"], to.as_str(), "{state} --{action}-->");
                }
                Err(_) => {
                    assert_eq!(reply.status, 409, "{state} --{action}--> {}", reply.body);
                    assert_eq!(reply.code(), "invalid_transition", "{state} --{action}-->");
                }
            }
        }
    }
}
