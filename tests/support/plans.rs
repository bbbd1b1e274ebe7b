//! The plans the cross-cutting tests run on: the built-in example, then every plan under
//! examples/ in file-name order, each with a name for messages.

use meridian::plan::Plan;

pub fn example_plans() -> Vec<(String, Plan)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut out = vec![("built-in example".to_string(), Plan::example())];
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    files.sort_by_key(|f| f.path());
    for f in files {
        let src = std::fs::read_to_string(f.path()).unwrap();
        out.push((
            f.file_name().to_string_lossy().into(),
            Plan::from_json(&src).unwrap(),
        ));
    }
    out
}
