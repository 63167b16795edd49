//! A plan shared by link (issue 28): the link's format, its length limit and reading it
//! back with a clear error. The browser does the compression (deflate-raw) and the
//! encryption (AES-GCM, WebCrypto); this is everything around them, plain and testable.
//!
//! `https://<origin>/share#1.<base64url(iv | ciphertext)>.<base64url(key)>`
//!
//! Everything secret is after `#`: a browser never sends the fragment to the server, so
//! the static host sees `/share` and nothing else. The key is per link (random, 128
//! bits) and so is the 96-bit IV; AES-GCM's 128-bit tag makes any changed or cut
//! character fail to decrypt, which is said as such.

/// The link format written today. A later format gets a new number; a link of a number
/// this app does not know is refused with a message, never misread.
pub const SHARE_VERSION: u32 = 1;

/// The address of the page that opens a link.
pub const SHARE_PATH: &str = "/share";

/// AES-GCM with a 128-bit key (22 characters in the link), a 96-bit IV (the size GCM is
/// defined for, NIST SP 800-38D) and its 128-bit tag at the end of the ciphertext.
pub const KEY_LEN: usize = 16;
pub const IV_LEN: usize = 12;
pub const TAG_LEN: usize = 16;

/// The longest link made, in characters. Chat apps are where links travel, and they
/// are the tightest limit (browsers take far more: Chromium 2 MB, url::kMaxURLChars):
/// Slack documents that a message over 40,000 characters is truncated
/// (api.slack.com, chat.postMessage), WhatsApp takes 65,536; Telegram's 4,096 is below
/// even the demo plan's link (about 11,400), so a Telegram user sends a file. WeChat
/// documents no figure for a chat message. A longer link is refused: export a file.
pub const MAX_LINK_CHARS: usize = 40_000;

/// A share link's fragment, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The IV followed by the ciphertext (with its tag).
    pub iv_and_ciphertext: Vec<u8>,
    pub key: Vec<u8>,
}

impl Sealed {
    pub fn iv(&self) -> &[u8] {
        &self.iv_and_ciphertext[..IV_LEN]
    }

    pub fn ciphertext(&self) -> &[u8] {
        &self.iv_and_ciphertext[IV_LEN..]
    }
}

/// Why a fragment is not a share link this app can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// Nothing after `#` (the fragment was lost when the link was copied).
    Empty,
    /// Not `<version>.<payload>.<key>`: a cut or changed link.
    Malformed,
    /// A version this app does not know (made by a newer app).
    UnknownVersion(String),
    /// A character that is not base64url, or a wrong length: a changed or cut link.
    BadEncoding,
}

/// Why a link is not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong {
    pub length: usize,
    pub limit: usize,
}

/// The link for a sealed plan at `origin` (`https://example.com`), or how long it would
/// have been when over [`MAX_LINK_CHARS`].
pub fn share_link(origin: &str, iv_and_ciphertext: &[u8], key: &[u8]) -> Result<String, TooLong> {
    let link = format!(
        "{}{SHARE_PATH}#{SHARE_VERSION}.{}.{}",
        origin.trim_end_matches('/'),
        base64url_encode(iv_and_ciphertext),
        base64url_encode(key)
    );
    let length = link.chars().count();
    if length > MAX_LINK_CHARS {
        return Err(TooLong {
            length,
            limit: MAX_LINK_CHARS,
        });
    }
    Ok(link)
}

