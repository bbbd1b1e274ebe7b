//! The wire form of a [`Plan`] (link versions 1 and 2): a private mirror of the plan with
//! postcard-friendly types. It exists because `Plan` uses serde shapes that need a self-describing format
//! (`PlaceRef` is untagged, `Residency` internally tagged) and because field names and
//! 8-byte floats would make links long.
//!
//! The layouts are frozen: enums are written as explicit codes (not derive order), so
//! reordering a `Plan` enum cannot change what an old link means. Versions 1 and 2 differ
//! only in how a place is written (`super::places`): the rest of the layout is shared
//! through the type parameter `P`, byte for byte. Changing any other type here is a new
//! format version that must stop sharing it (copy this file for the old versions).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::places::WirePlace;

use crate::data::prices::PriceBook;
use crate::engine::cost::baseline::BaselineBill;
use crate::engine::Posture;
use crate::plan::{
    AccessNetwork, ConflictSemantics, Consistency, DataClass, Operations, Ownership, Plan,
    Promotion, Residency, ResidencyScope, Routing, UserPopulation,
};

/// An f64 stored exactly in as few bytes as its value allows: small integers as a zig-zag
/// varint (1–3 bytes), short decimals such as `41.88` or `0.35` as a mantissa and a power of
/// ten, anything else as its 8 IEEE-754 bytes. The encoder only picks a short form after
/// checking it decodes to the same bits, so every value (including `-0.0`, NaN payloads and
/// infinities) round-trips bit for bit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) enum Num {
    Int(i64),
    Dec(i64, i16),
    Bits([u8; 8]),
}

impl Num {
    pub(crate) fn new(v: f64) -> Num {
        let same = |n: Num| n.get().to_bits() == v.to_bits();
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
            let n = Num::Int(v as i64);
            if same(n) {
                return n;
            }
        }
        if v.is_finite() {
            if let Some(n) = decimal(v) {
                if same(n) {
                    return n;
                }
            }
        }
        Num::Bits(v.to_le_bytes())
    }

    pub(crate) fn get(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            // Correctly rounded parse of `m e x`; any i64/i16 pair yields a number (possibly
            // 0 or infinity for a hostile exponent), never a panic.
            Num::Dec(m, e) => format!("{m}e{e}").parse::<f64>().unwrap_or(f64::NAN),
            Num::Bits(b) => f64::from_le_bytes(b),
        }
    }
}

/// The shortest decimal that reads back as `v` (Rust's `{:e}` is shortest-round-trip), as
/// an integer mantissa and a power of ten.
fn decimal(v: f64) -> Option<Num> {
    let s = format!("{v:e}");
    let (mant, exp) = s.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let digits = format!("{int}{frac}");
    let m: i64 = digits.parse().ok()?;
    let e = i16::try_from(exp - frac.len() as i32).ok()?;
    Some(Num::Dec(m, e))
}

pub(super) fn num(v: f64) -> Num {
    Num::new(v)
}

fn opt(v: Option<f64>) -> Option<Num> {
    v.map(Num::new)
}

#[derive(Serialize, Deserialize)]
pub(crate) struct PlanWire<P> {
    version: u32,
    name: String,
    regions: Vec<P>,
    users: Vec<UserV1<P>>,
    operations: OpsV1,
    classes: Vec<ClassV1<P>>,
    prices: [Vec<(String, Num)>; 4],
}

#[derive(Serialize, Deserialize)]
struct UserV1<P> {
    name: String,
    place: P,
    share: Num,
}

#[derive(Serialize, Deserialize)]
struct OpsV1 {
    dns_ttl_s: Num,
    resolver_overstay_s: Num,
    health_check_interval_s: Num,
    health_check_failure_threshold: u32,
    routing: u8,
    promotion: u8,
    manual_promotion_min: Num,
    cache_warmup_s: Num,
    backup_interval_min: Num,
}

#[derive(Serialize, Deserialize)]
enum ResidencyV1 {
    None,
    Pinned(Vec<String>),
    PerOwner,
}

