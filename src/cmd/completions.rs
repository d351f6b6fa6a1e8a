//! `supple completions`: the script that turns on completion in a shell. The script
//! itself is written by `script` (the command line's completion, which calls supple
//! back for routine names); this command hands it to standard output.

use super::*;

pub(crate) fn completions(
    out: &mut dyn Write,
    script: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<u8, CliError> {
    // Made in memory first, so a closed pipe (`supple completions bash | head`) is
    // handled like any other failed write.
    let mut text = Vec::new();
    script(&mut text)?;
    out.write_all(&text)?;
    out.flush()?;
    Ok(0)
}
