//! What an upload says about itself, its file name and declared type, held against its
//! bytes. None of it is used to store the file (names are generated), but a claim that
//! disagrees with the content is refused: the sender mislabelled something, and a file that
//! pretends to be another is how a stored file ends up served as something it is not.

use axum::body::Bytes;

use super::{ImageKind, MediaError};

/// The longest name common file systems keep; a longer one is not a phone's photo.
const MAX_NAME_BYTES: usize = 255;

/// A file part as it came.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Upload {
    pub bytes: Bytes,
    /// The part's `filename` parameter.
    pub file_name: Option<String>,
    /// The part's `Content-Type` header, as sent.
    pub content_type: Option<String>,
}

/// A name with no folder in it, no control character, of a sensible length: what a browser
/// sends. Anything else was crafted, so it is refused rather than cleaned up.
pub fn plain_name(number: usize, name: &str) -> Result<(), MediaError> {
    let crafted = name.len() > MAX_NAME_BYTES
        || matches!(name, "." | "..")
        || name
            .chars()
            .any(|c| matches!(c, '/' | '\\') || c.is_control());
    if crafted {
        Err(MediaError::CraftedName(number))
    } else {
        Ok(())
    }
}

/// The declared type and the name's extension, where they claim a type, must be `kind`'s.
pub fn agree(number: usize, kind: ImageKind, upload: &Upload) -> Result<(), MediaError> {
    if let Some(declared) = upload.content_type.as_deref().and_then(media_type)
        && !kind.media_types().contains(&declared.as_str())
    {
        return Err(MediaError::DeclaredOtherType(number, kind));
    }
    if let Some(extension) = upload.file_name.as_deref().and_then(extension)
        && !kind.extensions().contains(&extension.as_str())
    {
        return Err(MediaError::NamedOtherType(number, kind));
    }
    Ok(())
}

/// The type a `Content-Type` value claims, lowercased without parameters; none for the
/// generic type a browser sends when it does not know.
fn media_type(value: &str) -> Option<String> {
    let essence = value.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    (!essence.is_empty() && essence != "application/octet-stream").then_some(essence)
}

/// The extension of a name, lowercased, when it looks like a file type: letters only,
/// since digits after a dot are more often a date or a counter than a type.
fn extension(name: &str) -> Option<String> {
    let (_, extension) = name.rsplit_once('.')?;
    let letters = !extension.is_empty() && extension.bytes().all(|b| b.is_ascii_alphabetic());
    letters.then(|| extension.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(file_name: Option<&str>, content_type: Option<&str>) -> Upload {
        Upload {
            bytes: Bytes::new(),
            file_name: file_name.map(str::to_owned),
            content_type: content_type.map(str::to_owned),
        }
    }

    #[test]
    fn plain_names_pass_and_crafted_ones_do_not() {
        for name in [
            "IMG_0001.jpg",
            "photo-1.jpg",
            "Schlagloch ü.JPEG",
            "",
            "..jpg",
        ] {
            assert_eq!(plain_name(1, name), Ok(()), "{name}");
        }
        let long = format!("{}.jpg", "a".repeat(252));
        for name in [
            "../../etc/passwd",
            "/etc/passwd",
            "..\\..\\windows\\win.ini",
            "C:\\photo.jpg",
            "photo\0.jpg",
            "photo\r\n.jpg",
            "..",
            ".",
            &long,
        ] {
            assert_eq!(
                plain_name(2, name),
                Err(MediaError::CraftedName(2)),
                "{name:?}"
            );
        }
        assert_eq!(plain_name(1, &long[1..]), Ok(()));
    }

    #[test]
    fn claims_must_name_the_content() {
        let jpeg = ImageKind::Jpeg;
        for (name, declared) in [
            (Some("a.jpg"), Some("image/jpeg")),
            (Some("a.JPEG"), Some("IMAGE/JPEG; name=a")),
            (Some("a.jfif"), Some("image/pjpeg")),
            (Some("photo"), Some("application/octet-stream")),
            (Some("IMG 12.03.2024"), None),
            (None, Some("image/jpg")),
            (None, Some(" ")),
        ] {
            assert_eq!(
                agree(1, jpeg, &upload(name, declared)),
                Ok(()),
                "{name:?} {declared:?}"
            );
        }
        for declared in [
            "image/png",
            "text/plain",
            "application/pdf",
            "image/svg+xml",
        ] {
            assert_eq!(
                agree(3, jpeg, &upload(Some("a.jpg"), Some(declared))),
                Err(MediaError::DeclaredOtherType(3, jpeg)),
                "{declared}"
            );
        }
        for name in ["a.png", "a.pdf", "a.jpg.html", "a.svg"] {
            assert_eq!(
                agree(1, jpeg, &upload(Some(name), Some("image/jpeg"))),
                Err(MediaError::NamedOtherType(1, jpeg)),
                "{name}"
            );
        }
        assert_eq!(
            agree(
                1,
                ImageKind::Png,
                &upload(Some("sign.PNG"), Some("image/png"))
            ),
            Ok(())
        );
        assert_eq!(
            agree(
                1,
                ImageKind::Webp,
                &upload(Some("curb.webp"), Some("image/webp"))
            ),
            Ok(())
        );
    }
}
