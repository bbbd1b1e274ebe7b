//! Escaping user text (plan, class, population and place names) for markdown, so that no
//! name can break a table row, start a heading or a list, open a link, or inject HTML into
//! a page that renders the export (GitHub, a wiki, the app's own preview).

/// Escapes text for a markdown table cell, a heading or inline prose.
///
/// * `|` is backslash-escaped (it would end the table cell);
/// * `<`, `>`, `&` become entities (no HTML tag or entity can be formed);
/// * markdown punctuation that can start emphasis, code, links, images, headings, math or
///   strikethrough (`` ` * _ [ ] # \ $ ~ ! ``) is backslash-escaped;
/// * line breaks (including U+2028/U+2029) become spaces, so text stays on its row;
/// * other control characters are dropped (they render as nothing, or as garbage).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '`' | '*' | '_' | '[' | ']' | '\\' | '#' | '$' | '~' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL safe to put in `[label](url)`: only `http(s)://` URLs and bare fragments
/// (`#plan=…`) are accepted (no `javascript:` or `data:`), and every character outside a
/// conservative set is percent-encoded, so the URL cannot close the link, add a title or
/// smuggle markup. `None` for anything else (the caller shows no link).
pub fn url(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://") || s.starts_with('#')) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b':'
            | b'/'
            | b'?'
            | b'#'
            | b'='
            | b'&'
            | b'%'
            | b'+'
            | b','
            | b';'
            | b'@' => out.push(b as char),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_neutralises_table_and_html_syntax() {
        assert_eq!(
            text("a|b `c` <script>\nx & y"),
            "a\\|b \\`c\\` &lt;script&gt; x &amp; y"
        );
        assert_eq!(
            text("![x](javascript:alert(1)) *b* _i_ ~s~ $m$ # h"),
            "\\!\\[x\\](javascript:alert(1)) \\*b\\* \\_i\\_ \\~s\\~ \\$m\\$ \\# h"
        );
        assert_eq!(text("a\u{2028}b\u{0}c\u{1b}[31m"), "a bc\\[31m");
    }

    #[test]
    fn escaped_text_never_contains_an_unescaped_pipe_or_a_tag() {
        let hostile = "x|y\\|z\\\\|<img src=x onerror=alert(1)>\r\n| a | b |";
        let e = text(hostile);
        assert!(!e.contains('<') && !e.contains('>') && !e.contains('\n'));
        // Every pipe is preceded by an odd number of backslashes.
        let b = e.as_bytes();
        for (i, _) in e.match_indices('|') {
            let run = b[..i].iter().rev().take_while(|&&c| c == b'\\').count();
            assert_eq!(run % 2, 1, "unescaped pipe at {i} in {e}");
        }
    }

    #[test]
    fn urls_are_limited_to_http_and_fragments_and_percent_encoded() {
        assert_eq!(
            url("https://meridian.dev/#plan=v1.eNq-_x").as_deref(),
            Some("https://meridian.dev/#plan=v1.eNq-_x")
        );
        assert_eq!(url("#plan=v1.a").as_deref(), Some("#plan=v1.a"));
        assert_eq!(
            url("https://x.dev/a b)\"<i>[t]").as_deref(),
            Some("https://x.dev/a%20b%29%22%3Ci%3E%5Bt%5D")
        );
        assert_eq!(url("javascript:alert(1)"), None);
        assert_eq!(url("JaVaScRiPt:alert(1)"), None);
        assert_eq!(url("data:text/html,<b>"), None);
        assert_eq!(url(""), None);
        assert_eq!(url("HTTPS://X.DEV/").as_deref(), Some("HTTPS://X.DEV/"));
    }
}
