//! The analysis settings kept in the plan: the analysis day, the four layers' cut-offs,
//! the lifecycle thresholds and the high-value line.

use super::reading::fill;
use crate::components::field::EntryField;
use crate::domain::customers::orders::day_date;
use crate::domain::values::entry::iso_date;
use crate::domain::values::measure::Unit;
use crate::i18n::Msg;
use crate::state::use_lang;
use crate::state::Part;
use leptos::prelude::*;

/// `as_of`: the analysis day in use (none before orders are read); `typed_date`: whether
/// it is the typed date rather than the default.
#[component]
pub fn Settings(as_of: Memo<Option<i32>>, typed_date: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    // Always say which day the figures count to, above all when the box is empty.
    let in_use = move || {
        let day = as_of.get().and_then(day_date)?;
        let msg = if typed_date.get() {
            Msg::CsAsOfInUseTyped
        } else {
            Msg::CsAsOfInUse
        };
        Some(view! {
            <p class="hint wide" data-testid="as-of-in-use" role="status">{fill(lang.get().t(msg), &[&iso_date(day)])}</p>
        })
    };
    view! {
        <section id="customers-settings" aria-labelledby="customers-settings-title">
            <h2 id="customers-settings-title">{lang.t(Msg::CsSettingsTitle)}</h2>
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>{lang.t(Msg::CsSettingsRfm)}</legend>
                    <EntryField id="seg-as-of" part=Part::Segments label=Msg::CsAsOf get=|p| &p.segments.as_of get_mut=|p| &mut p.segments.as_of input_mode="text" />
                    <EntryField id="seg-recent-from" part=Part::Segments label=Msg::CsRecentFrom get=|p| &p.segments.recent_from get_mut=|p| &mut p.segments.recent_from input_mode="numeric" />
                    <EntryField id="seg-valuable-from" part=Part::Segments label=Msg::CsValuableFrom get=|p| &p.segments.valuable_from get_mut=|p| &mut p.segments.valuable_from input_mode="numeric" />
                    <EntryField id="seg-high-value" part=Part::Segments label=Msg::CsHighValueLine unit=Unit::Money get=|p| &p.segments.high_value get_mut=|p| &mut p.segments.high_value />
                    <p class="hint wide">{lang.t(Msg::CsAsOfHint)}</p>
                    {in_use}
                </fieldset>
                <fieldset>
                    <legend>{lang.t(Msg::CsSettingsLifecycle)}</legend>
                    <EntryField id="seg-coupon-days" part=Part::Segments unit=Unit::Days label=Msg::CsCouponDays get=|p| &p.segments.coupon_days get_mut=|p| &mut p.segments.coupon_days input_mode="numeric" />
                    <EntryField id="seg-call-days" part=Part::Segments unit=Unit::Days label=Msg::CsCallDays get=|p| &p.segments.call_days get_mut=|p| &mut p.segments.call_days input_mode="numeric" />
                    <EntryField id="seg-voucher-days" part=Part::Segments unit=Unit::Days label=Msg::CsVoucherDays get=|p| &p.segments.voucher_days get_mut=|p| &mut p.segments.voucher_days input_mode="numeric" />
                    <EntryField id="seg-voucher-aov" part=Part::Segments label=Msg::CsVoucherAov unit=Unit::Money get=|p| &p.segments.voucher_min_aov get_mut=|p| &mut p.segments.voucher_min_aov />
                    <p class="hint wide">{lang.t(Msg::CsLifecycleHint)}</p>
                </fieldset>
            </form>
        </section>
    }
}
