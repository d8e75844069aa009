//! The desk's addresses, from one enum: every page has one path under `/admin`.

/// A page of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskPage {
    /// The requests routed to the official (all of them for supervisors).
    Queue,
    /// One request, by id.
    Request(i64),
    /// The supervision dashboard.
    Dashboard,
    /// Staff accounts (administrators).
    Users,
    /// 督办 notices the caller is party to.
    Notices,
    /// One notice, by id.
    Notice(i64),
    /// The audit log (administrators).
    Audit,
    /// Settings that change results (administrators).
    Settings,
    /// The department's saved comment phrases (常用语), for its officials.
    Phrases,
    /// 政策解读: each measure's interpretation, written and published (administrators).
    Interpretations,
    /// 出资方确认: confirmations sent to providers (officials; supervisors read them).
    Confirmations,
}

impl DeskPage {
    pub fn path(self) -> String {
        match self {
            DeskPage::Queue => "/admin".to_string(),
            DeskPage::Request(id) => format!("/admin/requests/{id}"),
            DeskPage::Dashboard => "/admin/dashboard".to_string(),
            DeskPage::Users => "/admin/users".to_string(),
            DeskPage::Notices => "/admin/notices".to_string(),
            DeskPage::Notice(id) => format!("/admin/notices/{id}"),
            DeskPage::Audit => "/admin/audit".to_string(),
            DeskPage::Settings => "/admin/settings".to_string(),
            DeskPage::Phrases => "/admin/phrases".to_string(),
            DeskPage::Interpretations => "/admin/interpretations".to_string(),
            DeskPage::Confirmations => "/admin/confirmations".to_string(),
        }
    }

    /// The page of a path; an unknown one is the queue.
    pub fn from_path(path: &str) -> DeskPage {
        let path = path.trim_end_matches('/');
        match path {
            "/admin/dashboard" => return DeskPage::Dashboard,
            "/admin/users" => return DeskPage::Users,
            "/admin/notices" => return DeskPage::Notices,
            "/admin/audit" => return DeskPage::Audit,
            "/admin/settings" => return DeskPage::Settings,
            "/admin/phrases" => return DeskPage::Phrases,
            "/admin/interpretations" => return DeskPage::Interpretations,
            "/admin/confirmations" => return DeskPage::Confirmations,
            _ => {}
        }
        if let Some(id) = path
            .strip_prefix("/admin/notices/")
            .and_then(|id| id.parse().ok())
        {
            return DeskPage::Notice(id);
        }
        path.strip_prefix("/admin/requests/")
            .and_then(|id| id.parse().ok())
            .map_or(DeskPage::Queue, DeskPage::Request)
    }

    /// The navigation entry a page belongs to (a request belongs to the queue).
    pub fn section(self) -> DeskPage {
        match self {
            DeskPage::Request(_) => DeskPage::Queue,
            DeskPage::Notice(_) => DeskPage::Notices,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_desk_page_has_a_path_that_names_it_again() {
        for page in [
            DeskPage::Queue,
            DeskPage::Request(42),
            DeskPage::Dashboard,
            DeskPage::Users,
            DeskPage::Notices,
            DeskPage::Notice(3),
            DeskPage::Audit,
            DeskPage::Settings,
            DeskPage::Phrases,
            DeskPage::Interpretations,
            DeskPage::Confirmations,
        ] {
            assert_eq!(DeskPage::from_path(&page.path()), page);
        }
        assert_eq!(DeskPage::from_path("/admin/"), DeskPage::Queue);
        assert_eq!(DeskPage::from_path("/admin/requests/x"), DeskPage::Queue);
        assert_eq!(DeskPage::Request(7).section(), DeskPage::Queue);
        assert_eq!(DeskPage::Notice(7).section(), DeskPage::Notices);
    }
}
