//! The offer form: every field of the offer file, grouped as `form::fields` describes, with the
//! validator's message next to the field it is about.
//!
//! Inputs are uncontrolled: they start from the draft and write to it as the person types, so that
//! typing `1.` or `250k` is never rewritten under their fingers. When the draft is replaced from
//! outside (open, import, another tab, a table change), `form_epoch` re-renders the form from it.

use leptos::prelude::*;
use serde_json::Value;

use super::chunk::{in_chunk, Lazy};
use super::state::Workspace;
use super::AfterFirstPaint;
use crate::form::base_rates::{self, BASE_RATES};
use crate::form::draft::{self, text_at};
use crate::form::fields::{
    checklist_questions, is_shown, Absent, FieldKind, FieldSpec, Section, Whose, MILESTONE_COLUMNS,
    NO_MILESTONES, RISK_PRESETS, SCENARIO_COLUMNS, SECTIONS,
};
use crate::offer::entry::parse_entry;

/// A DOM id for a field path (`scenarios[1].name` → `f-scenarios-1-name`).
#[must_use]
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for ch in path.chars() {
        id.push(if ch.is_ascii_alphanumeric() || ch == '_' { ch } else { '-' });
    }
    id.trim_end_matches('-').to_string()
}

/// The unit shown after an input: the currency for money.
fn unit_text(spec: &FieldSpec, currency: &str) -> String {
    match (spec.kind, spec.unit) {
        (FieldKind::Money, "") => currency.to_string(),
        (FieldKind::Money, per) => format!("{currency} {per}"),
        (_, unit) => unit.to_string(),
    }
}

/// The messages for a field: what could not be read as typed, else the validator's.
fn messages(
    ws: Workspace,
    path: String,
    entry_error: RwSignal<Option<String>>,
) -> impl Fn() -> Vec<String> {
    move || match entry_error.get() {
        Some(e) => vec![e],
        None => ws.errors_at(&path),
    }
}

