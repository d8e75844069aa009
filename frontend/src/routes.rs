//! The app's addresses, from one enum: every page has one path, and a path names one page.

/// A screen of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Check,
    Results,
    Requests,
    Messages,
    Me,
}

impl Page {
    /// The pages of the tab bar, in its order.
    pub const TABS: [Page; 5] = [
        Page::Home,
        Page::Check,
        Page::Requests,
        Page::Messages,
        Page::Me,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Page::Home => "/",
            Page::Check => "/check",
            Page::Results => "/results",
            Page::Requests => "/requests",
            Page::Messages => "/messages",
            Page::Me => "/me",
        }
    }

    /// The page of a path; an unknown path is the home page.
    pub fn from_path(path: &str) -> Page {
        let path = path.trim_end_matches('/');
        [
            Page::Check,
            Page::Results,
            Page::Requests,
            Page::Messages,
            Page::Me,
        ]
        .into_iter()
        .find(|p| p.path() == path || path.starts_with(&format!("{}/", p.path())))
        .unwrap_or(Page::Home)
    }

    /// Whether the account app (sign-in, filing, tracking) serves it, not the self-check.
    pub fn in_account_app(self) -> bool {
        matches!(self, Page::Requests | Page::Messages | Page::Me)
    }

    /// The tab a page belongs to (results are part of the self-check).
    pub fn tab(self) -> Page {
        match self {
            Page::Results => Page::Check,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_a_path_that_names_it_again() {
        for page in [
            Page::Home,
            Page::Check,
            Page::Results,
            Page::Requests,
            Page::Messages,
            Page::Me,
        ] {
            assert_eq!(Page::from_path(page.path()), page);
        }
        assert_eq!(Page::from_path("/check/"), Page::Check);
        assert_eq!(Page::from_path("/requests/17"), Page::Requests);
        assert_eq!(Page::from_path("/nowhere"), Page::Home);
        assert_eq!(Page::Results.tab(), Page::Check);
    }
}
