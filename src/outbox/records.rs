//! The records the app keeps on the device.

use open311::{Draft, ServiceCode};
use serde::{Deserialize, Serialize};

use super::delivery::Delivery;
use crate::capture::photo::CompressedPhoto;
use crate::store::{IdempotencyKey, PhotoId, ReportId};

/// Who a report is, from the moment its form opens: the id it is saved under and the key its
/// POST carries. Made once per form, kept across a restored draft, so any number of taps on
/// "Submit" name the same report, and the store keeps only the first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportIdentity {
    pub id: ReportId,
    pub idempotency_key: IdempotencyKey,
}

impl ReportIdentity {
    /// The identity of a report not yet begun.
    pub fn random() -> Self {
        ReportIdentity {
            id: ReportId::random(),
            idempotency_key: IdempotencyKey::random(),
        }
    }
}

/// A report the person filed, and how far it got on its way to the city.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxReport {
    /// This report's id on the device.
    pub id: ReportId,
    /// Sent with the POST so a retried report is filed once; renewed only when the person
    /// changes a refused report.
    pub idempotency_key: IdempotencyKey,
    /// When it was first saved (milliseconds since the epoch); the outbox is ordered by it.
    pub created_ms: u64,
    /// When it was last changed (milliseconds since the epoch).
    pub updated_ms: u64,
    /// The name of the service, for lists, so they need not load the catalogue.
    pub service_name: String,
    /// The request as the person wrote it.
    pub draft: Draft,
    /// Its photos, in the order they were taken; their bytes live in the photos store.
    pub photo_ids: Vec<PhotoId>,
    /// Where it is on its way to the city.
    pub delivery: Delivery,
}

impl OutboxReport {
    /// A report saved for the first time at `now_ms` under the identity its form was given:
    /// queued, no photos yet.
    pub fn new(
        identity: ReportIdentity,
        service_name: impl Into<String>,
        draft: Draft,
        now_ms: u64,
    ) -> Self {
        OutboxReport {
            id: identity.id,
            idempotency_key: identity.idempotency_key,
            created_ms: now_ms,
            updated_ms: now_ms,
            service_name: service_name.into(),
            draft,
            photo_ids: Vec::new(),
            delivery: Delivery::default(),
        }
    }

    /// Makes a photo of this report, listed after the ones it already has.
    pub fn attach(
        &mut self,
        content_type: impl Into<String>,
        width: u32,
        height: u32,
        bytes: Vec<u8>,
    ) -> StoredPhoto {
        let photo = StoredPhoto {
            id: PhotoId::random(),
            report_id: self.id.clone(),
            content_type: content_type.into(),
            width,
            height,
            bytes,
        };
        self.photo_ids.push(photo.id.clone());
        photo
    }

    /// Makes a photo of this report from one compressed on the device (always a JPEG).
    pub fn attach_jpeg(&mut self, photo: &CompressedPhoto) -> StoredPhoto {
        self.attach("image/jpeg", photo.width, photo.height, photo.bytes.clone())
    }

    /// Makes a photo of this report from one compressed on the device that already has its id
    /// (it was saved with the draft under that id).
    pub fn attach_jpeg_as(&mut self, id: PhotoId, photo: &CompressedPhoto) -> StoredPhoto {
        let stored = StoredPhoto::jpeg(id, self.id.clone(), photo);
        self.photo_ids.push(stored.id.clone());
        stored
    }

    /// Whether `photo` is one of this report's.
    pub fn owns(&self, photo: &StoredPhoto) -> bool {
        photo.report_id == self.id && self.photo_ids.contains(&photo.id)
    }

    /// The report once the person has fixed what the city refused: the new draft goes out as a
    /// new submission, under the `key` the fix was given when its form opened, with those of
    /// its photos the person `kept` (more can be [attached](Self::attach) after). `None` unless
    /// the city refused it.
    pub fn fixed(
        mut self,
        draft: Draft,
        kept: &[PhotoId],
        key: IdempotencyKey,
        now_ms: u64,
    ) -> Option<Self> {
        self.photo_ids.retain(|id| kept.contains(id));
        matches!(self.delivery, Delivery::NeedsAttention { .. }).then(|| OutboxReport {
            idempotency_key: key,
            updated_ms: now_ms,
            draft,
            delivery: self.delivery.resent(),
            ..self
        })
    }
}

/// A photo of a report, as the bytes that will be uploaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPhoto {
    /// This photo's id.
    pub id: PhotoId,
    /// The report it belongs to.
    pub report_id: ReportId,
    /// Its media type, e.g. `image/jpeg`.
    pub content_type: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The encoded image. Stored as a `Uint8Array`: a list of numbers would take several times
    /// the space, and Safari has lost `Blob`s kept in IndexedDB.
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

impl StoredPhoto {
    /// A JPEG compressed on the device, as a photo of the report (or draft) `report_id`.
    pub fn jpeg(id: PhotoId, report_id: ReportId, photo: &CompressedPhoto) -> Self {
        StoredPhoto {
            id,
            report_id,
            content_type: "image/jpeg".to_owned(),
            width: photo.width,
            height: photo.height,
            bytes: photo.bytes.clone(),
        }
    }
}

