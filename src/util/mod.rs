//! Shared utilities, the bottom layer: every other module may use these, and
//! these use nothing of the crate above them.
//!
//! - [`diag`]: a problem in a file, pointed at by line and column;
//! - [`strict_toml`]: TOML decoding that reports every unknown key with a position;
//! - [`names`]: what a slug or a content file name may be;
//! - [`url`]: site paths, percent-encoding and the links content may hold;
//! - [`hash`]: fast hashers for short keys;
//! - [`timing`]: phase timings (`PEIXUN_TIMINGS=1`);
//! - [`date`]: today in China, or the day `SOURCE_DATE_EPOCH` says;
//! - [`stamp`]: a file's size, date and inode, to tell it unchanged;
//! - [`places`]: China's administrative divisions (GB/T 2260);
//! - [`replace`]: files kept for the next build, written whole or not at all;
//! - [`i18n`]: messages in the editor's language.

pub mod date;
pub mod diag;
pub mod hash;
pub mod i18n;
pub mod names;
pub mod places;
pub mod replace;
pub mod stamp;
pub mod strict_toml;
pub mod timing;
pub mod url;
