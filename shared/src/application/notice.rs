//! 督办: the supervising office's notice to a department about its overdue requests, as one
//! state machine used by the server (which refuses any other step) and the admin pages
//! (which show only the allowed actions).
//!
//! ```text
//! issued ─acknowledge→ acknowledged ─report→ reported ─close→ closed
//!                       │   ↑
//!       request_extension   grant_extension | refuse_extension
//!   (by the deadline)   ↓   │
//!                   extension_requested
//! ```
//! Officials of the department acknowledge, ask for an extension and report; the
//! supervisor grants or refuses the extension and closes the notice.

use chrono::NaiveDate;

use crate::account::Role;
use crate::wire::wire_enum;

wire_enum!(
    /// Where a supervision notice stands.
    NoticeState {
        Issued => "issued",
        Acknowledged => "acknowledged",
        ExtensionRequested => "extension_requested",
        Reported => "reported",
        Closed => "closed",
    }
);

wire_enum!(
    /// What someone does to a supervision notice.
    NoticeAction {
        /// The department's official confirms it has read the notice.
        Acknowledge => "acknowledge",
        /// The department asks for a later deadline (by the deadline only).
        RequestExtension => "request_extension",
        /// The supervisor moves the deadline to the day asked (or another).
        GrantExtension => "grant_extension",
        /// The supervisor keeps the deadline.
        RefuseExtension => "refuse_extension",
        /// The department reports what it did.
        Report => "report",
        /// The supervisor is satisfied.
        Close => "close",
    }
);

wire_enum!(
    /// What a notice's history event records.
    NoticeEvent {
        Issued => "issued",
        Acknowledge => "acknowledge",
        RequestExtension => "request_extension",
        GrantExtension => "grant_extension",
        RefuseExtension => "refuse_extension",
        Report => "report",
        Close => "close",
    }
);

impl From<NoticeAction> for NoticeEvent {
    fn from(a: NoticeAction) -> NoticeEvent {
        match a {
            NoticeAction::Acknowledge => NoticeEvent::Acknowledge,
            NoticeAction::RequestExtension => NoticeEvent::RequestExtension,
            NoticeAction::GrantExtension => NoticeEvent::GrantExtension,
            NoticeAction::RefuseExtension => NoticeEvent::RefuseExtension,
            NoticeAction::Report => NoticeEvent::Report,
            NoticeAction::Close => NoticeEvent::Close,
        }
    }
}

impl NoticeAction {
    /// Who may take this action.
    pub fn role(self) -> Role {
        match self {
            NoticeAction::Acknowledge | NoticeAction::RequestExtension | NoticeAction::Report => {
                Role::Official
            }
            NoticeAction::GrantExtension | NoticeAction::RefuseExtension | NoticeAction::Close => {
                Role::Supervisor
            }
        }
    }

    /// Whether the step must say something (what was done, why the delay, why not).
    pub fn needs_comment(self) -> bool {
        matches!(
            self,
            NoticeAction::RequestExtension | NoticeAction::RefuseExtension | NoticeAction::Report
        )
    }

    /// Whether the step carries a new deadline.
    pub fn needs_deadline(self) -> bool {
        matches!(
            self,
            NoticeAction::RequestExtension | NoticeAction::GrantExtension
        )
    }
}

impl NoticeState {
    /// Shown to the department's officials until the supervisor closes it.
    pub fn is_open(self) -> bool {
        self != NoticeState::Closed
    }

    /// The actions `role` may take now (on `today`, against `deadline`), in
    /// [`NoticeAction::ALL`] order.
    pub fn allowed(self, role: Role, today: NaiveDate, deadline: NaiveDate) -> Vec<NoticeAction> {
        NoticeAction::ALL
            .iter()
            .copied()
            .filter(|&a| notice_transition(self, a, role, today, deadline).is_ok())
            .collect()
    }
}

/// A notice's number as the office files it: the `seq`-th notice issued in `year` (Beijing),
/// `督办〔2026〕3号`.
pub fn notice_number(year: i32, seq: usize) -> String {
    format!("督办〔{year}〕{seq}号")
}

