//! The command-line tool: `tokenworth value [--text] [--paths N] [--seed S] OFFER.json` prints the
//! report the browser shows, computed by the same engine.

use std::io::Read;
use std::process::ExitCode;

use tokenworth::offer::{OfferError, MAX_PATHS};
use tokenworth::report::{errors_to_json, to_json, to_text};
use tokenworth::{parse_offer, team, value};

const USAGE: &str = "\
tokenworth: what an offer of AI-project tokens is really worth

Usage:
  tokenworth value [--text] [--paths N] [--seed S] OFFER.json
  tokenworth value ... -            read the offer from standard input
  tokenworth team [--text] TEAM.json
                                    a team's plan: its cost, its worth to the team, its fairness
  tokenworth team --publish DIR TEAM.json
                                    write each project's intranet site (plan.json,
                                    tokenworth.config.json, plan.html) under DIR/<project>/

  --text       a summary for people instead of the JSON report
  --paths N    Monte Carlo paths (1 to 1000000), instead of the offer's
  --seed S     Monte Carlo seed (a whole number), instead of the offer's

Exit status: 0 valued, 2 the offer (or team) could not be read or valued.";

/// What the command line asked for.
struct Request {
    text: bool,
    paths: Option<u32>,
    seed: Option<u64>,
    file: String,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("team") {
        return run_team(&args[1..]);
    }
    match parse_args(&args) {
        Ok(Some(request)) => run(&request),
        Ok(None) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("tokenworth: {why}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(args: &[String]) -> Result<Option<Request>, String> {
    let mut rest = args.iter();
    match rest.next().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => return Ok(None),
        Some("-V" | "--version") => {
            println!("tokenworth {}", env!("CARGO_PKG_VERSION"));
            std::process::exit(0);
        }
        Some("value") => {}
        Some(other) => return Err(format!("unknown command '{other}'")),
    }
    let mut request = Request { text: false, paths: None, seed: None, file: String::new() };
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
            "-h" | "--help" => return Ok(None),
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
    Ok(Some(request))
}

fn run(request: &Request) -> ExitCode {
    let source = if request.file == "-" { "standard input" } else { request.file.as_str() };
    let text = match read_source(&request.file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("tokenworth: cannot read {source}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut offer = match parse_offer(&text) {
        Ok(offer) => offer,
        Err(OfferError::Syntax { line, column, message }) => {
            eprintln!(
                "tokenworth: {source}: line {line}, column {column}: not valid JSON: {message}"
            );
            return ExitCode::from(2);
        }
        Err(OfferError::Invalid(errors)) => {
            if request.text {
                eprintln!("tokenworth: {source} is not a valid offer:");
                for e in &errors {
                    eprintln!("  {}: {}", e.path, e.message);
                }
            } else {
                println!("{}", errors_to_json(&errors));
            }
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
        Ok(report) => {
            if request.text {
                print!("{}", to_text(&report));
            } else {
                println!("{}", to_json(&report));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tokenworth: {source}: {e}");
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
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
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
            eprintln!("tokenworth: cannot read {source}: {e}");
            return ExitCode::from(2);
        }
    };
    let team = match team::parse_team(&contents) {
        Ok(team) => team,
        Err(OfferError::Syntax { line, column, message }) => {
            eprintln!(
                "tokenworth: {source}: line {line}, column {column}: not valid JSON: {message}"
            );
            return ExitCode::from(2);
        }
        Err(OfferError::Invalid(errors)) => {
            if text {
                eprintln!("tokenworth: {source} is not a valid team file:");
                for e in &errors {
                    eprintln!("  {}: {}", e.path, e.message);
                }
            } else {
                println!("{}", errors_to_json(&errors));
            }
            return ExitCode::from(2);
        }
    };
    if let Some(dir) = publish {
        return match write_sites(&team::publish(&team), &dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("tokenworth: cannot write under {}: {e}", dir.display());
                ExitCode::from(2)
            }
        };
    }
    match team::value_team(&team) {
        Ok(report) if text => print!("{}", team::to_text(&report)),
        Ok(report) => println!("{}", team::to_json(&report)),
        Err(e) => {
            eprintln!("tokenworth: {source}: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn usage_error(why: &str) -> ExitCode {
    eprintln!("tokenworth: {why}\n\n{USAGE}");
    ExitCode::from(2)
}

/// Each project's site in a directory of its own under `dir`, naming each file written.
fn write_sites(sites: &[team::Site], dir: &std::path::Path) -> std::io::Result<()> {
    for site in sites {
        let site_dir = dir.join(&site.directory);
        std::fs::create_dir_all(&site_dir)?;
        for (name, contents) in [
            (team::PLAN_FILE, &site.plan_json),
            (tokenworth::plan::CONFIG_FILE, &site.config_json),
            (team::DISCLOSURE_FILE, &site.disclosure_html),
        ] {
            let path = site_dir.join(name);
            std::fs::write(&path, contents)?;
            println!("{}", path.display());
        }
    }
    Ok(())
}
