//! 好差评: the owner rates a decided request once; a low rating opens a rectification for the
//! department that decided, which it closes by saying what it found and did, or appeals
//! (申诉) for the supervising office to uphold or void.

use shared::account::Role;
use shared::application::RequestState;
use shared::application::rating::{
    self, RatingRequest, RatingStanding, RatingView, RectificationState, RectificationText,
    RectificationView, ReviewRequest,
};

use crate::AppState;
use crate::services::{Actor, Error, RequestError};
use crate::store::WriteError;
use crate::store::ratings::{self as store, NewRating, RatingRecord, RectificationRecord};
use crate::store::requests::RequestRecord;

use super::visible;

fn rectification_view(
    state: &AppState,
    r: &RectificationRecord,
    number: String,
    rating: &RatingRecord,
) -> RectificationView {
    RectificationView {
        id: i64::from(r.id),
        request_id: i64::from(r.request_id),
        number,
        department: r.department,
        level: rating.level,
        comment: rating.comment.clone(),
        opened_on: r.opened_on,
        due_on: r.due_on,
        state: r.state,
        overdue: r.state == RectificationState::Open && state.today() > r.due_on,
        under_review: rating.standing == RatingStanding::UnderReview,
        resolution: r.resolution.clone(),
    }
}

fn rating_view(
    state: &AppState,
    request: &RequestRecord,
    rating: &RatingRecord,
    rect: Option<&RectificationRecord>,
) -> RatingView {
    RatingView {
        request_id: i64::from(rating.request_id),
        level: rating.level,
        indicators: rating.indicators,
        comment: rating.comment.clone(),
        rated_at: rating.rated_at,
        department: rating.department,
        standing: rating.standing,
        appeal: rating.appeal.clone(),
        review_note: rating.review_note.clone(),
        rectification: rect.map(|x| rectification_view(state, x, request.number.clone(), rating)),
    }
}

fn refused(e: rating::RatingError) -> RequestError {
    RequestError::Rating(e)
}

fn not_now(message: impl Into<String>) -> RequestError {
    RequestError::NotNow {
        message: message.into(),
        action: false,
    }
}

/// The owner rates how a decided request was handled, once; a rating at the two lowest
/// levels opens a rectification for the department that decided, due in the
/// rectification time limit's working days on the request calendar.
pub async fn rate(
    state: &AppState,
    caller: &Actor,
    id: i64,
    body: RatingRequest,
) -> Result<RatingView, RequestError> {
    let r = visible(state, caller, id).await?;
    if !matches!(r.status, RequestState::Approved | RequestState::Rejected) {
        return Err(not_now(format!(
            "a request is rated once it is decided; this one is {}",
            r.status
        )));
    }
    let comment = rating::check(&body).map_err(refused)?;
    let Some(department) = r.lead.or_else(|| r.departments.first().copied()) else {
        return Err(Error::NotFound("no department decided this request").into());
    };
    let today = state.today();
    let active = state.active();
    let rectify = rating::rectifies(body.level).then(|| {
        (
            today,
            active
                .calendar
                .add_working_days(today, active.time_limits.rectification),
        )
    });
    let new = NewRating {
        request_id: r.id,
        owner_id: caller.id,
        level: body.level,
        indicators: body.indicators,
        comment,
        at: state.now(),
        department,
        jurisdiction: r.jurisdiction,
        rectify,
    };
    match crate::store::write(&state.writer, async |txn| store::insert(txn, new).await).await {
        Ok(()) => {}
        Err(WriteError::Taken) => return Err(not_now("the request was rated already")),
        Err(WriteError::Db(e)) => return Err(e.into()),
    }
    tracing::info!(request = %r.number, level = body.level, "request rated");
    read(state, &r).await
}

async fn read(state: &AppState, r: &RequestRecord) -> Result<RatingView, RequestError> {
    match store::for_request(&state.db, r.id).await? {
        Some((rating, rect)) => Ok(rating_view(state, r, &rating, rect.as_ref())),
        None => Err(Error::NotFound("the request is not rated").into()),
    }
}

/// A request's rating, for whoever may see the request; 404 before it is rated.
pub async fn get(state: &AppState, caller: &Actor, id: i64) -> Result<RatingView, RequestError> {
    let r = visible(state, caller, id).await?;
    read(state, &r).await
}

