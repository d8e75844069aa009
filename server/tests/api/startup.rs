use std::cell::RefCell;
use std::collections::BTreeSet;

use server::store;

use crate::helpers::{fresh_database, start, test_config};

#[actix_web::test]
async fn the_shipped_catalog_is_stored_once_under_its_version_across_restarts() {
    let (url, file) = fresh_database().await;
    let first = start(test_config(url.clone()), file).await.unwrap();
    let _second = start(test_config(url.clone()), None).await.unwrap();
    let db = sea_orm::Database::connect(first.database_url.as_str())
        .await
        .unwrap();
    assert_eq!(
        store::catalog::versions(&db).await.unwrap(),
        vec!["2022.4".to_string()]
    );
}

fn write_catalog(json: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "shukun-catalog-{}-{}.json",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::write(&path, json).unwrap();
    path
}

#[actix_web::test]
async fn a_configured_catalog_file_replaces_the_shipped_one_and_is_stored_too() {
    let json = shared::catalog::SHIPPED_JSON.replacen(
        "\"version\": \"2022.4\"",
        "\"version\": \"2022.5\"",
        1,
    );
    let path = write_catalog(&json);
    let (url, file) = fresh_database().await;
    let mut config = test_config(url);
    config.catalog_file = Some(path.clone());
    let app = start(config, file).await.unwrap();
    let body: serde_json::Value = app.get("/api/v1/catalog").await.json().await.unwrap();
    assert_eq!(body["version"], "2022.5");
    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    assert_eq!(
        store::catalog::versions(&db).await.unwrap(),
        vec!["2022.5".to_string()]
    );
    std::fs::remove_file(path).ok();
}

#[actix_web::test]
async fn a_stored_version_with_other_content_is_refused_at_start() {
    let (url, file) = fresh_database().await;
    let _first = start(test_config(url.clone()), file).await.unwrap();
    let changed = shared::catalog::SHIPPED_JSON.replacen("结果仅供参考", "结果仅作参考", 1);
    let path = write_catalog(&changed);
    let mut config = test_config(url);
    config.catalog_file = Some(path.clone());
    let err = start(config, None).await.err().expect("refused");
    assert!(
        err.to_string()
            .contains("already stored with different content"),
        "{err}"
    );
    std::fs::remove_file(path).ok();
}

#[actix_web::test]
async fn an_invalid_catalog_file_stops_the_start_saying_why() {
    let broken =
        shared::catalog::SHIPPED_JSON.replacen("\"cit-reduction\"", "\"CIT reduction\"", 1);
    let path = write_catalog(&broken);
    let (url, file) = fresh_database().await;
    let mut config = test_config(url);
    config.catalog_file = Some(path.clone());
    let err = start(config, file).await.err().expect("refused");
    assert!(err.to_string().contains("measures[8].id"), "{err}");
    std::fs::remove_file(path).ok();
}

#[test]
fn configuration_defaults_run_out_of_the_box_and_bad_dates_are_refused() {
    let config = server::Config::from_lookup(|_| None).unwrap();
    assert_eq!(config.bind, "127.0.0.1:8080");
    assert!(config.database_url.starts_with("sqlite://"));
    assert_eq!(
        config
            .eval_date
            .on(&server::clock::Clock::system())
            .to_string(),
        "2022-06-01"
    );
    let err =
        server::Config::from_lookup(|k| (k == "SHUKUN_EVAL_DATE").then(|| "soon".to_string()))
            .unwrap_err();
    assert!(err.to_string().contains("SHUKUN_EVAL_DATE"));
    let today =
        server::Config::from_lookup(|k| (k == "SHUKUN_EVAL_DATE").then(|| "today".to_string()))
            .unwrap();
    assert_eq!(today.eval_date, server::config::EvalDate::Today);
}

#[test]
fn the_parser_reads_exactly_the_declared_variables_and_the_readme_lists_them() {
    let read = RefCell::new(BTreeSet::new());
    server::Config::from_lookup(|k| {
        read.borrow_mut().insert(k.to_string());
        None
    })
    .unwrap();
    let declared: BTreeSet<String> = server::config::VARS
        .iter()
        .map(|v| v.name.to_string())
        .filter(|n| n != server::config::RUST_LOG)
        .collect();
    assert_eq!(read.into_inner(), declared);
    let readme = include_str!("../../../README.md");
    for var in server::config::VARS {
        assert!(
            readme.contains(&format!("| `{}` |", var.name)),
            "{} is missing from the README's configuration table",
            var.name
        );
    }
}

