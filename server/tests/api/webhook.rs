//! The webhook: signed, retried with backoff from the outbox, surviving restarts.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use server::config::{Secret, WebhookConfig};
use server::infra::outbox::signature;

use crate::helpers::{TestApp, fresh_database, phone, start, test_config};

const SECRET: &[u8] = b"webhook-secret";

/// A receiver that fails its first `failures` calls, then records what it gets.
#[derive(Default)]
struct Stub {
    calls: Mutex<u32>,
    failures: u32,
    received: Mutex<Vec<(Option<String>, Vec<u8>)>>,
}

async fn receive(stub: web::Data<Stub>, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    let mut calls = stub.calls.lock().unwrap();
    *calls += 1;
    if *calls <= stub.failures {
        return HttpResponse::ServiceUnavailable().finish();
    }
    let sig = req
        .headers()
        .get("x-shukun-signature")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    stub.received.lock().unwrap().push((sig, body.to_vec()));
    HttpResponse::Ok().finish()
}

fn spawn_stub(failures: u32) -> (String, Arc<Stub>) {
    let stub = web::Data::new(Stub {
        failures,
        ..Default::default()
    });
    let shared = stub.clone().into_inner();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(stub.clone())
            .route("/hook", web::post().to(receive))
    })
    .workers(1)
    .bind("127.0.0.1:0")
    .unwrap();
    let port = server.addrs()[0].port();
    actix_web::rt::spawn(server.run());
    (format!("http://127.0.0.1:{port}/hook"), shared)
}

fn webhook(url: &str) -> WebhookConfig {
    WebhookConfig {
        url: url.into(),
        secret: Some(Secret::new(SECRET)),
        retry_base: Duration::from_millis(50),
        poll: Duration::from_millis(20),
    }
}

async fn wait_for(stub: &Stub, n: usize) {
    for _ in 0..300 {
        if stub.received.lock().unwrap().len() >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!(
        "the webhook received {} of {n}",
        stub.received.lock().unwrap().len()
    );
}

#[actix_web::test]
async fn a_webhook_that_fails_twice_is_retried_and_gets_the_signed_event() {
    let (url, stub) = spawn_stub(2);
    let (database_url, file) = fresh_database().await;
    let mut config = test_config(database_url);
    config.requests.webhook = Some(webhook(&url));
    let app: TestApp = start(config, file).await.unwrap();
    let owner = app.owner(&phone(1), 1).await;
    let filed = app.file_rent(&owner.access).await;

    wait_for(&stub, 1).await;
    assert_eq!(
        *stub.calls.lock().unwrap(),
        3,
        "two failures, then delivered"
    );
    let (sig, body) = stub.received.lock().unwrap()[0].clone();
    assert_eq!(sig.as_deref(), Some(signature(SECRET, &body).as_str()));
    let event: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(event["event"], "filed");
    assert_eq!(event["status"], "submitted");
    assert_eq!(event["request_id"], filed["id"]);
    assert_eq!(event["number"], filed["number"]);
    assert!(
        !String::from_utf8_lossy(&body).contains(&phone(1)),
        "no phone numbers"
    );
}

#[actix_web::test]
async fn events_written_while_no_webhook_was_reachable_are_delivered_after_a_restart() {
    let (database_url, file) = fresh_database().await;
    // First run: no webhook configured; the events wait in the outbox.
    let first = start(test_config(database_url.clone()), None)
        .await
        .unwrap();
    let owner = first.owner(&phone(1), 1).await;
    let filed = first.file_rent(&owner.access).await;
    first
        .post_as(
            &format!("/api/v1/requests/{}/withdraw", filed["id"]),
            None,
            &owner.access,
        )
        .await;

    // Second run on the same database, with the webhook: both are delivered, in order.
    let (url, stub) = spawn_stub(0);
    let mut config = test_config(database_url);
    config.requests.webhook = Some(webhook(&url));
    let _second = start(config, file).await.unwrap();
    wait_for(&stub, 2).await;
    let events: Vec<serde_json::Value> = stub
        .received
        .lock()
        .unwrap()
        .iter()
        .map(|(_, b)| serde_json::from_slice(b).unwrap())
        .collect();
    assert_eq!(events[0]["event"], "filed");
    assert_eq!(events[1]["event"], "withdraw");
    assert_eq!(events[1]["status"], "withdrawn");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        stub.received.lock().unwrap().len(),
        2,
        "delivered once each"
    );
}
