//! Charts drawn with plotters on a `<canvas>`; every figure they show is also in a table.

mod bars;
mod canvas;
mod funnel;

pub use bars::{draw_bars, Bars, Series, BLUE, GREEN, WARN};
pub use canvas::{Area, ChartCanvas};
pub use funnel::{draw_funnel, funnel_height, FunnelBar, FunnelChart};
