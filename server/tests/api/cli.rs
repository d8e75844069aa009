use std::process::Command;

use crate::helpers::{PASSWORD, spawn_app};

#[actix_web::test]
async fn the_built_binary_adds_a_supervisor_who_then_signs_in_over_http() {
    let app = spawn_app().await;
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "user",
            "add",
            "--phone",
            "13700004444",
            "--password",
            PASSWORD,
            "--role",
            "supervisor",
        ])
        .env("DATABASE_URL", &app.database_url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("137****4444") && stdout.contains("supervisor"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("13700004444"),
        "the phone is masked: {stdout}"
    );
    let login = app.login("13700004444", PASSWORD).await;
    assert_eq!(login.status, 200, "{}", login.body);
    let me = app
        .get_as("/api/v1/me", login.body["access_token"].as_str().unwrap())
        .await;
    assert_eq!(me.body["role"], "supervisor");

    let disable = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["user", "disable", "--phone", "13700004444"])
        .env("DATABASE_URL", &app.database_url)
        .output()
        .unwrap();
    assert!(
        disable.status.success(),
        "{}",
        String::from_utf8_lossy(&disable.stderr)
    );
    assert_eq!(app.login("13700004444", PASSWORD).await.status, 403);
}

#[test]
fn the_binary_refuses_bad_arguments_saying_why() {
    // (arguments, exit code, what stderr must say, why it must fail)
    let cases: &[(&[&str], i32, &str, &str)] = &[
        (
            &[
                "user",
                "add",
                "--phone",
                "13700004444",
                "--password",
                PASSWORD,
                "--role",
                "root",
            ],
            2,
            "root",
            "no such role",
        ),
        (
            &[
                "user",
                "add",
                "--phone",
                "1370000",
                "--password",
                PASSWORD,
                "--role",
                "admin",
            ],
            2,
            "11 digits",
            "a short phone",
        ),
        (
            &[
                "user",
                "add",
                "--phone",
                "13700004444",
                "--password",
                PASSWORD,
                "--role",
                "official",
                "--department",
                "police",
                "--jurisdiction",
                "korla",
            ],
            1,
            "`police` is not a department of the catalog in force",
            "no such department",
        ),
        (&["user", "frobnicate"], 2, "frobnicate", "no such command"),
    ];
    for (args, code, says, why) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(*args)
            .env("DATABASE_URL", "sqlite::memory:")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(*code), "{why}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{why}: {stderr}");
    }
}

#[actix_web::test]
async fn an_official_without_a_jurisdiction_is_refused_by_the_cli_naming_the_flag() {
    let app = spawn_app().await;
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "user",
            "add",
            "--phone",
            "13700005555",
            "--password",
            PASSWORD,
            "--role",
            "official",
            "--department",
            "tax",
        ])
        .env("DATABASE_URL", &app.database_url)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("jurisdiction"));
    assert_eq!(app.login("13700005555", PASSWORD).await.status, 401);
}

#[test]
fn help_documents_the_user_commands_and_every_configuration_variable() {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("user"), "{help}");
    for var in server::config::VARS {
        assert!(help.contains(var.name), "{} missing from --help", var.name);
    }
    let add = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["user", "add", "--help"])
        .output()
        .unwrap();
    let add = String::from_utf8_lossy(&add.stdout);
    for flag in [
        "--phone",
        "--password",
        "--role",
        "--department",
        "--jurisdiction",
    ] {
        assert!(add.contains(flag), "{flag} missing from `user add --help`");
    }
}