/// The numbers of notices from their ids and days of issue: counted from 1 in each year, in
/// the order issued.
pub fn notice_numbers(issued: &[(i64, NaiveDate)]) -> std::collections::HashMap<i64, String> {
    use chrono::Datelike;
    let mut ordered: Vec<(i64, NaiveDate)> = issued.to_vec();
    ordered.sort_by_key(|(id, _)| *id);
    let mut seq: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    ordered
        .into_iter()
        .map(|(id, day)| {
            let n = seq.entry(day.year()).or_insert(0);
            *n += 1;
            (id, notice_number(day.year(), *n))
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NoticeTransitionError {
    #[error("a notice that is {from} cannot be sent `{action}`")]
    NotAllowed {
        from: NoticeState,
        action: NoticeAction,
    },
    #[error("`{action}` is not for the {role} role")]
    WrongRole { action: NoticeAction, role: Role },
    #[error("an extension is asked for by the deadline ({deadline}), not after")]
    PastDeadline { deadline: NaiveDate },
}

/// The state after `action` by someone of `role` on `today`, the notice being due on
/// `deadline`; or why not.
pub fn notice_transition(
    from: NoticeState,
    action: NoticeAction,
    role: Role,
    today: NaiveDate,
    deadline: NaiveDate,
) -> Result<NoticeState, NoticeTransitionError> {
    use NoticeAction as A;
    use NoticeState as S;
    if action.role() != role {
        return Err(NoticeTransitionError::WrongRole { action, role });
    }
    let to = match (from, action) {
        (S::Issued, A::Acknowledge) => S::Acknowledged,
        (S::Acknowledged, A::RequestExtension) => S::ExtensionRequested,
        (S::ExtensionRequested, A::GrantExtension | A::RefuseExtension) => S::Acknowledged,
        (S::Acknowledged, A::Report) => S::Reported,
        (S::Reported, A::Close) => S::Closed,
        _ => return Err(NoticeTransitionError::NotAllowed { from, action }),
    };
    if action == A::RequestExtension && today > deadline {
        return Err(NoticeTransitionError::PastDeadline { deadline });
    }
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use NoticeAction as A;
    use NoticeState as S;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, m, day).unwrap_or_default()
    }

    const ALLOWED: &[(NoticeState, NoticeAction, NoticeState)] = &[
        (S::Issued, A::Acknowledge, S::Acknowledged),
        (S::Acknowledged, A::RequestExtension, S::ExtensionRequested),
        (S::ExtensionRequested, A::GrantExtension, S::Acknowledged),
        (S::ExtensionRequested, A::RefuseExtension, S::Acknowledged),
        (S::Acknowledged, A::Report, S::Reported),
        (S::Reported, A::Close, S::Closed),
    ];

    #[test]
    fn every_notice_step_is_allowed_or_refused_as_the_issue_says() {
        for &from in S::ALL {
            for &action in A::ALL {
                let expected = ALLOWED
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to);
                let got = notice_transition(from, action, action.role(), d(6, 1), d(6, 10)).ok();
                assert_eq!(got, expected, "{from} --{action}-->");
            }
        }
    }

    #[test]
    fn officials_cannot_close_and_supervisors_cannot_report() {
        assert_eq!(
            notice_transition(S::Reported, A::Close, Role::Official, d(6, 1), d(6, 10)),
            Err(NoticeTransitionError::WrongRole {
                action: A::Close,
                role: Role::Official
            })
        );
        assert_eq!(
            notice_transition(
                S::Acknowledged,
                A::Report,
                Role::Supervisor,
                d(6, 1),
                d(6, 10)
            ),
            Err(NoticeTransitionError::WrongRole {
                action: A::Report,
                role: Role::Supervisor
            })
        );
    }

    #[test]
    fn an_extension_is_asked_for_by_the_deadline_and_not_after() {
        let deadline = d(6, 10);
        assert_eq!(
            notice_transition(
                S::Acknowledged,
                A::RequestExtension,
                Role::Official,
                deadline,
                deadline
            ),
            Ok(S::ExtensionRequested)
        );
        assert_eq!(
            notice_transition(
                S::Acknowledged,
                A::RequestExtension,
                Role::Official,
                d(6, 11),
                deadline
            ),
            Err(NoticeTransitionError::PastDeadline { deadline })
        );
        assert_eq!(
            S::Acknowledged.allowed(Role::Official, d(6, 11), deadline),
            vec![A::Report]
        );
    }

    #[test]
    fn a_closed_notice_is_final_and_no_longer_shown() {
        assert!(!S::Closed.is_open());
        for &role in Role::ALL {
            assert!(S::Closed.allowed(role, d(6, 1), d(6, 10)).is_empty());
        }
        assert!(S::ExtensionRequested.is_open());
    }
}
