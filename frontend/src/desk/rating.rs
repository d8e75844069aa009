//! 好差评 on a decided request's page: the owner's rating and the rectification a low one
//! opened, with the department's close and appeal (申诉) and the office's review (复核).

use leptos::prelude::*;
use shared::account::Role;
use shared::application::rating::{
    RatingStanding, RatingView, RectificationState, RectificationText, ReviewRequest,
};
use shared::i18n::requests::rating_level_text;

use super::{LANG, describe, use_desk};
use crate::api;

fn standing_text(s: RatingStanding) -> &'static str {
    match s {
        RatingStanding::Counted => "计入统计",
        RatingStanding::UnderReview => "申诉复核中",
        RatingStanding::Upheld => "复核维持",
        RatingStanding::Voided => "复核撤销（不计入）",
    }
}

fn state_text(s: RectificationState) -> &'static str {
    match s {
        RectificationState::Open => "整改中",
        RectificationState::Closed => "已整改",
        RectificationState::Voided => "已撤销",
    }
}

#[component]
pub fn Rating(id: i64) -> impl IntoView {
    let desk = use_desk();
    let rating = RwSignal::new(None::<RatingView>);
    let load = move || {
        leptos::task::spawn_local(async move {
            match api::requests::rating(&desk, id).await {
                Ok(r) => rating.set(r),
                Err(e) => desk.fail(&e),
            }
        });
    };
    load();
    let role = desk.me.with_untracked(|m| m.as_ref().map(|m| m.role));
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let step = move |rect: i64, what: &'static str| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let said = text.get_untracked();
        leptos::task::spawn_local(async move {
            let done = match what {
                "uphold" | "void" => {
                    let review = ReviewRequest {
                        uphold: what == "uphold",
                        note: said,
                    };
                    api::desk::review_rating(&desk, rect, &review).await
                }
                _ => {
                    let body = RectificationText { text: said };
                    api::desk::rectification_step(&desk, rect, what, &body).await
                }
            };
            busy.set(false);
            match done {
                Ok(_) => {
                    problem.set(None);
                    text.set(String::new());
                    load();
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    move || {
        let r = rating.get()?;
        let rect = r.rectification.clone();
        let actions = rect.as_ref().and_then(|x| {
            let rect_id = x.id;
            let official = role == Some(Role::Official) && x.state == RectificationState::Open;
            let office = role == Some(Role::Supervisor) && r.standing == RatingStanding::UnderReview;
            let appealable = official && r.standing == RatingStanding::Counted;
            (official || office).then(|| view! {
                <div class="desk-rectify">
                    <label class="desk-field"><span>{if office { "复核意见" } else { "整改情况 / 申诉理由" }}</span>
                        <input name="rectify_text" type="text" maxlength="500" prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev)) />
                    </label>
                    {official.then(|| view! {
                        <button class="desk-button desk-button--primary" type="button" data-action="rectify-close" disabled=move || busy.get()
                            on:click=move |_| step(rect_id, "close")>"整改完成"</button>
                    })}
                    {appealable.then(|| view! {
                        <button class="desk-button" type="button" data-action="rectify-appeal" disabled=move || busy.get()
                            on:click=move |_| step(rect_id, "appeal")>"申诉复核"</button>
                    })}
                    {office.then(|| view! {
                        <button class="desk-button desk-button--primary" type="button" data-action="review-uphold" disabled=move || busy.get()
                            on:click=move |_| step(rect_id, "uphold")>"维持评价"</button>
                        <button class="desk-button" type="button" data-action="review-void" disabled=move || busy.get()
                            on:click=move |_| step(rect_id, "void")>"撤销评价"</button>
                    })}
                </div>
            })
        });
        Some(view! {
            <section class="desk-card desk-rating" data-rating=r.level.to_string() data-standing=r.standing.as_str()>
                <h2>"好差评"</h2>
                <p><strong>{rating_level_text(LANG, r.level)}</strong>" · "{standing_text(r.standing)}" · "{super::beijing(r.rated_at)}</p>
                {r.comment.clone().map(|c| view! { <p class="desk-hint">{format!("企业意见：{c}")}</p> })}
                {r.appeal.clone().map(|a| view! { <p class="desk-hint">{format!("申诉理由：{a}")}</p> })}
                {r.review_note.clone().map(|n| view! { <p class="desk-hint">{format!("复核意见：{n}")}</p> })}
                {rect.map(|x| view! {
                    <p data-rectification=x.state.as_str() class:desk-num--late=x.overdue>
                        {format!("整改：{} · 期限 {}{}", state_text(x.state), x.due_on.format("%Y-%m-%d"), if x.overdue { "（已超期）" } else { "" })}
                    </p>
                    {x.resolution.map(|t| view! { <p class="desk-hint">{format!("整改情况：{t}")}</p> })}
                })}
                {actions}
                {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            </section>
        })
    }
}