#[derive(Serialize, Deserialize)]
struct ClassV1<P> {
    name: String,
    consistency: u8,
    rpo_s: Option<Num>,
    rto_s: Option<Num>,
    write_p99_budget_ms: Option<Num>,
    read_p99_budget_ms: Option<Num>,
    residency: ResidencyV1,
    ownership: u8,
    writes_per_s: Num,
    reads_per_s: Num,
    record_bytes: Num,
    data_gb: Num,
    conflicts: u8,
    keys: Option<Num>,
    home_hints: Vec<P>,
}

/// Frozen codes for the plan's enums. Written as exhaustive matches, so adding a variant to
/// a plan enum fails to compile here until it gets a code (in a new format version).
macro_rules! codes {
    ($to:ident, $from:ident, $ty:ty, $field:literal, { $($v:path => $c:literal),+ $(,)? }) => {
        fn $to(v: $ty) -> u8 {
            match v { $($v => $c),+ }
        }
        fn $from(c: u8) -> Result<$ty, String> {
            match c {
                $($c => Ok($v),)+
                other => Err(format!("{} has unknown code {other}", $field)),
            }
        }
    };
}

codes!(consistency_code, consistency_from, Consistency, "consistency", {
    Consistency::Linearizable => 0,
    Consistency::ReadYourWrites => 1,
    Consistency::Causal => 2,
    Consistency::Eventual => 3,
});
codes!(routing_code, routing_from, Routing, "operations.routing", {
    Routing::Dns => 0,
    Routing::Anycast => 1,
});
codes!(promotion_code, promotion_from, Promotion, "operations.promotion", {
    Promotion::Automated => 0,
    Promotion::Manual => 1,
});
codes!(ownership_code, ownership_from, Ownership, "ownership", {
    Ownership::PerPopulation => 0,
    Ownership::Shared => 1,
});
codes!(conflicts_code, conflicts_from, ConflictSemantics, "conflicts", {
    ConflictSemantics::NeverConflict => 0,
    ConflictSemantics::LastWriterWins => 1,
    ConflictSemantics::Mergeable => 2,
});

codes!(access_code, access_from, AccessNetwork, "users[].access", {
    AccessNetwork::DataCentre => 0,
    AccessNetwork::FixedBroadband => 1,
    AccessNetwork::Mobile => 2,
});
codes!(scope_code, scope_from, ResidencyScope, "residency_scope", {
    ResidencyScope::EveryCopy => 0,
    ResidencyScope::PrimaryOnly => 1,
});

/// One class's pinned placement on the wire: (class index, primary, standby, voters).
type WirePlacementPin = (u32, Option<String>, Option<String>, Vec<String>);

/// Fields added in link format 3, written after the format-2 body: one code per user
/// population (its access network) and one per data class (its residency scope). A
/// format-2 link has none and opens with the defaults.
#[derive(Serialize, Deserialize, Default)]
pub(crate) struct Extras {
    access: Vec<u8>,
    residency_scope: Vec<u8>,
    /// Per class: 0 for no pin, else 1 + the posture's index in `Posture::ALL`.
    pins: Vec<u8>,
    /// Per class: the chosen service's catalog id, empty for none.
    services: Vec<String>,
    /// Today's bill: compute, database, storage, network, platform (USD/month). Added
    /// after the first format-3 links: one that ends before it has none.
    baseline_bill: Option<[Num; 5]>,
    /// The classes with a pinned placement: (class index, primary, standby, voters).
    /// Sparse (one byte when no class has one). Added after the fields above: a link that
    /// ends before it has none.
    placement_pins: Vec<WirePlacementPin>,
}

impl Extras {
    pub(crate) fn of(p: &Plan) -> Extras {
        Extras {
            access: p.users.iter().map(|u| access_code(u.access)).collect(),
            residency_scope: p
                .data_classes
                .iter()
                .map(|d| scope_code(d.residency_scope))
                .collect(),
            pins: p
                .data_classes
                .iter()
                .map(|d| {
                    d.pin.map_or(0, |pin| {
                        1 + Posture::ALL.iter().position(|&x| x == pin).unwrap_or(0) as u8
                    })
                })
                .collect(),
            services: p
                .data_classes
                .iter()
                .map(|d| d.service.clone().unwrap_or_default())
                .collect(),
            baseline_bill: p.baseline_bill.as_ref().map(|b| {
                [
                    num(b.compute_usd),
                    num(b.database_usd),
                    num(b.storage_usd),
                    num(b.network_usd),
                    num(b.platform_usd),
                ]
            }),
            placement_pins: p
                .data_classes
                .iter()
                .enumerate()
                .filter(|(_, d)| !d.placement_pin.is_empty())
                .map(|(i, d)| {
                    let pin = &d.placement_pin;
                    (
                        i as u32,
                        pin.primary.clone(),
                        pin.standby.clone(),
                        pin.voters.clone(),
                    )
                })
                .collect(),
        }
    }

