//! The app's look: colours, icons and spacing in one place ([`ui_kit`]).

pub mod ui_kit;
