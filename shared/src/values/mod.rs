//! Checked values: money in fen and rates in basis points, unified social credit codes.

pub mod credit_code;
pub mod date;
pub mod money;
