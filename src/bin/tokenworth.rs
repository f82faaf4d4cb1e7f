//! The command-line tool: `tokenworth value [--text] [--paths N] [--seed S] OFFER.json` prints the
//! report the browser shows, computed by the same engine; `--tax-residence` fills the rates the
//! file lacks from a residence's published rates, and `tokenworth tax` shows them with sources.

use std::io::{ErrorKind, Read, Write};
use std::process::ExitCode;

use tokenworth::offer::parse_json;
use tokenworth::offer::{OfferError, MAX_PATHS};
use tokenworth::report::format::for_terminal;
use tokenworth::report::{errors_to_json, to_json, to_text};
use tokenworth::tax::{self, UnitKind};
use tokenworth::{parse_offer, team, value};

const USAGE: &str = "\
tokenworth: what an offer of AI-project tokens is really worth

Usage:
  tokenworth value [--text] [--paths N] [--seed S] [--tax-residence R] OFFER.json
  tokenworth value ... -            read the offer from standard input
  tokenworth tax [--units U] [RESIDENCE SALARY]
                                    a residence's rates at a salary, in words, with
                                    the year and sources (no arguments: the residences)
  tokenworth team [--text] TEAM.json
                                    a team's plan: its cost, its worth to the team, its fairness
  tokenworth team --publish DIR TEAM.json
                                    write each project's intranet site (plan.json,
                                    tokenworth.config.json, plan.html) under DIR/<project>/

  --text       a summary for people instead of the JSON report
  --paths N    Monte Carlo paths (1 to 1000000), instead of the offer's
  --seed S     Monte Carlo seed (a whole number), instead of the offer's
  --tax-residence R
               fill the tax rates the file lacks from R's published rates at
               the offer's salary (GB, GB-SCT, US-CA, DE, ...; the file's own
               rates win); an offer naming personal.tax_residence fills from it
  --units U    cash (phantom, profit-share units) or tokens (received as
               property, sold later); without it, tokens when the offer's
               personal.taxed_at is vest, as the page reads it, else cash

Exit status: 0 valued, 2 the offer (or team) could not be read or valued or the
report not written. A reader that stops early (| head) ends it quietly,
with the status it would have had.";

/// What the command line asked for.
enum Action {
    Help,
    Version,
    Value(Request),
}

/// The offer to value and how.
struct Request {
    text: bool,
    paths: Option<u32>,
    seed: Option<u64>,
    file: String,
    tax_residence: Option<String>,
    /// `None`: the offer's own kind of unit (`tax::unit_kind`).
    units: Option<UnitKind>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("tax") {
        return run_tax(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("team") {
        return run_team(&args[1..]);
    }
    match parse_args(&args) {
        Ok(Action::Value(request)) => run(&request),
        Ok(Action::Help) => emit(&format!("{USAGE}\n"), ExitCode::SUCCESS),
        Ok(Action::Version) => {
            emit(&format!("tokenworth {}\n", env!("CARGO_PKG_VERSION")), ExitCode::SUCCESS)
        }
        Err(why) => {
            complain(&format!("{why}\n\n{USAGE}"));
            ExitCode::from(2)
        }
    }
}

/// Writes `text` to standard output and ends with `status`, its control characters written out
/// (`format::for_terminal`: a name in an offer never reaches the terminal as an escape sequence;
/// JSON stays the same JSON). A reader that went away before the
/// end (`tokenworth value offer.json | head`) wanted no more, so that is a quiet end with the same
/// status, as ripgrep does, rather than Rust's panic on a failed `println!`. (Tools that die of
/// SIGPIPE leave the shell a status of 141, which fails a `set -o pipefail` script over a `| head`.)
fn emit(text: &str, status: ExitCode) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(for_terminal(text).as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            complain(&format!("cannot write standard output: {e}"));
            ExitCode::from(2)
        }
        _ => status,
    }
}

/// Writes a message for people to standard error, its control characters written out as
/// [`emit`]'s. If even that fails (its reader gone too),
/// there is nowhere left to say so, and the exit status still tells.
fn complain(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "tokenworth: {}", for_terminal(message));
}