/// One labelled input bound to `path` in the draft.
#[component]
pub fn Field(
    /// What the field is: label, unit, help, kind.
    spec: &'static FieldSpec,
    /// Its path in the draft; defaults to the spec's own path (table cells give theirs).
    #[prop(optional, into)]
    path: Option<String>,
    /// An empty input removes the field (for optional ones such as a shutdown month).
    #[prop(optional)]
    optional: bool,
    /// Show the label only to screen readers (in tables, the column header says it).
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let path = path.unwrap_or_else(|| spec.path.to_string());
    let id = field_id(&path);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let locked = ws.is_locked(&path);
    let initial = ws.draft.with_untracked(|doc| spec.kind.shown(text_at(doc, &path)));
    let entry_error = RwSignal::new(None::<String>);
    let errors = messages(ws, path.clone(), entry_error);
    let has_error = {
        let errors = messages(ws, path.clone(), entry_error);
        Memo::new(move |_| !errors().is_empty())
    };
    let currency = move || ws.draft.with(|d| text_at(d, "currency"));
    let write = {
        let path = path.clone();
        move |text: String| {
            let (value, problem) = spec.kind.stored(&text, optional);
            entry_error.set(problem);
            ws.set_field(&path, value);
        }
    };
    let input = match spec.kind {
        FieldKind::Choice(choices) => {
            // Some choices bring other fields with them (tender prices, a budget in tokens): the
            // form is drawn again when they do.
            let choose = {
                let path = path.clone();
                move |value: String| {
                    let mut redraw = false;
                    ws.edit(|doc| redraw = draft::set_choice(doc, &path, &value));
                    if redraw {
                        ws.rebuild_form();
                    }
                }
            };
            view! {
                <select id=id.clone() data-testid=format!("field-{path}") aria-describedby=format!("{help_id} {error_id}") disabled=locked
                    aria-invalid=move || has_error.get().to_string()
                    on:change=move |ev| choose(event_target_value(&ev))>
                    {choices.iter().map(|(value, label)| view! {
                        <option value=*value selected=initial == *value>{*label}</option>
                    }).collect_view()}
                </select>
            }.into_any()
        }
        FieldKind::Switch => {
            let write = write.clone();
            view! {
                <input type="checkbox" id=id.clone() data-testid=format!("field-{path}") checked=initial == "true" disabled=locked
                    aria-describedby=format!("{help_id} {error_id}")
                    on:change=move |ev| write(event_target_checked(&ev).to_string()) />
            }.into_any()
        }
        kind => {
            let write = write.clone();
            let mode = if matches!(kind, FieldKind::Text) { "text" } else { "decimal" };
            let input_ref = NodeRef::<leptos::html::Input>::new();
            let stored = {
                let path = path.clone();
                move || ws.draft.with(|doc| text_at(doc, &path))
            };
            follow_outside_changes(stored, kind, input_ref);
            view! {
                <input type="text" node_ref=input_ref id=id.clone() data-testid=format!("field-{path}") value=initial inputmode=mode readonly=locked
                    autocomplete="off" spellcheck="false"
                    aria-describedby=format!("{help_id} {error_id}")
                    aria-invalid=move || has_error.get().to_string()
                    on:input=move |ev| write(event_target_value(&ev)) />
            }.into_any()
        }
    };
    let error_path = path.clone();
    view! {
        <div class="field" class:invalid=move || has_error.get() class:compact=compact
            class:plan=spec.whose == Whose::Plan class:yours=spec.whose == Whose::Yours>
            <label for=id class:visually-hidden=compact>{spec.label}</label>
            <div class="input-row">
                {input}
                // In tables the column header names the unit.
                <Show when=move || !compact>
                    <span class="unit">{move || unit_text(spec, &currency())}</span>
                </Show>
            </div>
            <p class="help" class:visually-hidden=compact id=help_id>
                // Whose figure it is, as a badge; read first, as a sentence, with the help.
                {whose_badge(spec.whose)}
                {spec.help}
                {locked.then(|| view! { <span class="locked-note">" Set by the company plan."</span> })}
            </p>
            <p class="error" id=error_id data-testid=format!("error-{error_path}") aria-live="polite">
                {move || errors().join("; ")}
            </p>
        </div>
    }
}

/// Whose figure it is ("From your offer letter", "Your estimate"), as a badge read first, as a
/// sentence, with the help that follows it: the form's fields, its tables and the guided start's
/// questions all say it so.
pub(crate) fn whose_badge(whose: Whose) -> Option<impl IntoView> {
    let class = match whose {
        Whose::Plan => "whose plan",
        Whose::Yours => "whose yours",
        Whose::Unsaid => return None,
    };
    whose.badge().map(|badge| {
        view! { <span class=class>{badge}</span><span class="visually-hidden">". "</span>" " }
    })
}

/// What the two badges mean, above the form.
#[component]
fn WhoseLegend() -> impl IntoView {
    view! {
        <p class="whose-legend" data-testid="whose-legend">
            <span class="whose plan">"From your offer letter"</span>" what the plan sets: check it against the letter. "
            <span class="whose yours">"Your estimate"</span>" your own guess: change it to see how much the answer moves."
        </p>
    }
}

/// A term this offer does not have, as one line: "No buybacks in this offer." and a button that
/// adds it (`add` does, and says whether the section opens in place).
fn absent_line(absent: Absent, testid: String, locked: bool, add: impl Fn() + 'static) -> AnyView {
    view! {
        <p class="absent">
            {absent.says}" "
            <button type="button" class="small" data-testid=testid disabled=locked on:click=move |_| add()>{absent.add}</button>
        </p>
    }
    .into_any()
}

