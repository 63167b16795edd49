//! Today's date, from the browser clock: deadlines turn overdue against it. Tests set
//! it through the page clock (Playwright's `page.clock`), which fakes `Date`.

use chrono::NaiveDate;
use leptos::prelude::*;
use std::time::Duration;

/// How often the date is read again, so a page left open past midnight moves on.
const RECHECK: Duration = Duration::from_secs(60);

#[derive(Clone, Copy)]
pub struct Today(RwSignal<NaiveDate>);

impl Today {
    pub fn get(self) -> NaiveDate {
        self.0.get()
    }

    pub fn get_untracked(self) -> NaiveDate {
        self.0.get_untracked()
    }
}

fn local_date() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Provides today's date to the app, re-read every minute.
pub fn provide_today() -> Today {
    let today = Today(RwSignal::new(local_date()));
    let _ = set_interval_with_handle(
        move || {
            let now = local_date();
            if now != today.0.get_untracked() {
                today.0.set(now);
            }
        },
        RECHECK,
    );
    provide_context(today);
    today
}

/// Today's date from the app's context; a component mounted alone (a component test)
/// reads the clock once.
pub fn use_today() -> Today {
    use_context::<Today>().unwrap_or_else(|| Today(RwSignal::new(local_date())))
}
