//! `data/technologies.json` as static Rust data (`technologies_table.rs` in `OUT_DIR`,
//! included by `src/catalog/built.rs`), so the browser parses no JSON to load the catalog.
//!
//! The shapes written here are those `src/catalog/data.rs` reads from the JSON (serde's
//! kebab-case names become the Rust variants, unknown fields fail the build as they fail the
//! parse). Only the shape is checked here; the catalog's rules (`data::check`) still run on
//! the built entries at first use, and a test compares the result with parsing the file.

use serde_json::{Map, Value};

const FILE: &str = "data/technologies.json";

/// One JSON object being written, with the fields its type allows.
struct Obj<'a> {
    what: String,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    fn new(v: &'a Value, what: String, allowed: &[&str]) -> Self {
        let map = v
            .as_object()
            .unwrap_or_else(|| panic!("{FILE}: {what}: not an object"));
        if let Some(k) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            panic!("{FILE}: {what}: unknown field `{k}`");
        }
        Obj { what, map }
    }
    fn field(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }
    fn need(&self, key: &str) -> &'a Value {
        self.field(key)
            .unwrap_or_else(|| panic!("{FILE}: {}: missing field `{key}`", self.what))
    }
    fn bad(&self, key: &str, want: &str) -> ! {
        panic!("{FILE}: {}: `{key}` must be {want}", self.what)
    }
    fn str(&self, key: &str) -> String {
        let v = self.need(key);
        format!(
            "{:?}",
            v.as_str().unwrap_or_else(|| self.bad(key, "a string"))
        )
    }
    fn str_or_empty(&self, key: &str) -> String {
        self.field(key).map_or("\"\"".into(), |_| self.str(key))
    }
    fn strs(&self, key: &str) -> String {
        let items = self
            .need(key)
            .as_array()
            .unwrap_or_else(|| self.bad(key, "a list"));
        let items: Vec<String> = items
            .iter()
            .map(|v| {
                format!(
                    "{:?}",
                    v.as_str().unwrap_or_else(|| self.bad(key, "strings"))
                )
            })
            .collect();
        format!("&[{}]", items.join(", "))
    }
    fn variant(&self, key: &str, ty: &str) -> String {
        let slug = self
            .need(key)
            .as_str()
            .unwrap_or_else(|| self.bad(key, "a name"));
        format!("{ty}::{}", camel(slug))
    }
    fn uint(&self, key: &str, max: u64) -> String {
        match self.need(key).as_u64() {
            Some(n) if n <= max => n.to_string(),
            _ => self.bad(key, "a whole number in range"),
        }
    }
    fn float(&self, key: &str) -> String {
        let f = self
            .need(key)
            .as_f64()
            .unwrap_or_else(|| self.bad(key, "a number"));
        format!("{f:?}")
    }
    fn bool_or_false(&self, key: &str) -> String {
        self.field(key)
            .is_some_and(|v| {
                v.as_bool()
                    .unwrap_or_else(|| self.bad(key, "true or false"))
            })
            .to_string()
    }
    fn opt(&self, key: &str, f: impl FnOnce(&Self, &str) -> String) -> String {
        match self.field(key) {
            Some(_) => format!("Some({})", f(self, key)),
            None => "None".into(),
        }
    }
}

/// serde's kebab-case name back to its Rust variant: `warm-standby` -> `WarmStandby`.
fn camel(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn figure(v: &Value, what: String) -> String {
    let o = Obj::new(v, what, &["seconds", "ms", "basis", "source", "note"]);
    let value = match (o.field("seconds"), o.field("ms")) {
        (Some(_), _) => format!("Some({})", o.float("seconds")),
        (None, Some(_)) => format!("Some({})", o.float("ms")),
        (None, None) => "None".into(),
    };
    format!(
        "BuiltFigure {{ value: {value}, basis: {}, source: {}, note: {} }}",
        o.variant("basis", "Basis"),
        o.opt("source", |o, k| o.uint(k, u64::from(u32::MAX))),
        o.str_or_empty("note"),
    )
}

fn list(v: &Value, what: &str, item: impl Fn(&Value, String) -> String) -> String {
    let items = v
        .as_array()
        .unwrap_or_else(|| panic!("{FILE}: {what}: not a list"));
    let items: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, v)| item(v, format!("{what}[{i}]")))
        .collect();
    format!("&[{}]", items.join(",\n"))
}

