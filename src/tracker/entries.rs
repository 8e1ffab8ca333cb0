//! What "My reports" lists: every request the person follows, joined with the report this
//! device filed for it, and the reports still waiting for the city's id.

use open311::{ServiceRequest, ServiceRequestId, Status};

use super::timeline::timeline;
use crate::outbox::OutboxReport;
use crate::outbox::delivery::Delivery;
use crate::store::PhotoId;
use crate::tracker::TrackedRequest;

/// One line of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// None while the city has not given the report an id yet.
    pub id: Option<ServiceRequestId>,
    pub service_name: String,
    /// What the person (or whoever filed it) wrote.
    pub description: Option<String>,
    /// When it was filed, or followed when that is not known (milliseconds since the epoch).
    pub date_ms: i64,
    pub photo: Photo,
    pub status: &'static str,
    /// The newest thing the city said about it.
    pub latest: Option<String>,
    pub unseen: u32,
}

/// Where an entry's first photo is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Photo {
    /// Kept on this device with the report that filed it.
    Device(PhotoId),
    /// On the city's server.
    Server(String),
    None,
}

/// The list, newest first.
pub fn entries(followed: &[TrackedRequest], reports: &[OutboxReport]) -> Vec<Entry> {
    let filed_here = |id: &ServiceRequestId| {
        reports.iter().find(|report| {
            matches!(&report.delivery, Delivery::Submitted { id: Some(filed) } if filed == id)
        })
    };
    let mut list: Vec<Entry> = followed
        .iter()
        .map(|tracked| followed_entry(tracked, filed_here(&tracked.id)))
        .chain(reports.iter().filter_map(waiting_entry))
        .collect();
    list.sort_by_key(|entry| std::cmp::Reverse(entry.date_ms));
    list
}

fn followed_entry(tracked: &TrackedRequest, report: Option<&OutboxReport>) -> Entry {
    let request = tracked.request.as_ref();
    let requested_ms = request
        .and_then(|r| r.requested_datetime.as_ref())
        .map(|t| t.0.timestamp_millis());
    let device_photo = report.and_then(|r| r.photo_ids.first().cloned());
    Entry {
        id: Some(tracked.id.clone()),
        service_name: report
            .map(|r| r.service_name.clone())
            .or_else(|| request.and_then(|r| r.service_name.clone()))
            .unwrap_or_else(|| "Request".to_owned()),
        description: report
            .and_then(|r| r.draft.description.clone())
            .or_else(|| request.and_then(|r| r.description.clone())),
        date_ms: report
            .map(|r| ms(r.created_ms))
            .or(requested_ms)
            .unwrap_or(ms(tracked.followed_ms)),
        photo: match (
            device_photo,
            request
                .and_then(ServiceRequest::first_photo_url)
                .map(str::to_owned),
        ) {
            (Some(photo), _) => Photo::Device(photo),
            (None, Some(url)) => Photo::Server(url),
            (None, None) => Photo::None,
        },
        status: status_label(request),
        latest: request.and_then(latest),
        unseen: tracked.unseen_changes,
    }
}

/// A report the city accepted but has not numbered yet.
fn waiting_entry(report: &OutboxReport) -> Option<Entry> {
    let status = match report.delivery {
        Delivery::AwaitingId { .. } => "Waiting for an id",
        Delivery::Submitted { id: None } => {
            "Received; the city gives no id for this kind of report"
        }
        _ => return None,
    };
    Some(Entry {
        id: None,
        service_name: report.service_name.clone(),
        description: report.draft.description.clone(),
        date_ms: ms(report.created_ms),
        photo: report
            .photo_ids
            .first()
            .cloned()
            .map_or(Photo::None, Photo::Device),
        status,
        latest: None,
        unseen: 0,
    })
}

/// A request's status in words.
pub fn status_label(request: Option<&ServiceRequest>) -> &'static str {
    match request.map(|r| r.status) {
        None => "Not checked yet",
        Some(None) => "Status not given",
        Some(Some(Status::Open)) => "Open",
        Some(Some(Status::Closed)) => "Closed",
    }
}

