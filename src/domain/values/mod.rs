//! The value types every table shares: what a cell holds (`entry`), money in fen
//! (`money`), rates that may have no value (`ratio`), metric measures (`measure`), row ids
//! (`ids`), interned names of large imports (`names`), the small statistics the rate comparisons use (`stats`), and the seeded generators of
//! generated data (`random`).

pub mod entry;
pub mod ids;
pub mod measure;
pub mod money;
pub mod names;
pub mod random;
pub mod ratio;
pub mod stats;
