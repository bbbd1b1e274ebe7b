//! Stable row ids for the plan's lists (data classes, populations). The plan itself has no
//! ids, so the UI keeps one per row beside it; `<For>` keys rows by them, and a row's DOM
//! (text that does not parse yet, a card's open state, focus) moves with the row on "Up",
//! and stays put when a neighbour is added or deleted.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct RowIds {
    ids: RwSignal<Vec<u64>>,
    next: StoredValue<u64>,
}

/// Ids for rows the UI did not create (a plan loaded from a link, back/forward): stable by
/// position, and never equal to an id handed out by [`RowIds::fresh`].
const BY_POSITION: u64 = 1 << 40;

impl RowIds {
    pub fn new(n: usize) -> RowIds {
        RowIds {
            ids: RwSignal::new((0..n as u64).collect()),
            next: StoredValue::new(n as u64),
        }
    }

    fn fresh(&self) -> u64 {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        id
    }

    /// The ids of `n` rows (tracked).
    pub fn keys(&self, n: usize) -> Vec<u64> {
        self.ids.with(|v| {
            (0..n)
                .map(|k| v.get(k).copied().unwrap_or(BY_POSITION + k as u64))
                .collect()
        })
    }

    /// Row `id`'s position among `n` rows, `None` once it is gone.
    pub fn position(&self, id: u64, n: Memo<usize>) -> Memo<Option<usize>> {
        let me = *self;
        Memo::new(move |_| me.keys(n.get()).iter().position(|x| *x == id))
    }

    /// Pins the ids of the first `n` rows, so the edits below have them to move.
    fn settle(v: &mut Vec<u64>, n: usize) {
        let len = v.len();
        v.extend((len..n).map(|k| BY_POSITION + k as u64));
        v.truncate(n);
    }

    pub fn insert(&self, at: usize, n_before: usize) {
        let id = self.fresh();
        self.ids.update(|v| {
            Self::settle(v, n_before);
            v.insert(at.min(v.len()), id);
        });
    }

    pub fn remove(&self, at: usize, n_before: usize) {
        self.ids.update(|v| {
            Self::settle(v, n_before);
            if at < v.len() {
                v.remove(at);
            }
        });
    }

    pub fn swap(&self, a: usize, b: usize, n: usize) {
        self.ids.update(|v| {
            Self::settle(v, n);
            if a < n && b < n {
                v.swap(a, b);
            }
        });
    }

    /// New ids for a whole new list (a template, an upload): nothing carries over.
    pub fn reset(&self, n: usize) {
        let ids = (0..n).map(|_| self.fresh()).collect();
        self.ids.set(ids);
    }
}
