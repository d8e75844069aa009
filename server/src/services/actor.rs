//! Who acts: the signed-in account as it is now in the database, and where the call came
//! from. The HTTP layer's extractors build it; the services take it and know nothing else of
//! the request.

use shared::account::Role;
use shared::answers::JurisdictionId;
use shared::catalog::DepartmentId;

/// The account behind a valid access token, as it is now in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: i32,
    pub role: Role,
    /// The session its token belongs to.
    pub session_id: String,
    /// An official's department.
    pub department: Option<DepartmentId>,
    /// An official's jurisdictions.
    pub jurisdictions: Vec<JurisdictionId>,
    /// Where the call came from (for the audit log and the limits).
    pub address: ClientAddr,
}

/// The client's address: the peer, or with `SHUKUN_TRUST_PROXY` the forwarded client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddr(pub String);
