//! The guided start (issue 17): "Start from your offer letter", a few plain questions, one step at
//! a time, beside the headline figures as they form. The answers and the offer they make are in
//! `form::guided`; this only shows them.
//!
//! The guided start writes its offer, as a new saved offer of its own, from its first step on, so
//! that the headline beside it is the page's own (the same `Workspace` valuation, the same
//! `Headline`): while it is on, the page shows only the headline, and the steps take the form's
//! place. Finishing leaves the offer open in the normal page; leaving removes it.
//!
//! The entry points are links to `#start` (one in the static header of index.html, one in the
//! offers bar), so that the main module holds only [`follow_start_links`] and [`GuidedColumn`],
//! its place in the page: the steps are in the `guided` chunk, fetched on first use.

use leptos::prelude::*;

use super::kit::chunk::{in_chunk, when_ready, Lazy};
use super::kit::field::{field_id, whose_badge};
use super::kit::focus::focus_when_drawn;
use super::state::{Notice, Workspace};
use crate::form::fields::FieldKind;
use crate::form::guided::{
    assumed_sentence, build, question_for_path, questions, step_for_path, Answers, Input, Question,
    Step, STEPS,
};
use crate::offer::entry::in_point_form_text;
use crate::offer::paths::text_at;

/// The address fragment that opens the guided start.
pub const START_FRAGMENT: &str = "#start";

/// Opens the guided start for `#start` in the address, now and whenever it is pasted or
/// followed in this tab.
pub fn follow_start_links(ws: Workspace) {
    follow_start_link(ws);
    let handle = window_event_listener(leptos::ev::hashchange, move |_| follow_start_link(ws));
    on_cleanup(move || handle.remove());
}

/// Opens the guided start if the address asks (`#start`): on load, and on each change of the
/// fragment. The fragment is taken off the address at once, so that a reload opens the page and
/// the link works again. The steps' chunk is fetched first: if it cannot be, the page stays as it
/// was and says so, and the link tries again.
fn follow_start_link(ws: Workspace) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    if location.hash().ok().as_deref() != Some(START_FRAGMENT) {
        return;
    }
    let path = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    if ws.guiding.get_untracked() {
        focus_when_drawn("#guided-title");
        return;
    }
    when_ready(guided_chunk(), move |fetched| {
        ws.notices.update(|n| {
            n.retain(|n| !matches!(n, Notice::GuidedSaved(_) | Notice::GuidedUnavailable))
        });
        match fetched {
            Ok(()) => ws.guiding.set(true),
            Err(_) => ws.notices.update(|n| n.push(Notice::GuidedUnavailable)),
        }
    });
}

in_chunk! {
    /// Fetches the guided start's chunk (its steps are drawn by [`GuidedColumn`] once it is here).
    fn guided_chunk() in guided -> () {}
}

in_chunk! {
    /// The steps, in the guided chunk.
    fn guided_steps() in guided { view! { <GuidedSteps /> } }
}

/// The attribute on `<body>` that, while the guided start is on, leaves only the headline of
/// the page beside it (style/main.css).
const GUIDING: &str = "data-guiding";

/// The attribute on `<body>` while the salary is still the starting answer's: the headline's
/// summary, which would state it as the person's, is left out (style/main.css; issue 28).
const SALARY_ASSUMED: &str = "data-salary-assumed";

/// The guided start's place in the page, first in the layout: empty until it is opened.
#[component]
pub fn GuidedColumn() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    Effect::new(move |_| {
        let on = ws.guiding.get();
        if let Some(body) = document().body() {
            let _ = body.toggle_attribute_with_force(GUIDING, on);
            if !on {
                let _ = body.remove_attribute(SALARY_ASSUMED);
            }
        }
    });
    move || {
        ws.guiding
            .get()
            .then(|| view! { <div class="guided-column"><Lazy load=guided_steps /></div> })
    }
}

/// Closes the guided start; with the name of the offer it saved, says so above the page.
fn close(ws: Workspace, saved: Option<String>) {
    ws.guiding.set(false);
    if let Some(name) = saved {
        ws.notices.update(|n| n.push(Notice::GuidedSaved(name)));
    }
}

