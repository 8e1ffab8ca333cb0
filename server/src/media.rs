//! Uploaded photos: checked to be real images, stored under generated names, served back.

mod claims;

use std::fmt;
use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::random;

pub use self::claims::Upload;

pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_PHOTOS: usize = 5;

/// The image formats a phone produces and every browser shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    Webp,
}

impl ImageKind {
    /// The format by its magic bytes: the only thing about an upload that can be trusted,
    /// unlike its file name or declared type.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0xFF, 0xD8, 0xFF, ..] => Some(Self::Jpeg),
            [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(Self::Png),
            [
                b'R',
                b'I',
                b'F',
                b'F',
                _,
                _,
                _,
                _,
                b'W',
                b'E',
                b'B',
                b'P',
                ..,
            ] => Some(Self::Webp),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Webp => "webp",
        }
    }

    pub fn content_type(self) -> &'static str {
        self.media_types()[0]
    }

    /// Every media type a client may declare for this format, the standard one first.
    fn media_types(self) -> &'static [&'static str] {
        match self {
            Self::Jpeg => &["image/jpeg", "image/jpg", "image/pjpeg"],
            Self::Png => &["image/png"],
            Self::Webp => &["image/webp"],
        }
    }

    /// Every extension a file of this format may carry, lowercase.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            Self::Png => &["png"],
            Self::Webp => &["webp"],
        }
    }

    fn from_extension(extension: &str) -> Option<Self> {
        [Self::Jpeg, Self::Png, Self::Webp]
            .into_iter()
            .find(|kind| kind.extension() == extension)
    }
}

impl fmt::Display for ImageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::Webp => "WebP",
        })
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MediaError {
    #[error("Photo {0} is not a JPEG, PNG or WebP image.")]
    NotAnImage(usize),
    #[error("Photo {0} looks like an image but could not be read; it may be damaged.")]
    Unreadable(usize),
    #[error("Photo {0} is larger than 10 MB; please send a smaller one.")]
    TooLarge(usize),
    #[error("At most 5 photos can be sent with one report.")]
    TooMany,
    #[error(
        "Photo {0} has a file name with a folder, a control character or over 255 bytes in it; \
         send it under a plain name."
    )]
    CraftedName(usize),
    #[error("Photo {0} is a {1} image but was sent declared as another type.")]
    DeclaredOtherType(usize, ImageKind),
    #[error("Photo {0} is a {1} image but its file name says another type.")]
    NamedOtherType(usize, ImageKind),
}

/// An upload that is a real image of a known format.
#[derive(Clone, Debug)]
pub struct CheckedPhoto {
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
    pub bytes: Bytes,
}

/// Checks the `number`th upload (1-based, for the message): a plain name, format by
/// content, what the upload claims to be, and a header that can be parsed for its size.
pub fn check(number: usize, upload: Upload) -> Result<CheckedPhoto, MediaError> {
    if upload.bytes.len() > MAX_PHOTO_BYTES {
        return Err(MediaError::TooLarge(number));
    }
    if let Some(name) = &upload.file_name {
        claims::plain_name(number, name)?;
    }
    let kind = ImageKind::sniff(&upload.bytes).ok_or(MediaError::NotAnImage(number))?;
    claims::agree(number, kind, &upload)?;
    let bytes = upload.bytes;
    let size = imagesize::blob_size(&bytes).map_err(|_| MediaError::Unreadable(number))?;
    let dimension = |v: usize| u32::try_from(v).map_err(|_| MediaError::Unreadable(number));
    Ok(CheckedPhoto {
        kind,
        width: dimension(size.width)?,
        height: dimension(size.height)?,
        bytes,
    })
}

/// A stored photo, named by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPhoto {
    pub file_name: String,
    pub width: u32,
    pub height: u32,
}

/// Where served photos live in URLs.
pub const URL_PREFIX: &str = "/media/";

#[derive(Clone, Debug)]
pub struct MediaStore {
    dir: PathBuf,
}

impl MediaStore {
    pub fn open(data_dir: &Path) -> std::io::Result<Self> {
        let dir = data_dir.join("media");
        std::fs::create_dir_all(&dir)?;
        Ok(Self { dir })
    }

    pub async fn save(&self, photo: &CheckedPhoto) -> std::io::Result<StoredPhoto> {
        let file_name = format!("{}.{}", random::hex(16), photo.kind.extension());
        tokio::fs::write(self.dir.join(&file_name), &photo.bytes).await?;
        Ok(StoredPhoto {
            file_name,
            width: photo.width,
            height: photo.height,
        })
    }

