//! Outlook "safelinks": ICE's July 2025 list points many MOA links at
//! `https://gcc02.safelinks.protection.outlook.com/?url=<the real address, percent-encoded>&data=…`
//! instead of at ice.gov. The app keeps the real address.

/// The real address inside an Outlook safelinks URL (`https://*.safelinks.protection.outlook.com/?url=…`,
/// also the government clouds' `*.safelinks.protection.office365.us`), percent-decoded. Any
/// other address is returned trimmed and otherwise unchanged, as is a safelinks URL without a
/// `url` parameter. Links wrapped twice are unwrapped twice.
pub fn unwrap_safelink(url: &str) -> String {
    let mut current = url.trim().to_string();
    // Each pass removes one wrapper; a few passes cover any realistic nesting.
    for _ in 0..4 {
        match inner_address(&current) {
            Some(inner) => current = inner,
            None => break,
        }
    }
    current
}

/// The decoded `url` parameter of a safelinks address, if `url` is one.
fn inner_address(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..host_end].to_ascii_lowercase();
    if !host.contains("safelinks.protection.") {
        return None;
    }
    let query = rest[host_end..].split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    let encoded = query.split('&').find_map(|pair| {
        pair.strip_prefix("url=")
            .or_else(|| pair.strip_prefix("URL="))
    })?;
    let mut decoded = percent_decode(encoded);
    // Some tools escape the `%` of an already-encoded address once more (`https%253A%252F…`).
    if !decoded.contains("://") && decoded.to_ascii_lowercase().contains("%3a%2f%2f") {
        decoded = percent_decode(&decoded);
    }
    let decoded = decoded.trim();
    if decoded.is_empty() {
        None
    } else {
        Some(decoded.to_string())
    }
}

/// Decodes `%XX` escapes (as UTF-8). A `%` not followed by two hex digits is kept as is; `+` is
/// kept too, since safelinks escape a real plus sign as `%2B` and spaces as `%20`.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push(high * 16 + low);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link from ICE's 18 July 2025 list, row 51.
    const REAL: &str = "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fdoclib%2F287gMOA%2FAlachuaCoSheriffsOfficeFL_TFM_MOA_02262025.pdf&data=05%7C02%7CWebmaster.ICE%40ice.dhs.gov%7C3067542331064a3af67408ddb4b993f2%7C1b87612a306c49d681e697c6e1a9197f%7C0%7C0%7C638865431325025002%7CUnknown%7CTWFpbGZsb3d8eyJFbXB0eU1hcGkiOnRydWUsIlYiOiIwLjAuMDAwMCIsIlAiOiJXaW4zMiIsIkFOIjoiTWFpbCIsIldUIjoyfQ%3D%3D%7C0%7C%7C%7C&sdata=FowP29EDOT5ypB6qKQMSXOHj5wgIHTb3xYEdFISsTb8%3D&reserved=0";

    #[test]
    fn ice_safelinks_are_unwrapped() {
        assert_eq!(
            unwrap_safelink(REAL),
            "https://www.ice.gov/doclib/287gMOA/AlachuaCoSheriffsOfficeFL_TFM_MOA_02262025.pdf"
        );
    }

    #[test]
    fn other_regions_and_clouds_are_unwrapped() {
        assert_eq!(
            unwrap_safelink(
                "https://NAM12.SafeLinks.Protection.Outlook.com/?url=https%3A%2F%2Fexample.org%2Fa%20b.pdf&data=x"
            ),
            "https://example.org/a b.pdf"
        );
        assert_eq!(
            unwrap_safelink(
                "https://gcc02.safelinks.protection.office365.us/?data=1&url=https%3A%2F%2Fice.gov%2Fx.pdf"
            ),
            "https://ice.gov/x.pdf"
        );
    }

    #[test]
    fn nested_wrappers_and_escapes() {
        let inner = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fice.gov%2Fa%2Bb%25c.pdf&data=1";
        let outer = format!(
            "https://gcc02.safelinks.protection.outlook.com/?url={}&data=2",
            inner
                .replace('%', "%25")
                .replace(':', "%3A")
                .replace('/', "%2F")
                .replace('?', "%3F")
                .replace('&', "%26")
                .replace('=', "%3D")
        );
        assert_eq!(unwrap_safelink(&outer), "https://ice.gov/a+b%c.pdf");
    }

    #[test]
    fn doubly_escaped_addresses_are_decoded_twice() {
        assert_eq!(
            unwrap_safelink(
                "https://gcc02.safelinks.protection.outlook.com/?url=https%253A%252F%252Fwww.ice.gov%252Fx.pdf&data=05"
            ),
            "https://www.ice.gov/x.pdf"
        );
    }

    #[test]
    fn ordinary_addresses_pass_through() {
        let direct = "https://www.ice.gov/doclib/287gMOA/SumnerCoSOTN_WSO_MOA_042925.pdf";
        assert_eq!(unwrap_safelink(direct), direct);
        assert_eq!(unwrap_safelink(&format!(" {direct} ")), direct);
        assert_eq!(
            unwrap_safelink("https://example.org/?url=https%3A%2F%2Fx"),
            "https://example.org/?url=https%3A%2F%2Fx"
        );
        // A safelinks address without its url parameter is left alone.
        let bare = "https://gcc02.safelinks.protection.outlook.com/?data=1";
        assert_eq!(unwrap_safelink(bare), bare);
        assert_eq!(unwrap_safelink("not a link"), "not a link");
        assert_eq!(unwrap_safelink(""), "");
    }

    #[test]
    fn broken_escapes_are_kept() {
        assert_eq!(
            unwrap_safelink(
                "https://x.safelinks.protection.outlook.com/?url=https%3A%2F%2Fice.gov%2F100%&data=1"
            ),
            "https://ice.gov/100%"
        );
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
    }
}
