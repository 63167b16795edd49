//! The file formats the product reads and writes: CSV (whole, or a bounded number of
//! records at a time), iCalendar, Excel workbooks (xlsx/: writer.rs, reader.rs), and the
//! stepped reading the importers share.

pub mod csv;
pub mod ics;
pub mod stepped_read;
pub mod xlsx;
