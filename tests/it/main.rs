//! Integration tests: one binary, one module per feature. Each test writes a
//! small whole site into a temporary directory, runs the real `peixun`
//! binary on it, and asserts what a user would see: pages (parsed as HTML),
//! catalog.json, messages and exit codes.

mod support;

mod accessibility;
mod bad_input;
mod browser;
mod browser_support;
mod bundled;
mod cli;
mod contract;
mod guide;
mod import;
mod import_drafts;
mod import_hostile;
mod import_measure;
mod layers;
mod pages;
mod phone;
mod places;
mod properties;
mod publishing;
mod serve;
mod teacher;
