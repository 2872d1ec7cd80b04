//! The command line in the editor's language: clap's help and error
//! messages are English, so every command's and option's help comes from
//! the message files (`cli-<command>-<option>`), the help's headings from a
//! template of our own, and a parse error is said again in Chinese.

use crate::tr;
use crate::util::i18n::{self, Lang};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The message of a command (`cli-build-about`) or of one of its options
/// (`cli-build-root`): ids made from the command's own names.
fn text(id: &str) -> String {
    i18n::message(id, &[])
}

/// `cmd` with every help text localized, and its help and version flags
/// ours (clap's say "Print help").
pub fn localize(cmd: Command) -> Command {
    let mut cmd = cmd
        .about(text("cli-about"))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .help_template(text("cli-help-template"))
        .arg(help_flag())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text("cli-version")),
        );
    cmd = cmd.mut_arg("lang", |a| a.help(text("cli-lang")));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    cmd = cmd.override_usage(text("cli-usage"));
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| {
            // Headings of our own: clap's say "Arguments:" and "Options:".
            let positional = sub.get_positionals().next().is_some();
            let template = if positional {
                "cli-subcommand-template-with-arguments"
            } else {
                "cli-subcommand-template"
            };
            let mut sub = sub
                .about(text(&format!("cli-{name}-about")))
                .override_usage(text(&format!("cli-{name}-usage")))
                .disable_help_flag(true)
                .help_template(text(template))
                .arg(help_flag());
            let args: Vec<String> = sub
                .get_arguments()
                .map(|a| a.get_id().to_string())
                .filter(|id| id != "help" && id != "lang")
                .collect();
            for id in args {
                let message = text(&format!("cli-{name}-{id}"));
                // Defaults are said in the help text, in words.
                sub = sub.mut_arg(&id, |a| {
                    let takes_value = a.get_action().takes_values();
                    a.help(message).hide_default_value(takes_value)
                });
            }
            sub
        });
    }
    cmd
}

fn help_flag() -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .global(true)
        .help(text("cli-help"))
}

/// A parse error as the editor reads it: clap's own words in English, our
/// own in Chinese; with the way to the help.
pub fn error_text(e: &clap::Error) -> String {
    if i18n::lang() == Lang::En {
        return e.render().to_string();
    }
    let context = |kind: ContextKind| -> String {
        match e.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join("、"),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => tr!(
            "cli-error-unknown-argument",
            arg = context(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidSubcommand => tr!(
            "cli-error-unknown-command",
            command = context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            tr!("cli-error-missing", args = context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => tr!(
            "cli-error-value",
            arg = context(ContextKind::InvalidArg),
            value = context(ContextKind::InvalidValue)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            tr!("cli-error-no-command")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            tr!(
                "cli-error-too-many",
                value = context(ContextKind::InvalidValue)
            )
        }
        ErrorKind::ArgumentConflict => {
            tr!("cli-error-conflict", arg = context(ContextKind::InvalidArg))
        }
        _ => tr!("cli-error-other"),
    };
    let suggestion = match e
        .get(ContextKind::SuggestedArg)
        .or(e.get(ContextKind::SuggestedSubcommand))
    {
        Some(ContextValue::String(s)) => {
            format!("\n  {}", tr!("did-you-mean", suggestion = s.as_str()))
        }
        Some(ContextValue::Strings(v)) if !v.is_empty() => {
            format!("\n  {}", tr!("did-you-mean", suggestion = v.join("、")))
        }
        _ => String::new(),
    };
    format!(
        "{}{message}{suggestion}\n  {}\n",
        tr!("label-error"),
        tr!("cli-error-help")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// clap's own checks of a command line's definition, on ours.
    #[test]
    fn the_localized_command_line_is_well_formed() {
        localize(super::super::Cli::command()).debug_assert();
    }

    /// Every command and option has its help in both languages: a new
    /// option without one would show its message id.
    #[test]
    fn every_command_and_option_has_its_help_in_both_languages() {
        let cmd = super::super::Cli::command();
        let mut ids = vec!["cli-about".to_string(), "cli-lang".to_string()];
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            ids.push(format!("cli-{name}-about"));
            ids.push(format!("cli-{name}-usage"));
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if id != "lang" {
                    ids.push(format!("cli-{name}-{id}"));
                }
            }
        }
        for lang in [Lang::Zh, Lang::En] {
            let known = i18n::ids(lang);
            let missing: Vec<&String> = ids.iter().filter(|id| !known.contains(id)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
    }
}