    /// Reads the extras from the front of `bytes`. Fields added to format 3 after its first
    /// release (from `baseline_bill` on) may be absent: a link made before them ends where
    /// they would start, and opens with their defaults. A field cut off mid-way is an error.
    pub(crate) fn take(bytes: &[u8]) -> postcard::Result<(Extras, &[u8])> {
        use postcard::take_from_bytes as take;
        let (access, rest) = take(bytes)?;
        let (residency_scope, rest) = take(rest)?;
        let (pins, rest) = take(rest)?;
        let (services, rest) = take(rest)?;
        let (baseline_bill, rest) = if rest.is_empty() {
            (None, rest)
        } else {
            take(rest)?
        };
        let (placement_pins, rest) = if rest.is_empty() {
            (Vec::new(), rest)
        } else {
            take(rest)?
        };
        Ok((
            Extras {
                access,
                residency_scope,
                pins,
                services,
                baseline_bill,
                placement_pins,
            },
            rest,
        ))
    }

    /// Sets the fields on `p`; extra codes beyond the plan's lists are refused.
    pub(crate) fn apply(self, p: &mut Plan) -> Result<(), String> {
        if self.access.len() > p.users.len()
            || self.residency_scope.len() > p.data_classes.len()
            || self.pins.len() > p.data_classes.len()
            || self.services.len() > p.data_classes.len()
            || self.placement_pins.len() > p.data_classes.len()
        {
            return Err("more format-3 entries than users or data classes".into());
        }
        for (u, c) in p.users.iter_mut().zip(self.access) {
            u.access = access_from(c)?;
        }
        for (d, c) in p.data_classes.iter_mut().zip(self.residency_scope) {
            d.residency_scope = scope_from(c)?;
        }
        for (d, s) in p.data_classes.iter_mut().zip(self.services) {
            d.service = Some(s).filter(|s| !s.is_empty());
        }
        p.baseline_bill = self.baseline_bill.map(|b| BaselineBill {
            compute_usd: b[0].get(),
            database_usd: b[1].get(),
            storage_usd: b[2].get(),
            network_usd: b[3].get(),
            platform_usd: b[4].get(),
        });
        for (i, primary, standby, voters) in self.placement_pins {
            let d = p
                .data_classes
                .get_mut(i as usize)
                .ok_or_else(|| format!("placement pin for data class {i}, which the plan lacks"))?;
            d.placement_pin = crate::plan::PlacementPin {
                primary,
                standby,
                voters,
            };
        }
        for (d, c) in p.data_classes.iter_mut().zip(self.pins) {
            d.pin = match c {
                0 => None,
                n => Some(
                    *Posture::ALL
                        .get(n as usize - 1)
                        .ok_or_else(|| format!("pin has unknown code {n}"))?,
                ),
            };
        }
        Ok(())
    }
}

fn map(m: &BTreeMap<String, f64>) -> Vec<(String, Num)> {
    m.iter().map(|(k, v)| (k.clone(), num(*v))).collect()
}

fn map_back(v: Vec<(String, Num)>) -> BTreeMap<String, f64> {
    // Inserted one by one, not collected: `collect` sorts first, another copy of the sort
    // in the wasm (issue 16). A repeated key keeps its last value either way.
    let mut m = BTreeMap::new();
    for (k, n) in v {
        m.insert(k, n.get());
    }
    m
}

