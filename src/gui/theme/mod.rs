//! The app's look: colours, icons and spacing in one place ([`ui_kit`]), and
//! the chart's colours ([`chart`]).

pub mod chart;
pub mod ui_kit;
