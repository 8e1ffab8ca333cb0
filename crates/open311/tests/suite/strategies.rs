//! Generators of model values, in the normal form every parser yields: no
//! blank optional text, trimmed ids, keywords without commas.

use chrono::{DateTime, FixedOffset};
use open311::*;
use proptest::collection::{btree_map, vec};
use proptest::option::of;
use proptest::prelude::*;

/// Text XML can carry, possibly blank: for fields that keep what they get.
pub fn any_text() -> impl Strategy<Value = String> {
    "([^\\p{C}]|[\t\n\r]){0,16}"
}

/// Text with something in it: blank optional text reads as absent.
pub fn text() -> impl Strategy<Value = String> {
    "[^\\s\\p{C}]([^\\p{C}]|[\t\n\r]){0,16}"
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    of(text())
}

/// Id text: ids are trimmed, so no whitespace at the ends.
pub fn id_text() -> impl Strategy<Value = String> {
    "[^\\s\\p{C}]{1,12}"
}

fn id<T: From<String> + std::fmt::Debug>() -> impl Strategy<Value = T> {
    id_text().prop_map(T::from)
}

fn opt_id<T: From<String> + std::fmt::Debug>() -> impl Strategy<Value = Option<T>> {
    of(id())
}

pub fn timestamp() -> impl Strategy<Value = Timestamp> {
    (0i64..4_102_444_800, 0u32..1_000_000_000, -720i32..=840).prop_map(
        |(seconds, nanos, minutes)| {
            let offset = FixedOffset::east_opt(minutes * 60).expect("within a day");
            Timestamp(
                DateTime::from_timestamp(seconds, nanos)
                    .expect("in range")
                    .with_timezone(&offset),
            )
        },
    )
}

fn coordinate(limit: f64) -> impl Strategy<Value = Option<f64>> {
    of(-limit..=limit)
}

pub fn discovery() -> impl Strategy<Value = Discovery> {
    let endpoint = (
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        vec(any_text(), 0..3),
    )
        .prop_map(
            |(specification, url, changeset, endpoint_type, formats)| Endpoint {
                specification,
                url,
                changeset,
                endpoint_type,
                formats,
            },
        );
    (opt_text(), opt_text(), opt_text(), vec(endpoint, 0..3)).prop_map(
        |(changeset, contact, key_service, endpoints)| Discovery {
            changeset,
            contact,
            key_service,
            endpoints,
        },
    )
}

fn keyword() -> impl Strategy<Value = String> {
    "[^\\s\\p{C},]([^\\p{C},]{0,8}[^\\s\\p{C},])?"
}

pub fn service() -> impl Strategy<Value = Service> {
    let service_type = prop_oneof![
        Just(ServiceType::Realtime),
        Just(ServiceType::Batch),
        Just(ServiceType::Blackbox)
    ];
    (
        id(),
        any_text(),
        opt_text(),
        any::<bool>(),
        service_type,
        vec(keyword(), 0..4),
        opt_text(),
    )
        .prop_map(
            |(service_code, service_name, description, metadata, service_type, keywords, group)| {
                Service {
                    service_code,
                    service_name,
                    description,
                    metadata,
                    service_type,
                    keywords,
                    group,
                }
            },
        )
}

pub fn datatype() -> impl Strategy<Value = Datatype> {
    prop_oneof![
        Just(Datatype::String),
        Just(Datatype::Number),
        Just(Datatype::Datetime),
        Just(Datatype::Text),
        Just(Datatype::SingleValueList),
        Just(Datatype::MultiValueList),
    ]
}

pub fn attribute() -> impl Strategy<Value = Attribute> {
    let value = (any_text(), any_text()).prop_map(|(key, name)| AttributeValue { key, name });
    (
        any::<bool>(),
        id(),
        datatype(),
        any::<bool>(),
        opt_text(),
        of(any::<u32>()),
        any_text(),
        vec(value, 0..4),
    )
        .prop_map(
            |(
                variable,
                code,
                datatype,
                required,
                datatype_description,
                order,
                description,
                values,
            )| Attribute {
                variable,
                code,
                datatype,
                required,
                datatype_description,
                order,
                description,
                values,
            },
        )
}

pub fn definition() -> impl Strategy<Value = ServiceDefinition> {
    (id(), vec(attribute(), 0..4)).prop_map(|(service_code, attributes)| ServiceDefinition {
        service_code,
        attributes,
    })
}

fn note_type() -> impl Strategy<Value = NoteType> {
    prop_oneof![
        Just(NoteType::Opened),
        Just(NoteType::Activity),
        Just(NoteType::FollowOnCreated),
        Just(NoteType::FollowOnClosed),
        Just(NoteType::Closed),
        "[a-z_]{1,12}".prop_map(|name| NoteType::from(name.as_str())),
    ]
}