/// Shows a change made elsewhere (the tokens following the salary traded under a mix, another
/// tab's edit) in an input the person is not typing in. Text that already means the stored value
/// (`25k` for `25000`) is left as typed. `stored` reads the field's stored text, tracked.
pub(crate) fn follow_outside_changes(
    stored: impl Fn() -> String + 'static,
    kind: FieldKind,
    input_ref: NodeRef<leptos::html::Input>,
) {
    Effect::new(move |_| {
        let stored = stored();
        let Some(input) = input_ref.get() else { return };
        let focused = document().active_element().is_some_and(|active| {
            wasm_bindgen::JsValue::from(active) == wasm_bindgen::JsValue::from(input.clone())
        });
        let shown = input.value();
        let same = match kind {
            FieldKind::Text => shown == stored,
            _ => parse_entry(&shown).ok() == parse_entry(&stored).ok(),
        };
        if !focused && !same {
            input.set_value(&kind.shown(stored));
        }
    });
}

/// The whole form, re-rendered from the draft whenever it is replaced from outside.
#[component]
pub fn OfferForm() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let applied = RwSignal::new(None::<String>);
    let preset = RwSignal::new(None::<&'static str>);
    move || {
        ws.form_epoch.track();
        view! {
            <form class="offer-form" on:submit=|ev| ev.prevent_default() aria-label="The offer and your assumptions">
                // On the first load each section is built in a task of its own (no long task).
                // By index: the sections' fields, labels and help are the chunk's, not the first load's.
                {(0..SECTIONS.len()).map(|index| view! {
                    <AfterFirstPaint><Lazy load=move || form_section(index, applied, preset) /></AfterFirstPaint>
                }).collect_view()}
                <AfterFirstPaint><Lazy load=checklist /></AfterFirstPaint>
            </form>
        }
    }
}

in_chunk! {
    /// A section of the form, in the chunk of the sections built after the first paint.
    fn form_section(
        index: usize,
        applied: RwSignal<Option<String>>,
        preset: RwSignal<Option<&'static str>>,
    ) in sections {
        SECTIONS.get(index).map(|section| section_with_extras(section, applied, preset))
    }
}

in_chunk! {
    /// The checklist, in the same chunk.
    fn checklist() in sections { view! { <Checklist /> } }
}

/// A section of the form with the tools that belong to it: the pool share under the grant, the
/// base rates under leaving, the risk presets under personal, and the tables after their section.
fn section_with_extras(
    section: &'static Section,
    applied: RwSignal<Option<String>>,
    preset: RwSignal<Option<&'static str>>,
) -> AnyView {
    let extra = match section.id {
        "grant" => {
            view! { <PoolShare /> <super::vesting::VestingEditor preset=preset /> }.into_any()
        }
        "leaving" => view! { <BaseRates applied=applied /> }.into_any(),
        "personal" => view! { <TaxPreset /> <RiskPresets /> }.into_any(),
        _ => ().into_any(),
    };
    let after = match section.id {
        "revenue_share" => view! { <Milestones /> }.into_any(),
        "leaving" => view! { <Scenarios /> }.into_any(),
        _ => ().into_any(),
    };
    // What the badges mean, above the first section.
    let legend = (section.id == SECTIONS[0].id).then(|| view! { <WhoseLegend /> });
    view! { {legend} <FormSection section=section>{extra}</FormSection> {after} }.into_any()
}

