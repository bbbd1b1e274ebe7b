//! Bytes <-> link text: zlib (deflate + Adler-32) and URL-safe base64 without padding, with
//! the size caps that keep a hostile link from exhausting memory.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use miniz_oxide::inflate::TINFLStatus;

use super::LinkError;

/// Compresses at the highest level: links are written rarely and read by people.
pub(crate) fn pack(body: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(body, 10))
}

/// Reverses [`pack`], unpacking at most `max_body` bytes. zlib rather than raw deflate
/// because its Adler-32 checksum turns a changed character into [`LinkError::Corrupt`]
/// instead of a silently different plan (6 bytes, 8 characters).
pub(crate) fn unpack(text: &str, max_body: usize) -> Result<Vec<u8>, LinkError> {
    let packed = URL_SAFE_NO_PAD.decode(text).map_err(|e| match e {
        base64::DecodeError::InvalidByte(offset, _) => LinkError::NotBase64 { offset },
        base64::DecodeError::InvalidLength(_) => LinkError::Truncated,
        // A final character with bits set that no encoder writes: damaged.
        base64::DecodeError::InvalidLastSymbol(_, _) => LinkError::Corrupt,
        base64::DecodeError::InvalidPadding => LinkError::NotBase64 { offset: text.len() },
    })?;
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, max_body).map_err(|e| match e
        .status
    {
        TINFLStatus::HasMoreOutput => LinkError::TooLarge { max: max_body },
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => LinkError::Truncated,
        _ => LinkError::Corrupt,
    })
}
