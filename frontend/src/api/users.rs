//! The officials' accounts, as an administrator keeps them (`/admin/users`).

use shared::account::api::{AssignRequest, CreateUserRequest, UserList, UserView};

use super::{Error, Session, V1, authed, body, get, json, v1, with_body};

pub async fn list(s: &dyn Session) -> Result<UserList, Error> {
    json(get(s, v1!("/admin/users")).await?)
}

pub async fn create(s: &dyn Session, user: &CreateUserRequest) -> Result<UserView, Error> {
    let user = body(user)?;
    json(with_body(s, "POST", v1!("/admin/users"), &user).await?)
}

/// Disables an account: it is signed out at once and cannot sign in.
pub async fn disable(s: &dyn Session, id: i64) -> Result<(), Error> {
    let path = format!("{V1}/admin/users/{id}/disable");
    json::<serde_json::Value>(authed(s, "POST", &path, &[], None).await?).map(|_| ())
}

pub async fn enable(s: &dyn Session, id: i64) -> Result<(), Error> {
    let path = format!("{V1}/admin/users/{id}/enable");
    json::<serde_json::Value>(authed(s, "POST", &path, &[], None).await?).map(|_| ())
}

/// An official's department and jurisdictions.
pub async fn assign(
    s: &dyn Session,
    id: i64,
    assignment: &AssignRequest,
) -> Result<UserView, Error> {
    let assignment = body(assignment)?;
    json(
        with_body(
            s,
            "PUT",
            &format!("{V1}/admin/users/{id}/assignment"),
            &assignment,
        )
        .await?,
    )
}