/// Reads a link's fragment (with or without its `#`).
pub fn parse_fragment(fragment: &str) -> Result<Sealed, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if fragment.is_empty() {
        return Err(LinkError::Empty);
    }
    let mut parts = fragment.split('.');
    let (Some(version), Some(payload), Some(key), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(LinkError::Malformed);
    };
    if version != SHARE_VERSION.to_string() {
        return Err(LinkError::UnknownVersion(version.to_string()));
    }
    let iv_and_ciphertext = base64url_decode(payload).ok_or(LinkError::BadEncoding)?;
    let key = base64url_decode(key).ok_or(LinkError::BadEncoding)?;
    if key.len() != KEY_LEN || iv_and_ciphertext.len() < IV_LEN + TAG_LEN {
        return Err(LinkError::BadEncoding);
    }
    Ok(Sealed {
        iv_and_ciphertext,
        key,
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): what a URL carries unescaped.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Reads base64url without padding; `None` on any other character or an impossible
/// length (a link cut one character after a whole group), or leftover bits that are
/// not zero (a changed last character), so every text has at most one reading.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        // 2, 3 or 4 characters carry 1, 2 or 3 whole bytes (the top 24 bits of n).
        let whole = chunk.len() - 1;
        // Bits past the last whole byte must be zero in a canonical encoding.
        let mask: u32 = 0x00ff_ffff >> (8 * whole);
        if n & mask != 0 {
            return None;
        }
        out.extend_from_slice(&n.to_be_bytes()[1..=whole]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        // RFC 4648 §10, without padding, in the URL alphabet.
        let cases = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64url_encode(plain.as_bytes()), encoded);
            assert_eq!(base64url_decode(encoded).unwrap(), plain.as_bytes());
        }
        // The two characters that differ from standard base64.
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("-_8").unwrap(), vec![0xfb, 0xff]);
    }

    #[test]
    fn base64url_round_trips_every_length_and_byte() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for len in 0..bytes.len() {
            let text = base64url_encode(&bytes[..len]);
            assert!(text.bytes().all(|c| ALPHABET.contains(&c)));
            assert_eq!(
                base64url_decode(&text).unwrap(),
                &bytes[..len],
                "length {len}"
            );
        }
    }

    #[test]
    fn base64url_refuses_foreign_characters_and_impossible_lengths() {
        assert_eq!(base64url_decode("Zm9v+"), None);
        assert_eq!(base64url_decode("Zm9/"), None);
        assert_eq!(base64url_decode("Zm=="), None);
        assert_eq!(base64url_decode("Zm9vY"), None); // 5 characters: 1 left over
        assert_eq!(base64url_decode("Zh"), None); // "Zg" with a non-zero leftover bit
    }

    fn sealed_bytes() -> (Vec<u8>, Vec<u8>) {
        let payload: Vec<u8> = (0..100u8).collect();
        let key: Vec<u8> = (200..216u8).collect();
        (payload, key)
    }

    #[test]
    fn a_link_reads_back_to_what_was_sealed() {
        let (payload, key) = sealed_bytes();
        let link = share_link("https://plan.example.com/", &payload, &key).unwrap();
        let (address, fragment) = link.split_once('#').unwrap();
        assert_eq!(address, "https://plan.example.com/share");
        assert!(fragment.starts_with("1."));
        let sealed = parse_fragment(&format!("#{fragment}")).unwrap();
        assert_eq!(sealed.iv_and_ciphertext, payload);
        assert_eq!(sealed.key, key);
        assert_eq!(sealed.iv(), &payload[..IV_LEN]);
        assert_eq!(sealed.ciphertext(), &payload[IV_LEN..]);
        // The server's part of the address holds nothing of the plan or the key.
        assert!(!address.contains(&base64url_encode(&key)));
    }

    #[test]
    fn a_link_over_the_limit_is_refused_with_its_length() {
        let key = [7u8; KEY_LEN];
        let origin = "https://a.example";
        // Overhead: origin, "/share#1.", ".", the key's 22 characters.
        let overhead = origin.len() + SHARE_PATH.len() + 4 + 22;
        let fits = (MAX_LINK_CHARS - overhead) / 4 * 3;
        let link = share_link(origin, &vec![1u8; fits], &key).unwrap();
        assert!(link.len() <= MAX_LINK_CHARS);
        let err = share_link(origin, &vec![1u8; fits + 3], &key).unwrap_err();
        assert_eq!(err.limit, MAX_LINK_CHARS);
        assert_eq!(err.length, link.len() + 4);
    }

    #[test]
    fn broken_fragments_say_what_is_wrong() {
        let (payload, key) = sealed_bytes();
        let link = share_link("https://x.example", &payload, &key).unwrap();
        let fragment = link.split_once('#').unwrap().1.to_string();
        assert_eq!(parse_fragment(""), Err(LinkError::Empty));
        assert_eq!(parse_fragment("#"), Err(LinkError::Empty));
        assert_eq!(parse_fragment("#budget"), Err(LinkError::Malformed));
        // Cut anywhere inside the key: its last part is missing or too short.
        let cut = &fragment[..fragment.len() - 5];
        assert_eq!(parse_fragment(cut), Err(LinkError::BadEncoding));
        let without_key = &fragment[..fragment.rfind('.').unwrap()];
        assert_eq!(parse_fragment(without_key), Err(LinkError::Malformed));
        assert_eq!(
            parse_fragment(&format!("2{}", &fragment[1..])),
            Err(LinkError::UnknownVersion("2".into()))
        );
        assert_eq!(
            parse_fragment(&fragment.replacen('.', ".%", 1)),
            Err(LinkError::BadEncoding)
        );
        // A payload too short to hold an IV and a tag.
        let short = share_link("https://x.example", &[1u8; IV_LEN + TAG_LEN - 1], &key).unwrap();
        assert_eq!(
            parse_fragment(short.split_once('#').unwrap().1),
            Err(LinkError::BadEncoding)
        );
    }
}
