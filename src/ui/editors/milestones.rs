//! The milestones table: fixed payments per token if the project reaches a goal. A renamed
//! milestone is renamed in the scenarios that reach it (`form::draft::rename_milestone`, through
//! the page's `set_field`), so the link is kept.

use leptos::prelude::*;

use super::{absent_line, Audience, OfferDoc};
use crate::form::draft;
use crate::form::fields::{Whose, MILESTONE_COLUMNS, NO_MILESTONES};
use crate::ui::kit::field::{whose_badge, Errors, Field};

const LIST: &str = "payouts.milestones";

/// The milestones, as a section of their own (with the revenue share's: both are "how the tokens
/// pay"), or one line that adds the first.
#[component]
pub fn Milestones<D: OfferDoc>(doc: D) -> impl IntoView {
    let locked = doc.is_locked(&doc.path(LIST));
    let count = doc.list_len(LIST);
    let add_id = doc.test_id("add-milestone", &[]);
    let section_id = doc.test_id("section-milestones", &[]);
    if count == 0 {
        let keep = add_id.clone();
        return view! {
            <fieldset class="form-section collapsed" id=section_id>
                <legend>"Milestones"</legend>
                {absent_line(doc, NO_MILESTONES, add_id, locked, move || doc.restructure(keep.clone(), draft::add_milestone))}
            </fieldset>
        }
        .into_any();
    }
    let rows = (0..count)
        .map(|k| {
            view! {
                <tr data-testid=doc.test_id("milestone-row", &[k])>
                    {MILESTONE_COLUMNS.iter().map(|spec| {
                        view! { <td><Field doc=doc spec=spec at=format!("{LIST}[{k}].{}", spec.path) compact=true /></td> }
                    }).collect_view()}
                    <td><button type="button" class="icon" data-testid=doc.test_id("remove-milestone", &[k]) aria-label=format!("Remove milestone {}", k + 1) disabled=locked
                        on:click=move |_| doc.restructure(doc.test_id("add-milestone", &[]), |o| draft::remove_milestone(o, k))>"Remove"</button></td>
                </tr>
            }
        })
        .collect_view();
    let help = match doc.audience() {
        Audience::Person => "Fixed payments per token if the project reaches a goal. Which scenarios reach which milestone is set in the scenario table.",
        Audience::Company => "Fixed payments per token if the project reaches a goal; which scenarios reach which is set in the scenario table.",
    };
    let badge = (doc.audience() == Audience::Person).then(|| whose_badge(Whose::Plan));
    let errors_at = doc.path(LIST);
    let keep = add_id.clone();
    view! {
        <fieldset class="form-section" id=section_id>
            <legend>"Milestones"</legend>
            <p class="help">{badge}{help}</p>
            <div class="table-scroll">
                <table class="edit-table cards milestones" data-testid=doc.test_id("milestones-table", &[])>
                    <thead><tr>{MILESTONE_COLUMNS.iter().map(|c| view! { <th scope="col">{c.label}</th> }).collect_view()}<th><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Errors doc=doc path=errors_at />
            <button type="button" data-testid=add_id disabled=locked on:click=move |_| doc.restructure(keep.clone(), draft::add_milestone)>"Add a milestone"</button>
        </fieldset>
    }
    .into_any()
}
