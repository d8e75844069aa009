//! Test support: it exists to fail loudly, so it may panic.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

//! Helpers for the black-box tests: start the built server binary on a free port with a
//! fresh SQLite file, and drive headless Chromium at a phone's size.

pub mod phone;
pub mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// The workspace root (this crate lives in `e2e/`).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The server binary: `SHUKUN_SERVER_BIN`, or the debug build of this workspace
/// (`cargo build -p server`, which the README's test command runs first).
pub fn server_binary() -> PathBuf {
    if let Ok(p) = std::env::var("SHUKUN_SERVER_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map_or_else(|_| workspace().join("target"), PathBuf::from);
    target.join("debug").join("server")
}

/// A scratch directory removed on drop.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("shukun-e2e-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The server binary running on a free port; killed on drop.
pub struct Server {
    pub base_url: String,
    pub database_file: PathBuf,
    /// Everything the server logged (its stderr), at the level it was started with.
    pub log_file: PathBuf,
    child: Child,
    _scratch: Scratch,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

impl Server {
    /// Stops the server, as a lost network would: pages must go on without it.
    pub async fn stop(&mut self) {
        let _ = self.child.kill().await;
    }

    /// The server process's id.
    pub fn pid(&self) -> u32 {
        self.child.id().expect("the server is running")
    }

    /// Sends the server a signal (`TERM`, `INT`, …) as an init system would.
    pub async fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .await
            .expect("kill runs");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits (at most `limit`) for the server to exit; its exit status.
    pub async fn exit_status(&mut self, limit: Duration) -> std::process::ExitStatus {
        tokio::time::timeout(limit, self.child.wait())
            .await
            .expect("the server exits in time")
            .expect("the server's status")
    }

    /// `DATABASE_URL` of this server, for the binary's `user` commands.
    pub fn database_url(&self) -> String {
        format!("sqlite://{}?mode=rwc", self.database_file.display())
    }

    /// Runs `server ARGS` (the `user` commands) against this server's database.
    pub async fn command(&self, args: &[&str]) -> std::process::Output {
        Command::new(server_binary())
            .args(args)
            .env("DATABASE_URL", self.database_url())
            .env_remove("SHUKUN_JWT_SECRET")
            .stdin(Stdio::null())
            .output()
            .await
            .expect("the server binary runs")
    }

    /// Starts the binary from a fresh working directory, with a fresh SQLite file and
    /// otherwise default configuration; waits for the line giving its address.
    pub async fn start() -> Server {
        Server::start_logging("warn").await
    }

    /// Starts the server with `RUST_LOG` at `level`, its log kept in [`Server::log_file`].
    pub async fn start_logging(level: &str) -> Server {
        Server::start_with(level, &[]).await
    }

    /// The same, with more environment variables set.
    pub async fn start_with(level: &str, env: &[(&str, &str)]) -> Server {
        let scratch = Scratch::new("server");
        let database_file = scratch.0.join("shukun.db");
        let log_file = scratch.0.join("server.log");
        let database_url = format!("sqlite://{}?mode=rwc", database_file.display());
        let mut vars = vec![("DATABASE_URL", database_url.as_str()), ("RUST_LOG", level)];
        vars.extend_from_slice(env);
        let process = Process::start(&scratch.0, &vars, &log_file).await;
        Server {
            base_url: process.base_url,
            database_file,
            log_file,
            child: process.child,
            _scratch: scratch,
        }
    }
}

/// One server process in a directory the test owns, with the environment it gives; killed
/// (SIGKILL) on drop. Tests that restart a server, or run two on one database, use it.
pub struct Process {
    pub base_url: String,
    child: Child,
}

impl Process {
    /// Starts the binary in `dir` on a free port with `env` added (defaults otherwise), its
    /// stderr appended to `log`; waits for the line giving its address.
    pub async fn start(dir: &Path, env: &[(&str, &str)], log: &Path) -> Process {
        let bin = server_binary();
        assert!(
            bin.is_file(),
            "no server binary at {}: run `cargo build -p server` (scripts/test does)",
            bin.display()
        );
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("log file");
        let mut command = Command::new(&bin);
        command
            .current_dir(dir)
            .env("SHUKUN_BIND", "127.0.0.1:0")
            .env("RUST_LOG", "warn")
            .env_remove("SHUKUN_EVAL_DATE")
            .env_remove("SHUKUN_CATALOG_FILE")
            .env_remove("SHUKUN_WEB_DIR");
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("the server binary starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
            .await
            .expect("the server says where it listens within a minute")
            .expect("stdout readable")
            .expect("a line before the server exits");
        let base_url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Process { base_url, child }
    }

    /// Kills the process with SIGKILL, as a crash or a power cut would, and reaps it.
    pub async fn kill(&mut self) {
        let _ = self.child.kill().await;
    }
}

/// An HTTP client for the tests. The workspace builds reqwest with rustls but without a
/// crypto provider of its own (the server brings ring): install it before the first client.
pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

impl Server {
    /// GETs a path of the server.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        http()
            .get(format!("{}{path}", self.base_url))
            .send()
            .await
            .expect("the request is sent")
    }

    /// POSTs a raw body as JSON to `/api/v1/eligibility{query}`.
    pub async fn post_eligibility(
        &self,
        query: &str,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        http()
            .post(format!("{}/api/v1/eligibility{query}", self.base_url))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("the request is sent")
    }
}

/// Headless Chromium, as Debian ships it.
pub fn chromium() -> PathBuf {
    std::env::var("SHUKUN_CHROMIUM").map_or_else(|_| PathBuf::from("chromium"), PathBuf::from)
}

fn chromium_command(size: (u32, u32), profile: &Path) -> Command {
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--window-size={},{}", size.0, size.1))
    // Virtual time runs until the page is idle (its fetches answered), up to this budget.
    .arg("--virtual-time-budget=10000")
    .stdin(Stdio::null())
    .stderr(Stdio::null())
    .kill_on_drop(true);
    cmd
}

/// The page's DOM once it has rendered, in a browser of the given window size.
pub async fn rendered_dom(url: &str, size: (u32, u32)) -> String {
    rendered_dom_with(url, size, &[]).await
}

/// The same, in a browser started with extra flags (e.g. one without WebAssembly, as an
/// old WeChat webview).
pub async fn rendered_dom_with(url: &str, size: (u32, u32), flags: &[&str]) -> String {
    let profile = Scratch::new("chromium");
    let out = tokio::time::timeout(
        Duration::from_secs(90),
        chromium_command(size, &profile.0)
            .args(flags)
            .arg("--dump-dom")
            .arg(url)
            .output(),
    )
    .await
    .expect("Chromium finishes within 90 s")
    .unwrap_or_else(|e| {
        panic!(
            "cannot run {}: {e} (scripts/setup-tools --browser installs it)",
            chromium().display()
        )
    });
    assert!(out.status.success(), "Chromium failed: {:?}", out.status);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A screenshot of the page at the given size, written to `target/e2e/NAME.png`.
pub async fn screenshot(url: &str, size: (u32, u32), name: &str) -> PathBuf {
    let dir = workspace().join("target").join("e2e");
    std::fs::create_dir_all(&dir).expect("target/e2e");
    let file = dir.join(format!("{name}.png"));
    let profile = Scratch::new("chromium");
    let out = tokio::time::timeout(
        Duration::from_secs(90),
        chromium_command(size, &profile.0)
            .arg(format!("--screenshot={}", file.display()))
            .arg(url)
            .output(),
    )
    .await
    .expect("Chromium finishes within 90 s")
    .expect("Chromium runs");
    assert!(out.status.success(), "Chromium failed: {:?}", out.status);
    file
}

/// A valid unified social credit code per `n` (check digit computed).
pub fn credit_code(n: u32) -> String {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let mut code = format!("91652800MA{n:07}");
    let sum: u32 = code
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| ALPHABET.iter().position(|&a| a == b).unwrap() as u32 * w)
        .sum();
    code.push(char::from(ALPHABET[((31 - sum % 31) % 31) as usize]));
    code
}
