//! A business's credit code is not first come, first served: a code registered by someone
//! else is claimed and granted, released by an administrator, and a department sees whether
//! a business was checked against its licence.

use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, credit_code, phone, registration, rent_request, spawn_app};

fn claim_body(phone: &str, code: &str) -> Value {
    json!({
        "registration": registration(phone, code),
        "statement": "我是库尔勒小吃店的经营者，营业执照原件可以提供。",
    })
}

async fn audit_rows(app: &TestApp, action: &str) -> Vec<String> {
    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    db.query_all_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        format!("SELECT detail FROM audit_log WHERE action = '{action}' ORDER BY id"),
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| {
        r.try_get::<Option<String>>("", "detail")
            .unwrap()
            .unwrap_or_default()
    })
    .collect()
}

#[actix_web::test]
async fn a_squatted_code_is_claimed_granted_and_filed_under_while_the_squatter_can_no_longer_file()
{
    let app = spawn_app().await;
    let code = credit_code(7);
    let squatter = app.owner(&phone(1), 7).await;
    let admin = app.staff("13900000009", "admin", &[]).await;

    let taken = app.register(&phone(2), &code).await;
    assert_eq!(taken.status, 409);
    assert_eq!(taken.code(), "credit_code_taken");

    let claimed = app
        .post("/api/v1/auth/claim", &claim_body(&phone(2), &code))
        .await;
    assert_eq!(claimed.status, 201, "{}", claimed.body);
    let owner = crate::helpers::Tokens::of(&claimed);
    let me = app.get_as("/api/v1/me", &owner.access).await.body;
    assert_eq!(
        me["business"]["credit_code"],
        Value::Null,
        "not the code yet"
    );
    assert_eq!(me["claim"]["status"], "pending");
    assert_eq!(me["claim"]["credit_code"], code);

    let early = app.file(&owner.access, "k-early", &rent_request()).await;
    assert_eq!(early.status, 409, "{}", early.body);
    assert_eq!(early.code(), "credit_code_unconfirmed");

    let pending = app.get_as("/api/v1/admin/claims", &admin.access).await;
    assert_eq!(pending.status, 200, "{}", pending.body);
    let claims = pending.body["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["credit_code"], code);
    assert_eq!(claims[0]["holder"]["phone_masked"], "138****0001");
    assert_eq!(claims[0]["claimant"]["phone_masked"], "138****0002");
    assert_eq!(claims[0]["holder"]["verified"], false);
    let id = claims[0]["id"].as_i64().unwrap();

    let granted = app
        .post_as(
            &format!("/api/v1/admin/claims/{id}/decision"),
            Some(&json!({"grant": true, "reason": "营业执照与法定代表人身份证核对一致"})),
            &admin.access,
        )
        .await;
    assert_eq!(granted.status, 200, "{}", granted.body);
    assert_eq!(granted.body["status"], "granted");
    assert_eq!(
        granted.body["holder"]["user_id"], granted.body["claimant"]["user_id"],
        "the code is the claimant's now"
    );
    let again = app
        .post_as(
            &format!("/api/v1/admin/claims/{id}/decision"),
            Some(&json!({"grant": false, "reason": "再议"})),
            &admin.access,
        )
        .await;
    assert_eq!(again.status, 409);
    assert_eq!(again.code(), "invalid_transition");

    let me = app.get_as("/api/v1/me", &owner.access).await.body;
    assert_eq!(me["business"]["credit_code"], code);
    assert_eq!(me["claim"]["status"], "granted");
    let filed = app.file(&owner.access, "k-owner", &rent_request()).await;
    assert_eq!(filed.status, 201, "{}", filed.body);

    let squatters = app.get_as("/api/v1/me", &squatter.access).await.body;
    assert_eq!(squatters["business"]["credit_code"], Value::Null);
    let refused = app.file(&squatter.access, "k-squat", &rent_request()).await;
    assert_eq!(refused.code(), "credit_code_unconfirmed");

    let released = audit_rows(&app, "credit_code_released").await;
    assert_eq!(released.len(), 1);
    assert!(
        !released[0].contains(&code) && released[0].contains(&code[16..]),
        "the code is masked in the audit log: {}",
        released[0]
    );
    assert_eq!(audit_rows(&app, "credit_code_claim_granted").await.len(), 1);
    assert_eq!(audit_rows(&app, "credit_code_claimed").await.len(), 1);
}

#[actix_web::test]
async fn a_refused_claim_tells_the_claimant_why_and_leaves_the_code_where_it_was() {
    let app = spawn_app().await;
    let code = credit_code(8);
    let holder = app.owner(&phone(1), 8).await;
    let admin = app.staff("13900000009", "admin", &[]).await;
    let claimed = app
        .post("/api/v1/auth/claim", &claim_body(&phone(2), &code))
        .await;
    let claimant = crate::helpers::Tokens::of(&claimed);
    let id = app.get_as("/api/v1/admin/claims", &admin.access).await.body["claims"][0]["id"]
        .as_i64()
        .unwrap();
    let short = app
        .post_as(
            &format!("/api/v1/admin/claims/{id}/decision"),
            Some(&json!({"grant": false, "reason": " "})),
            &admin.access,
        )
        .await;
    assert_eq!(short.status, 400);
    assert_eq!(short.body["error"]["field"], "reason");
    let refused = app
        .post_as(
            &format!("/api/v1/admin/claims/{id}/decision"),
            Some(&json!({"grant": false, "reason": "未能提供营业执照"})),
            &admin.access,
        )
        .await;
    assert_eq!(refused.status, 200, "{}", refused.body);
    let me = app.get_as("/api/v1/me", &claimant.access).await.body;
    assert_eq!(me["claim"]["status"], "refused");
    assert_eq!(me["claim"]["reason"], "未能提供营业执照");
    let holders = app.get_as("/api/v1/me", &holder.access).await.body;
    assert_eq!(holders["business"]["credit_code"], code, "the code stays");
    // Not a dead end: the claimant claims again, with more to show; one claim waits at a time.
    let again = json!({"credit_code": code, "statement": "营业执照原件和经营者身份证已准备好，可到窗口核验。"});
    let reclaimed = app
        .post_as("/api/v1/me/claim", Some(&again), &claimant.access)
        .await;
    assert_eq!(reclaimed.status, 200, "{}", reclaimed.body);
    assert_eq!(reclaimed.body["claim"]["status"], "pending");
    let twice = app
        .post_as("/api/v1/me/claim", Some(&again), &claimant.access)
        .await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.code(), "invalid_transition");
    let holding = app
        .post_as("/api/v1/me/claim", Some(&again), &holder.access)
        .await;
    assert_eq!(
        holding.status, 409,
        "a business that holds a code claims none"
    );
    let pending = app
        .get_as("/api/v1/admin/claims?status=pending", &admin.access)
        .await;
    let waiting = pending.body["claims"].as_array().unwrap();
    assert_eq!(
        waiting.len(),
        1,
        "the refused claim waits no more; the new one does"
    );
    assert_ne!(waiting[0]["id"], json!(id));
    let bad = app
        .get_as("/api/v1/admin/claims?status=lost", &admin.access)
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.code(), "invalid_query");
}

