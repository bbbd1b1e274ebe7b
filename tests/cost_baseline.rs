//! Your bill as the baseline: with today's single-region bill in the plan, the
//! single-region posture reproduces it exactly (one class: to the bit; several: the
//! classes' parts add up to it), every other posture is that bill scaled by its bill of
//! materials, the report says so, and a bad line gets a message in its own words and unit.

use meridian::engine::cost::baseline::BaselineBill;
use meridian::engine::{evaluate, Posture};
use meridian::plan::{validate, Plan};
use meridian::present::{problem, totals_sentence};

fn bill() -> BaselineBill {
    BaselineBill {
        compute_usd: 12_345.67,
        database_usd: 4_321.0,
        storage_usd: 987.65,
        network_usd: 432.1,
        platform_usd: 1_000.0,
    }
}

#[test]
fn one_class_single_region_reproduces_the_bill_exactly() {
    let mut plan = Plan::example();
    plan.data_classes.truncate(1);
    plan.baseline_bill = Some(bill());
    let report = evaluate(&plan).unwrap();
    let class = &report.classes[0];
    let single = &class.evaluations[0];
    assert_eq!(single.posture, Posture::SingleRegion);
    assert_eq!(single.monthly_cost_usd, Some(bill().total_usd()));
    let scaled = single.cost.as_ref().unwrap().from_bill.as_ref().unwrap();
    assert_eq!(scaled.bill, bill());
    assert_eq!(
        report.totals.single_region_monthly_cost_usd,
        bill().total_usd()
    );
    // Other postures: the same bill scaled; a warm standby costs more than the bill.
    let warm = class
        .evaluations
        .iter()
        .find(|e| e.posture == Posture::WarmStandby)
        .unwrap();
    let w = warm.monthly_cost_usd.unwrap();
    assert!(w > bill().total_usd(), "{w}");
    for e in &class.evaluations {
        println!("{:?}: {:?}", e.posture, e.monthly_cost_usd);
    }
    let said = totals_sentence(&report.totals);
    assert!(
        said.contains("Costs are scaled from your bill of $19,086/month"),
        "{said}"
    );
    assert!(
        class
            .reasons
            .iter()
            .any(|r| r.contains("scaled from your bill")),
        "{:?}",
        class.reasons
    );
}

#[test]
fn several_classes_share_the_bill_and_their_single_regions_add_up_to_it() {
    let mut plan = Plan::example();
    plan.baseline_bill = Some(bill());
    let report = evaluate(&plan).unwrap();
    let singles: f64 = report
        .classes
        .iter()
        .filter_map(|c| c.evaluations[0].monthly_cost_usd)
        .sum();
    assert!((singles - bill().total_usd()).abs() < 1e-6, "{singles}");
    assert!(
        (report.totals.single_region_monthly_cost_usd - bill().total_usd()).abs() < 1e-6,
        "{:?}",
        report.totals
    );
    // Without the bill, list prices: a different single-region total.
    let list = evaluate(&Plan::example()).unwrap();
    assert!(list.totals.scaled_from_bill.is_none());
    assert!((list.totals.single_region_monthly_cost_usd - bill().total_usd()).abs() > 1.0);
}

#[test]
fn a_bad_bill_line_is_named_in_the_forms_words_and_unit() {
    let mut plan = Plan::example();
    plan.baseline_bill = Some(BaselineBill {
        compute_usd: f64::NAN,
        network_usd: -3.0,
        ..bill()
    });
    let errors = validate(&plan).unwrap_err();
    let shown: Vec<String> = errors.0.iter().map(problem).collect();
    assert_eq!(
        shown,
        [
            "Today's compute bill must be from 0 $/month to 1,000,000,000 $/month (you typed not a number)",
            "Today's network bill must be from 0 $/month to 1,000,000,000 $/month (you typed -3)",
        ]
    );
    assert_eq!(
        errors.0[1].to_string(),
        "baseline_bill.network_usd: -3 is out of range; allowed: a number from 0 to 1000000000"
    );
}

#[test]
fn a_plan_file_without_the_bill_omits_it_and_one_with_it_keeps_it() {
    let json = Plan::example().to_json_pretty();
    assert!(!json.contains("baseline_bill"));
    let mut plan = Plan::example();
    plan.baseline_bill = Some(bill());
    let back = Plan::from_json(&plan.to_json_pretty()).unwrap();
    assert_eq!(back.baseline_bill, Some(bill()));
}

#[test]
fn the_cost_chart_stays_at_list_prices_with_its_own_reference_line() {
    let mut plan = Plan::example();
    plan.baseline_bill = Some(bill());
    let report = evaluate(&plan).unwrap();
    let class = &report.classes[0];
    let data = meridian::charts::cost::data_from(class, &[]);
    let list_single = class.evaluations[0].cost.as_ref().unwrap().total_usd();
    // The bars are the list-priced bill of materials, so the dashed line is too (not the
    // scaled bill, which the class card shows).
    assert_eq!(data.single_region_usd, Some(list_single));
    assert_ne!(class.evaluations[0].monthly_cost_usd, Some(list_single));
}
