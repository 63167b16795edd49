//! Charts drawn with plotters on a `<canvas>`; every figure they show is also in a table.

mod bars;
mod canvas;
mod curves;
mod frame;
mod funnel;
mod gantt;
mod lines;
mod response;
mod trend;

pub use bars::{draw_bars, Bars, Series, BLUE, GREEN, WARN};
pub use canvas::{Area, ChartCanvas};
pub use curves::{curve_color, draw_curves, Curves};
pub use funnel::{draw_funnel, funnel_height, FunnelBar, FunnelChart, FUNNEL_MAX_STAGES};
pub use gantt::{draw_gantt, gantt_height, GanttText, OVERDUE};
pub use lines::{draw_lines, LineSeries, Lines, PALETTE};
pub use response::{draw_response, ResponseChart};
pub use trend::{draw_trend, Trend};
