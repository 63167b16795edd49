//! One module per page of the app.

pub mod channels;
pub mod customers;
pub mod funnel;
pub mod not_found;
pub mod options;
pub mod overview;
pub mod plans;
pub mod print;
pub mod scenario;
pub mod settings;
pub mod share;
pub mod tasks;
pub mod toolkits;
pub mod workbook;
