//! RFM segments: the four layers (with the editable cut-offs) and the ten-name scheme,
//! each with its size, share, spend and suggested action, updated live.

use super::AnalysisMemo;
use crate::components::sample::SampleBadge;
use crate::components::summary_table::{SummaryRow, SummaryTable};
use crate::domain::customers::rfm::{
    group_sizes, segment_areas, Action, GridArea, GroupSize, Layer, Segment, LAYERS, SEGMENTS,
};
use crate::domain::values::money::Fen;
use crate::domain::values::ratio::Ratio;
use crate::i18n::{format_count, format_money, format_rate, Lang, Msg};
use crate::state::analysis::use_analysis;
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

pub fn action_name(a: Action) -> Msg {
    match a {
        Action::Coupon => Msg::CsActCoupon,
        Action::ServiceVoucher => Msg::CsActVoucher,
        Action::PhoneCall => Msg::CsActCall,
        Action::TierUpgrade => Msg::CsActUpgrade,
    }
}

fn layer_name(l: Layer) -> Msg {
    match l {
        Layer::HighValue => Msg::CsLayerHigh,
        Layer::Potential => Msg::CsLayerPotential,
        Layer::Silent => Msg::CsLayerSilent,
        Layer::Lost => Msg::CsLayerLost,
    }
}

fn segment_name(s: Segment) -> Msg {
    match s {
        Segment::Champions => Msg::CsSegChampions,
        Segment::Loyal => Msg::CsSegLoyal,
        Segment::PotentialLoyalist => Msg::CsSegPotential,
        Segment::NewCustomers => Msg::CsSegNew,
        Segment::Promising => Msg::CsSegPromising,
        Segment::NeedAttention => Msg::CsSegAttention,
        Segment::AboutToSleep => Msg::CsSegSleep,
        Segment::AtRisk => Msg::CsSegRisk,
        Segment::CantLoseThem => Msg::CsSegCantLose,
        Segment::Hibernating => Msg::CsSegHibernating,
    }
}

/// The ten segments' places on the R × FM grid, read from the rule the table counts by.
fn segments_rule(lang: Lang) -> String {
    let items: Vec<String> = SEGMENTS
        .iter()
        .map(|&s| {
            let areas: Vec<String> = segment_areas(s).iter().map(GridArea::label).collect();
            format!("{} {}", lang.t(segment_name(s)), areas.join(" / "))
        })
        .collect();
    super::reading::fill(
        lang.t(Msg::CsSegmentsRule),
        &[&items.join(lang.t(Msg::ListSeparator))],
    )
}

const COLUMNS: [Msg; 4] = [
    Msg::CsColCustomers,
    Msg::CsColShare,
    Msg::CsColSpend,
    Msg::CsColAction,
];

fn rows(
    groups: &[GroupSize],
    names: impl Iterator<Item = (Msg, Action)>,
    total: u64,
    lang: Lang,
    currency: crate::domain::values::money::Currency,
) -> Vec<SummaryRow> {
    groups
        .iter()
        .zip(names)
        .map(|(g, (name, action))| SummaryRow {
            name: lang.t(name).to_string(),
            figures: vec![
                format_count(g.customers, lang),
                format_rate(Ratio::new(g.customers, total), lang),
                format_money(Fen(g.monetary), currency, lang),
                lang.t(action_name(action)).to_string(),
            ],
            warn: false,
        })
        .collect()
}

#[component]
pub fn Segments(analysis: AnalysisMemo) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let sizes = Memo::new(move |_| {
        let cuts = store.read_parts(&[Part::Segments], |p| p.segments.cuts());
        analysis.with(|a| {
            a.as_ref().map(|a| {
                (
                    group_sizes(&a.scored, &a.stats, cuts),
                    a.scored.len() as u64,
                )
            })
        })
    });
    let currency = Memo::new(move |_| store.read_parts(&[Part::Header], |p| p.header.currency));
    let layer_rows = Signal::derive(move || {
        let l = lang.get();
        sizes.get().map_or_else(Vec::new, |((layers, _), total)| {
            rows(
                &layers,
                LAYERS.iter().map(|&x| (layer_name(x), x.action())),
                total,
                l,
                currency.get(),
            )
        })
    });
    let segment_rows = Signal::derive(move || {
        let l = lang.get();
        sizes.get().map_or_else(Vec::new, |((_, segs), total)| {
            rows(
                &segs,
                SEGMENTS.iter().map(|&x| (segment_name(x), x.action())),
                total,
                l,
                currency.get(),
            )
        })
    });
    view! {
        <section id="customers-rfm" aria-labelledby="customers-rfm-title">
            <h2 id="customers-rfm-title">{lang.t(Msg::CsRfmTitle)}<SampleBadge show=use_analysis().showing_sample_orders() /></h2>
            <p class="hint">{lang.t(Msg::CsRfmRule)}</p>
            <p class="hint">{lang.t(Msg::CsTieRule)}</p>
            {move || analysis.with(Option::is_none).then(|| view! { <p class="hint">{lang.t(Msg::CsNoOrders)}</p> })}
            <SummaryTable caption=Msg::CsLayersCaption first=Msg::CsColLayer columns=&COLUMNS rows=layer_rows test_id="rfm-layers" />
            <p class="hint">{lang.t(Msg::CsLayersRule)}</p>
            <SummaryTable caption=Msg::CsSegmentsCaption first=Msg::CsColSegment columns=&COLUMNS rows=segment_rows test_id="rfm-segments" />
            <p class="hint" data-testid="segments-rule">{move || segments_rule(lang.get())}</p>
        </section>
    }
}
