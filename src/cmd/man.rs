//! `supple man`: the manual pages.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CliError, Ctx};
use crate::core::text::sanitize;

/// Print the manual page (`supple man > supple.1`), or write one per command into a folder.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write supple.1 and a page for each command (supple-play.1, ...) into DIR,
    /// for example ~/.local/share/man/man1, so `man supple-play` works too.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let command = (ctx.command_line)();
    let Some(dir) = args.dir.as_deref() else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        page.extend_from_slice(sections().as_bytes());
        let mut out = ctx.out();
        out.write_all(&page)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    // Built, so each subcommand's page is named supple-NAME; no page for `help`.
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let pages = std::iter::once(&command).chain(command.get_subcommands());
    let top = command.get_name().to_owned();
    let written: io::Result<Vec<PathBuf>> = crate::store::file::create_folder(dir).and_then(|()| {
        pages
            .filter(|c| !c.is_hide_set())
            .map(|c| {
                let man = clap_mangen::Man::new(c.clone());
                let mut page = Vec::new();
                man.render(&mut page)?;
                // The top page gains the sections clap does not write.
                if c.get_name() == top {
                    page.extend_from_slice(sections().as_bytes());
                }
                let path = dir.join(man.get_filename());
                crate::store::file::write_to(&path, &page)?;
                Ok(path)
            })
            .collect()
    });
    let written = match written {
        Ok(paths) => paths,
        Err(e) => {
            return Err(CliError::failed(format!(
                "cannot write the manual pages into {}: {}",
                dir.display(),
                crate::store::file::io_reason(&e)
            )));
        }
    };
    let mut out = ctx.out();
    for path in written {
        writeln!(out, "{}", sanitize(&path.display().to_string()))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn sections() -> String {
    let roff = |t: &str| t.replace('\\', "\\e").replace('-', "\\-");
    let mut keys = String::from(".SH KEYS\n");
    for (screen, list) in crate::app::help::ALL {
        keys.push_str(&format!(".SS \"{screen}\"\n"));
        for k in *list {
            keys.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                roff(k.keys),
                roff(k.what)
            ));
        }
    }
    keys.push_str(".PP\nIn plain mode (\\fB\\-\\-plain\\fR, or output that is not a terminal) type \\fBp\\fR, \\fBn\\fR, \\fBb\\fR or \\fBq\\fR and Enter.\n");
    keys + REST
}

/// The sections after KEYS (roff).
const REST: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
finished, or stopped by you
.TP
\fB1\fR
an error (a broken routine, a file that cannot be read)
.TP
\fB2\fR
a usage error (an unknown flag, a bad duration)
.TP
\fB129\fR
the terminal closed (SIGHUP); an ice or heat session is kept to be resumed
.TP
\fB130\fR
Ctrl\-C or SIGINT
.TP
\fB141\fR
standard output closed; the session ends and is logged
.TP
\fB143\fR
SIGTERM
.SH FILES
.TP
\fI$XDG_CONFIG_HOME/supple/config.toml\fR
settings (\fBsupple config\fR shows them)
.TP
\fI$XDG_CONFIG_HOME/supple/routines/*.toml\fR, \fIplans/*.toml\fR
your own routines and plans
.TP
\fI$XDG_CONFIG_HOME/supple/reminders.toml\fR
reminders; their units go to \fI$XDG_CONFIG_HOME/systemd/user/\fR
.TP
\fI$XDG_DATA_HOME/supple/history.jsonl\fR
the history log: sessions, episodes, red\-flag answers (append only)
.TP
\fI$XDG_STATE_HOME/supple/\fR
the state of a running ice or heat session, to resume it
.TP
\fI$XDG_CACHE_HOME/supple/sounds/\fR
the chimes, written from the binary
.PP
Without the XDG variables: \fI~/.config\fR, \fI~/.local/share\fR, \fI~/.local/state\fR and \fI~/.cache\fR.
.SH ENVIRONMENT
.TP
\fBSUPPLE_DATA_DIR\fR
the folder of the history log (\fB\-\-data\-dir\fR wins over it)
.TP
\fBXDG_CONFIG_HOME\fR, \fBXDG_DATA_HOME\fR, \fBXDG_STATE_HOME\fR, \fBXDG_CACHE_HOME\fR, \fBHOME\fR
where the files above are
.TP
\fBNO_COLOR\fR
no colour in the full screen
.TP
\fBVISUAL\fR, \fBEDITOR\fR
the editor \fBsupple edit\fR opens
.TP
\fBDBUS_SESSION_BUS_ADDRESS\fR
the desktop session that reminders notify
.SH EXAMPLES
.TP
\fBsupple\fR
the home screen: today's plan, the routines, the timers
.TP
\fBsupple play back\-spasm\-relief\fR
the gentle routine for a back in spasm
.TP
\fBsupple heat\fR
20 minutes on, 20 off, three times
.TP
\fBsupple episode start \-\-ago 30h\fR
the pain began 30 hours ago: asks the red\-flag questions, then plans each day
.TP
\fBsupple remind add desk\-break \-\-every 45m \-\-between 09:00\-17:30 \-\-days mon\-fri\fR
a desk break through the working day
.TP
\fBsupple report \-\-out report.html\fR
a page for your physiotherapist
.TP
\fBsupple red\-flags\fR
when self\-care is not enough
"#;
