//! Administrators' page of staff accounts: who may work at the desk, for which department
//! and jurisdictions; accounts are created here (or with the server's CLI) and disabled,
//! never deleted, so the history keeps its actors.

use leptos::prelude::*;
use shared::account::Role;
use shared::account::api::{
    AssignRequest, CreateUserRequest, RenameRequest, ResetPasswordRequest, UserView,
};
use shared::answers::JurisdictionId;
use shared::catalog::DepartmentId;

use super::{LANG, beijing, describe, role_text, use_desk};
use crate::api;

#[component]
pub fn UsersPage() -> impl IntoView {
    let desk = use_desk();
    let users = RwSignal::new(None::<Vec<UserView>>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match api::users::list(&desk).await {
                Ok(list) => users.set(Some(list.users)),
                Err(e) => desk.fail(&e),
            }
        });
    };
    reload();
    // The official whose department and jurisdictions are being changed.
    let editing = RwSignal::new(None::<i64>);
    // The account being named or given a new password.
    let changing = RwSignal::new(None::<(i64, Change)>);

    let disable = move |user: UserView| {
        let question = format!(
            "停用账号 {}？停用后该账号立即退出，不能再登录。",
            user.phone_masked
        );
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::users::disable(&desk, user.id).await {
                Ok(_) => reload(),
                Err(e) => desk.fail(&e),
            }
        });
    };

    let enable = move |id: i64| {
        leptos::task::spawn_local(async move {
            match api::users::enable(&desk, id).await {
                Ok(_) => reload(),
                Err(e) => desk.fail(&e),
            }
        });
    };

    let rows = move || {
        let catalog = desk.catalog.get()?;
        let list = users.get()?;
        Some(
            list.into_iter()
                .map(|u| {
                    let department = u
                        .department
                        .and_then(|d| catalog.department(d))
                        .map(|d| d.name.get(LANG).to_string())
                        .unwrap_or_default();
                    let places = u
                        .jurisdictions
                        .iter()
                        .map(|j| shared::i18n::jurisdiction_name(&catalog, LANG, *j))
                        .collect::<Vec<_>>()
                        .join("、");
                    let disabled = u.disabled;
                    let target = u.clone();
                    let id = u.id;
                    let assignable = u.role == Role::Official && !disabled;
                    let editor = u.clone();
                    let staff = u.role.is_staff();
                    let toggle = move |change: Change| {
                        changing.update(|c| {
                            *c = if *c == Some((id, change)) { None } else { Some((id, change)) }
                        })
                    };
                    let shown = u.clone();
                    view! {
                        <tr data-user=u.id.to_string() class:desk-row--off=disabled>
                            <td data-name="">{u.name.clone().unwrap_or_else(|| "—".into())}</td>
                            <td class="desk-mono">{u.phone_masked.clone()}</td>
                            <td>{role_text(u.role)}</td>
                            <td>{department}</td>
                            <td>{places}</td>
                            <td>{beijing(u.created_at)}</td>
                            <td>{if disabled { "已停用" } else { "正常" }}</td>
                            <td>
                                {assignable.then(|| view! {
                                    <button class="desk-button" type="button" data-assign=id.to_string()
                                        on:click=move |_| editing.update(|e| *e = if *e == Some(id) { None } else { Some(id) })>"调整分工"</button>
                                })}
                                {staff.then(|| view! {
                                    <button class="desk-button" type="button" data-rename=id.to_string()
                                        on:click=move |_| toggle(Change::Name)>"姓名"</button>
                                })}
                                <button class="desk-button" type="button" data-reset-password=id.to_string()
                                    on:click=move |_| toggle(Change::Password)>"重置密码"</button>
                                {(!disabled).then(|| view! {
                                    <button class="desk-button desk-button--warn" type="button"
                                        on:click=move |_| disable(target.clone())>"停用"</button>
                                })}
                                {disabled.then(|| view! {
                                    <button class="desk-button" type="button" data-enable=id.to_string()
                                        on:click=move |_| enable(id)>"启用"</button>
                                })}
                            </td>
                        </tr>
                        {move || changing.get().filter(|(who, _)| *who == id).map(|(_, change)| {
                            let user = shown.clone();
                            view! {
                                <tr class="desk-row--editor"><td colspan="8">
                                    <NameOrPassword user=user change=change on_done=Callback::new(move |()| {
                                        changing.set(None);
                                        reload();
                                    }) />
                                </td></tr>
                            }
                        })}
                        {move || (editing.get() == Some(id)).then(|| view! {
                            <tr class="desk-row--editor"><td colspan="8">
                                <Assign user=editor.clone() on_done=Callback::new(move |()| {
                                    editing.set(None);
                                    reload();
                                }) />
                            </td></tr>
                        })}
                    }
                })
                .collect_view(),
        )
    };

    view! {
        <section class="desk-page">
            <h1 class="desk-h1">"用户管理"</h1>
            <NewUser on_created=Callback::new(move |()| reload()) />
            <table class="desk-table">
                <thead><tr>
                    <th scope="col">"姓名"</th><th scope="col">"手机号"</th><th scope="col">"角色"</th><th scope="col">"部门"</th>
                    <th scope="col">"属地"</th><th scope="col">"开设时间"</th><th scope="col">"状态"</th><th scope="col"></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <super::claims::CodeClaims />
        </section>
    }
}

