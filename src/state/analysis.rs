//! Analysis data imported for this browser tab only: orders and journeys. They live in
//! memory at app level (so they survive moving between pages) and are never written to
//! the plan, browser storage or a backend: a million rows of customer data, phones
//! included, must not end up in saves.

use crate::domain::attribution::journeys::Journeys;
use crate::domain::customers::orders::Orders;
use leptos::prelude::*;
use std::sync::Arc;

/// A shared value compared by identity, so a memo holding a big analysis does not
/// compare it element by element.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[derive(Clone, Copy)]
pub struct AnalysisData {
    pub orders: RwSignal<Option<Shared<Orders>>>,
    pub journeys: RwSignal<Option<Shared<Journeys>>>,
    /// Whether the orders / journeys are the generated sample files (labelled as such
    /// on screen until a real file is read).
    pub orders_sample: RwSignal<bool>,
    pub journeys_sample: RwSignal<bool>,
}

pub fn provide_analysis() {
    provide_context(AnalysisData {
        orders: RwSignal::new(None),
        journeys: RwSignal::new(None),
        orders_sample: RwSignal::new(false),
        journeys_sample: RwSignal::new(false),
    });
}

impl AnalysisData {
    /// Sample orders are on screen.
    pub fn showing_sample_orders(self) -> Signal<bool> {
        Signal::derive(move || self.orders_sample.get() && self.orders.with(Option::is_some))
    }

    /// Sample journeys are on screen.
    pub fn showing_sample_journeys(self) -> Signal<bool> {
        Signal::derive(move || self.journeys_sample.get() && self.journeys.with(Option::is_some))
    }
}

pub fn use_analysis() -> AnalysisData {
    use_context::<AnalysisData>().expect("analysis data provided by the app")
}
