//! How far an evaluation in the engine worker is, in words (the status line above the
//! results while a large plan is evaluated off the page's main thread).

/// `done` of `classes` classes have every posture evaluated; recommendation and advice come
/// after the last one.
pub fn evaluation_progress(done: usize, classes: usize) -> String {
    if done < classes {
        format!("Evaluating class {} of {classes}…", done + 1)
    } else {
        "Choosing each class's posture…".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_class_being_evaluated_then_the_recommendation() {
        assert_eq!(evaluation_progress(0, 16), "Evaluating class 1 of 16…");
        assert_eq!(evaluation_progress(4, 16), "Evaluating class 5 of 16…");
        assert_eq!(
            evaluation_progress(16, 16),
            "Choosing each class's posture…"
        );
    }
}