/// A group of fields; a switchable block (revenue share, buybacks) shows its fields only when on.
/// A term this offer does not have collapses to one line that says so, with a button that adds it:
/// a block with its defaults (as its switch does), a term of plain fields (the cap) by opening them.
#[component]
fn FormSection(section: &'static Section, children: Children) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    // Switching re-renders the whole form (edit_whole), so reading the draft once is enough.
    let on_initially = match section.switch {
        Some(block) => {
            ws.draft.with_untracked(|d| draft::get(d, block).is_some_and(|v| !v.is_null()))
        }
        None => true,
    };
    let present = on_initially
        && (section.switch.is_some()
            || section.absent.is_none()
            || ws
                .draft
                .with_untracked(|d| section.fields.iter().any(|f| !text_at(d, f.path).is_empty())));
    // Opened by its button, for a term of plain fields; a block opens by being switched on.
    let opened = RwSignal::new(present);
    let toggle = section.switch.filter(|_| on_initially).map(|block| {
        let kind = block.rsplit('.').next().unwrap_or(block);
        let locked = ws.is_locked(block);
        view! {
            <label class="switch">
                <input type="checkbox" checked=on_initially data-testid=format!("switch-{kind}") disabled=locked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ws.edit_whole(|doc| draft::switch_block(doc, block, on));
                    } />
                " Included in this offer"
            </label>
        }
    });
    let collapsed = section.absent.filter(|_| !present).map(|absent| {
        let (testid, locked) = match section.switch {
            Some(block) => (format!("add-{}", block.rsplit('.').next().unwrap_or(block)), ws.is_locked(block)),
            None => (format!("add-{}", section.id), section.fields.iter().all(|f| ws.is_locked(f.path))),
        };
        let add = move || match section.switch {
            Some(block) => ws.edit_whole(|doc| draft::switch_block(doc, block, true)),
            None => {
                opened.set(true);
                if let Some(first) = section.fields.first() {
                    super::focus::focus_when_drawn(format!("#{}", field_id(first.path)));
                }
            }
        };
        view! { <Show when=move || !opened.get()>{absent_line(absent, testid.clone(), locked, add)}</Show> }
    });
    // Fields that belong to another choice (the classic vesting under a schedule) are left out;
    // a choice that changes them draws the form again.
    let fields = on_initially.then(|| {
        ws.draft.with_untracked(|doc| {
            section
                .fields
                .iter()
                .filter(|spec| is_shown(spec, doc))
                .map(|spec| view! { <Field spec=spec optional=spec.optional /> })
                .collect_view()
        })
    });
    view! {
        <fieldset class="form-section" class:collapsed=move || !opened.get() id=format!("section-{}", section.id)>
            <legend>{section.title}</legend>
            {collapsed}
            <div class="section-body" hidden=move || !opened.get()>
                {toggle}
                {fields}
                {children()}
            </div>
        </fieldset>
    }
}

/// "Tokens granted" as a share of the pool, both ways.
#[component]
fn PoolShare() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let share = move || {
        ws.checked.with(|c| {
            c.as_ref().ok().map(|o| {
                #[allow(clippy::cast_precision_loss)]
                let pct = o.grant.tokens as f64 / o.grant.supply as f64 * 100.0;
                format!("Your grant is {pct:.4}% of the pool.")
            })
        })
    };
    view! {
        <div class="field">
            <label for="f-pool-share">"Or set the grant as a share of the pool"</label>
            <div class="input-row">
                <input id="f-pool-share" type="text" inputmode="decimal" data-testid="field-pool-share" placeholder="e.g. 1" readonly=ws.is_locked("grant.tokens")
                    on:change=move |ev| {
                        let Ok(pct) = parse_entry(&event_target_value(&ev)) else { return };
                        let supply = ws.draft.with_untracked(|d| text_at(d, "grant.supply")).parse::<u64>().unwrap_or(0);
                        let tokens = rust_decimal::Decimal::from(supply)
                            .checked_mul(pct)
                            .and_then(|x| x.checked_div(rust_decimal::Decimal::ONE_HUNDRED))
                            .map(|x| x.round())
                            .and_then(|x| u64::try_from(x).ok());
                        if let Some(tokens) = tokens {
                            ws.edit_whole(|doc| { draft::set(doc, "grant.tokens", Value::from(tokens)); });
                        }
                    } />
                <span class="unit">"%"</span>
            </div>
            <p class="help" aria-live="polite">{share}</p>
        </div>
    }
}

