//! One stable sort for the crate (issue 16: what the browser downloads). Every
//! `sort_by(|a, b| ...)` with its own closure makes the compiler emit its own copy of the
//! standard library's sort, 2-6 KB of wasm each; these helpers sort indices through one
//! comparator behind `&dyn`, so all their callers share a single copy.
//!
//! Results are those of `slice::sort_by` with the same comparator: the index sort is stable
//! and starts from the original order, so equal elements keep it.

use std::cmp::Ordering;

/// Sorts `order` (indices) stably by `cmp`, like `order.sort_by(|&a, &b| cmp(a, b))`.
#[inline(never)]
pub fn sort_indices_by(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Sorts `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices_by(&mut order, &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `v` stably by `key`, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_sort_and_is_stable() {
        let words = [
            "pear", "fig", "apple", "kiwi", "date", "plum", "lime", "yuzu", "", "fig",
        ];
        let mut want: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
        let mut got = want.clone();
        want.sort_by_key(|w| w.1.len());
        sort_by_key(&mut got, |w| w.1.len());
        assert_eq!(got, want);

        let mut idx: Vec<usize> = (0..words.len()).collect();
        sort_indices_by(&mut idx, &|a, b| words[b].cmp(words[a]));
        let sorted: Vec<&str> = idx.iter().map(|&i| words[i]).collect();
        let mut desc = words.to_vec();
        desc.sort_by(|a, b| b.cmp(a));
        assert_eq!(sorted, desc);

        sort_indices_by(&mut idx, &|a, b| words[a].len().cmp(&words[b].len()));
        assert_eq!(idx[..3], [8, 1, 9], "equal elements keep their order");
    }
}