/// The rectifications an official's department has (in their jurisdictions), or all for
/// the supervising office; oldest first.
pub async fn list(
    state: &AppState,
    caller: &Actor,
) -> Result<Vec<RectificationView>, RequestError> {
    let department = match caller.role {
        Role::Supervisor => None,
        Role::Official => caller.department,
        _ => return Err(Error::Forbidden("for officials and supervisors").into()),
    };
    let mut out = Vec::new();
    for rect in store::rectifications(&state.db, department).await? {
        if caller.role == Role::Official
            && !rect
                .jurisdiction
                .is_some_and(|j| caller.jurisdictions.contains(&j))
        {
            continue;
        }
        let Some(r) = crate::store::requests::find(&state.db, rect.request_id).await? else {
            continue;
        };
        let Some((rating, _)) = store::for_request(&state.db, r.id).await? else {
            continue;
        };
        out.push(rectification_view(state, &rect, r.number, &rating));
    }
    Ok(out)
}

/// A rectification the caller may act on: an official of its department who may see the
/// request, or (`office`) the supervising office; 404 for anyone else.
async fn rectification_for(
    state: &AppState,
    caller: &Actor,
    id: i64,
    office: bool,
) -> Result<(RectificationRecord, RequestRecord, RatingRecord), RequestError> {
    let missing = || RequestError::from(Error::NotFound("no such rectification"));
    let id = i32::try_from(id).map_err(|_| missing())?;
    let rect = store::rectification(&state.db, id)
        .await?
        .ok_or_else(missing)?;
    let allowed = if office {
        caller.role == Role::Supervisor
    } else {
        caller.role == Role::Official && caller.department == Some(rect.department)
    };
    if !allowed {
        return Err(missing());
    }
    let r = visible(state, caller, i64::from(rect.request_id))
        .await
        .map_err(|_| missing())?;
    let (rating, _) = store::for_request(&state.db, r.id)
        .await?
        .ok_or_else(missing)?;
    Ok((rect, r, rating))
}

fn required(field: &'static str, t: &str) -> Result<String, RequestError> {
    rating::text(field, Some(t))
        .map_err(refused)?
        .ok_or_else(|| {
            refused(rating::RatingError {
                field,
                message: "say it in a sentence".into(),
            })
        })
}

async fn view_after(
    state: &AppState,
    rect_id: i32,
    r: RequestRecord,
) -> Result<RectificationView, RequestError> {
    let rect = store::rectification(&state.db, rect_id)
        .await?
        .ok_or(Error::NotFound("no such rectification"))?;
    let (rating, _) = store::for_request(&state.db, r.id)
        .await?
        .ok_or(Error::NotFound("no such rating"))?;
    Ok(rectification_view(state, &rect, r.number, &rating))
}

/// The department closes a rectification: what it verified with the owner, fixed or
/// explained.
pub async fn close(
    state: &AppState,
    caller: &Actor,
    id: i64,
    body: RectificationText,
) -> Result<RectificationView, RequestError> {
    let (rect, r, _) = rectification_for(state, caller, id, false).await?;
    let text = required("text", &body.text)?;
    let now = state.now();
    let closed = crate::store::write(&state.writer, async |txn| {
        store::close(txn, rect.id, caller.id, &text, now).await
    })
    .await?;
    if !closed {
        return Err(not_now(format!("the rectification is {}", rect.state)));
    }
    view_after(state, rect.id, r).await
}

/// The department asks the supervising office to review the rating (申诉): once, while it
/// counts.
pub async fn appeal(
    state: &AppState,
    caller: &Actor,
    id: i64,
    body: RectificationText,
) -> Result<RectificationView, RequestError> {
    let (rect, r, rating) = rectification_for(state, caller, id, false).await?;
    let text = required("text", &body.text)?;
    let now = state.now();
    let appealed = crate::store::write(&state.writer, async |txn| {
        store::appeal(txn, rating.id, caller.id, &text, now).await
    })
    .await?;
    if !appealed {
        return Err(not_now(format!(
            "the rating is {}: it is appealed once",
            rating.standing
        )));
    }
    view_after(state, rect.id, r).await
}

/// The supervising office decides an appeal: the rating upheld (it counts, the
/// rectification goes on) or voided (it does not count, the rectification ends).
pub async fn review(
    state: &AppState,
    caller: &Actor,
    id: i64,
    body: ReviewRequest,
) -> Result<RectificationView, RequestError> {
    let (rect, r, rating) = rectification_for(state, caller, id, true).await?;
    let note = required("note", &body.note)?;
    let now = state.now();
    let reviewed = crate::store::write(&state.writer, async |txn| {
        store::review(txn, rating.id, body.uphold, caller.id, &note, now).await
    })
    .await?;
    if !reviewed {
        return Err(not_now(format!(
            "the rating is {}: only one under review is decided",
            rating.standing
        )));
    }
    view_after(state, rect.id, r).await
}
