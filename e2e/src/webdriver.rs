//! A real browser driven over WebDriver: Debian's ChromeDriver and headless Chromium at a
//! phone's window size, through fantoccini. Tests wait for elements, never for time.

use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use hyper_util::client::legacy::connect::HttpConnector;
use tokio::process::{Child, Command};

use crate::Scratch;

/// How long an element may take to appear.
pub const WAIT: Duration = Duration::from_secs(20);

/// A browser session; on drop the driver and every Chromium process it started are killed,
/// whatever the test's outcome (the driver runs in a process group of its own, which the
/// browsers it launches share).
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: Scratch,
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(pid) = self.driver.id() {
            // The whole group: ChromeDriver, Chromium and its renderers.
            let _ = std::process::Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.driver.start_kill();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// Starts ChromeDriver and a headless Chromium whose viewport is `width`×`height`.
    pub async fn phone(width: u32, height: u32) -> Browser {
        Browser::start(width, height, true).await
    }

    /// A desk browser (no phone emulation) with a `width`×`height` window, as officials use.
    pub async fn desk(width: u32, height: u32) -> Browser {
        Browser::start(width, height, false).await
    }

    async fn start(width: u32, height: u32, phone: bool) -> Browser {
        let port = free_port();
        let driver_bin =
            std::env::var("SHUKUN_CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run {driver_bin}: {e} (scripts/setup-tools --browser installs it)")
            });
        let url = format!("http://127.0.0.1:{port}");
        // Wait until the driver answers.
        let deadline = Instant::now() + WAIT;
        let http = crate::http();
        while http.get(format!("{url}/status")).send().await.is_err() {
            assert!(Instant::now() < deadline, "ChromeDriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = Scratch::new("webdriver");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars",
                    format!("--user-data-dir={}", profile.0.display()),
                ],
                // A phone: its viewport, pixel ratio and touch, as a WeChat page sees it.
                "mobileEmulation": {
                    "deviceMetrics": { "width": width, "height": height, "pixelRatio": 3.0, "touch": true },
                    "userAgent": "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0"
                }
            }),
        );
        if !phone
            && let Some(options) = caps
                .get_mut("goog:chromeOptions")
                .and_then(|v| v.as_object_mut())
        {
            options.remove("mobileEmulation");
            if let Some(args) = options.get_mut("args").and_then(|a| a.as_array_mut()) {
                args.push(serde_json::Value::String(format!(
                    "--window-size={width},{height}"
                )));
            }
        }
        let chromium = which(&crate::chromium().to_string_lossy());
        if let Some(obj) = caps
            .get_mut("goog:chromeOptions")
            .and_then(|v| v.as_object_mut())
        {
            obj.insert("binary".into(), serde_json::Value::String(chromium));
        }
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&url)
            .await
            .expect("a WebDriver session");
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigates");
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Waits until no element matches `css` (a form closed, a dialog dismissed).
    pub async fn wait_for_gone(&self, css: &str) {
        let until = std::time::Instant::now() + WAIT;
        loop {
            let found = self
                .client
                .find_all(Locator::Css(css))
                .await
                .expect("the page answers");
            if found.is_empty() {
                return;
            }
            assert!(std::time::Instant::now() < until, "{css} did not go away");
            // Polls the page as `wait_for` does.
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// A screenshot of what the browser shows, written to `target/e2e/NAME.png`.
    pub async fn screenshot(&self, name: &str) -> std::path::PathBuf {
        let dir = crate::workspace().join("target").join("e2e");
        std::fs::create_dir_all(&dir).expect("target/e2e");
        let file = dir.join(format!("{name}.png"));
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::write(&file, png).expect("the screenshot is written");
        file
    }

    /// Runs a script and returns its value.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .expect("the script runs")
    }
}

/// The absolute path of a program on PATH (ChromeDriver wants one).
fn which(program: &str) -> String {
    if program.contains('/') {
        return program.to_string();
    }
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(program))
                .find(|p| p.is_file())
        })
        .map_or_else(|| program.to_string(), |p| p.display().to_string())
}