#[actix_web::test]
async fn an_administrator_releases_a_code_and_its_owner_registers_it() {
    let app = spawn_app().await;
    let code = credit_code(9);
    app.owner(&phone(1), 9).await;
    let admin = app.staff("13900000009", "admin", &[]).await;
    let owner = app.owner(&phone(3), 10).await;

    let forbidden = app
        .post_as(
            "/api/v1/admin/credit-codes/release",
            Some(&json!({"credit_code": code, "reason": "冒名注册"})),
            &owner.access,
        )
        .await;
    assert_eq!(forbidden.status, 403);
    let released = app
        .post_as(
            "/api/v1/admin/credit-codes/release",
            Some(&json!({"credit_code": code, "reason": "冒名注册，经市场监管部门核实"})),
            &admin.access,
        )
        .await;
    assert_eq!(released.status, 200, "{}", released.body);
    assert_eq!(
        released.body["released_from"]["phone_masked"],
        "138****0001"
    );
    let nobody = app
        .post_as(
            "/api/v1/admin/credit-codes/release",
            Some(&json!({"credit_code": code, "reason": "再次"})),
            &admin.access,
        )
        .await;
    assert_eq!(nobody.status, 404, "no account holds it now");

    let registered = app.register(&phone(2), &code).await;
    assert_eq!(registered.status, 201, "{}", registered.body);
    // A claim on a code no account holds registers it at once.
    let free = credit_code(11);
    let claimed = app
        .post("/api/v1/auth/claim", &claim_body(&phone(4), &free))
        .await;
    assert_eq!(claimed.status, 201);
    let me = app
        .get_as("/api/v1/me", &crate::helpers::Tokens::of(&claimed).access)
        .await
        .body;
    assert_eq!(me["business"]["credit_code"], free);
    assert_eq!(me["claim"], Value::Null, "nothing to claim");
}

