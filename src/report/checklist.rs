//! The transparency questions a person should have answered before signing, by the offer's
//! checklist key (MODEL.md 1's `checklist`), as the person reads them: asked by the form, said by the
//! verdict, and answered on a published plan's page.

/// The transparency questions, by checklist key, as the person reads them.
pub const CHECKLIST_QUESTIONS: [(&str, &str); 8] = [
    (
        "initial_value_explained",
        "Has the company explained how the tokens' value at grant was set?",
    ),
    ("formula_in_writing", "Is the payout formula written into the grant agreement?"),
    ("revenue_audited", "Is the metric that decides payouts audited, or open to holders?"),
    ("formula_locked", "Is the company unable to change the formula on its own?"),
    ("cancellation_terms", "Is it written down what happens if the project is cancelled?"),
    ("leaving_terms", "Is it written down what you keep when you leave?"),
    ("tax_explained", "Is the tax treatment of payouts documented?"),
    ("recourse", "Is there a way to dispute how the plan is run?"),
];

/// The questions about a compute budget (MODEL.md 7.6), asked for offers that have one.
pub const COMPUTE_CHECKLIST_QUESTIONS: [(&str, &str); 4] = [
    ("compute_in_writing", "Are the compute budget and its rules written into the offer letter?"),
    (
        "compute_no_quota",
        "Is there no minimum-spend quota, usage ranking or link between your spending and your reviews?",
    ),
    ("compute_personal_use", "Is it written down what use of the budget for yourself is allowed?"),
    ("compute_on_leaving", "Is it written down what happens to the budget when you leave?"),
];

/// The questions the form asks of an offer: the compute budget's too when it has one.
pub fn checklist_questions(
    with_compute_budget: bool,
) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    let compute: &'static [(&str, &str)] =
        if with_compute_budget { &COMPUTE_CHECKLIST_QUESTIONS } else { &[] };
    CHECKLIST_QUESTIONS.iter().chain(compute)
}

/// A checklist question by its key, whichever list it is in.
#[must_use]
pub fn question(key: &str) -> Option<&'static str> {
    checklist_questions(true).find(|(k, _)| *k == key).map(|(_, q)| *q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::Checklist;

    /// Each checklist key of the offer file has its question, in the file's order.
    #[test]
    fn every_checklist_key_has_its_question() {
        assert_eq!(CHECKLIST_QUESTIONS.map(|(k, _)| k), Checklist::KEYS);
        assert_eq!(COMPUTE_CHECKLIST_QUESTIONS.map(|(k, _)| k), Checklist::COMPUTE_KEYS);
        assert_eq!(question("compute_on_leaving"), Some(COMPUTE_CHECKLIST_QUESTIONS[3].1));
    }
}