/// The steps, from a new saved offer made of the starting answers.
#[component]
fn GuidedSteps() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let answers = RwSignal::new(Answers::default());
    let built = build(&answers.get_untracked());
    let problems = RwSignal::new(built.problems);
    // A new offer, never another one: its own id, written only through `write`. It is on screen
    // at once but saved only from the first answer: opening a link saves nothing, and a shared
    // offer on screen is back if the person leaves.
    let previous = ws.library.with_untracked(|lib| lib.current().map(|o| o.id.clone()));
    let id = ws
        .library
        .with_untracked(|lib| lib.fresh_id(&format!("guided-{}", js_sys::Date::now() as u64)));
    ws.guided.set(Some(built.document));
    let own_id = StoredValue::new(id);
    let saved = StoredValue::new(false);
    let write = move || {
        let built = answers.with_untracked(build);
        problems.set(built.problems);
        let id = own_id.get_value();
        ws.guided.set(Some(built.document.clone()));
        let first = !saved.get_value();
        saved.set_value(true);
        // Deleted in another tab meanwhile: kept on screen, not saved again.
        ws.library.update(|lib| {
            lib.save(&id, built.document, first);
        });
        if first {
            // The page's form, hidden meanwhile, follows the new offer (its tables too).
            ws.rebuild_form();
        }
    };
    let answer = move |question: &'static str, text: String| {
        answers.update(|a| a.answer(question, text));
        write();
    };
    let step = RwSignal::new(Step::Offered);
    // The ids of the questions asked on this step: the inputs are drawn again only when they
    // change (a switch brings its questions), never on a keystroke.
    let asked = Memo::new(move |_| {
        let step = step.get();
        answers.with(|a| {
            questions(step)
                .into_iter()
                .filter(|q| q.is_asked(a))
                .map(|q| q.id())
                .collect::<Vec<_>>()
        })
    });
    let validator_errors = move |within: Step| {
        ws.checked.with(|c| match c {
            Ok(_) => Vec::new(),
            Err(errors) => answers.with(|a| {
                errors
                    .iter()
                    .filter(|e| step_for_path(a, &e.path) == within)
                    .map(|e| (question_for_path(a, &e.path), e.message.clone()))
                    .collect::<Vec<_>>()
            }),
        })
    };
    let step_has_errors = move |within: Step| {
        let asked: Vec<&str> = answers.with_untracked(|a| {
            questions(within).into_iter().filter(|q| q.is_asked(a)).map(|q| q.id()).collect()
        });
        !validator_errors(within).is_empty()
            || problems.with_untracked(|p| p.iter().any(|(id, _)| asked.contains(id)))
    };
    // The furthest step seen: the answers of the steps after it are still the starting ones.
    let furthest = RwSignal::new(Step::Offered);
    let assumed = Memo::new(move |_| answers.with(|a| assumed_sentence(a, furthest.get())));
    Effect::new(move |_| {
        let salary_assumed = furthest.get().number() < Step::GiveUp.number();
        if let Some(body) = document().body() {
            let _ = body.toggle_attribute_with_force(SALARY_ASSUMED, salary_assumed);
        }
    });
    let go_to = move |to: Step| {
        if to.number() > furthest.get_untracked().number() {
            furthest.set(to);
        }
        step.set(to);
        focus_when_drawn("#guided-title");
    };
    let finish = move || {
        if let Some(first) = STEPS.into_iter().find(|s| step_has_errors(*s)) {
            go_to(first);
            return;
        }
        if !saved.get_value() {
            write();
        }
        let name = ws.draft.with_untracked(|d| text_at(d, "name"));
        ws.guided.set(None);
        ws.close_shared();
        close(ws, Some(name));
        ws.rebuild_form();
        focus_when_drawn("[data-testid=offer-picker]");
    };
    let next = move || {
        let now = step.get_untracked();
        if step_has_errors(now) {
            focus_when_drawn(".guided [aria-invalid=true], .guided .step-errors:not(:empty)");
            return;
        }
        match now.next() {
            Some(next) => go_to(next),
            None => finish(),
        }
    };
    let leave = move || {
        let id = own_id.get_value();
        let previous = previous.clone();
        if saved.get_value() {
            ws.library.update(|lib| lib.discard(&id, previous.as_deref()));
        }
        ws.guided.set(None);
        close(ws, None);
        ws.rebuild_form();
        focus_when_drawn("[data-testid=guided-start]");
    };
    let leave_on_escape = leave.clone();
    focus_when_drawn("#guided-title");
    let step_errors = move || {
        validator_errors(step.get())
            .into_iter()
            .filter(|(question, _)| question.is_none_or(|q| !asked.with(|a| a.contains(&q))))
            .map(|(_, message)| message)
            .collect::<Vec<_>>()
            .join("; ")
    };
    view! {
        // Escape leaves, as "Leave without saving" does (a dialog's key; the guided start takes the form's place).
        <section class="form-section guided" aria-labelledby="guided-progress guided-title" data-testid="guided" data-step=move || step.get().id()
            on:keydown=move |ev| if ev.key() == "Escape" && !ev.default_prevented() { ev.prevent_default(); leave_on_escape() }>
            <p class="note" id="guided-progress" data-testid="guided-progress">{move || step.get().progress()}</p>
            <h2 id="guided-title" tabindex="-1" data-testid="guided-title">{move || step.get().title()}</h2>
            <p class="help">{move || step.get().intro()}</p>
            {move || assumed.get().map(|said| view! { <p class="note guided-assumed" data-testid="guided-assumed">{said}</p> })}
            <form novalidate=true on:submit=move |ev| { ev.prevent_default(); next(); }>
                <For each=move || asked.get() key=|id| *id let(question)>
                    {questions(step.get_untracked()).into_iter().find(|q| q.id() == question).map(|q| view! {
                        <GuidedQuestion question=q answers=answers problems=problems answer=answer />
                    })}
                </For>
                <p class="error step-errors" tabindex="-1" data-testid="guided-step-errors" aria-live="polite">{step_errors}</p>
                <div class="buttons row-actions">
                    <Show when=move || step.get().previous().is_some()>
                        <button type="button" class="small" data-testid="guided-back"
                            on:click=move |_| if let Some(back) = step.get_untracked().previous() { go_to(back) }>"Back"</button>
                    </Show>
                    <button type="submit" data-testid="guided-next">
                        {move || if step.get().next().is_some() { "Next" } else { "Finish: save and open the offer" }}
                    </button>
                    <button type="button" class="small" data-testid="guided-leave" on:click=move |_| leave()>"Leave without saving"</button>
                </div>
            </form>
        </section>
    }
}

