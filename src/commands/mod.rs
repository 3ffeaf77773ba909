//! One module per command of the binary.

pub mod check;
