//! The example offers the app ships, with the sources of the real plans they copy. Pure data, so
//! that native tests can check every example reads and names its sources.
//!
//! The page's first load needs only the picker's lines ([`LISTED`]) and the starters' files
//! ([`STARTERS`]); both are worked out from [`EXAMPLES`] when compiling, so that the other offer
//! files and every source list are left to the chunk that copies an example (`ui::library`).

/// An example offer: the app starts with the starter ones, and "New from an example" copies any.
pub struct Example {
    pub id: &'static str,
    /// What the picker says of it: its name and what kind of plan it is.
    pub description: &'static str,
    /// The offer file.
    pub text: &'static str,
    /// Where its terms come from, as (label, address); empty for a made-up illustration.
    pub sources: &'static [(&'static str, &'static str)],
    /// Whether a new library starts with it (the rest are only offered by the picker).
    pub starter: bool,
}

const LEVELS_FYI: (&str, &str) = (
    "Levels.fyi, OpenAI compensation (2023)",
    "https://www.levels.fyi/blog/openai-compensation.html",
);

/// Every example, starters first.
pub const EXAMPLES: [Example; 9] = [
    Example {
        id: "acme-copilot",
        description: "Acme Copilot tokens: revenue share, a milestone and buybacks",
        text: include_str!("../../examples/acme-copilot.json"),
        sources: &[],
        starter: true,
    },
    Example {
        id: "research-lab",
        description: "Research lab milestone units: revenue share and milestones, no buybacks",
        text: include_str!("../../examples/research-lab.json"),
        sources: &[],
        starter: true,
    },
    Example {
        id: "salary-only",
        description: "Salary-only alternative: no tokens, to compare against",
        text: include_str!("../../examples/salary-only.json"),
        sources: &[],
        starter: true,
    },
    Example {
        id: "openai-ppu",
        description: "Profit units: yearly tenders, 10x cap, 2-year lock (OpenAI PPUs as reported by Levels.fyi 2023 and CNBC 2024): tender prices per year, a cap and sale limits",
        text: include_str!("../../examples/openai-ppu.json"),
        sources: &[
            LEVELS_FYI,
            ("OpenAI, \"OpenAI LP\" (2019): capped returns", "https://openai.com/index/openai-lp/"),
            (
                "CNBC via Silicon UK: the $210-a-unit tender (Nov 2024)",
                "https://silicon.co.uk/cloud/ai/openai-allows-staff-to-sell-1-5-billion-stock-to-softbank-report-590804/amp",
            ),
            (
                "CNBC via WinBuzzer: $10M / $2M sale limits for current / former staff (Jun 2024)",
                "https://winbuzzer.com/2024/06/25/openai-equalizes-stock-sale-rules-for-current-and-former-staff-xcxwbn/",
            ),
            (
                "CNBC via Newsio: roughly one tender a year (Jun 2024)",
                "https://newsio.com/2024/06/11/openai-ex-employees-worry-about-companys-control-over-their-millions-of-dollars-in-shares",
            ),
        ],
        starter: false,
    },
    Example {
        id: "contributor-grant",
        description: "Contributor grant: one-year lock, then monthly unlocks over three years (Arbitrum and Worldcoin team schedules): a vesting schedule and market prices",
        text: include_str!("../../examples/contributor-grant.json"),
        sources: &[
            (
                "Arbitrum Foundation: token distribution",
                "https://docs.arbitrum.foundation/airdrop-eligibility-distribution",
            ),
            ("Worldcoin whitepaper via ChainCatcher", "https://chaincatcher.com/en/article/2097782"),
            (
                "Memento Research: 2025 launches, median down 71 %",
                "https://miningnews.live/en/article/why-new-tokens-are-dropping-in-price-2025-tge-analysis-en",
            ),
        ],
        starter: false,
    },
    Example {
        id: "expiring-rsus",
        description: "Double-trigger units that expire after seven years unless a tender comes (Stripe RSUs as reported): expiry and tenders",
        text: include_str!("../../examples/expiring-rsus.json"),
        sources: &[
            (
                "KB Financial Advisors: Stripe's double-trigger RSUs and the 2023 liquidity deal",
                "https://kbfinancialadvisors.com/stripe-employees-heres-how-the-fintechs-liquidity-deal-affects-your-money",
            ),
            ("Blind: employees report a seven-year expiry (unverified)", "https://www.teamblind.com/post/yvaXES01"),
            ("Tanay Jaipuria: Stripe's $6.5B raise", "https://www.tanayj.com/p/understanding-stripes-latest-65b"),
        ],
        starter: false,
    },
    Example {
        id: "profits-interest",
        description: "Profits interest: a share of profit above a hurdle set at the grant (IRS Rev. Proc. 93-27 template): a revenue share with a hurdle",
        text: include_str!("../../examples/profits-interest.json"),
        sources: &[
            (
                "Morgan Lewis: profits interests and Rev. Proc. 93-27 (2023)",
                "https://morganlewis.com/ru/pubs/2023/05/taxpayer-victory-in-us-tax-court-highlights-need-for-properly-structuring-partnership-profits-interests",
            ),
            (
                "Siske: partnership and LLC profits interests (a typical design)",
                "https://paperzz.com/doc/6914077/partnership-and-llc-profits-interests-roger-c.-siske",
            ),
        ],
        starter: false,
    },
    Example {
        id: "huang-compute-budget",
        description: "Compute budget of half the salary on top of it, for work only (Nvidia CEO Jensen Huang's proposal as reported, 2026): a compute budget beside the salary",
        text: include_str!("../../examples/huang-compute-budget.json"),
        sources: &[
            (
                "Oil Market Cap: Jensen Huang at GTC, 16 Mar 2026 (\"half of that on top of it as tokens\")",
                "https://oilmarketcap.com/nvidias-jensen-huang-pitches-tokens-as-recruitment-strategy",
            ),
            (
                "AI Productivity: \"a work tool, not pay\"",
                "https://aiproductivity.ai/news/ai-tokens-engineer-compensation-perk-or-cost/",
            ),
            ("she-llac: what a subscription is worth at list price", "https://she-llac.com/claude-limits"),
        ],
        starter: false,
    },
    Example {
        id: "startup-compute-swap",
        description: "Startup offer: $10k of salary traded for a $30k compute budget with personal use and a partial cash-out (2026 reports): salary for compute",
        text: include_str!("../../examples/startup-compute-swap.json"),
        sources: &[
            (
                "Let's Data Science: startups set token quotas (Nectir)",
                "https://letsdatascience.com/news/startups-adopt-minimum-ai-token-quotas-amid-debate-8dc6270b",
            ),
            (
                "AInauten: no cash-out, \"a bad deal\" instead of salary",
                "https://news.ainauten.com/en/story/are-ai-tokens-the-new-signing-bonus-or-just-a-cost-of-doing-business",
            ),
            ("IRS: working-condition fringe, IRC 132(d)", "https://louisville.edu/finance/payroll/working-condition-fringe-benefits"),
        ],
        starter: false,
    },
];