fn note() -> impl Strategy<Value = Note> {
    (of(timestamp()), note_type(), opt_text(), opt_text()).prop_map(
        |(datetime, note_type, summary, description)| Note {
            datetime,
            note_type,
            summary,
            description,
        },
    )
}

fn extended_attributes() -> impl Strategy<Value = ExtendedAttributes> {
    let photo = (any_text(), opt_text(), of(any::<u32>()), of(any::<u32>())).prop_map(
        |(media_url, title, width, height)| Photo {
            media_url,
            title,
            width,
            height,
        },
    );
    (opt_text(), opt_text(), opt_id(), opt_id(), vec(photo, 0..3)).prop_map(
        |(channel, ward, duplicate, parent_service_request_id, photos)| ExtendedAttributes {
            channel,
            ward,
            duplicate,
            parent_service_request_id,
            photos,
        },
    )
}

pub fn service_request() -> impl Strategy<Value = ServiceRequest> {
    let status = of(prop_oneof![Just(Status::Open), Just(Status::Closed)]);
    let who = (
        opt_id(),
        status,
        opt_text(),
        opt_text(),
        opt_id(),
        opt_text(),
        opt_text(),
        opt_text(),
    );
    let when = (of(timestamp()), of(timestamp()), of(timestamp()));
    let place = (
        opt_text(),
        opt_text(),
        opt_text(),
        coordinate(90.0),
        coordinate(180.0),
    );
    let more = (opt_text(), of(extended_attributes()), vec(note(), 0..3));
    (who, when, place, more).prop_map(
        |(
            (
                service_request_id,
                status,
                status_notes,
                service_name,
                service_code,
                description,
                agency_responsible,
                service_notice,
            ),
            (requested_datetime, updated_datetime, expected_datetime),
            (address, address_id, zipcode, lat, long),
            (media_url, extended_attributes, notes),
        )| ServiceRequest {
            service_request_id,
            status,
            status_notes,
            service_name,
            service_code,
            description,
            agency_responsible,
            service_notice,
            requested_datetime,
            updated_datetime,
            expected_datetime,
            address,
            address_id,
            zipcode,
            lat,
            long,
            media_url,
            extended_attributes,
            notes,
        },
    )
}

pub fn request_created() -> impl Strategy<Value = RequestCreated> {
    (opt_id(), opt_id(), opt_text(), opt_text()).prop_map(
        |(service_request_id, token, service_notice, account_id)| RequestCreated {
            service_request_id,
            token,
            service_notice,
            account_id,
        },
    )
}

pub fn token_answer() -> impl Strategy<Value = TokenAnswer> {
    (opt_id(), opt_id()).prop_map(|(service_request_id, token)| TokenAnswer {
        service_request_id,
        token,
    })
}

pub fn api_error() -> impl Strategy<Value = ApiError> {
    (any_text(), any_text()).prop_map(|(code, description)| ApiError { code, description })
}

/// Form values: anything but empty, which means not sent.
fn value() -> impl Strategy<Value = String> {
    "(?s).{1,16}"
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        value().prop_map(Answer::Single),
        vec(value(), 1..4).prop_map(Answer::Multi)
    ]
}

/// Drafts as a form carries them: attribute codes without brackets, service
/// codes without surrounding whitespace.
pub fn draft() -> impl Strategy<Value = Draft> {
    let finite = || of(any::<f64>().prop_filter("finite", |n| n.is_finite()));
    let location = (finite(), finite(), of(value()), of(value())).prop_map(
        |(lat, long, address_string, address_id)| Location {
            lat,
            long,
            address_string,
            address_id,
        },
    );
    let contact = (of(value()), of(value()), of(value()), of(value())).prop_map(
        |(email, first_name, last_name, phone)| Contact {
            email,
            first_name,
            last_name,
            phone,
        },
    );
    let code = "[A-Za-z0-9_.-]{1,12}".prop_map(AttributeCode::new);
    (
        id::<ServiceCode>(),
        of(value().prop_map(JurisdictionId::new)),
        location,
        btree_map(code, answer(), 0..4),
        of(value()),
        contact,
        (of(value()), of(value()), of(value())),
    )
        .prop_map(
            |(
                service_code,
                jurisdiction_id,
                location,
                attributes,
                description,
                contact,
                (device_id, account_id, media_url),
            )| Draft {
                service_code,
                jurisdiction_id,
                location,
                attributes,
                description,
                contact,
                device_id,
                account_id,
                media_url,
            },
        )
}
