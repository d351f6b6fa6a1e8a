//! `supple man`: the manual pages.

use super::*;

/// `command` is the command line's definition (clap).
pub(crate) fn man(
    out: &mut dyn Write,
    command: clap::Command,
    dir: Option<&Path>,
) -> Result<u8, CliError> {
    let Some(dir) = dir else {
        clap_mangen::Man::new(command).render(out)?;
        out.flush()?;
        return Ok(0);
    };
    // Built, so each subcommand's page is named supple-NAME; no page for `help`.
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let pages = std::iter::once(&command).chain(command.get_subcommands());
    let written: io::Result<Vec<PathBuf>> = std::fs::create_dir_all(dir).and_then(|()| {
        pages
            .filter(|c| !c.is_hide_set())
            .map(|c| clap_mangen::Man::new(c.clone()).generate_to(dir))
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
    for path in written {
        writeln!(out, "{}", sanitize(&path.display().to_string()))?;
    }
    out.flush()?;
    Ok(0)
}