/// A report being written, kept as the person goes so that a closed tab loses nothing. Its
/// photos are in the photos store under the draft's id, which becomes the report's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedDraft {
    /// The identity the report will be filed under.
    pub id: ReportId,
    pub idempotency_key: IdempotencyKey,
    /// The service it is for (an index, to find the draft when its form opens again).
    pub service_code: ServiceCode,
    /// The service's name, for offering the draft without the catalogue.
    pub service_name: String,
    /// What the form held, as the request it would build (blanks left out).
    pub draft: Draft,
    /// Its photos, in order.
    pub photo_ids: Vec<PhotoId>,
    /// When it was last saved (milliseconds since the epoch).
    pub saved_ms: u64,
}

impl SavedDraft {
    /// Whether this moment of the draft is newer than the one `kept` on the device (or none
    /// is kept), so it should replace it.
    pub fn supersedes(&self, kept: Option<&SavedDraft>) -> bool {
        kept.is_none_or(|kept| kept.saved_ms < self.saved_ms)
    }

    /// The identity it will be filed under.
    pub fn identity(&self) -> ReportIdentity {
        ReportIdentity {
            id: self.id.clone(),
            idempotency_key: self.idempotency_key.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use open311::{ApiError, ServiceCode};

    use super::*;

    fn draft(code: &str) -> Draft {
        Draft {
            service_code: ServiceCode::new(code),
            ..Draft::default()
        }
    }

    #[test]
    fn a_new_report_is_queued_under_the_identity_its_form_was_given() {
        let identity = ReportIdentity::random();
        let a = OutboxReport::new(identity.clone(), "Pothole", draft("001"), 5);
        let b = OutboxReport::new(ReportIdentity::random(), "Pothole", draft("001"), 5);
        assert_eq!(
            (&a.id, &a.idempotency_key),
            (&identity.id, &identity.idempotency_key)
        );
        assert_ne!(a.id, b.id);
        assert_ne!(a.idempotency_key, b.idempotency_key);
        assert_eq!((a.created_ms, a.updated_ms), (5, 5));
        assert_eq!(a.delivery, Delivery::default());
    }

    #[test]
    fn a_later_moment_of_a_draft_supersedes_the_kept_one_and_an_earlier_does_not() {
        let at = |saved_ms| SavedDraft {
            id: ReportId::random(),
            idempotency_key: IdempotencyKey::random(),
            service_code: ServiceCode::new("001"),
            service_name: "Pothole".into(),
            draft: draft("001"),
            photo_ids: Vec::new(),
            saved_ms,
        };
        assert!(at(5).supersedes(None));
        assert!(at(5).supersedes(Some(&at(4))));
        assert!(!at(5).supersedes(Some(&at(5))));
        assert!(!at(4).supersedes(Some(&at(5))));
    }

    #[test]
    fn attached_photos_belong_to_their_report_in_order() {
        let mut report = OutboxReport::new(ReportIdentity::random(), "Graffiti", draft("002"), 0);
        let first = report.attach("image/jpeg", 4, 3, vec![1, 2]);
        let second = report.attach("image/webp", 3, 4, vec![3]);
        assert_eq!(report.photo_ids, [first.id.clone(), second.id.clone()]);
        assert!(report.owns(&first) && report.owns(&second));

        let mut other = OutboxReport::new(ReportIdentity::random(), "Graffiti", draft("002"), 0);
        let stray = other.attach("image/jpeg", 1, 1, vec![]);
        assert!(!report.owns(&stray));
    }

    #[test]
    fn only_a_refused_report_can_be_fixed_and_it_goes_out_as_new() {
        let mut queued = OutboxReport::new(ReportIdentity::random(), "Pothole", draft("001"), 1);
        let photo = queued.attach("image/jpeg", 4, 3, vec![1]);
        let key = IdempotencyKey::random();
        assert_eq!(
            queued.clone().fixed(draft("003"), &[], key.clone(), 2),
            None
        );

        let refused = OutboxReport {
            delivery: Delivery::NeedsAttention {
                errors: vec![ApiError::new("400", "Where is it?")],
            },
            ..queued
        };
        let fixed = refused
            .clone()
            .fixed(draft("003"), &[], key.clone(), 9)
            .unwrap();
        assert_eq!(fixed.id, refused.id);
        assert_eq!(fixed.idempotency_key, key);
        assert_eq!(fixed.draft, draft("003"));
        assert_eq!(fixed.delivery, Delivery::default());
        assert_eq!((fixed.created_ms, fixed.updated_ms), (1, 9));
        assert_eq!(fixed.photo_ids, []);

        let kept = refused
            .fixed(draft("003"), std::slice::from_ref(&photo.id), key, 9)
            .unwrap();
        assert_eq!(kept.photo_ids, [photo.id]);
    }
}
