//! The one check both the native and the wasm test make of the packed RTT tables: every
//! dataset's decoded links equal, bit for bit, the `f32` links build.rs computed.

use meridian::data::matrices::DATASETS;

pub fn assert_decoded_links_equal_build_time_tables() {
    for ds in DATASETS {
        let (got, want) = (ds.links(), ds.reference_links());
        assert_eq!(got.len(), want.len(), "{:?}", ds.id);
        for (g, w) in got.iter().zip(want) {
            assert_eq!(
                (g.a, g.b, g.directions, g.ms.to_bits(), g.km.to_bits()),
                (w.a, w.b, w.directions, w.ms.to_bits(), w.km.to_bits()),
                "{:?}: {g:?} vs {w:?}",
                ds.id
            );
        }
    }
}