impl<P: WirePlace> From<&Plan> for PlanWire<P> {
    fn from(p: &Plan) -> PlanWire<P> {
        let o = &p.operations;
        PlanWire {
            version: p.version,
            name: p.name.clone(),
            regions: p.regions.iter().map(P::write).collect(),
            users: p
                .users
                .iter()
                .map(|u| UserV1 {
                    name: u.name.clone(),
                    place: P::write(&u.place),
                    share: num(u.share),
                })
                .collect(),
            operations: OpsV1 {
                dns_ttl_s: num(o.dns_ttl_s),
                resolver_overstay_s: num(o.resolver_overstay_s),
                health_check_interval_s: num(o.health_check_interval_s),
                health_check_failure_threshold: o.health_check_failure_threshold,
                routing: routing_code(o.routing),
                promotion: promotion_code(o.promotion),
                manual_promotion_min: num(o.manual_promotion_min),
                cache_warmup_s: num(o.cache_warmup_s),
                backup_interval_min: num(o.backup_interval_min),
            },
            classes: p
                .data_classes
                .iter()
                .map(|d| ClassV1 {
                    name: d.name.clone(),
                    consistency: consistency_code(d.consistency),
                    rpo_s: opt(d.rpo_s),
                    rto_s: opt(d.rto_s),
                    write_p99_budget_ms: opt(d.write_p99_budget_ms),
                    read_p99_budget_ms: opt(d.read_p99_budget_ms),
                    residency: match &d.residency {
                        Residency::None => ResidencyV1::None,
                        Residency::Pinned { jurisdictions } => {
                            ResidencyV1::Pinned(jurisdictions.clone())
                        }
                        Residency::PerOwner => ResidencyV1::PerOwner,
                    },
                    ownership: ownership_code(d.ownership),
                    writes_per_s: num(d.writes_per_s),
                    reads_per_s: num(d.reads_per_s),
                    record_bytes: num(d.record_bytes),
                    data_gb: num(d.data_gb),
                    conflicts: conflicts_code(d.conflicts),
                    keys: opt(d.keys),
                    home_hints: d.home_hints.iter().map(P::write).collect(),
                })
                .collect(),
            prices: [
                map(&p.prices.transfer_usd_per_gb),
                map(&p.prices.internet_egress_usd_per_gb),
                map(&p.prices.vm_usd_per_month),
                map(&p.prices.storage_usd_per_gb_month),
            ],
        }
    }
}