/// One question: its input, its help, and what is wrong with the answer.
#[component]
fn GuidedQuestion(
    question: Question,
    answers: RwSignal<Answers>,
    problems: RwSignal<Vec<(&'static str, String)>>,
    answer: impl Fn(&'static str, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let qid = question.id();
    let id = format!("g{}", field_id(qid));
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let describedby = format!("{help_id} {error_id}");
    let message = move || {
        problems.with(|p| p.iter().find(|(q, _)| *q == qid).map(|(_, m)| m.clone())).or_else(|| {
            ws.checked.with(|c| {
                let errors = c.as_ref().err()?;
                let found: Vec<String> = answers.with(|a| {
                    errors
                        .iter()
                        .filter(|e| question_for_path(a, &e.path) == Some(qid))
                        .map(|e| e.message.clone())
                        .collect()
                });
                (!found.is_empty()).then(|| found.join("; "))
            })
        })
    };
    let invalid = Memo::new(move |_| message().is_some());
    let initial = answers.with_untracked(|a| a.get(qid).to_string());
    let currency = move || ws.draft.with(|d| text_at(d, "currency"));
    let unit = question.spec.unit;
    let unit_text = move || match question.input() {
        Input::Field(FieldKind::Money) | Input::Years if unit.is_empty() => currency(),
        Input::Field(FieldKind::Money) => format!("{} {unit}", currency()),
        _ => unit.to_string(),
    };
    // The help that fits the answers so far (an outlook's, under "My own numbers").
    let help = view! {
        <p class="help" id=help_id.clone() data-testid=format!("guided-help-{qid}")>
            {whose_badge(question.spec.whose)}
            {move || answers.with(|a| question.help_for(a))}
        </p>
    };
    let error = view! {
        <p class="error" id=error_id data-testid=format!("guided-error-{qid}") aria-live="polite">{move || message().unwrap_or_default()}</p>
    };
    match question.input() {
        Input::Field(FieldKind::Switch) => view! {
            <div class="field guided-switch">
                <label class="switch">
                    <input type="checkbox" id=id data-testid=format!("guided-{qid}") checked=initial == "true"
                        aria-describedby=describedby
                        on:change=move |ev| answer(qid, event_target_checked(&ev).to_string()) />
                    " " {question.spec.label}
                </label>
                {help}
                {error}
            </div>
        }
        .into_any(),
        Input::Field(FieldKind::Choice(choices)) => view! {
            <fieldset class="field choice" class:invalid=move || invalid.get() aria-describedby=describedby>
                <legend>{question.spec.label}</legend>
                {choices.iter().map(|(value, label)| view! {
                    <label class="switch">
                        <input type="radio" name=id.clone() value=*value checked=initial == *value
                            data-testid=format!("guided-{qid}-{value}")
                            on:change=move |_| answer(qid, (*value).to_string()) />
                        " " {*label}
                    </label>
                }).collect_view()}
                {help}
                {error}
            </fieldset>
        }
        .into_any(),
        input => {
            let mode = if matches!(input, Input::Field(FieldKind::Text)) { "text" } else { "decimal" };
            // A number typed in the page's format (`1.234,56` in de-DE) is kept in point form, as
            // the answers are read; text and year lists (`5M, 15M`) as typed.
            let numeric = matches!(input, Input::Field(kind) if kind != FieldKind::Text);
            let in_point_form = move |typed: String| {
                if numeric {
                    in_point_form_text(&typed, crate::report::locale::signs()).unwrap_or(typed)
                } else {
                    typed
                }
            };
            // An answer another one changes (the rates a residence fills) is shown as it changes.
            let input_ref = NodeRef::<leptos::html::Input>::new();
            super::kit::field::follow_outside_changes(
                move || answers.with(|a| a.get(qid).to_string()),
                question.spec.kind,
                input_ref,
            );
            view! {
                <div class="field" class:invalid=move || invalid.get()>
                    <label for=id.clone()>{question.spec.label}</label>
                    <div class="input-row">
                        <input type="text" node_ref=input_ref id=id data-testid=format!("guided-{qid}") value=initial inputmode=mode
                            autocomplete="off" spellcheck="false" aria-describedby=describedby
                            aria-invalid=move || invalid.get().to_string()
                            on:input=move |ev| answer(qid, in_point_form(event_target_value(&ev))) />
                        <span class="unit">{unit_text}</span>
                    </div>
                    {help}
                    {error}
                </div>
            }
            .into_any()
        }
    }
}
