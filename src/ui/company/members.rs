//! Each member's own figures that the members table has no column for: where they pay tax, when
//! their tokens are taxed, and their rule for leaving when the project goes badly (MODEL.md 8.2,
//! 8.3, 8.5). One disclosure per member, drawn by the calculator's own section editors over the
//! member's own fields seen as an offer (`company::member`).

use leptos::prelude::*;
use serde_json::Value;

use super::state::Company;
use crate::company::member::{edit_member, member_offer, member_sections};
use crate::form::draft;
use crate::form::fields::FieldSpec;
use crate::offer::paths::{list_len, text_at};
use crate::team::{member_offer_path, member_path};
use crate::ui::editors::{joined_id, OfferDoc, Section};
use crate::ui::kit::disclosures::OpenRows;
use crate::ui::kit::field::{Audience, Document};
use crate::ui::kit::focus::focus_when_drawn;

/// Member `i`'s own fields, as the section editors edit an offer.
#[derive(Clone, Copy)]
struct Member {
    co: Company,
    i: usize,
}

impl Document for Member {
    fn path(&self, at: &str) -> String {
        member_path(at, self.i).unwrap_or_else(|| format!("members[{}].{at}", self.i))
    }
    fn text_at(&self, path: &str) -> String {
        self.co.text_at(path)
    }
    fn text_at_untracked(&self, path: &str) -> String {
        self.co.text_at_untracked(path)
    }
    fn errors_at(&self, path: &str) -> Vec<String> {
        Document::errors_at(&self.co, path)
    }
    fn set_field(&self, path: &str, value: Value) {
        self.co.set_field(path, value);
    }
    /// Where the member pays tax fills their rates, as the calculator's form does for a person.
    fn set_choice(&self, path: &str, value: &str) {
        let Some(at) = member_offer_path(path, self.i) else { return };
        let mut redraw = false;
        self.co.team.update(|d| {
            edit_member(d, self.i, |o| redraw = draft::set_choice(o, &at, value));
        });
        if redraw {
            self.co.restructure(|_| ());
            focus_when_drawn(format!("[data-testid=\"field-{path}\"]"));
        }
    }
    fn audience(&self) -> Audience {
        Audience::Company
    }
    fn currency(&self, _at: &str) -> String {
        self.co.team.with(|d| text_at(&member_offer(d, self.i), "currency"))
    }
}

impl OfferDoc for Member {
    fn with_offer<T>(&self, read: impl FnOnce(&Value) -> T) -> T {
        read(&self.co.team.with(|d| member_offer(d, self.i)))
    }
    fn with_offer_untracked<T>(&self, read: impl FnOnce(&Value) -> T) -> T {
        read(&self.co.team.with_untracked(|d| member_offer(d, self.i)))
    }
    fn restructure(&self, keep: String, change: impl FnOnce(&mut Value)) {
        let i = self.i;
        self.co.restructure(|d| {
            edit_member(d, i, change);
        });
        focus_when_drawn(format!("[data-testid=\"{keep}\"]"));
    }
    fn edit(&self, change: impl FnOnce(&mut Value)) {
        self.co.team.update(|d| {
            edit_member(d, self.i, change);
        });
    }
    fn errors_shown_at(&self, at: &str) -> Vec<String> {
        Document::errors_at(&self.co, &self.path(at))
    }
    fn test_id(&self, name: &str, rows: &[usize]) -> String {
        joined_id(&format!("member-{name}"), std::iter::once(self.i).chain(rows.iter().copied()))
    }
    fn edits(&self, spec: &FieldSpec) -> bool {
        crate::company::member::edits(spec)
    }
}

/// Every member's own tax and leaving rule, one disclosure each, closed until opened and drawn
/// only while open.
#[component]
pub fn MembersOwnFigures() -> impl IntoView {
    let co = expect_context::<Company>();
    let count = Memo::new(move |_| co.team.with(|d| list_len(d, "members")));
    let open = OpenRows::new(Vec::new());
    move || {
        co.generation.track();
        view! {
            <section aria-labelledby="members-own-heading" data-testid="members-own">
                <h2 id="members-own-heading">"Each member's tax and leaving rule"</h2>
                <p class="hint">"Where each member pays tax, when their tokens are taxed, and whether they would leave if the project earned too little: each member's own, like their salary. The company's cost stays before tax."</p>
                {(0..count.get()).map(|i| {
                    let doc = Member { co, i };
                    let is_open = RwSignal::new(open.is_open(i));
                    let on_toggle = move |ev: leptos::ev::Event| is_open.set(open.toggled(i, &ev));
                    let name = move || co.team.with(|d| text_at(d, &format!("members[{i}].name")));
                    view! {
                        <details class="plan" data-testid=format!("member-own-{i}") open=is_open.get_untracked() on:toggle=on_toggle>
                            <summary data-testid=format!("member-own-summary-{i}")>{name}</summary>
                            // Drawn only while open: a closed member's fields follow no keystroke.
                            {move || is_open.get().then(|| view! {
                                <div class="plan-body">
                                    {member_sections().map(|section| view! { <Section doc=doc section=section>{None::<AnyView>}</Section> }).collect_view()}
                                </div>
                            })}
                        </details>
                    }
                }).collect_view()}
            </section>
        }
    }
}
