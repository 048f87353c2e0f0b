//! SQLite's placeholders rewritten as PostgreSQL's, so the store's SQL text is written once.
//!
//! SQLite numbers parameters `?NNN` or leaves them bare (`?`); PostgreSQL only knows `$NNN`.
//! The rewrite is lexical: it skips what SQLite itself would not read as a placeholder
//! (string literals, quoted identifiers and comments), so a `?` inside `'...'` stays a `?`.

/// Rewrites SQLite's placeholders in `sql` as PostgreSQL's: `?NNN` becomes `$NNN` and a bare
/// `?` becomes `$k`, where `k` is one more than the largest index given so far (SQLite's rule,
/// so `?2, ?` binds the bare one to the third parameter). Text inside `'...'` literals (with
/// `''` escapes), `"..."` and `` `...` `` identifiers, `-- ...` line comments and `/* ... */`
/// comments is copied unchanged. Named parameters (`:a`, `@a`, `$a`) are not rewritten: the
/// store does not use them and PostgreSQL has no equivalent.
pub fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    // The largest parameter index seen so far; a bare `?` takes the next one.
    let mut largest: u64 = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // Quoted text: copied up to the closing quote. A doubled quote is an escaped quote,
            // which the loop handles by closing and at once reopening the quoted text.
            '\'' | '"' | '`' => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                out.push(c);
                out.push('*');
                chars.next();
                let mut star = false;
                for d in chars.by_ref() {
                    out.push(d);
                    if star && d == '/' {
                        break;
                    }
                    star = d == '*';
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(&d) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    digits.push(d);
                    chars.next();
                }
                let index = if digits.is_empty() {
                    largest + 1
                } else {
                    // Too many digits for u64 cannot be a valid SQLite index either (it stops
                    // at 32766); kept verbatim so PostgreSQL reports the bad parameter.
                    digits.parse().unwrap_or(u64::MAX)
                };
                largest = largest.max(index);
                out.push('$');
                if digits.is_empty() {
                    out.push_str(&index.to_string());
                } else {
                    out.push_str(&digits);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn bare_placeholders_are_numbered_in_order() {
        assert_eq!(
            placeholders("INSERT INTO t (a, b, c) VALUES (?, ?, ?)"),
            "INSERT INTO t (a, b, c) VALUES ($1, $2, $3)"
        );
    }

    #[test]
    fn numbered_placeholders_keep_their_number() {
        assert_eq!(
            placeholders("SELECT * FROM t WHERE a = ?1 OR b = ?1 AND c = ?12"),
            "SELECT * FROM t WHERE a = $1 OR b = $1 AND c = $12"
        );
    }

    #[test]
    fn a_bare_placeholder_follows_the_largest_index_so_far() {
        // SQLite: a bare `?` after `?5` is parameter 6, and after that `?2` does not lower it.
        assert_eq!(placeholders("?5, ?, ?2, ?"), "$5, $6, $2, $7");
        assert_eq!(placeholders("?, ?1, ?"), "$1, $1, $2");
    }

    #[test]
    fn literals_identifiers_and_comments_are_untouched() {
        assert_eq!(
            placeholders("SELECT '?', 'it''s ?1', \"col?\", `x?` FROM t WHERE a = ?"),
            "SELECT '?', 'it''s ?1', \"col?\", `x?` FROM t WHERE a = $1"
        );
        assert_eq!(
            placeholders("SELECT ? -- why ?\n, ? /* and ?3 */ , ?"),
            "SELECT $1 -- why ?\n, $2 /* and ?3 */ , $3"
        );
    }

    #[test]
    fn an_escaped_quote_does_not_end_the_literal() {
        assert_eq!(placeholders("'a''?' = ?"), "'a''?' = $1");
        assert_eq!(placeholders("\"a\"\"?\" = ?"), "\"a\"\"?\" = $1");
    }

    #[test]
    fn unterminated_text_is_copied_to_the_end() {
        assert_eq!(placeholders("SELECT 'open ?"), "SELECT 'open ?");
        assert_eq!(placeholders("SELECT ? -- ?"), "SELECT $1 -- ?");
        assert_eq!(placeholders("SELECT ? /* ?"), "SELECT $1 /* ?");
    }

    #[test]
    fn minus_and_slash_alone_are_operators() {
        assert_eq!(
            placeholders("SELECT ? - ?, ? / ?"),
            "SELECT $1 - $2, $3 / $4"
        );
    }

    #[test]
    fn non_ascii_text_is_kept() {
        assert_eq!(
            placeholders("SELECT 'é?' || ? || \"ñ\""),
            "SELECT 'é?' || $1 || \"ñ\""
        );
    }

    #[test]
    fn sql_without_placeholders_is_unchanged() {
        let sql = "SELECT count(*) > 0 FROM agencies WHERE state = 'TX'";
        assert_eq!(placeholders(sql), sql);
    }
}
