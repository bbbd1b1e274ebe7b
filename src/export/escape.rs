//! Escaping user text (plan, class, population and place names) for markdown, so that no
//! name can break a table row, start a heading or a list, open a link, or inject HTML into
//! a page that renders the export (GitHub, a wiki, the app's own preview).

/// Escapes text for a markdown table cell, a heading or inline prose, adding a backslash or
/// an entity only where a renderer would otherwise read markup, so the engine's sentences
/// (`~52 writes`, `$1,922/month`, `RPO > 0`) read the same on GitHub and in a plain text
/// viewer, while no name can form markup:
///
/// * `|` is backslash-escaped (it would end the table cell);
/// * `<` before a letter, `/`, `!` or `?` becomes `&lt;` (no HTML tag, comment or autolink);
///   `&` before a letter, digit or `#` becomes `&amp;` (no entity); `>` first on the line
///   becomes `&gt;` (no block quote); elsewhere they are literal text to CommonMark;
/// * `` ` * [ ] \ `` are always backslash-escaped (code, emphasis, links, images);
/// * `_` is escaped unless between two letters or digits (intraword `_` never emphasises);
/// * `~` and `$` are escaped unless they can only open, never close, strikethrough or math:
///   `~` after a space, the start or punctuation and before a letter or digit, `$` after a
///   space or the start and before a digit (so `$a$`, `~s~` and `~~~` fences cannot form);
/// * a leading `#`, list marker (`-`, `+`, `1.`, `1)`) or `--` is escaped (no heading, list
///   or rule), and
///   `#` after a space (a heading's closing sequence);
/// * line breaks (including U+2028/U+2029) become spaces, so text stays on its row;
/// * other control characters and bidirectional overrides (U+202A-U+202E, U+2066-U+2069)
///   are dropped (they render as nothing, as garbage, or reorder the text around them).
pub fn text(s: &str) -> String {
    let chars: Vec<char> = s
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\t' => Some(' '),
            c if c.is_control() => None,
            // Bidirectional overrides and isolates reorder what a reader sees (U+202E shows
            // "gpj.exe" as "exe.jpg"); a name never needs them.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect();
    let lead = chars.iter().take_while(|c| **c == ' ').count();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &ch) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let spaced = prev.is_none_or(char::is_whitespace);
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let first = i == lead;
        let escape = match ch {
            '|' | '`' | '*' | '[' | ']' | '\\' => true,
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(n)),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '>' => first,
            '_' => !(word(prev) && word(next)),
            '~' => {
                let opener_only =
                    spaced || prev.is_some_and(|p| p.is_ascii_punctuation() && p != '~');
                !(opener_only && word(next))
            }
            '$' => !(spaced && next.is_some_and(|n| n.is_ascii_digit())),
            '#' => first || spaced,
            '-' | '+' => first && (next.is_none_or(char::is_whitespace) || next == Some(ch)),
            '.' | ')' => {
                i > lead
                    && chars[lead..i].iter().all(char::is_ascii_digit)
                    && next.is_none_or(char::is_whitespace)
            }
            _ => false,
        };
        match (escape, ch) {
            (false, c) => out.push(c),
            (true, '<') => out.push_str("&lt;"),
            (true, '>') => out.push_str("&gt;"),
            (true, '&') => out.push_str("&amp;"),
            (true, c) => {
                out.push('\\');
                out.push(c);
            }
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
            text("a|b `c` <script>\nx &amp; y"),
            "a\\|b \\`c\\` &lt;script> x &amp;amp; y"
        );
        assert_eq!(
            text("![x](javascript:alert(1)) *b* _i_ ~s~ $m$ # h"),
            "!\\[x\\](javascript:alert(1)) \\*b\\* \\_i\\_ ~s\\~ \\$m\\$ \\# h"
        );
        assert_eq!(text("a\u{2028}b\u{0}c\u{1b}[31m"), "a bc\\[31m");
        assert_eq!(text("x\u{202e}gpj.exe\u{2066}y\u{2069}"), "xgpj.exey");
        assert_eq!(text("# x"), "\\# x");
        assert_eq!(text("1. x"), "1\\. x");
        assert_eq!(text("- x"), "\\- x");
        assert_eq!(text("> q"), "&gt; q");
        assert_eq!(text("~~~"), "\\~\\~\\~");
        assert_eq!(text("<!-- c --> <http://x>"), "&lt;!-- c --> &lt;http://x>");
    }

    #[test]
    fn engine_sentences_keep_their_figures_unescaped() {
        for s in [
            "~52 writes (100 writes/s x 47 % of writes x 1.1 s)",
            "Total $1,922/month, 1.45x the single-region cost of $1,326/month.",
            "then run unprotected (RPO > 0) until it is rebuilt",
            "eu_personal_data & R & D: 30 s - 60 s, 5 < 6",
            "carts (~0.5 writes)",
            "1.1 s / 5 s ✓",
            "-3 %",
        ] {
            assert_eq!(text(s), s);
        }
    }

    #[test]
    fn escaped_text_never_contains_an_unescaped_pipe_or_a_tag() {
        let hostile = "x|y\\|z\\\\|<img src=x onerror=alert(1)>\r\n| a | b |";
        let e = text(hostile);
        assert!(!e.contains('<') && !e.contains('\n'));
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
