//! `supple function`: the activities the person finds hard because of their back,
//! rated 0-10 on the Patient-Specific Functional Scale ([`crate::core::function`]).
//! Listed, rated from a shell (`supple function "putting on socks" 4`), or asked
//! on the terminal (`--ask`; `supple episode start` and `supple today` ask through
//! `activities.rs`). Each rating is written to the log the moment it is given.

use std::io::Write;
use std::process::ExitCode;

use super::{CliError, Ctx, activities, data_dir, line, readable_log};
use crate::core::episode::Episode;
use crate::core::function::{self as psfs, HIGH, LOW, MAX_ACTIVITIES};
use crate::core::history::build::rfc3339 as stamp;
use crate::core::history::mark::Mark;

/// Activities you find hard because of your back, rated 0 (unable to perform
/// the activity) to 10 (able to perform it at the same level as before the
/// problem): the Patient-Specific Functional Scale, for you and your
/// physiotherapist. Up to three per episode; `supple report` shows how each
/// changed.
///
/// `supple function` lists them with their first and latest rating; `supple
/// function --ask` rates them again (and names new ones, up to three); `supple
/// function "putting on socks" 4` rates one from a shell. `supple episode
/// start` offers to name them, and Today asks them again once a week.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The activity, in your words (quoted when it is several words).
    #[arg(value_name = "ACTIVITY", requires = "score", conflicts_with = "ask")]
    pub activity: Option<String>,
    /// How well you can do it now, 0 to 10.
    #[arg(value_name = "0-10", value_parser = clap::value_parser!(u8).range(0..=10))]
    pub score: Option<u8>,
    /// Ask on the terminal: each activity again, then new ones up to three.
    #[arg(long)]
    pub ask: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let dir = data_dir(ctx)?;
    let log = readable_log(ctx)?;
    let episodes = log.map(crate::ctx::ReadLog::episodes).unwrap_or_default();
    let marks = log.map(crate::ctx::ReadLog::marks).unwrap_or_default();
    let Some(episode) = crate::core::episode::open(episodes) else {
        return Err(CliError::failed(
            "no episode is open: the activities you rate belong to an episode of back pain; `supple episode start` when it begins (it offers to name them)",
        ));
    };
    let named = psfs::activities(marks, psfs::since(&episode));
    let mut out = ctx.out();
    let out = &mut *out;
    match (args.activity, args.score) {
        (Some(activity), Some(score)) => {
            let Some(activity) = crate::core::history::mark::clean_activity(&activity) else {
                return Err(CliError::usage(
                    "the activity is empty; name it in your words, for example: supple function \"putting on socks\" 4",
                ));
            };
            let known = named.iter().find(|(n, _, _)| psfs::same(n, &activity));
            if known.is_none() && named.len() >= MAX_ACTIVITIES {
                let names: Vec<&str> = named.iter().map(|(n, _, _)| n.as_str()).collect();
                return Err(CliError::usage(format!(
                    "this episode has three activities already ({}); rate one of those (the scale follows the same ones over time)",
                    names.join(", ")
                )));
            }
            // Rated under the name first given, so the report keeps one line.
            let name = known.map_or(activity, |(n, _, _)| n.clone());
            activities::save(dir, &Mark::rating(&stamp(ctx.now, &ctx.tz), &name, score))?;
            line(out, &format!("Recorded: {name}, {score}/10."))?;
        }
        _ if args.ask => {
            if named.is_empty() {
                activities::name_new(ctx, out, dir, 0)?;
            } else {
                activities::rate_named(ctx, out, dir, &named)?;
                activities::name_new(ctx, out, dir, named.len())?;
            }
        }
        _ => list(out, marks, &episode, &ctx.tz)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The episode's activities: the first rating and the latest, with their dates.
fn list(
    out: &mut dyn Write,
    marks: &[Mark],
    episode: &Episode,
    tz: &jiff::tz::TimeZone,
) -> Result<(), CliError> {
    let since = psfs::since(episode);
    let named = psfs::activities(marks, since);
    if named.is_empty() {
        line(out, "No activity named in this episode yet.")?;
        line(
            out,
            "`supple function --ask` names up to three activities you find hard because of your back and rates each 0-10 (or: supple function \"putting on socks\" 4).",
        )?;
        return Ok(());
    }
    line(
        out,
        &format!("Activities you find hard because of your back, rated 0-10 ({LOW}; {HIGH}):"),
    )?;
    let day = |t: jiff::Timestamp| {
        t.to_zoned_datetime(tz.clone())
            .strftime("%a %-d %b")
            .to_string()
    };
    for (name, latest, at) in &named {
        let first = marks.iter().find_map(|m| match (m, m.time()) {
            (Mark::Function(r), Some(t)) if t >= since && psfs::same(&r.activity, name) => {
                Some((r.score, t))
            }
            _ => None,
        });
        let text = match first {
            Some((score, t)) if t < *at => format!(
                "  {name}: {score} on {} → {latest} on {} ({:+})",
                day(t),
                day(*at),
                i16::from(*latest) - i16::from(score)
            ),
            _ => format!("  {name}: {latest} on {}", day(*at)),
        };
        line(out, &text)?;
    }
    line(
        out,
        "`supple function --ask` rates them again; `supple report` shows how each changed.",
    )?;
    Ok(())
}