/// Base rates for the guesses people get wrong most, each with its source, applied on request.
#[component]
fn BaseRates(
    /// What the last preset changed; kept by the form, which redraws itself when one is applied.
    applied: RwSignal<Option<String>>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    view! {
        // Applying a preset rebuilds the form (`edit_whole`): it opens again where the person was.
        <details class="base-rates" data-testid="base-rates" open=applied.get_untracked().is_some()>
            <summary>"Base rates: how things usually go"</summary>
            <p class="help">"General data about startups and their staff, not about this project. Applying one changes your inputs; you can change them back at any time."</p>
            {BASE_RATES.iter().map(|rate| view! {
                <div class="base-rate">
                    <p><strong>{rate.title}</strong>" "{rate.figure}</p>
                    <p class="help">"Source: "{rate.source}" "{rate.effect}</p>
                    <button type="button" class="small" data-testid=format!("base-rate-{}", rate.id) aria-label=format!("Apply: {}", rate.title)
                        on:click=move |_| {
                            let mut said = None;
                            ws.edit_whole(|doc| said = base_rates::apply(rate.id, doc));
                            applied.set(said);
                        }>"Apply"</button>
                </div>
            }).collect_view()}
            <p class="help" role="status" data-testid="base-rate-applied">{move || applied.get()}</p>
        </details>
    }
}

/// Where the person pays tax (issue 26): whose published rates the tax fields hold, for which
/// year, how each adds up at the offer's salary, a rate changed since as the person's own, and
/// the rules that are not rates with every source. Drawn from the draft as it changes; the
/// presets are read here, in the form's chunk, never on the first load.
#[component]
fn TaxPreset() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let this_year = js_sys::Date::new_0().get_full_year();
    move || {
        let (found, typed) = ws.draft.with(|doc| {
            let typed = ["personal.income_tax_pct", "personal.redemption_tax_pct"]
                .map(|path| text_at(doc, path));
            (crate::tax::for_document(doc), typed)
        });
        found.map(|found| match found {
            Err(why) => view! {
                <p class="error" role="status" data-testid="tax-preset-error">{why}</p>
            }
            .into_any(),
            Ok(rates) => tax_note(ws, rates, typed, this_year),
        })
    }
}