fn parse_args(args: &[String]) -> Result<Action, String> {
    let mut rest = args.iter();
    match rest.next().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => return Ok(Action::Help),
        Some("-V" | "--version") => return Ok(Action::Version),
        Some("value") => {}
        Some(other) => return Err(format!("unknown command '{other}'")),
    }
    let mut request = Request {
        text: false,
        paths: None,
        seed: None,
        file: String::new(),
        tax_residence: None,
        units: None,
    };
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--text" => request.text = true,
            "--json" => request.text = false,
            "--paths" => {
                let n = rest.next().ok_or("--paths needs a number")?;
                let paths: u32 =
                    n.parse().map_err(|_| format!("--paths '{n}' is not a whole number"))?;
                if !(1..=MAX_PATHS).contains(&paths) {
                    return Err(format!("--paths must be from 1 to {MAX_PATHS}"));
                }
                request.paths = Some(paths);
            }
            "--seed" => {
                let s = rest.next().ok_or("--seed needs a number")?;
                request.seed =
                    Some(s.parse().map_err(|_| format!("--seed '{s}' is not a whole number"))?);
            }
            "--tax-residence" => {
                let r = rest.next().ok_or("--tax-residence needs a residence, such as GB")?;
                request.tax_residence = Some(r.clone());
            }
            "--units" => request.units = Some(units(rest.next())?),
            "-h" | "--help" => return Ok(Action::Help),
            flag if flag.starts_with("--") => return Err(format!("unknown option '{flag}'")),
            file => {
                if !request.file.is_empty() {
                    return Err("give one offer file".to_string());
                }
                request.file = file.to_string();
            }
        }
    }
    if request.file.is_empty() {
        return Err("which offer file? (use - for standard input)".to_string());
    }
    Ok(Action::Value(request))
}

fn run(request: &Request) -> ExitCode {
    let source = if request.file == "-" { "standard input" } else { request.file.as_str() };
    let text = match read_source(&request.file) {
        Ok(text) => text,
        Err(e) => {
            complain(&format!("cannot read {source}: {e}"));
            return ExitCode::from(2);
        }
    };
    let text = match with_residence_rates(&text, request) {
        Ok(text) => text,
        Err(e) => {
            complain(&format!("{source}: {e}"));
            return ExitCode::from(2);
        }
    };
    let mut offer = match parse_offer(&text) {
        Ok(offer) => offer,
        Err(OfferError::Syntax { line, column, message }) => {
            complain(&format!("{source}: line {line}, column {column}: not valid JSON: {message}"));
            return ExitCode::from(2);
        }
        Err(OfferError::Invalid(errors)) => {
            if !request.text {
                return emit(&format!("{}\n", errors_to_json(&errors)), ExitCode::from(2));
            }
            let mut message = format!("{source} is not a valid offer:");
            for e in &errors {
                message.push_str(&format!("\n  {}: {}", e.path, e.message));
            }
            complain(&message);
            return ExitCode::from(2);
        }
    };
    if let Some(paths) = request.paths {
        offer.simulation.paths = paths;
    }
    if let Some(seed) = request.seed {
        offer.simulation.seed = seed;
    }
    match value(&offer) {
        Ok(report) if request.text => emit(&to_text(&offer, &report), ExitCode::SUCCESS),
        Ok(report) => emit(&format!("{}\n", to_json(&report)), ExitCode::SUCCESS),
        Err(e) => {
            complain(&format!("{source}: {e}"));
            ExitCode::from(2)
        }
    }
}

/// The offer's text with the tax rates it lacks filled from the residence (said on standard
/// error); unchanged when there is no residence or the text is not JSON (the reader says why).
fn with_residence_rates(text: &str, request: &Request) -> Result<String, String> {
    let Ok(mut doc) = parse_json(text) else {
        return Ok(text.to_string());
    };
    let kind = request.units.unwrap_or_else(|| tax::unit_kind(&doc));
    match tax::fill_offer(&mut doc, request.tax_residence.as_deref(), kind)? {
        Some(filled) => {
            // Said when it changed something or was asked for; an offer that only names its
            // residence beside its own rates values as it always did, quietly.
            if !filled.filled.is_empty() || request.tax_residence.is_some() {
                let _ = writeln!(std::io::stderr().lock(), "{}", for_terminal(&filled.words()));
            }
            Ok(doc.to_string())
        }
        None => Ok(text.to_string()),
    }
}

fn units(word: Option<&String>) -> Result<UnitKind, String> {
    match word.map(String::as_str) {
        Some("cash") => Ok(UnitKind::CashSettled),
        Some("tokens") => Ok(UnitKind::Tokens),
        _ => Err("--units is cash or tokens".to_string()),
    }
}

