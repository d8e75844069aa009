//! What is filed agrees with the answers, the account and the clause (二(一)一, 二(二)一):
//! contradicting payloads are refused naming the field, and a relief is granted once.

use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, Tokens, phone, rent_request, spawn_app};

async fn owner(app: &TestApp, n: u32) -> Tokens {
    app.owner(&phone(n), n).await
}

fn deferral(months: Value) -> Value {
    json!({
        "measure": "utility-deferral",
        "kind": "utility_deferral",
        "answers": {
            "entity_type": "individual_business", "industry": "catering", "employees": 8,
            "annual_revenue_fen": 150_000_000, "jurisdiction": "luntai",
            "epidemic_difficulty": true, "utilities_in_arrears": ["gas"]
        },
        "payload": {
            "utilities": ["gas"], "account_number": "G-6500123456",
            "months": months, "amount_per_month_fen": 30_000
        }
    })
}

/// A valid credit code with the given first two characters.
fn code_with(prefix: &str, n: u32) -> String {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let mut code = format!("{prefix}652800MA{n:07}");
    let sum: u32 = code
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| ALPHABET.iter().position(|&a| a == b).unwrap() as u32 * w)
        .sum();
    code.push(char::from(ALPHABET[((31 - sum % 31) % 31) as usize]));
    code
}

#[actix_web::test]
async fn a_deferral_of_months_outside_the_relief_year_or_twice_is_refused_naming_the_months() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    for (n, (months, says)) in [
        (json!(["2021-11", "2022-01"]), "before the relief period"),
        (json!(["2022-12", "2023-01"]), "after the relief period"),
        (json!(["2022-03", "2022-03"]), "named twice"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = app
            .file(&a.access, &format!("k{n}"), &deferral(months))
            .await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(r.body["error"]["field"], "payload.months", "{}", r.body);
        assert!(
            r.body["error"]["message"].as_str().unwrap().contains(says),
            "{}",
            r.body
        );
    }
    let ok = app
        .file(&a.access, "k-ok", &deferral(json!(["2022-03", "2022-04"])))
        .await;
    assert_eq!(ok.status, 201, "{}", ok.body);
}

#[actix_web::test]
async fn a_rent_other_than_the_one_answered_is_refused_and_a_missing_answer_is_taken_from_the_form()
{
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let mut body = rent_request();
    body["payload"]["monthly_rent_fen"] = json!(500_000);
    let r = app.file(&a.access, "k1", &body).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.body["error"]["field"], "payload.monthly_rent_fen");
    assert_eq!(r.body["error"]["problem"], "differs_from_answers");
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("answers.monthly_rent_fen"),
        "says what it contradicts: {}",
        r.body
    );
    // The owner corrects the answer instead: the request is evaluated on the new rent.
    body["answers"]["monthly_rent_fen"] = json!(500_000);
    let r = app.file(&a.access, "k2", &body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["answers"]["monthly_rent_fen"], 500_000);

    let b = owner(&app, 2).await;
    let mut silent = rent_request();
    silent["answers"]
        .as_object_mut()
        .unwrap()
        .remove("monthly_rent_fen");
    let r = app.file(&b.access, "k3", &silent).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.body["answers"]["monthly_rent_fen"], 300_000,
        "the form's rent fills the silent answer"
    );
}

#[actix_web::test]
async fn answers_that_contradict_the_registered_business_are_refused() {
    let app = spawn_app().await;
    // Registered as an individual business (the helpers' registration).
    let a = owner(&app, 1).await;
    let mut body = rent_request();
    body["answers"]["entity_type"] = json!("enterprise");
    let r = app.file(&a.access, "k1", &body).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.body["error"]["field"], "answers.entity_type");

    // A 92 code is an individual business's (GB 32100), whatever was ticked at registration.
    let reg = app
        .post(
            "/api/v1/auth/register",
            &json!({
                "phone": phone(2), "password": PASSWORD, "business_name": "库尔勒某公司",
                "entity_type": "enterprise", "credit_code": code_with("92", 2),
            }),
        )
        .await;
    assert_eq!(reg.status, 201, "{}", reg.body);
    let token = reg.body["access_token"].as_str().unwrap().to_string();
    let mut body = rent_request();
    body["answers"]["entity_type"] = json!("enterprise");
    let r = app.file(&token, "k2", &body).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.body["error"]["field"], "answers.entity_type");
    assert!(r.body["error"]["message"].as_str().unwrap().contains("92"));
}

