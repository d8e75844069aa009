//! 好差评: the owner rates a decided request once; a low rating opens one rectification for
//! the department that decided, due in 15 working days; the department closes it or appeals
//! (申诉), and the supervising office upholds or voids the rating (复核).

use serde_json::{Value, json};

use crate::helpers::*;

/// Owner `n` files the state-premises rent waiver in Korla; `decision` (`approve` or
/// `reject`) by `official`, or none: the request's id and the owner.
async fn decided(
    app: &TestApp,
    n: u32,
    official: &Tokens,
    decision: Option<&str>,
) -> (Value, Tokens) {
    let owner = app.owner(&phone(n), n).await;
    let filed = app
        .file(&owner.access, &format!("k-{n}"), &rent_request())
        .await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    let id = filed.body["id"].clone();
    if let Some(decision) = decision {
        let reviewed = app
            .decide(
                &official.access,
                &id,
                &json!(1),
                &json!({"action": "review"}),
            )
            .await;
        let body = match decision {
            "approve" => json!({"action": "approve",
                "grant": {"kind": "rent_waiver", "months": 3, "amount_fen": 900_000}}),
            _ => json!({"action": "reject", "comment": "租赁合同不是州国资委所属企业"}),
        };
        let done = app
            .decide(&official.access, &id, &reviewed.body["version"], &body)
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
    }
    (id, owner)
}

fn rate_path(id: &Value) -> String {
    format!("/api/v1/requests/{id}/rating")
}

#[actix_web::test]
async fn a_request_is_rated_once_after_its_decision_and_only_by_its_owner() {
    let app = spawn_app().await;
    let sasac = app.official(1, "sasac", "korla").await;
    let (open, open_owner) = decided(&app, 1, &sasac, None).await;
    let early = app
        .post_as(
            &rate_path(&open),
            Some(&json!({"level": 5})),
            &open_owner.access,
        )
        .await;
    assert_eq!((early.status, early.code()), (409, "invalid_transition"));

    let (id, owner) = decided(&app, 2, &sasac, Some("approve")).await;
    for (body, field) in [
        (json!({"level": 0}), "level"),
        (json!({"level": 6}), "level"),
        (
            json!({"level": 4, "indicators": {"platform": 7}}),
            "indicators.platform",
        ),
        (json!({"level": 4, "comment": "很".repeat(501)}), "comment"),
    ] {
        let refused = app
            .post_as(&rate_path(&id), Some(&body), &owner.access)
            .await;
        assert_eq!(
            (
                refused.status,
                refused.code(),
                refused.body["error"]["field"].as_str()
            ),
            (422, "invalid_rating", Some(field)),
            "{body}"
        );
    }
    assert_eq!(
        app.post_as(
            &rate_path(&id),
            Some(&json!({"level": 5})),
            &open_owner.access
        )
        .await
        .status,
        404,
        "another owner's request"
    );
    let rated = app
        .post_as(
            &rate_path(&id),
            Some(
                &json!({"level": 5, "indicators": {"efficiency": 5, "platform": 4},
                         "comment": "三天就批了"}),
            ),
            &owner.access,
        )
        .await;
    assert_eq!(rated.status, 201, "{}", rated.body);
    assert_eq!(rated.body["department"], "sasac");
    assert_eq!(rated.body["standing"], "counted");
    assert!(
        rated.body.get("rectification").is_none(),
        "a good rating opens none"
    );
    let again = app
        .post_as(&rate_path(&id), Some(&json!({"level": 1})), &owner.access)
        .await;
    assert_eq!(
        (again.status, again.code()),
        (409, "invalid_transition"),
        "一事一评"
    );
    let seen = app.get_as(&rate_path(&id), &sasac.access).await;
    assert_eq!(seen.body["level"], 5);
    assert_eq!(seen.body["comment"], "三天就批了");
}

