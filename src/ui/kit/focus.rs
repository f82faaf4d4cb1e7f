//! Keeps the keyboard's place when the form is rebuilt. A button such as "Add a scenario" or
//! "Remove" rebuilds the form from the draft, and the control that had focus is replaced by a new
//! one: without this, focus falls to the page's body and a keyboard user must tab from the top.
//! A text field that is drawn again (another tab's edit redraws the whole form) gets its caret back
//! too, so that the next character typed lands where the person was typing.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

/// Every control the keyboard can reach, in the order it reaches them.
const CONTROLS: &str = "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), \
                        button:not([disabled]), summary, a[href]";

/// Where focus was before a rebuild.
pub struct FocusMark {
    /// The control's own name (`data-testid` or `id`): found again if it is still there.
    name: Option<Name>,
    /// Its place among the page's controls, for a control with no name or one that is gone.
    place: Option<usize>,
    /// For a control in a table row (a "Remove" button), the row it was in.
    row: Option<RowMark>,
    /// For a text field, where its caret or selection was (start, end, in UTF-16 units).
    caret: Option<(u32, u32)>,
}

struct RowMark {
    table: Name,
    /// The control's place within its row, and how many controls the row had.
    column: usize,
    len: usize,
}

/// An element's name: the attribute that names it, and its value.
struct Name(&'static str, String);

impl FocusMark {
    /// Notes the focused control.
    pub fn take() -> Self {
        let Some(focused) = leptos::prelude::document().active_element() else {
            return FocusMark { name: None, place: None, row: None, caret: None };
        };
        let row = focused.closest("tr").ok().flatten().and_then(|row| {
            let table = name_of(&focused.closest("table").ok().flatten()?)?;
            let in_row = controls_in(&row);
            let column = in_row.iter().position(|c| same(c, &focused))?;
            Some(RowMark { table, column, len: in_row.len() })
        });
        let place = page_controls().iter().position(|c| same(c, &focused));
        FocusMark { name: name_of(&focused), place, row, caret: caret_of(&focused) }
    }

    /// After a part of the page that holds focus is rebuilt whole (the verdict, for each new
    /// decision): the same control if it is there again, else `fallback` (a selector), for
    /// instance the new verdict, which a screen reader then reads.
    pub fn keep_within(part: &str, fallback: &'static str) {
        let inside = leptos::prelude::document()
            .active_element()
            .is_some_and(|a| a.closest(part).ok().flatten().is_some());
        if inside {
            let mark = FocusMark::take();
            leptos::prelude::request_animation_frame(move || {
                let fallback = || {
                    leptos::prelude::document()
                        .query_selector(fallback)
                        .ok()
                        .flatten()?
                        .dyn_into::<HtmlElement>()
                        .ok()
                };
                focus_if_lost(|| mark.again().or_else(fallback));
            });
        }
    }

    /// Puts focus back after the rebuild, unless the person has already moved it. The same control
    /// if it is still there, a text field with its caret where it was; else, for a removed row, the
    /// same control in the next row, else in the row before, else what follows the table (its
    /// "Add" button); else the control now in its place.
    pub fn restore(self) {
        let again = self.again();
        let focused = focus_if_lost(|| {
            again.clone().or_else(|| {
                let place = self.place?;
                let controls = page_controls();
                let at = |i: usize| controls.get(i).cloned();
                match &self.row {
                    Some(row) => {
                        let table = find(&row.table);
                        let in_table =
                            |e: &HtmlElement| table.as_ref().is_some_and(|t| t.contains(Some(e)));
                        at(place)
                            .filter(in_table)
                            .or_else(|| at(place.checked_sub(row.len)?).filter(in_table))
                            .or_else(|| at(place.checked_sub(row.column)?))
                    }
                    None => at(place).or_else(|| controls.last().cloned()),
                }
            })
        });
        if let (Some(focused), Some(again), Some(caret)) = (focused, again, self.caret) {
            if same(&focused, &again) {
                put_caret(&again, caret);
            }
        }
    }

    /// The same control, drawn again under the same name, if it can take focus.
    fn again(&self) -> Option<HtmlElement> {
        self.name
            .as_ref()
            .and_then(find)
            .filter(|e| e.matches(CONTROLS).unwrap_or(false) && shown(e))
    }
}

/// Focuses the control `choose` finds, if focus has fallen to the page's body (its control was
/// removed); a person who has already moved on keeps their place. Returns the control focused.
fn focus_if_lost(choose: impl FnOnce() -> Option<HtmlElement>) -> Option<HtmlElement> {
    let document = leptos::prelude::document();
    let lost = document
        .active_element()
        .is_none_or(|active| document.body().is_some_and(|body| same(&body, &active)));
    let target = lost.then(choose).flatten()?;
    let _ = target.focus();
    Some(target)
}

/// Where a text field's caret or selection is; `None` for other controls (and for input types
/// such as checkboxes, whose `selectionStart` is null).
fn caret_of(element: &Element) -> Option<(u32, u32)> {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        return Some((input.selection_start().ok()??, input.selection_end().ok()??));
    }
    let area = element.dyn_ref::<HtmlTextAreaElement>()?;
    Some((area.selection_start().ok()??, area.selection_end().ok()??))
}

/// Puts a text field's caret back, within its text as it now is (the other tab may have shortened it).
fn put_caret(element: &HtmlElement, (start, end): (u32, u32)) {
    let within = |text: String| {
        let len = u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX);
        (start.min(len), end.min(len))
    };
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        let (start, end) = within(input.value());
        let _ = input.set_selection_range(start, end);
    } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        let (start, end) = within(area.value());
        let _ = area.set_selection_range(start, end);
    }
}

/// Focuses the element `selector` names once the change that draws it is on the page (a control
/// that replaces the one pressed, such as the name field that "Rename" opens, or the first field
/// of a term that "Add a cap" opens), selecting its text.
pub fn focus_when_drawn(selector: impl Into<String>) {
    let selector = selector.into();
    leptos::prelude::request_animation_frame(move || {
        let Some(element) = leptos::prelude::document().query_selector(&selector).ok().flatten()
        else {
            return;
        };
        if let Some(element) = element.dyn_ref::<HtmlElement>() {
            let _ = element.focus();
        }
        if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            input.select();
        }
    });
}

fn name_of(element: &Element) -> Option<Name> {
    let named = |attribute: &'static str| {
        element.get_attribute(attribute).filter(|v| !v.is_empty()).map(|v| Name(attribute, v))
    };
    named("data-testid").or_else(|| named("id"))
}

fn find(Name(attribute, value): &Name) -> Option<HtmlElement> {
    let selector =
        format!("[{attribute}=\"{}\"]", value.replace('\\', "\\\\").replace('"', "\\\""));
    leptos::prelude::document().query_selector(&selector).ok().flatten()?.dyn_into().ok()
}

fn same(a: &impl AsRef<JsValue>, b: &impl AsRef<JsValue>) -> bool {
    a.as_ref() == b.as_ref()
}

/// Whether it is on screen: a control in a closed `<details>` cannot take focus.
fn shown(element: &HtmlElement) -> bool {
    element.offset_parent().is_some()
}

/// The controls on screen in the whole page, in the keyboard's order.
fn page_controls() -> Vec<HtmlElement> {
    leptos::prelude::document().document_element().map_or_else(Vec::new, |page| controls_in(&page))
}

/// The controls on screen within `root`, in the keyboard's order.
fn controls_in(root: &Element) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(CONTROLS) else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .filter(shown)
        .collect()
}
