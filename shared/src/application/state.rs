//! The one state machine of a request, used by the server (which refuses any other
//! transition) and the frontend (which shows only the allowed actions).
//!
//! ```text
//! submitted ─review→ in_review ─approve→ approved
//!                     │  ↑     ─reject→  rejected
//!                   ask  answer
//!                     ↓  │
//!                   needs_info
//! submitted | in_review | needs_info ─withdraw (owner)→ withdrawn
//! ```

use crate::account::Role;
use crate::wire::wire_enum;

wire_enum!(
    /// Where a request stands.
    RequestState {
        Submitted => "submitted",
        InReview => "in_review",
        NeedsInfo => "needs_info",
        Approved => "approved",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
    }
);

wire_enum!(
    /// What someone does to a request.
    Action {
        /// An official takes it up.
        Review => "review",
        /// An official asks the owner for more.
        Ask => "ask",
        /// The owner answers the question.
        Answer => "answer",
        Approve => "approve",
        Reject => "reject",
        /// The owner withdraws it before a decision.
        Withdraw => "withdraw",
    }
);

wire_enum!(
    /// What a history event records.
    EventKind {
        Filed => "filed",
        Review => "review",
        Ask => "ask",
        Answer => "answer",
        Approve => "approve",
        Reject => "reject",
        Withdraw => "withdraw",
        /// A document was added; the state is unchanged.
        Attach => "attach",
        /// An official handed the request to a colleague; the state is unchanged.
        Handover => "handover",
        /// An official's note between the departments sharing a request (an assisting
        /// department's opinion to the leading one); the state is unchanged, the owner is not
        /// shown it.
        Comment => "comment",
    }
);

impl EventKind {
    /// Whether the owner is told of the event (a message) and the webhook hears of it: the
    /// filing and every change of state. Not a document the owner added, nor what passes
    /// between officials (a handover, a comment).
    pub fn is_announced(self) -> bool {
        !matches!(
            self,
            EventKind::Attach | EventKind::Handover | EventKind::Comment
        )
    }
}

impl From<Action> for EventKind {
    fn from(a: Action) -> EventKind {
        match a {
            Action::Review => EventKind::Review,
            Action::Ask => EventKind::Ask,
            Action::Answer => EventKind::Answer,
            Action::Approve => EventKind::Approve,
            Action::Reject => EventKind::Reject,
            Action::Withdraw => EventKind::Withdraw,
        }
    }
}

impl RequestState {
    /// Not yet decided nor withdrawn: one such request per business per measure.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RequestState::Submitted | RequestState::InReview | RequestState::NeedsInfo
        )
    }

    /// Open and waiting for the department to act (submitted, in review), not for the owner:
    /// the desk's 待办, what a batch may approve, the first of the queue's groups.
    pub fn awaits_department(self) -> bool {
        matches!(self, RequestState::Submitted | RequestState::InReview)
    }

    /// The actions `role` may take now, in [`Action::ALL`] order.
    pub fn allowed(self, role: Role) -> Vec<Action> {
        Action::ALL
            .iter()
            .copied()
            .filter(|&a| transition(self, a, role).is_ok())
            .collect()
    }
}

impl Action {
    /// Who may take this action.
    pub fn role(self) -> Role {
        match self {
            Action::Answer | Action::Withdraw => Role::Applicant,
            Action::Review | Action::Ask | Action::Approve | Action::Reject => Role::Official,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a request that is {from} cannot be sent `{action}`")]
    NotAllowed { from: RequestState, action: Action },
    #[error("`{action}` is not for the {role} role")]
    WrongRole { action: Action, role: Role },
}

/// The state after `action` by someone of `role`, or why not.
pub fn transition(
    from: RequestState,
    action: Action,
    role: Role,
) -> Result<RequestState, TransitionError> {
    use Action as A;
    use RequestState as S;
    if action.role() != role {
        return Err(TransitionError::WrongRole { action, role });
    }
    match (from, action) {
        (S::Submitted, A::Review) => Ok(S::InReview),
        (S::InReview, A::Ask) => Ok(S::NeedsInfo),
        (S::NeedsInfo, A::Answer) => Ok(S::InReview),
        (S::InReview, A::Approve) => Ok(S::Approved),
        (S::InReview, A::Reject) => Ok(S::Rejected),
        (S::Submitted | S::InReview | S::NeedsInfo, A::Withdraw) => Ok(S::Withdrawn),
        _ => Err(TransitionError::NotAllowed { from, action }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use RequestState as S;

    /// Every allowed transition; everything else is refused.
    const ALLOWED: &[(RequestState, Action, RequestState)] = &[
        (S::Submitted, A::Review, S::InReview),
        (S::InReview, A::Ask, S::NeedsInfo),
        (S::NeedsInfo, A::Answer, S::InReview),
        (S::InReview, A::Approve, S::Approved),
        (S::InReview, A::Reject, S::Rejected),
        (S::Submitted, A::Withdraw, S::Withdrawn),
        (S::InReview, A::Withdraw, S::Withdrawn),
        (S::NeedsInfo, A::Withdraw, S::Withdrawn),
    ];

    #[test]
    fn every_transition_is_allowed_or_refused_as_the_issue_says() {
        for &from in S::ALL {
            for &action in A::ALL {
                let expected = ALLOWED
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to);
                let got = transition(from, action, action.role()).ok();
                assert_eq!(got, expected, "{from} --{action}-->");
            }
        }
    }

    #[test]
    fn owners_cannot_decide_and_officials_cannot_withdraw() {
        for &action in A::ALL {
            for &role in Role::ALL {
                if role != action.role() {
                    assert_eq!(
                        transition(S::InReview, action, role),
                        Err(TransitionError::WrongRole { action, role })
                    );
                }
            }
        }
    }

    #[test]
    fn decided_and_withdrawn_requests_are_closed_and_final() {
        for &s in &[S::Approved, S::Rejected, S::Withdrawn] {
            assert!(!s.is_open());
            assert!(s.allowed(Role::Applicant).is_empty());
            assert!(s.allowed(Role::Official).is_empty());
        }
        assert_eq!(S::Submitted.allowed(Role::Official), vec![A::Review]);
        assert_eq!(
            S::NeedsInfo.allowed(Role::Applicant),
            vec![A::Answer, A::Withdraw]
        );
    }
}
