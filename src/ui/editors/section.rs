//! A section of the offer's fields (`form::fields::SECTIONS`): a switchable block (revenue share,
//! buybacks) shows its fields only when on, and a term the offer does not have collapses to one
//! line that says so, with a button that adds it.

use leptos::prelude::*;

use super::{Audience, OfferDoc};
use crate::form::draft;
use crate::form::fields::{is_shown, Absent, Section as SectionSpec};
use crate::offer::paths;
use crate::ui::kit::field::{field_id, Errors, Field};
use crate::ui::kit::focus::focus_when_drawn;

/// A term this offer does not have, as one line: "No buybacks in this offer." and a button that
/// adds it (`add` does, and says whether the section opens in place).
pub fn absent_line<D: OfferDoc>(
    doc: D,
    absent: Absent,
    testid: String,
    locked: bool,
    add: impl Fn() + 'static,
) -> AnyView {
    let says = match doc.audience() {
        Audience::Person => absent.says.to_string(),
        Audience::Company => absent.says.replace("this offer", "this plan"),
    };
    view! {
        <p class="absent">
            {says}" "
            <button type="button" class="small" data-testid=testid disabled=locked on:click=move |_| add()>{absent.add}</button>
        </p>
    }
    .into_any()
}

/// A group of fields, with what belongs inside it (`children`): a block shows its fields only
/// when switched on; a term the offer does not have is one line that adds it, a block with its
/// defaults (as its switch does), a term of plain fields (the cap) by opening them.
#[component]
pub fn Section<D: OfferDoc>(
    doc: D,
    section: &'static SectionSpec,
    children: Children,
) -> impl IntoView {
    // Switching draws the section again, so reading the offer once is enough.
    let on_initially = match section.switch {
        Some(block) => {
            doc.with_offer_untracked(|o| paths::get(o, block).is_some_and(|v| !v.is_null()))
        }
        None => true,
    };
    let present = on_initially
        && (section.switch.is_some()
            || section.absent.is_none()
            || doc.with_offer_untracked(|o| {
                section.fields.iter().any(|f| !paths::text_at(o, f.path).is_empty())
            }));
    // Opened by its button, for a term of plain fields; a block opens by being switched on.
    let opened = RwSignal::new(present);
    let kind_of = |block: &'static str| block.rsplit('.').next().unwrap_or(block);
    let toggle = section.switch.filter(|_| on_initially).map(|block| {
        let locked = doc.is_locked(&doc.path(block));
        let testid = doc.test_id(&format!("switch-{}", kind_of(block)), &[]);
        let keep = testid.clone();
        let id = format!("{}-on", field_id(&doc.path(block)));
        let words = match doc.audience() {
            Audience::Person => " Included in this offer",
            Audience::Company => " The plan has this",
        };
        view! {
            <label class="switch" for=id.clone()>
                <input type="checkbox" id=id.clone() checked=on_initially data-testid=testid disabled=locked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        doc.restructure(keep.clone(), |o| draft::switch_block(o, block, on));
                    } />
                {words}
            </label>
        }
    });
    let collapsed = section.absent.filter(|_| !present).map(|absent| {
        let (name, locked) = match section.switch {
            Some(block) => (format!("add-{}", kind_of(block)), doc.is_locked(&doc.path(block))),
            None => (
                format!("add-{}", section.id),
                section.fields.iter().all(|f| doc.is_locked(&doc.path(f.path))),
            ),
        };
        let testid = doc.test_id(&name, &[]);
        let keep = section.switch.map(|block| doc.test_id(&format!("switch-{}", kind_of(block)), &[]));
        let add = move || match section.switch {
            Some(block) => doc.restructure(keep.clone().unwrap_or_default(), |o| draft::switch_block(o, block, true)),
            None => {
                opened.set(true);
                if let Some(first) = section.fields.first() {
                    focus_when_drawn(format!("#{}", field_id(&doc.path(first.path))));
                }
            }
        };
        view! { <Show when=move || !opened.get()>{absent_line(doc, absent, testid.clone(), locked, add.clone())}</Show> }
    });
    // Fields that belong to another choice (the classic vesting under a schedule) are left out;
    // a choice that changes them draws the section again.
    let fields = on_initially.then(|| {
        doc.with_offer_untracked(|o| {
            section
                .fields
                .iter()
                .filter(|spec| doc.edits(spec) && is_shown(spec, o))
                .map(|spec| view! { <Field doc=doc spec=spec optional=spec.optional /> })
                .collect_view()
        })
    });
    let errors_at = doc.path(section.switch.unwrap_or(""));
    let block_errors = section.switch.map(|_| {
        view! { <Errors doc=doc path=errors_at /> }
    });
    view! {
        <fieldset class="form-section" class:collapsed=move || !opened.get()
            id=doc.test_id(&format!("section-{}", section.id), &[])
            data-testid=doc.test_id(&format!("section-{}", section.id), &[])>
            <legend>{section.title}</legend>
            {collapsed}
            <div class="section-body" hidden=move || !opened.get()>
                {toggle}
                {block_errors}
                {fields}
                {children()}
            </div>
        </fieldset>
    }
}