impl<P: WirePlace> PlanWire<P> {
    /// Back to a plan as written (a v1 link's plan still needs [`Plan::migrate`]); fails
    /// only on an enum code the format does not define (hostile input).
    pub(crate) fn into_plan(self) -> Result<Plan, String> {
        let o = self.operations;
        let mut data_classes = Vec::with_capacity(self.classes.len());
        for (i, d) in self.classes.into_iter().enumerate() {
            data_classes.push(DataClass {
                name: d.name,
                consistency: consistency_from(d.consistency)
                    .map_err(|e| format!("data_classes[{i}].{e}"))?,
                rpo_s: d.rpo_s.map(Num::get),
                rto_s: d.rto_s.map(Num::get),
                write_p99_budget_ms: d.write_p99_budget_ms.map(Num::get),
                read_p99_budget_ms: d.read_p99_budget_ms.map(Num::get),
                residency: match d.residency {
                    ResidencyV1::None => Residency::None,
                    ResidencyV1::Pinned(jurisdictions) => Residency::Pinned { jurisdictions },
                    ResidencyV1::PerOwner => Residency::PerOwner,
                },
                // Set from the format-3 extras, when the link has them.
                residency_scope: ResidencyScope::default(),
                pin: None,
                placement_pin: Default::default(),
                service: None,
                ownership: ownership_from(d.ownership)
                    .map_err(|e| format!("data_classes[{i}].{e}"))?,
                writes_per_s: d.writes_per_s.get(),
                reads_per_s: d.reads_per_s.get(),
                record_bytes: d.record_bytes.get(),
                data_gb: d.data_gb.get(),
                conflicts: conflicts_from(d.conflicts)
                    .map_err(|e| format!("data_classes[{i}].{e}"))?,
                keys: d.keys.map(Num::get),
                home_hints: d.home_hints.into_iter().map(P::read).collect(),
            });
        }
        let [transfer, egress, vm, storage] = self.prices;
        Ok(Plan {
            version: self.version,
            name: self.name,
            regions: self.regions.into_iter().map(P::read).collect(),
            users: self
                .users
                .into_iter()
                .map(|u| UserPopulation {
                    name: u.name,
                    place: P::read(u.place),
                    share: u.share.get(),
                    access: AccessNetwork::default(),
                })
                .collect(),
            operations: Operations {
                dns_ttl_s: o.dns_ttl_s.get(),
                resolver_overstay_s: o.resolver_overstay_s.get(),
                health_check_interval_s: o.health_check_interval_s.get(),
                health_check_failure_threshold: o.health_check_failure_threshold,
                routing: routing_from(o.routing)?,
                promotion: promotion_from(o.promotion)?,
                manual_promotion_min: o.manual_promotion_min.get(),
                cache_warmup_s: o.cache_warmup_s.get(),
                backup_interval_min: o.backup_interval_min.get(),
            },
            data_classes,
            prices: PriceBook {
                transfer_usd_per_gb: map_back(transfer),
                internet_egress_usd_per_gb: map_back(egress),
                vm_usd_per_month: map_back(vm),
                storage_usd_per_gb_month: map_back(storage),
            },
            baseline_bill: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A format-3 link written before `baseline_bill` and `placement_pins` existed is
    /// today's body without those fields' two empty bytes: it opens, as the same plan, and so
    /// does one written between them.
    #[test]
    fn a_format_3_link_from_before_the_bill_still_opens() {
        let plan = Plan::example();
        let now = crate::share::encode_plan(&plan);
        let body = super::super::codec::unpack(&now[3..], 1 << 20).unwrap();
        assert_eq!(body[body.len() - 2..], [0, 0]);
        let cut = |n: usize| format!("v3.{}", super::super::codec::pack(&body[..body.len() - n]));
        assert_eq!(crate::share::decode_plan(&cut(2)).unwrap(), plan);
        assert_eq!(crate::share::decode_plan(&cut(1)).unwrap(), plan);
        // Three bytes short cuts into the services: a truncated link, not a missing field.
        assert!(crate::share::decode_plan(&cut(3)).is_err());
        let with_bill = Plan {
            baseline_bill: Some(BaselineBill {
                compute_usd: 1200.0,
                database_usd: 800.5,
                storage_usd: 150.0,
                network_usd: 90.0,
                platform_usd: 60.0,
            }),
            ..plan
        };
        let link = crate::share::encode_plan(&with_bill);
        assert_eq!(crate::share::decode_plan(&link).unwrap(), with_bill);
    }

    #[test]
    fn numbers_take_the_short_form_when_it_is_exact() {
        assert_eq!(Num::new(60.0), Num::Int(60));
        assert_eq!(Num::new(0.35), Num::Dec(35, -2));
        assert_eq!(Num::new(-87.63), Num::Dec(-8763, -2));
        assert_eq!(Num::new(2e-7), Num::Dec(2, -7));
        // -0.0 would read back as +0.0 through Int: stored as bits.
        assert_eq!(Num::new(-0.0), Num::Bits((-0.0f64).to_le_bytes()));
        assert_eq!(
            Num::new(f64::INFINITY),
            Num::Bits(f64::INFINITY.to_le_bytes())
        );
    }

    #[test]
    fn every_number_round_trips_bit_for_bit() {
        let odd = f64::from_bits(0x7ff8_0000_dead_beef); // a NaN with a payload
        for v in [
            0.0,
            -0.0,
            1.0,
            0.1 + 0.2,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::MIN,
            1e300,
            9.0e15,
            -123456789.125,
            f64::NEG_INFINITY,
            odd,
        ] {
            assert_eq!(Num::new(v).get().to_bits(), v.to_bits(), "{v:e}");
        }
    }

    #[test]
    fn hostile_decimals_decode_to_a_number_without_panicking() {
        assert_eq!(Num::Dec(i64::MAX, i16::MAX).get(), f64::INFINITY);
        assert_eq!(Num::Dec(i64::MIN, i16::MIN).get(), -0.0);
    }
}