/// The newest note, or the status notes of a server without a timeline.
fn latest(request: &ServiceRequest) -> Option<String> {
    let newest = timeline(request)
        .into_iter()
        .rev()
        .find_map(|step| step.summary.or(step.description));
    newest.or_else(|| request.status_notes.clone())
}

fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use open311::{Draft, ExtendedAttributes, Note, Timestamp, Token};

    use super::*;
    use crate::outbox::delivery::Retry;

    fn followed(id: &str, request: Option<ServiceRequest>, followed_ms: u64) -> TrackedRequest {
        TrackedRequest {
            request,
            ..TrackedRequest::new(ServiceRequestId::new(id), followed_ms)
        }
    }

    fn report(delivery: Delivery, created_ms: u64) -> OutboxReport {
        let mut report = OutboxReport::new(
            crate::outbox::ReportIdentity::random(),
            "Pothole in Street",
            Draft::default(),
            created_ms,
        );
        report.attach("image/jpeg", 4, 3, vec![1]);
        OutboxReport { delivery, ..report }
    }

    fn with_photo(url: &str) -> ServiceRequest {
        ServiceRequest {
            service_name: Some("Graffiti Removal".to_owned()),
            status: Some(Status::Open),
            requested_datetime: Timestamp::parse("2012-07-01T08:00:00Z"),
            extended_attributes: Some(ExtendedAttributes {
                photos: vec![open311::Photo {
                    media_url: url.to_owned(),
                    ..open311::Photo::default()
                }],
                ..ExtendedAttributes::default()
            }),
            notes: vec![Note {
                summary: Some("Crew sent".to_owned()),
                ..Note::default()
            }],
            ..ServiceRequest::default()
        }
    }

    #[test]
    fn a_report_filed_here_shows_its_own_photo_and_date() {
        let mine = report(
            Delivery::Submitted {
                id: Some(ServiceRequestId::new("7")),
            },
            5_000,
        );
        let list = entries(
            &[followed("7", Some(with_photo("/media/1.jpg")), 9_000)],
            std::slice::from_ref(&mine),
        );
        assert_eq!(list.len(), 1);
        let entry = &list[0];
        assert_eq!(entry.service_name, "Pothole in Street");
        assert_eq!(entry.date_ms, 5_000);
        assert_eq!(entry.photo, Photo::Device(mine.photo_ids[0].clone()));
        assert_eq!(
            (entry.status, entry.latest.as_deref()),
            ("Open", Some("Crew sent"))
        );
    }

    #[test]
    fn a_followed_request_shows_the_servers_photo_and_details() {
        let list = entries(
            &[followed("9", Some(with_photo("/media/2.jpg")), 9_000)],
            &[],
        );
        let entry = &list[0];
        assert_eq!(entry.service_name, "Graffiti Removal");
        assert_eq!(entry.date_ms, 1_341_129_600_000);
        assert_eq!(entry.photo, Photo::Server("/media/2.jpg".to_owned()));
        let unfetched = entries(&[followed("10", None, 9_000)], &[]);
        assert_eq!(unfetched[0].status, "Not checked yet");
        assert_eq!(
            (unfetched[0].date_ms, &unfetched[0].photo),
            (9_000, &Photo::None)
        );
    }

    #[test]
    fn reports_without_an_id_yet_are_listed_and_unsent_ones_are_not() {
        let waiting = report(
            Delivery::AwaitingId {
                token: Token::new("t1"),
                retry: Retry::default(),
            },
            3_000,
        );
        let queued = report(Delivery::default(), 4_000);
        let list = entries(&[followed("1", None, 1_000)], &[waiting, queued]);
        assert_eq!(list.len(), 2);
        assert_eq!(
            (list[0].id.as_ref(), list[0].status),
            (None, "Waiting for an id")
        );
        assert_eq!(list[1].id, Some(ServiceRequestId::new("1")), "newest first");
    }

    #[test]
    fn stopping_to_follow_ones_own_report_takes_it_off_the_list() {
        let mine = report(
            Delivery::Submitted {
                id: Some(ServiceRequestId::new("7")),
            },
            5_000,
        );
        assert_eq!(entries(&[], &[mine]), []);
    }
}
