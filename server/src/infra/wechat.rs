//! WeChat sign-in: exchanges a `wx.login()` code for the user's openid through
//! `GET {base}/sns/jscode2session`. The app secret travels in the query string, so neither
//! the URL nor reqwest's errors (which carry it) are ever logged.

use serde::Deserialize;

use crate::config::WechatConfig;

/// What went wrong asking WeChat.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WechatError {
    /// 40029 (invalid code) or 40163 (code already used).
    #[error("WeChat refused the login code (errcode {0})")]
    InvalidCode(i64),
    /// 45011: WeChat's own rate limit.
    #[error("WeChat is limiting requests (errcode 45011)")]
    RateLimited,
    /// 40226: WeChat flagged the user as high-risk.
    #[error("WeChat refused a high-risk user (errcode 40226)")]
    HighRisk,
    /// -1 (system busy) or any other error code.
    #[error("WeChat answered errcode {code}")]
    Upstream { code: i64 },
    #[error("WeChat did not answer within the configured timeout")]
    Timeout,
    /// Unreachable, or an answer that is not the documented JSON.
    #[error("WeChat could not be reached or answered unexpectedly: {0}")]
    Transport(String),
}

#[derive(Deserialize)]
struct Session {
    #[serde(default)]
    openid: Option<String>,
    #[serde(default)]
    errcode: Option<i64>,
}

/// A WeChat API client for one app.
pub struct WechatClient {
    http: reqwest::Client,
    config: WechatConfig,
}

impl WechatClient {
    pub fn new(config: WechatConfig) -> Result<WechatClient, String> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| e.without_url().to_string())?;
        Ok(WechatClient { http, config })
    }

    /// The openid of the user who produced `code`.
    pub async fn openid(&self, code: &str) -> Result<String, WechatError> {
        let secret = String::from_utf8_lossy(self.config.secret.expose()).into_owned();
        let url = reqwest::Url::parse_with_params(
            &format!("{}/sns/jscode2session", self.config.base_url),
            &[
                ("appid", self.config.app_id.as_str()),
                ("secret", secret.as_str()),
                ("js_code", code),
                ("grant_type", "authorization_code"),
            ],
        )
        .map_err(|e| WechatError::Transport(format!("bad base URL: {e}")))?;
        let transport = |e: reqwest::Error| {
            if e.is_timeout() {
                WechatError::Timeout
            } else {
                WechatError::Transport(e.without_url().to_string())
            }
        };
        let res = self.http.get(url).send().await.map_err(transport)?;
        if !res.status().is_success() {
            return Err(WechatError::Transport(format!("HTTP {}", res.status())));
        }
        // WeChat answers text/plain, so read the text and parse it.
        let body = res.text().await.map_err(transport)?;
        let session: Session = serde_json::from_str(&body)
            .map_err(|e| WechatError::Transport(format!("not the expected JSON: {e}")))?;
        match (session.errcode, session.openid) {
            (None | Some(0), Some(openid)) if !openid.is_empty() => Ok(openid),
            (Some(code @ (40029 | 40163)), _) => Err(WechatError::InvalidCode(code)),
            (Some(45011), _) => Err(WechatError::RateLimited),
            (Some(40226), _) => Err(WechatError::HighRisk),
            (Some(code), _) if code != 0 => Err(WechatError::Upstream { code }),
            _ => Err(WechatError::Transport("no openid in the answer".into())),
        }
    }
}