fn tax_note(
    ws: Workspace,
    rates: crate::tax::Rates,
    typed: [String; 2],
    this_year: u32,
) -> AnyView {
    let preset = [rates.income_tax_pct, rates.redemption_tax_pct];
    let own = |i: usize| parse_entry(&typed[i]).ok() != Some(preset[i]);
    let lines = [
        ("income", "Income tax rate", rates.income_words()),
        ("redemption", "Tax on selling tokens", rates.redemption_words()),
    ];
    let any_own = own(0) || own(1);
    let residence = rates.residence.clone();
    let past = rates.tax_year < this_year;
    view! {
        <div class="tax-preset" data-testid="tax-preset">
            <p>
                <strong>{format!("Published rates of {}, tax year {} ({})", rates.name, rates.tax_year, rates.year_label)}</strong>
                ": the tax on your next unit of pay at your salary. This is no tax advice."
            </p>
            {past.then(|| view! {
                <p class="help" data-testid="tax-preset-past">{format!("These are {}'s rates, the latest found; this year's may differ.", rates.tax_year)}</p>
            })}
            {rates.year_notes.iter().map(|note| view! { <p class="help">{note.clone()}</p> }).collect_view()}
            <ul class="tax-lines">
                {lines.into_iter().enumerate().map(|(i, (key, label, words))| view! {
                    <li data-testid=format!("tax-preset-{key}")>
                        {label}": "{words}
                        {own(i).then(|| view! {
                            " "<span class="whose yours" data-testid=format!("tax-own-{key}")>"Your own rate"</span>
                            {format!(" you entered: {} %", typed[i])}
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {any_own.then(|| view! {
                <button type="button" class="small" data-testid="tax-preset-use"
                    on:click=move |_| ws.edit_whole(|doc| { let _ = crate::tax::choose_residence(doc, &residence); })>
                    "Use these rates"
                </button>
            })}
            <details data-testid="tax-preset-sources">
                <summary>"Rules and sources"</summary>
                <ul>{rates.rules.iter().map(|rule| view! { <li>{rule.clone()}</li> }).collect_view()}</ul>
                {(!rates.not_included.is_empty()).then(|| view! {
                    <p class="help">"Not included:"</p>
                    <ul>{rates.not_included.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                })}
                <ol class="sources">
                    {rates.sources.iter().map(|source| view! {
                        <li>
                            <a href=source.url.clone() rel="noopener noreferrer" target="_blank">{source.title.clone()}</a>
                            {source.read.clone().map(|read| format!(" (read at {read})"))}
                            {format!(", checked {}", source.checked)}
                        </li>
                    }).collect_view()}
                </ol>
            </details>
        </div>
    }
    .into_any()
}

/// Plain presets for risk aversion.
#[component]
fn RiskPresets() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    view! {
        <div class="presets" role="group" aria-label="Risk attitude presets">
            {RISK_PRESETS.iter().map(|(value, label)| view! {
                <button type="button" class="preset" on:click=move |_| ws.edit_whole(|doc| {
                    draft::set(doc, "personal.risk_aversion", Value::String((*value).to_string()));
                })>{*label}</button>
            }).collect_view()}
        </div>
    }
}

fn list_len(ws: Workspace, path: &str) -> usize {
    ws.draft.with_untracked(|d| draft::get(d, path).and_then(Value::as_array).map_or(0, Vec::len))
}

/// The milestones table (with the revenue share's section: both are "how the tokens pay").
#[component]
fn Milestones() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rows = (0..list_len(ws, "payouts.milestones"))
        .map(|i| {
            view! {
                <tr>
                    {MILESTONE_COLUMNS.iter().map(|spec| {
                        let path = format!("payouts.milestones[{i}].{}", spec.path);
                        view! { <td><Field spec=spec path=path compact=true /></td> }
                    }).collect_view()}
                    <td><button type="button" class="icon" data-testid=format!("remove-milestone-{i}") aria-label=format!("Remove milestone {}", i + 1) disabled=ws.is_locked("payouts.milestones")
                        on:click=move |_| ws.edit_whole(|doc| draft::remove_milestone(doc, i))>"Remove"</button></td>
                </tr>
            }
        })
        .collect_view();
    let locked = ws.is_locked("payouts.milestones");
    if list_len(ws, "payouts.milestones") == 0 {
        return view! {
            <fieldset class="form-section collapsed" id="section-milestones">
                <legend>"Milestones"</legend>
                {absent_line(NO_MILESTONES, "add-milestone".to_string(), locked, move || ws.edit_whole(draft::add_milestone))}
            </fieldset>
        }
        .into_any();
    }
    view! {
        <fieldset class="form-section" id="section-milestones">
            <legend>"Milestones"</legend>
            <p class="help">{whose_badge(Whose::Plan)}"Fixed payments per token if the project reaches a goal. Which scenarios reach which milestone is set in the scenario table."</p>
            <div class="table-scroll">
                <table class="edit-table cards milestones" data-testid="milestones-table">
                    <thead><tr>{MILESTONE_COLUMNS.iter().map(|c| view! { <th scope="col">{c.label}</th> }).collect_view()}<th><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <button type="button" data-testid="add-milestone" disabled=locked on:click=move |_| ws.edit_whole(draft::add_milestone)>"Add a milestone"</button>
        </fieldset>
    }
    .into_any()
}

/// The scenario table: name, chance, revenue by year, shutdown month, milestones reached.
#[component]
fn Scenarios() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let total = move || ws.draft.with(draft::probability_total);
    let adds_up = move || total() == rust_decimal::Decimal::ONE_HUNDRED;
    let milestones = list_len(ws, "payouts.milestones");
    let [name_col, chance_col, revenue_col, price_col, cancel_col, _] =
        [0, 1, 2, 3, 4, 5].map(|i| &SCENARIO_COLUMNS[i]);
    let priced = ws.draft.with_untracked(|d| is_shown(price_col, d));
    // Tender prices have a table of their own below, so that this one still fits its column.
    let columns: Vec<&FieldSpec> =
        SCENARIO_COLUMNS.iter().filter(|c| c.path != price_col.path).collect();
    let rows = (0..list_len(ws, "scenarios"))
        .map(|i| {
            let revenue = year_list(ws, revenue_col, i, "annual_revenue");
            // By index, each named as it is now: a milestone renamed above keeps its ticks.
            let hits = (0..milestones)
                .map(|k| {
                    let name = move || ws.draft.with(|d| text_at(d, &format!("payouts.milestones[{k}].name")));
                    let hit = ws.draft.with_untracked(|d| {
                        let name = text_at(d, &format!("payouts.milestones[{k}].name"));
                        draft::get(d, &format!("scenarios[{i}].milestones_hit"))
                            .and_then(Value::as_array)
                            .is_some_and(|h| h.iter().any(|x| x.as_str() == Some(name.as_str())))
                    });
                    view! {
                        <label class="hit"><input type="checkbox" checked=hit
                            on:change=move |ev| { let on = event_target_checked(&ev); ws.edit(|doc| draft::set_milestone_hit_at(doc, i, k, on)); } />
                            " " {name}</label>
                    }
                })
                .collect_view();
            view! {
                <tr data-testid=format!("scenario-row-{i}")>
                    <td><Field spec=name_col path=format!("scenarios[{i}].name") compact=true /></td>
                    <td><Field spec=chance_col path=format!("scenarios[{i}].probability_pct") compact=true /></td>
                    <td class="revenue">{revenue}</td>
                    <td><Field spec=cancel_col path=format!("scenarios[{i}].cancelled_month") optional=true compact=true /></td>
                    // The row's own buttons share the last cell, so that the table fits the form's
                    // column on a desktop instead of hiding them behind a sideways scroll.
                    <td>
                        <div class="hits">{hits}</div><p class="error">{move || ws.errors_at(&format!("scenarios[{i}].milestones_hit[0]")).join("; ")}</p>
                        <div class="row-actions">
                            <button type="button" class="small" data-testid=format!("duplicate-scenario-{i}") aria-label=format!("Duplicate scenario {}", i + 1)
                                on:click=move |_| ws.edit_whole(|doc| draft::duplicate_scenario(doc, i))>"Duplicate"</button>
                            <button type="button" class="small" data-testid=format!("remove-scenario-{i}") aria-label=format!("Remove scenario {}", i + 1)
                                disabled=list_len(ws, "scenarios") <= 1
                                on:click=move |_| ws.edit_whole(|doc| { draft::remove_item(doc, "scenarios", i); })>"Remove"</button>
                        </div>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <fieldset class="form-section" id="section-scenarios">
            <legend>"Scenarios"</legend>
            <p class="help"><span class="whose yours">"Your estimates"</span><span class="visually-hidden">". "</span>" The ways the project could turn out, each with how likely you think it is. Revenue is per year; the last year's figure repeats."</p>
            <div class="table-scroll">
                <table class="edit-table cards scenarios" data-testid="scenarios-table">
                    <thead><tr>
                        {columns.iter().map(|c| view! { <th scope="col" title=c.help>{c.label}{if c.unit == "%" { " (%)" } else { "" }}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {priced.then(|| view! { <TenderPrices spec=price_col /> })}
            <p class="probability-total" class:invalid=move || !adds_up() aria-live="polite">
                "Chances add up to " <strong data-testid="probability-total">{move || format!("{}%", total().normalize())}</strong>
                {move || if adds_up() { "." } else { ": they must add up to 100%." }}
            </p>
            <p class="error" data-testid="error-scenarios">{move || ws.errors_at("scenarios").join("; ")}</p>
            <div class="buttons">
                <button type="button" data-testid="balance-probabilities" disabled=adds_up
                    on:click=move |_| ws.edit_whole(draft::balance_probabilities)>"Make them add up to 100%"</button>
                <button type="button" data-testid="add-scenario" on:click=move |_| ws.edit_whole(draft::add_scenario)>"Add a scenario"</button>
            </div>
        </fieldset>
    }
}

/// With tenders at prices set per scenario (MODEL.md 7.2): each scenario's price per token by
/// year, in a table beside the revenue table.
#[component]
fn TenderPrices(spec: &'static FieldSpec) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let rows = (0..list_len(ws, "scenarios"))
        .map(|i| {
            let name = ws.draft.with_untracked(|d| text_at(d, &format!("scenarios[{i}].name")));
            view! {
                <tr data-testid=format!("prices-row-{i}")>
                    <th scope="row">{name}</th>
                    <td class="revenue prices">{year_list(ws, spec, i, "price_per_token")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        // Not a heading: the form's groups are named by their legends.
        <p class="table-title" id="prices-title">{spec.label}</p>
        <p class="help">{spec.help}" Windows, a buyback when you leave and the value at the end all use it."</p>
        <div class="table-scroll">
            <table class="edit-table cards prices" data-testid="prices-table" aria-labelledby="prices-title">
                <thead><tr><th scope="col">"Scenario"</th><th scope="col">"Price per token, year by year"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// One scenario's list by year (`annual_revenue` or `price_per_token`): a field per year, the
/// list's error, and buttons for one more or one less year.
fn year_list(ws: Workspace, spec: &'static FieldSpec, i: usize, list: &'static str) -> AnyView {
    let path = format!("scenarios[{i}].{list}");
    let years = list_len(ws, &path);
    let fields = (0..years)
        .map(|y| {
            view! {
                <div class="year">
                    <span class="year-label" aria-hidden="true">{format!("Y{}", y + 1)}</span>
                    <Field spec=spec path=format!("{path}[{y}]") compact=true />
                </div>
            }
        })
        .collect_view();
    // The revenue's buttons keep their test ids; the prices' carry the list's name.
    let suffix = if list == "annual_revenue" { String::new() } else { format!("{list}-") };
    let (add_path, remove_path, error_path) = (path.clone(), path.clone(), path.clone());
    let named = |what: &str| {
        (list != "annual_revenue").then(|| format!("{what} of tender prices, scenario {}", i + 1))
    };
    view! {
        <div class="years">{fields}</div>
        <p class="error" data-testid=format!("error-{path}")>{move || ws.errors_at(&error_path).join("; ")}</p>
        <button type="button" class="small" data-testid=format!("add-year-{suffix}{i}") aria-label=named("+ year")
            on:click=move |_| ws.edit_whole(|doc| draft::add_year(doc, &add_path))>"+ year"</button>
        <button type="button" class="small" data-testid=format!("remove-year-{suffix}{i}") aria-label=named("− year")
            disabled=years == 0 on:click=move |_| ws.edit_whole(|doc| draft::remove_year(doc, &remove_path))>"− year"</button>
    }
    .into_any()
}

/// The transparency questions, answered yes / no / don't know.
#[component]
fn Checklist() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    view! {
        <fieldset class="form-section" id="section-checklist">
            <legend>"Before you sign"</legend>
            <p class="help">"What you know about how the plan is run. These change no figure; every \"no\" or \"don't know\" becomes a question to ask."</p>
            {checklist_questions(ws.draft.with_untracked(|d| draft::get(d, "compute_budget").is_some_and(|b| !b.is_null()))).map(|(key, question)| {
                let path = format!("checklist.{key}");
                let answer = ws.draft.with_untracked(|d| text_at(d, &path));
                let answer = if answer.is_empty() { "unknown".to_string() } else { answer };
                view! {
                    <div class="question" role="radiogroup" aria-label=*question>
                        <p>{*question}</p>
                        {[("yes", "Yes"), ("no", "No"), ("unknown", "Don't know")].into_iter().map(|(value, label)| {
                            let path = path.clone();
                            view! {
                                <label class="answer">
                                    <input type="radio" name=format!("q-{key}") value=value checked=answer == value
                                        data-testid=format!("checklist-{key}-{value}")
                                        on:change=move |_| ws.set_field(&path, Value::String(value.to_string())) />
                                    " " {label}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