#[test]
fn short_secrets_and_half_wechat_configurations_are_refused() {
    type Vars = &'static [(&'static str, &'static str)];
    // (variables, the variable named, why it must fail)
    let cases: &[(Vars, &str, &str)] = &[
        (
            &[("SHUKUN_JWT_SECRET", "too-short")],
            "SHUKUN_JWT_SECRET",
            "under 32 bytes",
        ),
        (
            &[("SHUKUN_WECHAT_APP_ID", "wx1")],
            "SHUKUN_WECHAT_SECRET",
            "an app id without its secret",
        ),
        (
            &[("SHUKUN_WECHAT_SECRET", "s")],
            "SHUKUN_WECHAT_APP_ID",
            "a secret without its app id",
        ),
        (
            &[
                ("SHUKUN_WECHAT_APP_ID", "wx1"),
                ("SHUKUN_WECHAT_SECRET", "s"),
                ("SHUKUN_WECHAT_TIMEOUT_MS", "soon"),
            ],
            "SHUKUN_WECHAT_TIMEOUT_MS",
            "not a number",
        ),
        (
            &[("SHUKUN_TRUST_PROXY", "maybe")],
            "SHUKUN_TRUST_PROXY",
            "not a boolean",
        ),
    ];
    for (vars, named, why) in cases {
        let err = server::Config::from_lookup(|k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        })
        .unwrap_err();
        assert!(err.to_string().starts_with(named), "{why}: {err}");
    }
    let secret = "s".repeat(32);
    let ok = server::Config::from_lookup(|k| (k == "SHUKUN_JWT_SECRET").then(|| secret.clone()))
        .unwrap();
    assert!(
        !format!("{ok:?}").contains(&secret),
        "Debug never shows the secret"
    );
}

#[actix_web::test]
async fn without_a_configured_secret_one_is_generated_with_mode_0600_and_kept() {
    let (url, file) = fresh_database().await;
    let dir = std::env::temp_dir().join(format!("shukun-data-{}-{}", std::process::id(), line!()));
    let mut config = test_config(url.clone());
    config.jwt_secret = None;
    config.data_dir = dir.clone();
    let first = start(config.clone(), file).await.unwrap();
    let path = dir.join("jwt-secret");
    let secret = std::fs::read_to_string(&path).unwrap();
    assert_eq!(secret.len(), 64, "32 random bytes in hex");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let tokens = first.owner("13812341234", 1).await;
    // A restart signs with the same secret: the token still works.
    let second = start(config, None).await.unwrap();
    assert_eq!(
        second.get_as("/api/v1/me", &tokens.access).await.status,
        200
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), secret);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_bucket_without_its_keys_is_refused_and_a_full_one_is_used_for_documents() {
    let vars = |extra: &[(&str, &str)]| {
        let extra: Vec<(String, String)> = extra
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        server::Config::from_lookup(move |k| {
            extra.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        })
    };
    let err = vars(&[("SHUKUN_S3_BUCKET", "shukun-docs")]).unwrap_err();
    assert_eq!(err.variable, "SHUKUN_S3_ACCESS_KEY_ID");
    let config = vars(&[
        ("SHUKUN_S3_BUCKET", "shukun-docs"),
        (
            "SHUKUN_S3_ENDPOINT",
            "https://cos.ap-guangzhou.myqcloud.com",
        ),
        ("SHUKUN_S3_REGION", "ap-guangzhou"),
        ("SHUKUN_S3_ACCESS_KEY_ID", "AKID"),
        ("SHUKUN_S3_SECRET_ACCESS_KEY", "very-secret-key"),
        ("SHUKUN_S3_VIRTUAL_HOSTED", "true"),
    ])
    .unwrap();
    let s3 = config.requests.s3.expect("the bucket is used");
    assert_eq!(s3.region, "ap-guangzhou");
    assert!(s3.virtual_hosted);
    // The secret key never shows in a debug print (logs).
    assert!(!format!("{s3:?}").contains("very-secret-key"));
}
