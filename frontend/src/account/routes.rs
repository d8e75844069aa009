//! The owner's account pages: filing and tracking, a WASM of their own (the self-check's first
//! load does not carry them). Every address can be bookmarked and shared.

use shared::catalog::MeasureId;

use crate::routes::Page;

/// A screen of the owner's account app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountPage {
    Me,
    Requests,
    Request(i64),
    Messages,
    File(MeasureId),
}

impl AccountPage {
    pub fn path(self) -> String {
        match self {
            AccountPage::Me => "/me".into(),
            AccountPage::Requests => "/requests".into(),
            AccountPage::Request(id) => format!("/requests/{id}"),
            AccountPage::Messages => "/messages".into(),
            AccountPage::File(m) => format!("/file/{}", m.as_str()),
        }
    }

    /// The page of a path, if it is one of the account app's.
    pub fn from_path(path: &str) -> Option<AccountPage> {
        let path = path.trim_end_matches('/');
        match path {
            "/me" => return Some(AccountPage::Me),
            "/requests" => return Some(AccountPage::Requests),
            "/messages" => return Some(AccountPage::Messages),
            _ => {}
        }
        if let Some(id) = path.strip_prefix("/requests/") {
            return id.parse().ok().filter(|&n| n > 0).map(AccountPage::Request);
        }
        let measure = path.strip_prefix("/file/")?;
        MeasureId::parse(measure).map(AccountPage::File)
    }

    /// The phone app's page of a tab (`None`: an account page).
    pub fn of_tab(page: Page) -> Option<AccountPage> {
        match page {
            Page::Requests => Some(AccountPage::Requests),
            Page::Messages => Some(AccountPage::Messages),
            Page::Me => Some(AccountPage::Me),
            Page::Home | Page::Check | Page::Results => None,
        }
    }

    /// The tab it is shown under.
    pub fn tab(self) -> Page {
        match self {
            AccountPage::Me => Page::Me,
            AccountPage::Requests | AccountPage::Request(_) => Page::Requests,
            AccountPage::Messages => Page::Messages,
            // Filing starts from the self-check's results.
            AccountPage::File(_) => Page::Check,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_account_page_has_a_path_that_names_it_again() {
        for page in [
            AccountPage::Me,
            AccountPage::Requests,
            AccountPage::Request(17),
            AccountPage::Messages,
            AccountPage::File(MeasureId::parse("rent-waiver-highway").unwrap()),
        ] {
            assert_eq!(AccountPage::from_path(&page.path()), Some(page));
        }
        assert_eq!(
            AccountPage::from_path("/requests/17/"),
            Some(AccountPage::Request(17))
        );
        assert_eq!(AccountPage::from_path("/requests/x"), None);
        assert_eq!(AccountPage::from_path("/requests/0"), None);
        // A well-formed id the catalog does not have opens the page that says so.
        assert_eq!(
            AccountPage::from_path("/file/no-such-measure"),
            Some(AccountPage::File(
                MeasureId::parse("no-such-measure").unwrap()
            ))
        );
        assert_eq!(AccountPage::from_path("/file/No%20Such"), None);
        assert_eq!(AccountPage::from_path("/check"), None);
    }

    #[test]
    fn the_tabs_of_the_phone_app_open_account_pages() {
        assert_eq!(AccountPage::of_tab(Page::Me), Some(AccountPage::Me));
        assert_eq!(AccountPage::of_tab(Page::Check), None);
        assert_eq!(AccountPage::Request(3).tab(), Page::Requests);
    }
}
