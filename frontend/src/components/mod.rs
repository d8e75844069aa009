//! WeUI pieces: they take data and callbacks and never call the network.

pub mod measures;
pub mod question;
pub mod result_card;
pub mod tab_bar;