#[actix_web::test]
async fn a_bad_rating_opens_exactly_one_rectification_due_in_fifteen_working_days() {
    let app = spawn_app().await;
    let sasac = app.official(1, "sasac", "korla").await;
    let tax = app.official(2, "tax", "korla").await;
    let supervisor = app.staff("13600000001", "supervisor", &[]).await;
    let (id, owner) = decided(&app, 1, &sasac, Some("reject")).await;
    let (fair, fair_owner) = decided(&app, 2, &sasac, Some("approve")).await;
    let rated = app
        .post_as(
            &rate_path(&id),
            Some(&json!({"level": 2, "comment": "材料要求没说清楚"})),
            &owner.access,
        )
        .await;
    assert_eq!(rated.status, 201, "{}", rated.body);
    let middling = app
        .post_as(
            &rate_path(&fair),
            Some(&json!({"level": 3})),
            &fair_owner.access,
        )
        .await;
    assert_eq!(middling.status, 201);
    assert!(
        middling.body.get("rectification").is_none(),
        "基本满意 opens none"
    );

    let today = shared::application::beijing_day(chrono::Utc::now());
    let due = shared::application::add_working_days(today, 15);
    let rect = &rated.body["rectification"];
    assert_eq!(rect["opened_on"], today.to_string());
    assert_eq!(rect["due_on"], due.to_string());
    assert_eq!(rect["state"], "open");
    assert_eq!(rect["overdue"], false);

    let mine = app
        .get_as("/api/v1/admin/rectifications", &sasac.access)
        .await;
    assert_eq!(
        mine.body.as_array().unwrap().len(),
        1,
        "exactly one: {}",
        mine.body
    );
    assert_eq!(mine.body[0]["comment"], "材料要求没说清楚");
    let all = app
        .get_as("/api/v1/admin/rectifications", &supervisor.access)
        .await;
    assert_eq!(all.body.as_array().unwrap().len(), 1);
    let others = app
        .get_as("/api/v1/admin/rectifications", &tax.access)
        .await;
    assert_eq!(others.body, json!([]));

    let path = format!("/api/v1/admin/rectifications/{}/close", rect["id"]);
    let empty = app
        .post_as(&path, Some(&json!({"text": "  "})), &sasac.access)
        .await;
    assert_eq!((empty.status, empty.code()), (422, "invalid_rating"));
    assert_eq!(
        app.post_as(&path, Some(&json!({"text": "x"})), &tax.access)
            .await
            .status,
        404
    );
    let closed = app
        .post_as(
            &path,
            Some(&json!({"text": "已电话联系企业，补充材料清单已在政策页写明"})),
            &sasac.access,
        )
        .await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    assert_eq!(closed.body["state"], "closed");
    let twice = app
        .post_as(&path, Some(&json!({"text": "again"})), &sasac.access)
        .await;
    assert_eq!(twice.status, 409);
}

#[actix_web::test]
async fn the_office_upholds_one_appealed_rating_and_voids_another() {
    let app = spawn_app().await;
    let sasac = app.official(1, "sasac", "korla").await;
    let supervisor = app.staff("13600000001", "supervisor", &[]).await;
    let mut rects = Vec::new();
    for n in 1..=2 {
        let (id, owner) = decided(&app, n, &sasac, Some("approve")).await;
        let rated = app
            .post_as(
                &rate_path(&id),
                Some(&json!({"level": 1, "comment": "不满意"})),
                &owner.access,
            )
            .await;
        rects.push(rated.body["rectification"]["id"].clone());
    }
    let appeal = |r: &Value| format!("/api/v1/admin/rectifications/{r}/appeal");
    let review = |r: &Value| format!("/api/v1/admin/rectifications/{r}/review");
    for r in &rects {
        let appealed = app
            .post_as(
                &appeal(r),
                Some(&json!({"text": "已按时足额批准，评价与事实不符"})),
                &sasac.access,
            )
            .await;
        assert_eq!(appealed.status, 200, "{}", appealed.body);
        assert_eq!(appealed.body["under_review"], true);
    }
    assert_eq!(
        app.post_as(
            &review(&rects[0]),
            Some(&json!({"uphold": true, "note": "x"})),
            &sasac.access
        )
        .await
        .status,
        403,
        "an official does not review"
    );
    assert_eq!(
        app.post_as(
            &appeal(&rects[0]),
            Some(&json!({"text": "x"})),
            &supervisor.access
        )
        .await
        .status,
        403,
        "the office does not appeal"
    );
    let upheld = app
        .post_as(
            &review(&rects[0]),
            Some(&json!({"uphold": true, "note": "企业反映等待时间长属实"})),
            &supervisor.access,
        )
        .await;
    assert_eq!(upheld.status, 200, "{}", upheld.body);
    assert_eq!(
        (
            upheld.body["state"].as_str(),
            upheld.body["under_review"].as_bool()
        ),
        (Some("open"), Some(false))
    );
    let voided = app
        .post_as(
            &review(&rects[1]),
            Some(&json!({"uphold": false, "note": "经核实为误评"})),
            &supervisor.access,
        )
        .await;
    assert_eq!(voided.status, 200, "{}", voided.body);
    assert_eq!(voided.body["state"], "voided");
    // Each is decided once, and a reviewed rating is not appealed again.
    assert_eq!(
        app.post_as(
            &review(&rects[0]),
            Some(&json!({"uphold": false, "note": "x"})),
            &supervisor.access
        )
        .await
        .status,
        409
    );
    assert_eq!(
        app.post_as(
            &appeal(&rects[0]),
            Some(&json!({"text": "再申诉"})),
            &sasac.access
        )
        .await
        .status,
        409
    );
    let ratings: Vec<Value> = {
        let list = app
            .get_as("/api/v1/admin/rectifications", &supervisor.access)
            .await;
        list.body.as_array().unwrap().clone()
    };
    assert_eq!(ratings.iter().filter(|r| r["state"] == "open").count(), 1);
}
