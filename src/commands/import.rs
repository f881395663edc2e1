//! `starmatch import`: Markdown STAR notes -> corpus story files.

use super::{GlobalConfig, InputError, Status};
use crate::cli::ImportArgs;

pub fn run(_global: &GlobalConfig, _args: ImportArgs) -> anyhow::Result<Status> {
    Err(InputError("import is not available in this build yet".into()).into())
}