#[actix_web::test]
async fn an_approved_rent_waiver_is_not_granted_again_for_the_same_lease() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let official = app.official(1, "sasac", "korla").await;
    let filed = app.file_rent(&a.access).await;
    let id = &filed["id"];
    let v = app
        .decide(
            &official.access,
            id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    let approved = app
        .decide(
            &official.access,
            id,
            &v.body["version"],
            &json!({
                "action": "approve",
                "grant": {"kind": "rent_waiver", "months": 3, "amount_fen": 900_000}
            }),
        )
        .await;
    assert_eq!(approved.status, 200, "{}", approved.body);

    let mut again = rent_request();
    again["payload"]["premises_address"] = json!(" 库尔勒市人民东路  1 号");
    let r = app.file(&a.access, "again", &again).await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(r.body["error"]["code"], "relief_already_granted");
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains(filed["number"].as_str().unwrap()),
        "names the request that granted it: {}",
        r.body
    );
}

/// A filed request is routed by what it asks: behind on electricity and gas, deferring gas
/// only, it goes to the housing bureau (gas, which leads) and the county, not to State Grid
/// or the development and reform commission; the owner sees the county's own office.
#[actix_web::test]
async fn a_gas_only_deferral_goes_to_housing_and_the_county_office_not_to_state_grid() {
    let app = spawn_app().await;
    let a = owner(&app, 1).await;
    let mut body = deferral(json!(["2022-05"]));
    body["answers"]["utilities_in_arrears"] = json!(["electricity", "gas"]);
    body["answers"]["jurisdiction"] = json!("korla");
    let r = app.file(&a.access, "k", &body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.body["departments"],
        json!(["housing", "county_government"])
    );
    assert_eq!(r.body["lead_department"], "housing");
    let path = format!("/api/v1/requests/{}", r.body["id"]);
    let grid = app.official(1, "state_grid", "korla").await;
    let ndrc = app.official(2, "ndrc", "korla").await;
    let housing = app.official(3, "housing", "korla").await;
    assert_eq!(app.get_as(&path, &grid.access).await.status, 404);
    assert_eq!(app.get_as(&path, &ndrc.access).await.status, 404);
    assert_eq!(app.get_as(&path, &housing.access).await.status, 200);
}

/// Where several departments share a request, only the leading one is counted late for it:
/// the county government assists on a gas deferral the housing bureau leads.
#[actix_web::test]
async fn an_assisting_department_sees_the_request_but_is_not_counted_overdue_for_it() {
    let clock = server::clock::Clock::fixed("2022-06-06T02:00:00Z".parse().unwrap());
    let c = clock.clone();
    let app = crate::helpers::spawn_app_with(move |config| config.clock = c).await;
    let a = owner(&app, 1).await;
    let r = app
        .file(&a.access, "k", &deferral(json!(["2022-05"])))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let county = app.official(1, "county_government", "luntai").await;
    let housing = app.official(2, "housing", "luntai").await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    clock.set("2022-07-01T02:00:00Z".parse().unwrap());

    let path = format!("/api/v1/requests/{}", r.body["id"]);
    let seen = app.get_as(&path, &county.access).await;
    assert_eq!(seen.status, 200, "the assisting office sees it");
    assert_eq!(
        seen.body["allowed_actions"],
        json!([]),
        "and does not decide it"
    );
    let late = "/api/v1/admin/requests?overdue=true";
    assert_eq!(
        app.get_as(late, &county.access).await.body["items"],
        json!([])
    );
    assert_eq!(
        app.get_as(late, &housing.access).await.body["items"][0]["id"],
        r.body["id"]
    );
    let dashboard = app
        .get_as("/api/v1/admin/dashboard", &supervisor.access)
        .await;
    let overdue = |d: &str| {
        dashboard.body["departments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["key"] == d)
            .map(|row| row["overdue_now"].clone())
    };
    assert_eq!(overdue("housing"), Some(json!(1)));
    assert_eq!(overdue("county_government"), Some(json!(0)));

    // The assisting office comments to the leading one; the owner is not shown it.
    let commented = app
        .post_as(
            &format!("{}/comments", path.replace("/api/v1/", "/api/v1/admin/")),
            Some(&json!({"comment": "经核实，该户燃气欠费属实"})),
            &county.access,
        )
        .await;
    assert_eq!(commented.status, 200, "{}", commented.body);
    let seen = app.get_as(&path, &housing.access).await;
    let last = seen.body["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "comment");
    assert_eq!(last["comment"], "经核实，该户燃气欠费属实");
    let owners = app.get_as(&path, &a.access).await;
    assert!(
        owners.body["history"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["kind"] != "comment"),
        "{}",
        owners.body
    );
    let empty = app
        .post_as(
            &format!("{}/comments", path.replace("/api/v1/", "/api/v1/admin/")),
            Some(&json!({"comment": "  "})),
            &county.access,
        )
        .await;
    assert_eq!(empty.status, 400, "{}", empty.body);
    assert_eq!(empty.body["error"]["field"], "comment");
}
