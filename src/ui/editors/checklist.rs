//! The transparency questions, answered yes / no / not known: a person's answers become questions
//! to ask before signing; a company's are what its plan's disclosure page tells employees.

use leptos::prelude::*;
use serde_json::Value;

use super::{Audience, OfferDoc};
use crate::offer::paths;
use crate::report::checklist::checklist_questions;
use crate::ui::kit::field::Errors;

/// The questions, the compute budget's too when the offer has one.
#[component]
pub fn Checklist<D: OfferDoc>(doc: D) -> impl IntoView {
    let budget =
        doc.with_offer_untracked(|o| paths::get(o, "compute_budget").is_some_and(|b| !b.is_null()));
    let (legend, help, unknown) = match doc.audience() {
        Audience::Person => (
            "Before you sign",
            "What you know about how the plan is run. These change no figure; every \"no\" or \"don't know\" becomes a question to ask.",
            "Don't know",
        ),
        Audience::Company => (
            "The company's answers",
            "What the plan disclosure page tells employees about how the plan is run.",
            "Not said",
        ),
    };
    let questions = checklist_questions(budget)
        .map(|(key, question)| {
            let path = doc.path(&format!("checklist.{key}"));
            let answer = doc.text_at_untracked(&path);
            let answer = if answer.is_empty() { "unknown".to_string() } else { answer };
            let group = doc.test_id(&format!("q-{key}"), &[]);
            let errors_at = path.clone();
            view! {
                <div class="question" role="radiogroup" aria-label=*question>
                    <p>{*question}</p>
                    {[("yes", "Yes"), ("no", "No"), ("unknown", unknown)].into_iter().map(|(value, label)| {
                        let path = path.clone();
                        view! {
                            <label class="answer">
                                <input type="radio" name=group.clone() value=value checked=answer == value
                                    data-testid=doc.test_id(&format!("checklist-{key}-{value}"), &[])
                                    on:change=move |_| doc.set_field(&path, Value::String(value.to_string())) />
                                " " {label}
                            </label>
                        }
                    }).collect_view()}
                    <Errors doc=doc path=errors_at />
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="form-section" id=doc.test_id("section-checklist", &[]) data-testid=doc.test_id("section-checklist", &[])>
            <legend>{legend}</legend>
            <p class="help">{help}</p>
            {questions}
        </fieldset>
    }
}
