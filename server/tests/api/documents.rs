//! Documents in S3-compatible object storage: stored through one server, served by another
//! on the same database. Needs an S3 emulator (`SHUKUN_TEST_S3_ENDPOINT`, e.g. moto's
//! server); scripts/test starts one and runs these with `--ignored`.

use server::config::Secret;
use server::infra::documents::{DocumentStorage, S3Config, S3Storage};

use crate::helpers::{spawn_app_with, start, test_config};

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01 a lease kept in a bucket";

/// A new bucket on the emulator, and the configuration that reaches it.
async fn bucket() -> S3Config {
    let endpoint = std::env::var("SHUKUN_TEST_S3_ENDPOINT")
        .expect("SHUKUN_TEST_S3_ENDPOINT, an S3 emulator (scripts/test starts moto)");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let bucket = format!("shukun-test-{nanos}");
    // The workspace's reqwest brings no TLS provider of its own (the server installs ring).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let made = reqwest::Client::new()
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await
        .expect("the emulator answers");
    assert!(made.status().is_success(), "bucket: {}", made.status());
    S3Config {
        bucket,
        endpoint: Some(endpoint),
        region: "us-east-1".into(),
        access_key_id: "test-key-id".into(),
        secret_access_key: Secret::new(b"test-secret-key".to_vec()),
        virtual_hosted: false,
    }
}

#[actix_web::test]
#[ignore = "needs an S3 emulator at SHUKUN_TEST_S3_ENDPOINT; scripts/test starts moto's server"]
async fn a_document_uploaded_through_one_server_is_downloaded_from_another_through_the_bucket() {
    let s3 = bucket().await;
    let first = spawn_app_with(|c| c.requests.s3 = Some(s3.clone())).await;
    let mut config = test_config(first.database_url.clone());
    config.requests.s3 = Some(s3.clone());
    let local = config.data_dir.clone();
    let second = start(config, None).await.expect("a second server starts");

    let owner = first.owner("13812341234", 1).await;
    let r = first.file_rent(&owner.access).await;
    let id = &r["id"];
    let doc = first
        .upload(&owner.access, id, "lease", "lease.jpg", JPEG.to_vec())
        .await;
    assert_eq!(doc.status, 201, "{}", doc.body);
    let doc_id = &doc.body["id"];

    let res = second
        .client
        .get(format!(
            "{}/api/v1/requests/{id}/documents/{doc_id}",
            second.address
        ))
        .bearer_auth(&owner.access)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), JPEG);
    // Nothing went to the second server's disk: the bucket holds it.
    assert!(!local.join("documents").exists());
    let listed = reqwest::Client::new()
        .get(format!(
            "{}/{}?list-type=2&prefix=documents/",
            s3.endpoint.as_deref().unwrap(),
            s3.bucket
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(listed.matches("<Key>documents/").count(), 1, "{listed}");
}

#[actix_web::test]
#[ignore = "needs an S3 emulator at SHUKUN_TEST_S3_ENDPOINT; scripts/test starts moto's server"]
async fn a_document_missing_from_the_bucket_is_an_internal_error_without_the_keys_in_it() {
    let s3 = bucket().await;
    let app = spawn_app_with(|c| c.requests.s3 = Some(s3.clone())).await;
    let owner = app.owner("13812341234", 1).await;
    let r = app.file_rent(&owner.access).await;
    let id = &r["id"];
    let doc = app
        .upload(&owner.access, id, "lease", "lease.jpg", JPEG.to_vec())
        .await;
    assert_eq!(doc.status, 201, "{}", doc.body);
    // Someone empties the bucket behind the server's back.
    let listed = reqwest::Client::new()
        .get(format!(
            "{}/{}?list-type=2",
            s3.endpoint.as_deref().unwrap(),
            s3.bucket
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let key = listed
        .split("<Key>documents/")
        .nth(1)
        .unwrap()
        .split("</Key>")
        .next()
        .unwrap();
    let bucket = S3Storage::new(&s3).unwrap();
    bucket.delete(key).await.unwrap();
    assert_eq!(
        bucket.get(key).await.unwrap_err().kind(),
        std::io::ErrorKind::NotFound
    );
    let res = app
        .get_as(
            &format!("/api/v1/requests/{id}/documents/{}", doc.body["id"]),
            &owner.access,
        )
        .await;
    assert_eq!(res.status, 500, "{}", res.body);
    assert!(!res.body.to_string().contains("test-secret-key"));
}
