//! The company's side of a plan (issue 16): a team file of projects and the people on them, what
//! the plan costs the company, what it is worth to the people who hold it, and whether it is fair.
//!
//! Pure plain data, like the offer model, so that a thin page can call it: text → [`TeamFile`]
//! ([`parse_team`]) → [`TeamReport`] ([`value_team`]) → JSON or text ([`to_json`], [`to_text`]);
//! and [`publish`] turns a team into what each project's intranet site serves. Every member's
//! offer is an offer document built from the project's terms and the member's own, read by
//! [`crate::offer::read_offer`]: its figures are the ones `tokenworth value` reports for it.
//! Money is in the team's one currency; percentages are in percent.

pub mod intranet;
mod publish;
mod read;
mod report;
mod value;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::offer::Offer;

pub use publish::{
    disclosure_html, publish, Disclosure, RoleGrant, ScenarioLine, Site, Term, DISCLOSURE_FILE,
    PLAN_FILE,
};
pub use read::{
    member_offer_path, member_path, parse_team, read_team, MAX_COUNT, MAX_MEMBERS, MAX_PROJECTS,
};
pub use report::{
    cost_change_text, spread_sentence, to_json, to_text, tokens_text, TEAM_REPORT_FORMAT,
    TEAM_REPORT_VERSION,
};
pub use value::{
    company_offer, value_team, Levelled, Levelling, MemberReport, OwnFigures, Pool, ProjectReport,
    Spread, TeamReport, TeamValuation, Totals,
};

/// The `format` tag every team file carries.
pub const TEAM_FORMAT: &str = "tokenworth-team";
/// The team-file version this build reads.
pub const TEAM_VERSION: u32 = 1;

/// A whole team: the company, its discount rate, its projects and the people on them.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamFile {
    /// Whose plan this is, as the published pages say it.
    pub company: String,
    /// The rate at which the company discounts its own payments, in percent a year.
    pub discount_rate_pct: Decimal,
    pub notes: Option<String>,
    pub projects: Vec<Project>,
    /// Each member (a person, or a role held by `count` alike people) is on one project.
    pub members: Vec<Member>,
}

/// One project's plan: its terms as the fields of an offer file.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub name: String,
    pub notes: Option<String>,
    /// Every offer-file field the project sets (currency, horizon, the grant without its tokens,
    /// payouts, `leaving.vested_on_leave`, scenarios, simulation, checklist, and any other plan
    /// field the offer reader knows), kept as JSON so that each passes to the offer reader as it is.
    pub terms: Map<String, Value>,
}

/// A person on a project, or a role of `count` alike people.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub notes: Option<String>,
    /// The index of the member's project in [`TeamFile::projects`].
    pub project: usize,
    pub count: u64,
    /// The member's offer document: the project's terms plus their own, at the newest offer
    /// version.
    pub document: Value,
    /// That document, read by [`crate::offer::read_offer`].
    pub offer: Offer,
}

impl TeamFile {
    /// The currency of every project (the reader makes them one).
    #[must_use]
    pub fn currency(&self) -> &str {
        self.members.first().map_or("", |m| m.offer.currency.as_str())
    }

    /// The members of project `p`, with their indices.
    pub fn members_of(&self, p: usize) -> impl Iterator<Item = (usize, &Member)> {
        self.members.iter().enumerate().filter(move |(_, m)| m.project == p)
    }
}

impl Member {
    /// The member's offer as an offer file, for `tokenworth value`.
    #[must_use]
    pub fn offer_text(&self) -> String {
        crate::offer::write_offer(&self.offer)
    }
}