/// The form of a new staff account: an official needs one department and at least one
/// jurisdiction; supervisors and administrators have neither.
#[component]
fn NewUser(on_created: Callback<()>) -> impl IntoView {
    let desk = use_desk();
    let phone = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Official);
    let department = RwSignal::new(String::new());
    let places = RwSignal::new(Vec::<JurisdictionId>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let official = role.get_untracked() == Role::Official;
        let department = DepartmentId::parse(&department.get_untracked());
        let number = match shared::account::Phone::parse(phone.get_untracked().trim()) {
            Ok(p) => p,
            Err(_) => {
                problem.set(Some("手机号：请填写 11 位手机号码".into()));
                return;
            }
        };
        let named = match shared::account::api::staff_name(&name.get_untracked()) {
            Ok(n) => n,
            Err(_) => {
                problem.set(Some("姓名：请填写工作人员姓名（32 字以内）".into()));
                return;
            }
        };
        let body = CreateUserRequest {
            name: Some(named),
            phone: number,
            password: password.get_untracked(),
            role: role.get_untracked(),
            department: department.filter(|_| official),
            jurisdictions: if official {
                places.get_untracked()
            } else {
                Vec::new()
            },
        };
        if let Err(e) = shared::account::check_password(&body.password, Some(body.phone.as_str())) {
            let why = shared::i18n::password_problem(LANG, e);
            problem.set(Some(format!("初始密码：{why}")));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::users::create(&desk, &body).await;
            busy.set(false);
            match reply {
                Ok(_) => {
                    problem.set(None);
                    phone.set(String::new());
                    name.set(String::new());
                    password.set(String::new());
                    places.set(Vec::new());
                    on_created.run(());
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };

    let departments = move || {
        let catalog = desk.catalog.get()?;
        Some(
            catalog
                .departments
                .iter()
                .map(|d| view! { <option value=d.id.to_string()>{d.name.get(LANG).to_string()}</option> })
                .collect_view(),
        )
    };
    let roles = [Role::Official, Role::Supervisor, Role::Admin]
        .into_iter()
        .map(|r| view! { <option value=r.as_str()>{role_text(r)}</option> })
        .collect_view();

    view! {
        <form class="desk-card desk-newuser" on:submit=submit>
            <h2>"开设工作人员账号"</h2>
            <div class="desk-filters">
                <label class="desk-filter"><span>"姓名"</span>
                    <input name="new_name" type="text" autocomplete="off" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </label>
                <label class="desk-filter"><span>"手机号"</span>
                    <input name="new_phone" type="tel" prop:value=move || phone.get() on:input=move |ev| phone.set(event_target_value(&ev)) />
                </label>
                <label class="desk-filter"><span>"初始密码（至少 8 位）"</span>
                    <input name="new_password" type="text" autocomplete="new-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                </label>
                <label class="desk-filter"><span>"角色"</span>
                    <select name="new_role" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        role.set(Role::ALL.iter().copied().find(|r| r.as_str() == v).unwrap_or(Role::Official));
                    }>{roles}</select>
                </label>
                <label class="desk-filter"><span>"部门（工作人员）"</span>
                    <select name="new_department" disabled=move || role.get() != Role::Official
                        on:change=move |ev| department.set(event_target_value(&ev))>
                        <option value="">"请选择"</option>{departments}
                    </select>
                </label>
            </div>
            <fieldset class="desk-grant" disabled=move || role.get() != Role::Official>
                <legend>"属地（工作人员，可多选）"</legend>
                <Places name="jurisdictions" places=places />
            </fieldset>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            <button class="desk-button desk-button--primary" type="submit" disabled=move || busy.get()>"开设账号"</button>
        </form>
    }
}

/// An official's department and jurisdictions, replaced whole; the server records the
/// change in the audit log.
#[component]
fn Assign(user: UserView, on_done: Callback<()>) -> impl IntoView {
    let desk = use_desk();
    let department = RwSignal::new(
        user.department
            .map(|d| d.as_str().to_string())
            .unwrap_or_default(),
    );
    let places = RwSignal::new(user.jurisdictions.clone());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = user.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(department) = DepartmentId::parse(&department.get_untracked()) else {
            problem.set(Some("部门：请选择".into()));
            return;
        };
        let body = AssignRequest {
            department,
            jurisdictions: places.get_untracked(),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::users::assign(&desk, id, &body).await;
            busy.set(false);
            match reply {
                Ok(_) => on_done.run(()),
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    let options = move || {
        desk.catalog.get().map(|catalog| {
            catalog
                .departments
                .iter()
                .map(|d| view! { <option value=d.id.to_string()>{d.name.get(LANG).to_string()}</option> })
                .collect_view()
        })
    };
    view! {
        <form class="desk-assign" on:submit=submit aria-label="调整分工">
            <label class="desk-filter"><span>"部门"</span>
                <select name="assign_department" prop:value=move || department.get()
                    on:change=move |ev| department.set(event_target_value(&ev))>
                    <option value="">"请选择"</option>{options}
                </select>
            </label>
            <fieldset class="desk-grant">
                <legend>"属地（可多选）"</legend>
                <Places name="assign_jurisdictions" places=places />
            </fieldset>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            <button class="desk-button desk-button--primary" type="submit" disabled=move || busy.get()>"保存分工"</button>
        </form>
    }
}

/// One checkbox per jurisdiction of the catalog.
#[component]
fn Places(name: &'static str, places: RwSignal<Vec<JurisdictionId>>) -> impl IntoView {
    let desk = use_desk();
    move || {
        let catalog = desk.catalog.get()?;
        Some(
            catalog
                .jurisdictions
                .iter()
                .map(|j| {
                    let id = j.id;
                    view! {
                        <label class="desk-check">
                            <input type="checkbox" name=name value=id.as_str()
                                prop:checked=move || places.with(|p| p.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    places.update(|p| {
                                        p.retain(|x| *x != id);
                                        if on { p.push(id) }
                                    });
                                } />
                            <span>{j.name.get(LANG).to_string()}</span>
                        </label>
                    }
                })
                .collect_view(),
        )
    }
}

/// What an administrator changes on an account besides its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Name,
    /// 忘记密码: a new password, after checking who asks.
    Password,
}

/// A staff member's name, or a new password for an account whose holder forgot theirs; the
/// server records either in the audit log.
#[component]
fn NameOrPassword(user: UserView, change: Change, on_done: Callback<()>) -> impl IntoView {
    let desk = use_desk();
    let typed = RwSignal::new(match change {
        Change::Name => user.name.clone().unwrap_or_default(),
        Change::Password => String::new(),
    });
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = user.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = typed.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = match change {
                Change::Name => api::users::rename(&desk, id, &RenameRequest { name: text }).await,
                Change::Password => {
                    let body = ResetPasswordRequest { password: text };
                    api::users::reset_password(&desk, id, &body).await
                }
            };
            busy.set(false);
            match reply {
                Ok(_) => on_done.run(()),
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    let (label, name, note, button) = match change {
        Change::Name => (
            "姓名",
            "rename",
            "显示在工作台页头、转交和办理记录中。",
            "保存姓名",
        ),
        Change::Password => (
            "新密码（至少 8 位）",
            "reset_password",
            "请先核实来人身份（本人到窗口或回拨预留电话）。重置后该账号在所有设备上退出，请将新密码当面或电话告知本人，并提醒登录后自行保管。",
            "重置密码",
        ),
    };
    view! {
        <form class="desk-assign" on:submit=submit aria-label=button data-change=name>
            <p class="desk-hint">{format!("{} · {}", user.name.clone().unwrap_or_default(), user.phone_masked)}" "{note}</p>
            <label class="desk-filter"><span>{label}</span>
                <input name=name type="text" autocomplete="off" prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev)) />
            </label>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            <button class="desk-button desk-button--primary" type="submit" disabled=move || busy.get()>{button}</button>
        </form>
    }
}