#[actix_web::test]
async fn a_department_sees_an_unchecked_business_and_records_its_licence_check_once() {
    let app = spawn_app().await;
    let owner = app.owner(&phone(1), 1).await;
    let filed = app.file(&owner.access, "k-1", &rent_request()).await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    let id = filed.body["id"].as_i64().unwrap();
    let sasac = app.official(1, "sasac", "korla").await;
    let finance = app.official(2, "finance", "korla").await;

    let seen = app
        .get_as(&format!("/api/v1/requests/{id}"), &sasac.access)
        .await;
    assert_eq!(seen.body["business_check"]["verified_at"], Value::Null);
    assert_eq!(seen.body["business_check"]["first_request"], true);
    let owners = app
        .get_as(&format!("/api/v1/requests/{id}"), &owner.access)
        .await;
    assert!(
        owners.body.get("business_check").is_none(),
        "owners are not shown the check"
    );

    let path = format!("/api/v1/admin/requests/{id}/business-verification");
    let elsewhere = app.post_as(&path, None, &finance.access).await;
    assert_eq!(elsewhere.status, 404, "not routed to the finance bureau");
    let by_owner = app.post_as(&path, None, &owner.access).await;
    assert_eq!(by_owner.status, 403);
    let checked = app.post_as(&path, None, &sasac.access).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    assert_eq!(checked.body["business_check"]["verified_by"], "sasac");
    let at = checked.body["business_check"]["verified_at"].clone();
    assert!(at.is_string());
    let twice = app.post_as(&path, None, &sasac.access).await;
    assert_eq!(
        twice.body["business_check"]["verified_at"], at,
        "the first check stands"
    );
    assert_eq!(audit_rows(&app, "business_verified").await.len(), 1);
}

#[actix_web::test]
async fn an_owners_old_account_is_merged_into_the_new_one_with_its_requests_and_code_and_signed_out()
 {
    let app = spawn_app().await;
    let code = credit_code(12);
    let old = app.owner(&phone(1), 12).await;
    let filed = app.file(&old.access, "k-old", &rent_request()).await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    let other = app.owner(&phone(3), 13).await;
    let admin = app.staff("13900000009", "admin", &[]).await;
    // The owner lost the old phone and opened a new account, claiming the code.
    let claimed = app
        .post("/api/v1/auth/claim", &claim_body(&phone(2), &code))
        .await;
    let new = crate::helpers::Tokens::of(&claimed);
    let ids = |token: &str| {
        let token = token.to_string();
        let app = &app;
        async move {
            app.get_as("/api/v1/me", &token).await.body["id"]
                .as_i64()
                .unwrap()
        }
    };
    let (old_id, new_id, other_id) = (
        ids(&old.access).await,
        ids(&new.access).await,
        ids(&other.access).await,
    );
    let merge = |from: i64, into: i64| {
        let app = &app;
        let token = admin.access.clone();
        async move {
            app.post_as(
                &format!("/api/v1/admin/users/{from}/merge"),
                Some(&json!({"into": into, "reason": "同一经营者更换手机号"})),
                &token,
            )
            .await
        }
    };
    let two_businesses = merge(other_id, old_id).await;
    assert_eq!(two_businesses.status, 409, "{}", two_businesses.body);
    assert_eq!(two_businesses.code(), "credit_code_taken");
    let itself = merge(old_id, old_id).await;
    assert_eq!(itself.status, 400);
    assert_eq!(itself.body["error"]["field"], "into");

    let merged = merge(old_id, new_id).await;
    assert_eq!(merged.status, 200, "{}", merged.body);
    assert_eq!(merged.body["requests_moved"], 1);
    assert_eq!(merged.body["merged"]["disabled"], true);
    let signed_out = app.get_as("/api/v1/me", &old.access).await;
    assert_eq!(signed_out.status, 401, "the merged account is signed out");
    let me = app.get_as("/api/v1/me", &new.access).await.body;
    assert_eq!(me["business"]["credit_code"], code, "the code came along");
    let mine = app.get_as("/api/v1/requests", &new.access).await;
    assert_eq!(mine.body.as_array().unwrap().len(), 1, "{}", mine.body);
    assert_eq!(mine.body[0]["id"], filed.body["id"]);
    let again = app.file(&new.access, "k-again", &rent_request()).await;
    assert_eq!(
        again.code(),
        "open_request_exists",
        "the moved request is still the open one for its measure"
    );
    assert_eq!(audit_rows(&app, "accounts_merged").await.len(), 1);
}