    /// Removes photos whose request was not stored after all.
    pub async fn discard(&self, photos: &[StoredPhoto]) {
        for photo in photos {
            if let Err(error) = tokio::fs::remove_file(self.dir.join(&photo.file_name)).await {
                tracing::warn!(%error, file = %photo.file_name, "could not remove an unused photo");
            }
        }
    }

    /// The file behind a served name, if it is a name this store could have made: nothing
    /// else on the disk is reachable through the URL.
    fn locate(&self, name: &str) -> Option<(PathBuf, ImageKind)> {
        let (stem, extension) = name.split_once('.')?;
        let kind = ImageKind::from_extension(extension)?;
        let generated = stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit());
        generated.then(|| (self.dir.join(name), kind))
    }

    pub fn routes(self) -> Router {
        Router::new()
            .route(&format!("{URL_PREFIX}{{name}}"), get(serve))
            .with_state(self)
    }
}

async fn serve(State(store): State<MediaStore>, UrlPath(name): UrlPath<String>) -> Response {
    let Some((path, kind)) = store.locate(&name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, kind.content_type()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                // Names are random and never reused, so the bytes behind one never change.
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1×1 PNG, the smallest complete image there is.
    const PNG_1X1: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    #[test]
    fn formats_are_told_by_magic_bytes() {
        assert_eq!(
            ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(ImageKind::Jpeg)
        );
        assert_eq!(ImageKind::sniff(PNG_1X1), Some(ImageKind::Png));
        assert_eq!(
            ImageKind::sniff(b"RIFF\x24\0\0\0WEBPVP8 "),
            Some(ImageKind::Webp)
        );
        assert_eq!(ImageKind::sniff(b"RIFF\x24\0\0\0WAVEfmt "), None);
        assert_eq!(ImageKind::sniff(b"%PDF-1.7\n"), None);
        assert_eq!(ImageKind::sniff(b"GIF89a"), None);
        assert_eq!(ImageKind::sniff(&[0xFF, 0xD8]), None);
        assert_eq!(ImageKind::sniff(b""), None);
    }

    /// An upload that claims nothing about itself.
    fn bare(bytes: Bytes) -> Upload {
        Upload {
            bytes,
            ..Upload::default()
        }
    }

    #[test]
    fn check_reads_dimensions_and_refuses_the_rest() {
        let photo = check(1, bare(Bytes::from_static(PNG_1X1))).unwrap();
        assert_eq!(
            (photo.kind, photo.width, photo.height),
            (ImageKind::Png, 1, 1)
        );
        assert_eq!(
            check(2, bare(Bytes::from_static(b"%PDF-1.7\n%\xE2\xE3"))).unwrap_err(),
            MediaError::NotAnImage(2)
        );
        assert_eq!(
            check(1, bare(Bytes::from_static(&[0xFF, 0xD8, 0xFF, 0xE0]))).unwrap_err(),
            MediaError::Unreadable(1)
        );
        let huge = Bytes::from(vec![0u8; MAX_PHOTO_BYTES + 1]);
        assert_eq!(check(3, bare(huge)).unwrap_err(), MediaError::TooLarge(3));
    }

    #[test]
    fn what_an_upload_claims_is_checked_against_its_content() {
        let png = |file_name: &str, content_type: &str| Upload {
            bytes: Bytes::from_static(PNG_1X1),
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
        };
        assert!(check(1, png("sign.png", "image/png")).is_ok());
        assert_eq!(
            check(1, png("sign.jpg", "image/png")).unwrap_err(),
            MediaError::NamedOtherType(1, ImageKind::Png)
        );
        assert_eq!(
            check(2, png("sign.png", "image/jpeg")).unwrap_err(),
            MediaError::DeclaredOtherType(2, ImageKind::Png)
        );
        assert_eq!(
            check(1, png("../sign.png", "image/png")).unwrap_err(),
            MediaError::CraftedName(1)
        );
        let text = Upload {
            bytes: Bytes::from_static(b"just some words"),
            file_name: Some("/etc/passwd".into()),
            content_type: Some("image/jpeg".into()),
        };
        assert_eq!(check(4, text).unwrap_err(), MediaError::CraftedName(4));
    }

    #[test]
    fn only_generated_names_are_served() {
        let store = MediaStore {
            dir: PathBuf::from("/data/media"),
        };
        let name = format!("{}.jpg", "a1".repeat(16));
        assert_eq!(
            store.locate(&name),
            Some((PathBuf::from("/data/media").join(&name), ImageKind::Jpeg))
        );
        assert_eq!(store.locate("../../etc/passwd"), None);
        assert_eq!(store.locate(&format!("{}.pdf", "a1".repeat(16))), None);
        assert_eq!(store.locate("short.png"), None);
    }
}
