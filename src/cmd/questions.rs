//! The red-flag questions at a terminal: at an episode's start, the signs never
//! asked, and the weekly check. Each answer is recorded as it is given.

use std::io::Write;
use std::path::Path;

use super::ask::{self, Stream};
use super::{CliError, Ctx, line};
use crate::core::episode::{self as ep, Answers, Episode, EpisodeRecord};
use crate::core::history::build::rfc3339 as stamp;
use crate::core::red_flags::{self, Sign, Tier};

/// Asks `signs` one at a time on the terminal (standard error, answers from
/// standard input); a "yes" is answered at once with its tier's action. With nobody
/// to answer (standard input closed or not a terminal and empty), nothing is asked
/// and the result says so ([`Answers::not_asked`]); the list is printed instead.
/// `record` keeps each round: a "yes" with the answers before it at once (so that
/// a terminal closed before the last question loses nothing), then the rest.
pub(crate) fn questions(
    ctx: &Ctx,
    out: &mut dyn Write,
    signs: &[Sign],
    record: &mut dyn FnMut(Answers) -> Result<(), CliError>,
) -> Result<Answers, CliError> {
    let mut answers = Answers::not_asked();
    let mut pending = Answers::not_asked();
    {
        let intro = format!(
            "Questions about signs that need a doctor (Enter is no). {}",
            red_flags::SELF_CARE
        );
        let mut err = ctx.err();
        for row in ask::wrapped(ctx, Stream::Err, &intro) {
            let _ = writeln!(err, "{row}");
        }
    }
    for (i, sign) in signs.iter().enumerate() {
        let question = format!("({}/{}) {}", i + 1, signs.len(), sign.question());
        match ask::ask(ctx, &question, false) {
            Some(yes) => {
                answers.asked.push(*sign);
                pending.asked.push(*sign);
                if yes {
                    answers.yes.push(*sign);
                    pending.yes.push(*sign);
                    record(std::mem::take(&mut pending))?;
                    let mut err = ctx.err();
                    let [meaning, action] = red_flags::answer(*sign);
                    for text in [meaning, action] {
                        for row in ask::wrapped(ctx, Stream::Err, &format!("  {text}")) {
                            let _ = writeln!(err, "{row}");
                        }
                    }
                }
            }
            None => {
                let mut err = ctx.err();
                let _ = writeln!(err);
                let _ = writeln!(
                    err,
                    "Not asked (nothing to read the answers from): supple asks them next time it runs in a terminal."
                );
                for l in red_flags::lines() {
                    let _ = writeln!(err, "{l}");
                }
                break;
            }
        }
    }
    if !pending.asked.is_empty() {
        record(pending)?;
    }
    said(ctx, out, &answers)?;
    Ok(answers)
}

/// The emergency signs that can come later, as one question (the weekly check);
/// after a "yes", the emergency tier's action at once, then each sign one at a
/// time so that the record says which (none named: the "yes" to them together).
fn together(
    ctx: &Ctx,
    out: &mut dyn Write,
    record: &mut dyn FnMut(Answers) -> Result<(), CliError>,
) -> Result<Answers, CliError> {
    let signs: Vec<Sign> = red_flags::reasked().collect();
    {
        let mut err = ctx.err();
        let _ = writeln!(
            err,
            "A weekly check. With your back pain, have any of these started, or got worse, since you were last asked?"
        );
        for s in &signs {
            let _ = writeln!(err, "  - {}", s.listed());
        }
        let _ = writeln!(err, "{}", red_flags::DO_NOT_WAIT);
    }
    let Some(any) = ask::ask(ctx, "Any of these?", false) else {
        return Ok(Answers::not_asked());
    };
    let as_one = Answers {
        asked: signs.clone(),
        yes: if any { signs.clone() } else { Vec::new() },
        together: true,
    };
    // Recorded at once; after a yes, which one it was is a round of its own.
    record(as_one.clone())?;
    if !any {
        return Ok(as_one);
    }
    {
        let mut err = ctx.err();
        let _ = writeln!(err, "  {}", Tier::Emergency.action());
        let _ = writeln!(
            err,
            "Which was it? One at a time, so that your record says."
        );
    }
    let mut named = Vec::new();
    for s in &signs {
        match ask::ask(ctx, s.question(), false) {
            Some(true) => named.push(*s),
            Some(false) => {}
            None => break,
        }
    }
    if !named.is_empty() {
        record(Answers {
            asked: signs,
            yes: named,
            together: false,
        })?;
    }
    said(ctx, out, &as_one)?;
    Ok(as_one)
}

/// After the questions: the most urgent tier's action again, on standard output.
fn said(ctx: &Ctx, out: &mut dyn Write, answers: &Answers) -> Result<(), CliError> {
    let tier = answers.yes.iter().map(|s| s.tier()).max();
    if let Some(tier) = tier {
        line(out, "")?;
        for row in ask::wrapped(
            ctx,
            Stream::Out,
            &format!("{}: {}", tier.title(), tier.action()),
        ) {
            line(out, &row)?;
        }
        line(
            out,
            "Your answers are recorded; Today keeps this at the top until `supple episode checked`.",
        )?;
    }
    Ok(())
}

/// Asks what the open episode is due, when a person is at the terminal: the
/// signs never asked (not asked at the start, or asked in the old combined form),
/// else the emergency tier's weekly question. The answers are recorded and
/// applied to `episode`.
pub(crate) fn ask_due(
    ctx: &Ctx,
    out: &mut dyn Write,
    dir: &Path,
    episode: &mut Episode,
) -> Result<(), CliError> {
    if !ctx.terminals.stdin {
        return Ok(());
    }
    let (now, tz) = (ctx.now, &ctx.tz);
    let unasked = episode.screening.unasked();
    let due = episode.reask_due(now);
    let mut rounds = Vec::new();
    let mut record = |answers: Answers| -> Result<(), CliError> {
        append(
            dir,
            &EpisodeRecord::answers(&stamp(now, tz), answers.clone()),
        )?;
        rounds.push(ep::Round { at: now, answers });
        Ok(())
    };
    if !unasked.is_empty() {
        questions(ctx, out, &unasked, &mut record)?;
    } else if due {
        together(ctx, out, &mut record)?;
    } else {
        return Ok(());
    }
    if rounds.is_empty() {
        return Ok(());
    }
    episode.screening.rounds.extend(rounds);
    line(out, "")?;
    Ok(())
}

pub(crate) fn append(dir: &Path, record: &EpisodeRecord) -> Result<(), CliError> {
    crate::store::log::append_episode(dir, record)
        .map(|_| ())
        .map_err(|e| CliError::failed(e.report().join("\n")))
}