/// `tokenworth tax [--units U] [RESIDENCE SALARY]`: the rates in words with their year, rules
/// and sources; without arguments, the residences there are presets for.
fn run_tax(args: &[String]) -> ExitCode {
    let mut kind = UnitKind::CashSettled;
    let mut words = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--units" => match units(rest.next()) {
                Ok(k) => kind = k,
                Err(e) => return usage_error(&e),
            },
            "-h" | "--help" => return emit(&format!("{USAGE}\n"), ExitCode::SUCCESS),
            flag if flag.starts_with("--") => {
                return usage_error(&format!("unknown option '{flag}'"))
            }
            word => words.push(word),
        }
    }
    let (residence, salary) = match words.as_slice() {
        [] => {
            let list: Vec<String> = tax::residences()
                .into_iter()
                .map(|(code, name)| format!("{code}\t{name}"))
                .collect();
            return emit(&format!("{}\n", list.join("\n")), ExitCode::SUCCESS);
        }
        [residence, salary] => (*residence, *salary),
        _ => return usage_error("tokenworth tax needs a residence and a salary"),
    };
    let Ok(salary) = tokenworth::offer::entry::parse_entry(salary) else {
        return usage_error(&format!("'{salary}' is not an amount"));
    };
    match tax::rates(residence, salary, kind) {
        Ok(rates) => emit(&format!("{}\n", tax::to_text(&rates)), ExitCode::SUCCESS),
        Err(e) => {
            complain(&e);
            ExitCode::from(2)
        }
    }
}

fn read_source(file: &str) -> std::io::Result<String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
    }
}

/// `tokenworth team [--text] [--publish DIR] TEAM.json`: the team report of `tokenworth::team`,
/// or each project's intranet site written under `DIR`.
fn run_team(args: &[String]) -> ExitCode {
    let (mut text, mut publish, mut file) = (false, None, None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--text" => text = true,
            "--json" => text = false,
            "--publish" => match rest.next() {
                Some(dir) => publish = Some(std::path::PathBuf::from(dir)),
                None => return usage_error("--publish needs a directory"),
            },
            "-h" | "--help" => return emit(&format!("{USAGE}\n"), ExitCode::SUCCESS),
            flag if flag.starts_with("--") => {
                return usage_error(&format!("unknown option '{flag}'"))
            }
            name if file.is_none() => file = Some(name.to_string()),
            _ => return usage_error("give one team file"),
        }
    }
    let Some(file) = file else {
        return usage_error("which team file? (use - for standard input)");
    };
    let source = if file == "-" { "standard input" } else { file.as_str() };
    let contents = match read_source(&file) {
        Ok(contents) => contents,
        Err(e) => {
            complain(&format!("cannot read {source}: {e}"));
            return ExitCode::from(2);
        }
    };
    let team = match team::parse_team(&contents) {
        Ok(team) => team,
        Err(OfferError::Syntax { line, column, message }) => {
            complain(&format!("{source}: line {line}, column {column}: not valid JSON: {message}"));
            return ExitCode::from(2);
        }
        Err(OfferError::Invalid(errors)) => {
            if text {
                let lines: Vec<String> =
                    errors.iter().map(|e| format!("  {}: {}", e.path, e.message)).collect();
                complain(&format!("{source} is not a valid team file:\n{}", lines.join("\n")));
                return ExitCode::from(2);
            }
            return emit(&format!("{}\n", errors_to_json(&errors)), ExitCode::from(2));
        }
    };
    if let Some(dir) = publish {
        return match write_sites(&team::publish(&team), &dir) {
            Ok(written) => emit(&written, ExitCode::SUCCESS),
            Err(e) => {
                complain(&format!("cannot write under {}: {e}", dir.display()));
                ExitCode::from(2)
            }
        };
    }
    match team::value_team(&team) {
        Ok(report) if text => emit(&team::to_text(&report), ExitCode::SUCCESS),
        Ok(report) => emit(&format!("{}\n", team::to_json(&report)), ExitCode::SUCCESS),
        Err(e) => {
            complain(&format!("{source}: {e}"));
            ExitCode::from(2)
        }
    }
}

fn usage_error(why: &str) -> ExitCode {
    complain(&format!("{why}\n\n{USAGE}"));
    ExitCode::from(2)
}

/// Each project's site in a directory of its own under `dir`; returns the files written, a line
/// each.
fn write_sites(sites: &[team::Site], dir: &std::path::Path) -> std::io::Result<String> {
    let mut written = String::new();
    for site in sites {
        let site_dir = dir.join(&site.directory);
        std::fs::create_dir_all(&site_dir)?;
        for (name, contents) in [
            (team::PLAN_FILE, &site.plan_json),
            (tokenworth::team::intranet::CONFIG_FILE, &site.config_json),
            (team::DISCLOSURE_FILE, &site.disclosure_html),
        ] {
            let path = site_dir.join(name);
            std::fs::write(&path, contents)?;
            written.push_str(&format!("{}\n", path.display()));
        }
    }
    Ok(written)
}