/// The picker's line for each example, as (id, description), in [`EXAMPLES`]' order.
pub const LISTED: [(&str, &str); EXAMPLES.len()] = {
    let mut listed = [("", ""); EXAMPLES.len()];
    let mut i = 0;
    while i < EXAMPLES.len() {
        listed[i] = (EXAMPLES[i].id, EXAMPLES[i].description);
        i += 1;
    }
    listed
};

/// How many examples a new library starts with.
const STARTER_COUNT: usize = {
    let mut count = 0;
    let mut i = 0;
    while i < EXAMPLES.len() {
        count += EXAMPLES[i].starter as usize;
        i += 1;
    }
    count
};

/// The offers a new library starts with, as (id, offer file), in [`EXAMPLES`]' order.
pub const STARTERS: [(&str, &str); STARTER_COUNT] = {
    let mut starters = [("", ""); STARTER_COUNT];
    let (mut i, mut found) = (0, 0);
    while i < EXAMPLES.len() {
        if EXAMPLES[i].starter {
            starters[found] = (EXAMPLES[i].id, EXAMPLES[i].text);
            found += 1;
        }
        i += 1;
    }
    starters
};

/// The plain words the picker puts before an example's source links.
#[must_use]
pub fn sources_sentence(example: &Example) -> &'static str {
    if example.sources.is_empty() {
        "Made-up figures, to show how the calculator works."
    } else {
        "Where these terms come from (figures no source gives are assumptions; change them to yours):"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the first load carries is what the catalogue says: every example's line in order,
    /// and the three made-up starters' files, the first of which a new library opens.
    #[test]
    fn the_first_load_lists_every_example_and_holds_the_starters_files() {
        assert_eq!(LISTED.map(|(id, _)| id), EXAMPLES.map(|e| e.id));
        assert_eq!(LISTED.map(|(_, description)| description), EXAMPLES.map(|e| e.description));
        assert_eq!(STARTERS.map(|(id, _)| id), ["acme-copilot", "research-lab", "salary-only"]);
        for (id, text) in STARTERS {
            assert_eq!(EXAMPLES.iter().find(|e| e.id == id).map(|e| e.text), Some(text));
        }
    }
}
