//! No price is a stand-in from another provider, and every `price_sources` row names its
//! file (or says it is an assumption or your override), its date and its provider.

use meridian::data::prices::{
    block_storage_usd_per_gb_month, storage_usd_per_gb_month, transfer_usd_per_gb,
    vm_usd_per_month, PriceBook,
};
use meridian::data::{regions, Provider};
use meridian::engine::cost::baseline::{scale, BaselineBill};
use meridian::engine::{evaluate, Posture};
use meridian::place::Place;
use meridian::plan::Plan;

#[test]
fn every_regions_prices_are_its_own_providers() {
    let book = PriceBook::default();
    let mut flagged = 0;
    for r in regions() {
        let here = Place::Region(r);
        for p in [
            vm_usd_per_month(&here, &book),
            block_storage_usd_per_gb_month(&here, &book),
            storage_usd_per_gb_month(&here, &book),
        ] {
            assert_eq!(p.provider, Some(r.provider), "{}: {p}", r.key());
            assert!(p.usd > 0.0 && p.usd.is_finite(), "{}: {p}", r.key());
            flagged += usize::from(p.stand_in.is_some());
        }
        let other = regions()
            .iter()
            .find(|o| o.provider == r.provider && o.code != r.code)
            .unwrap();
        let t = transfer_usd_per_gb(&here, &Place::Region(other), &book);
        assert_eq!(
            t.provider,
            Some(r.provider),
            "{} -> {}: {t}",
            r.key(),
            other.key()
        );
    }
    // Regions without their own price exist (e.g. aws:sa-east-1) and are flagged.
    assert!(flagged > 0);
}

#[test]
fn every_price_source_row_names_file_date_and_provider() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut plans = vec![Plan::example()];
    for f in std::fs::read_dir(dir).unwrap().flatten() {
        plans.push(Plan::from_json(&std::fs::read_to_string(f.path()).unwrap()).unwrap());
    }
    let providers: Vec<&str> = Provider::ALL.iter().map(|p| p.display_name()).collect();
    let mut rows = 0;
    for plan in plans {
        for row in evaluate(&plan).unwrap().price_sources {
            let sourced =
                row.contains("data/") || row.contains("assumption") || row.contains("not in data/");
            assert!(sourced, "no file or assumption: {row}");
            assert!(
                row.contains("as of") || row.contains("assumption"),
                "no date: {row}"
            );
            let who = providers.iter().any(|p| row.contains(p)) || row.contains("every provider");
            assert!(who, "no provider: {row}");
            assert!(!row.contains("stand-in from"), "{row}");
            rows += 1;
        }
    }
    assert!(rows > 20, "{rows}");
}

#[test]
fn a_baseline_bill_is_reproduced_by_single_region_and_scaled_by_the_bom() {
    let report = evaluate(&Plan::example()).unwrap();
    let bill = BaselineBill {
        compute_usd: 12_345.67,
        database_usd: 4_321.0,
        storage_usd: 987.65,
        network_usd: 432.1,
        platform_usd: 1_000.0,
    };
    for class in &report.classes {
        let cost = |p: Posture| {
            class
                .evaluations
                .iter()
                .find(|e| e.posture == p)
                .and_then(|e| e.cost.clone())
        };
        let Some(single) = cost(Posture::SingleRegion) else {
            continue;
        };
        let same = scale(&bill, &single, &single);
        assert_eq!(same.bill, bill, "{}", class.name);
        assert_eq!(same.bill.total_usd(), bill.total_usd());
        if let Some(sync) = cost(Posture::SyncStandby) {
            let s = scale(&bill, &single, &sync).bill;
            // A sync standby doubles compute and database: so does the scaled bill (within
            // the price difference between the two regions).
            let x = s.compute_usd / bill.compute_usd;
            assert!((1.9..2.2).contains(&x), "{x}: {s:?}");
            assert!(s.database_usd > bill.database_usd && s.network_usd >= bill.network_usd);
        }
    }
    // Nonsense in, no panic and nothing negative out.
    let bad = BaselineBill {
        compute_usd: f64::NAN,
        database_usd: -5.0,
        ..BaselineBill::default()
    };
    let single = report.classes[0].evaluations[0].cost.clone().unwrap();
    let s = scale(&bad, &single, &single).bill;
    assert!(s.compute_usd == 0.0 && s.database_usd == 0.0);
}