fn regions(v: &Value, what: String) -> String {
    let rule = v.get("rule").and_then(Value::as_str).unwrap_or("");
    match rule {
        "any" => {
            let o = Obj::new(v, what, &["rule", "min", "max", "only"]);
            format!(
                "BuiltRegions::Any {{ min: {}, max: {}, only: {} }}",
                o.uint("min", u64::from(u32::MAX)),
                o.opt("max", |o, k| o.uint(k, u64::from(u32::MAX))),
                o.opt("only", Obj::strs),
            )
        }
        "sets" => {
            let o = Obj::new(v, what.clone(), &["rule", "copies", "witness", "sets"]);
            let sets = list(o.need("sets"), &format!("{what}.sets"), |v, what| {
                let s = Obj::new(v, what, &["name", "regions"]);
                format!(
                    "BuiltSet {{ name: {}, regions: {} }}",
                    s.str("name"),
                    s.strs("regions")
                )
            });
            let witness = o
                .need("witness")
                .as_bool()
                .unwrap_or_else(|| o.bad("witness", "true or false"));
            format!(
                "BuiltRegions::Sets {{ copies: {}, witness: {witness}, sets: {sets} }}",
                o.uint("copies", u64::from(u32::MAX)),
            )
        }
        "configurations" => {
            let o = Obj::new(
                v,
                what.clone(),
                &[
                    "rule",
                    "configurations",
                    "leader_replicas",
                    "voters",
                    "every_region",
                ],
            );
            let configurations = list(
                o.need("configurations"),
                &format!("{what}.configurations"),
                |v, what| {
                    let c = Obj::new(
                        v,
                        what,
                        &[
                            "name",
                            "read_write",
                            "read_only",
                            "witness",
                            "default_leader",
                        ],
                    );
                    format!(
                        "BuiltConfiguration {{ name: {}, read_write: {}, read_only: {}, witness: {}, default_leader: {} }}",
                        c.str("name"),
                        c.strs("read_write"),
                        c.strs("read_only"),
                        c.strs("witness"),
                        c.opt("default_leader", Obj::str),
                    )
                },
            );
            format!(
                "BuiltRegions::Configurations {{ configurations: {configurations}, leader_replicas: {}, voters: {}, every_region: {} }}",
                o.opt("leader_replicas", |o, k| o.uint(k, u64::from(u32::MAX))),
                o.opt("voters", |o, k| o.uint(k, u64::from(u32::MAX))),
                o.bool_or_false("every_region"),
            )
        }
        other => panic!("{FILE}: {what}: unknown region rule {other:?}"),
    }
}

fn write_rule(v: &Value, what: String) -> String {
    match v.get("rule").and_then(Value::as_str).unwrap_or("") {
        "posture" => {
            Obj::new(v, what, &["rule"]);
            "BuiltWrite::Posture".into()
        }
        "quorum" => {
            let o = Obj::new(v, what, &["rule", "note"]);
            format!("BuiltWrite::Quorum {{ note: {} }}", o.str_or_empty("note"))
        }
        "all-regions" => {
            let o = Obj::new(v, what, &["rule", "factor", "extra_ms", "source"]);
            format!(
                "BuiltWrite::AllRegions {{ factor: {}, extra_ms: {}, source: {} }}",
                o.float("factor"),
                o.float("extra_ms"),
                o.uint("source", u64::from(u32::MAX)),
            )
        }
        other => panic!("{FILE}: {what}: unknown write rule {other:?}"),
    }
}

fn service(v: &Value, what: String) -> String {
    let o = Obj::new(
        v,
        what.clone(),
        &[
            "id",
            "name",
            "short",
            "host",
            "postures",
            "consistency",
            "conflict",
            "conflict_note",
            "regions",
            "voters",
            "max_span",
            "promotion",
            "lag",
            "write",
            "steps",
            "sources",
        ],
    );
    let what = format!("{what} ({})", o.str("id"));
    let postures = o
        .need("postures")
        .as_array()
        .unwrap_or_else(|| o.bad("postures", "a list"));
    let postures: Vec<String> = postures
        .iter()
        .map(|p| {
            format!(
                "Posture::{}",
                camel(p.as_str().unwrap_or_else(|| o.bad("postures", "names")))
            )
        })
        .collect();
    let voters = o.opt("voters", |o, k| {
        let v = Obj::new(o.need(k), format!("{what}.voters"), &["home", "total"]);
        format!(
            "VoterCounts {{ home: {}, total: {} }}",
            v.uint("home", u64::from(u32::MAX)),
            v.uint("total", u64::from(u32::MAX))
        )
    });
    let max_span = o.opt("max_span", |o, k| {
        let s = Obj::new(
            o.need(k),
            format!("{what}.max_span"),
            &["km", "source", "note"],
        );
        format!(
            "BuiltSpan {{ km: {}, source: {}, note: {} }}",
            s.float("km"),
            s.uint("source", u64::from(u32::MAX)),
            s.str("note")
        )
    });
    let sources = list(o.need("sources"), &format!("{what}.sources"), |v, what| {
        let s = Obj::new(v, what, &["url", "facts", "read"]);
        format!(
            "BuiltSource {{ url: {}, facts: {}, read: {} }}",
            s.str("url"),
            s.str("facts"),
            s.str_or_empty("read")
        )
    });
    format!(
        "BuiltService {{ id: {}, name: {}, short: {}, host: {}, postures: &[{}], consistency: {}, conflict: {}, conflict_note: {}, regions: {}, voters: {voters}, max_span: {max_span}, promotion: {}, lag: {}, write: {}, steps: {}, sources: {sources} }}",
        o.str("id"),
        o.str("name"),
        o.str("short"),
        o.variant("host", "Host"),
        postures.join(", "),
        o.str("consistency"),
        o.variant("conflict", "ConflictRule"),
        o.str_or_empty("conflict_note"),
        regions(o.need("regions"), format!("{what}.regions")),
        figure(o.need("promotion"), format!("{what}.promotion")),
        figure(o.need("lag"), format!("{what}.lag")),
        write_rule(o.need("write"), format!("{what}.write")),
        o.str("steps"),
    )
}

/// The Rust source of `OUT_DIR/technologies_table.rs`.
pub fn source() -> String {
    println!("cargo:rerun-if-changed={FILE}");
    println!("cargo:rerun-if-changed=build/technologies_table.rs");
    let text = std::fs::read_to_string(FILE).expect(FILE);
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{FILE}: {e}"));
    let o = Obj::new(&doc, "the catalog".into(), &["read", "services"]);
    format!(
        "// Generated by build/technologies_table.rs from {FILE}.\nconst READ: &str = {};\nstatic SERVICES: &[BuiltService] = {};\n",
        o.str("read"),
        list(o.need("services"), "services", service),
    )
}
