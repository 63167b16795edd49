//! The industry toolkits (spec §6): retail stock and member tiers, service feedback,
//! food-service combos, and service appointments.

pub mod appointments;
pub mod combos;
pub mod feedback;
pub mod stock;
pub mod tiers;
