//! Format-3 fields added after its first release: a link made before them still opens.

use super::*;
use crate::plan::{PlacementPin, Plan};

/// A link as written before `placement_pins` existed: today's body without its last field
/// (an empty list, one byte, for a plan with no placement pin).
fn link_without_placement_pins(plan: &Plan) -> String {
    let now = encode_plan(plan);
    let body = codec::unpack(&now[3..], MAX_BODY_BYTES).unwrap();
    let tail = 1;
    format!("v3.{}", codec::pack(&body[..body.len() - tail]))
}

#[test]
fn a_v3_link_from_before_placement_pins_opens_without_one() {
    let mut plan = Plan::example();
    plan.data_classes[0].pin = Some(crate::engine::Posture::WarmStandby);
    let old = link_without_placement_pins(&plan);
    assert_eq!(decode_plan(&old).unwrap(), plan);
}

#[test]
fn a_placement_pin_travels_in_the_link() {
    let mut plan = Plan::example();
    plan.data_classes[1].placement_pin = PlacementPin {
        primary: Some("aws:eu-west-1".into()),
        standby: Some("aws:us-east-1".into()),
        voters: vec![],
    };
    plan.data_classes[0].placement_pin = PlacementPin {
        primary: None,
        standby: None,
        voters: vec![
            "aws:us-east-1".into(),
            "aws:us-west-2".into(),
            "aws:eu-west-1".into(),
        ],
    };
    assert_eq!(decode_plan(&encode_plan(&plan)).unwrap(), plan);
}

#[test]
fn a_placement_pin_cut_off_mid_way_is_refused() {
    let mut plan = Plan::example();
    plan.data_classes[0].placement_pin.primary = Some("aws:eu-west-1".into());
    let body = codec::unpack(&encode_plan(&plan)[3..], MAX_BODY_BYTES).unwrap();
    let cut = format!("v3.{}", codec::pack(&body[..body.len() - 5]));
    assert_eq!(decode_plan(&cut), Err(LinkError::Truncated));
}
