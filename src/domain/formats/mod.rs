//! The file formats the product reads and writes: CSV (whole, or a bounded number of
//! records at a time), iCalendar, and the stepped reading the importers share.

pub mod csv;
pub mod ics;
pub mod stepped_read;
