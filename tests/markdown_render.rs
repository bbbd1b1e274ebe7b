//! The markdown export parsed as CommonMark with GitHub's extensions (tables, strikethrough,
//! math): the engine's sentences come out as the very text the engine wrote (no stray `\~`,
//! `\$` or `&gt;` for a reader of the raw file, nothing swallowed by a renderer), and no name
//! a user types can form HTML, math, strikethrough or a link.

use meridian::engine::evaluate;
use meridian::engine::report::Report;
use meridian::export::{document, playbook};
use meridian::plan::Plan;
use meridian::present as show;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The rendered text (blocks and table cells on their own lines) and the markup it formed.
struct Rendered {
    text: String,
    html: usize,
    math: usize,
    strike: usize,
    links: usize,
}

fn render(md: &str) -> Rendered {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_MATH;
    let mut r = Rendered {
        text: String::new(),
        html: 0,
        math: 0,
        strike: 0,
        links: 0,
    };
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Text(t) | Event::Code(t) => r.text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => r.text.push(' '),
            Event::Html(_) | Event::InlineHtml(_) => r.html += 1,
            Event::InlineMath(_) | Event::DisplayMath(_) => r.math += 1,
            Event::Start(Tag::Strikethrough) => r.strike += 1,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => r.links += 1,
            Event::End(
                TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Item | TagEnd::Heading(_),
            ) => r.text.push('\n'),
            _ => {}
        }
    }
    r
}

/// Every sentence the engine and the presentation layer wrote into the document.
fn engine_sentences(plan: &Plan, report: &Report) -> Vec<String> {
    let mut out = vec![show::totals_sentence(&report.totals)];
    for c in &report.classes {
        out.extend(c.reasons.iter().cloned());
        out.extend(c.rejected.iter().map(|r| r.message.clone()));
        for o in &c.chosen.outages {
            out.push(o.effect.clone());
            out.push(o.writes_lost.writes_text());
            out.push(show::after_failover(&o.after));
        }
    }
    for p in playbook::playbooks(plan, report) {
        out.push(p.summary);
        // A region that holds no copy gets its summary line only.
        if p.steps.is_empty() {
            continue;
        }
        out.extend(p.decisions.into_iter().map(|d| d.action));
        out.extend(p.steps.into_iter().flat_map(|s| s.lines));
        out.push(p.fencing);
        out.push(p.failback);
    }
    out.retain(|s| !s.is_empty());
    out
}

fn plans() -> Vec<(String, Plan)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut out = vec![("builtin".to_string(), Plan::example())];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let plan = Plan::from_json(&std::fs::read_to_string(&p).unwrap()).unwrap();
            out.push((p.display().to_string(), plan));
        }
    }
    out
}

#[test]
fn engine_text_renders_verbatim_with_no_stray_escapes() {
    for (name, plan) in plans() {
        let report = evaluate(&plan).unwrap();
        let md = document(&plan, &report, Some("https://meridian.example/"));
        // The example plans' names are plain, so anything escaped came from the engine.
        for stray in ["\\~", "\\$", "&gt;", "&lt;", "&amp;", "\\_", "\\!"] {
            assert!(!md.contains(stray), "{name}: {stray:?} in the raw markdown");
        }
        let r = render(&md);
        assert_eq!(
            (r.html, r.math, r.strike),
            (0, 0, 0),
            "{name}: markup formed"
        );
        assert_eq!(r.links, 1, "{name}: only the plan link is a link");
        for s in engine_sentences(&plan, &report) {
            assert!(r.text.contains(&s), "{name}: not rendered verbatim: {s}");
        }
    }
}

#[test]
fn names_render_as_typed_and_form_no_markup() {
    let mut plan = Plan::example();
    let hostile = "<b>x</b> ~s~ $m$ *e* _i_ `c` [l](javascript:x) &amp; # 1. > q";
    plan.name = hostile.to_string();
    plan.data_classes[0].name = hostile.to_string();
    plan.users[0].name = format!("~~~ {hostile}");
    let report = evaluate(&plan).unwrap();
    let r = render(&document(&plan, &report, Some("https://meridian.example/")));
    assert_eq!((r.html, r.math, r.strike, r.links), (0, 0, 0, 1));
    assert!(r.text.contains(hostile), "the name is shown as typed");
    assert!(r.text.contains(&format!("~~~ {hostile}")));
}

#[test]
fn the_example_has_one_playbook_per_region_listing_every_class_it_holds() {
    let plan = Plan::example();
    let report = evaluate(&plan).unwrap();
    let md = document(&plan, &report, None);
    let section = &md[md.find("## Region-loss playbooks").unwrap()..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let regions: Vec<String> = plan.regions.iter().map(|r| r.label()).collect();
    assert_eq!(section.matches("\n### If ").count(), regions.len());
    for (i, region) in regions.iter().enumerate() {
        let start = section.find(&format!("### If {region} is lost")).unwrap();
        let end = regions
            .get(i + 1)
            .and_then(|n| section.find(&format!("### If {n} is lost")))
            .unwrap_or(section.len());
        let book = &section[start..end];
        for c in &report.classes {
            let holds = c
                .chosen
                .placement
                .as_ref()
                .unwrap()
                .regions()
                .contains(&region.as_str());
            let in_steps = book
                .lines()
                .any(|l| l.starts_with(char::is_numeric) && l.contains(&format!(" {} (", c.name)));
            assert_eq!(holds, in_steps, "{} in the playbook for {region}", c.name);
        }
    }
}
