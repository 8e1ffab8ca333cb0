//! The form body that files a request, both ways: the app encodes it, the
//! server decodes it.

use std::collections::BTreeMap;

use thiserror::Error;

use crate::api_error::ApiError;
use crate::draft::{Answer, Draft};
use crate::ids::{AttributeCode, JurisdictionId, ServiceCode};

/// The `Content-Type` of a form body.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// A decoded create-request body: the draft and the key that came with it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Submission {
    /// The request to file.
    pub draft: Draft,
    /// The `api_key` field, when sent.
    pub api_key: Option<String>,
}

/// Why a create-request body could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormError {
    /// No `service_code`, or an empty one.
    #[error("service_code is missing")]
    MissingServiceCode,
    /// `lat` or `long` is not a finite number.
    #[error("{field} is not a number: {value:?}")]
    InvalidCoordinate {
        /// `lat` or `long`.
        field: &'static str,
        /// What was sent.
        value: String,
    },
    /// A field starting with `attribute[` that is not `attribute[CODE]` or `attribute[CODE][]`.
    #[error("malformed attribute field {key:?}")]
    MalformedAttribute {
        /// The field's name as sent.
        key: String,
    },
}

impl From<&FormError> for ApiError {
    fn from(error: &FormError) -> Self {
        let description = match error {
            FormError::MissingServiceCode => "Choose what kind of problem you are reporting.",
            FormError::InvalidCoordinate { .. } => {
                "The place on the map could not be read. Choose it again."
            }
            FormError::MalformedAttribute { .. } => {
                "One of the answers could not be read. Check the form and send it again."
            }
        };
        ApiError::new("400", description)
    }
}

/// The fields of a create request in the order the spec lists them; values
/// that are absent or empty are left out, since empty means not sent.
pub(crate) fn fields(draft: &Draft, api_key: Option<&str>) -> Vec<(String, String)> {
    let location = &draft.location;
    let contact = &draft.contact;
    let text =
        |name: &str, value: Option<&str>| value.map(|value| (name.to_owned(), value.to_owned()));
    let number =
        |name: &str, value: Option<f64>| value.map(|value| (name.to_owned(), value.to_string()));
    let mut fields: Vec<(String, String)> = [
        text("api_key", api_key),
        text(
            "jurisdiction_id",
            draft.jurisdiction_id.as_ref().map(JurisdictionId::as_str),
        ),
        text("service_code", Some(draft.service_code.as_str())),
        number("lat", location.lat),
        number("long", location.long),
        text("address_string", location.address_string.as_deref()),
        text("address_id", location.address_id.as_deref()),
        text("email", contact.email.as_deref()),
        text("device_id", draft.device_id.as_deref()),
        text("account_id", draft.account_id.as_deref()),
        text("first_name", contact.first_name.as_deref()),
        text("last_name", contact.last_name.as_deref()),
        text("phone", contact.phone.as_deref()),
        text("description", draft.description.as_deref()),
        text("media_url", draft.media_url.as_deref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    for (code, answer) in &draft.attributes {
        match answer {
            Answer::Single(value) => fields.push((format!("attribute[{code}]"), value.clone())),
            Answer::Multi(values) => {
                fields.extend(
                    values
                        .iter()
                        .map(|value| (format!("attribute[{code}][]"), value.clone())),
                );
            }
        }
    }
    fields.retain(|(_, value)| !value.is_empty());
    fields
}

/// Encodes a draft as a form body (see [`FORM_CONTENT_TYPE`]).
pub fn encode_form(draft: &Draft, api_key: Option<&str>) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields(draft, api_key))
        .finish()
}

/// Decodes a form body into a draft.
pub fn decode_form(body: &str) -> Result<Submission, FormError> {
    from_fields(form_urlencoded::parse(body.as_bytes()).into_owned())
}

/// Builds a draft from already-split fields, such as the text parts of a
/// multipart body. Empty values count as not sent; unknown fields are ignored.
pub fn from_fields<I: IntoIterator<Item = (String, String)>>(
    fields: I,
) -> Result<Submission, FormError> {
    let mut draft = Draft::default();
    let mut service_code = None;
    let mut api_key = None;
    for (key, value) in fields {
        if value.is_empty() {
            continue;
        }
        let location = &mut draft.location;
        let contact = &mut draft.contact;
        match key.as_str() {
            "api_key" => api_key = Some(value),
            "service_code" => service_code = Some(value),
            "jurisdiction_id" => draft.jurisdiction_id = Some(JurisdictionId::new(value)),
            "lat" => location.lat = Some(coordinate("lat", value)?),
            "long" => location.long = Some(coordinate("long", value)?),
            "address_string" => location.address_string = Some(value),
            "address_id" => location.address_id = Some(value),
            "email" => contact.email = Some(value),
            "first_name" => contact.first_name = Some(value),
            "last_name" => contact.last_name = Some(value),
            "phone" => contact.phone = Some(value),
            "device_id" => draft.device_id = Some(value),
            "account_id" => draft.account_id = Some(value),
            "description" => draft.description = Some(value),
            "media_url" => draft.media_url = Some(value),
            _ if key.starts_with("attribute[") => add_answer(&mut draft.attributes, &key, value)?,
            _ => {}
        }
    }
    draft.service_code = service_code
        .map(|code| code.trim().to_owned())
        .filter(|code| !code.is_empty())
        .map(ServiceCode::new)
        .ok_or(FormError::MissingServiceCode)?;
    Ok(Submission { draft, api_key })
}

fn coordinate(field: &'static str, value: String) -> Result<f64, FormError> {
    value
        .trim()
        .parse()
        .ok()
        .filter(|number: &f64| number.is_finite())
        .ok_or(FormError::InvalidCoordinate { field, value })
}

/// Adds the value of `attribute[CODE]` or `attribute[CODE][]`. A code sent
/// several times, with or without `[]`, collects its values as a list.
fn add_answer(
    attributes: &mut BTreeMap<AttributeCode, Answer>,
    key: &str,
    value: String,
) -> Result<(), FormError> {
    let malformed = || FormError::MalformedAttribute {
        key: key.to_owned(),
    };
    let inner = key.strip_prefix("attribute[").ok_or_else(malformed)?;
    let (code, listed) = match inner.strip_suffix("][]") {
        Some(code) => (code, true),
        None => (inner.strip_suffix(']').ok_or_else(malformed)?, false),
    };
    if code.trim().is_empty() || code.contains(['[', ']']) {
        return Err(malformed());
    }
    let code = AttributeCode::new(code);
    let answer = match attributes.remove(&code) {
        None if listed => Answer::Multi(vec![value]),
        None => Answer::Single(value),
        Some(Answer::Single(first)) => Answer::Multi(vec![first, value]),
        Some(Answer::Multi(mut values)) => {
            values.push(value);
            Answer::Multi(values)
        }
    };
    attributes.insert(code, answer);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pothole() -> Draft {
        let mut draft = Draft {
            service_code: ServiceCode::new("4fd3b167e750846744000005"),
            description: Some("Deep hole & a bike lane, 50% of the lane".into()),
            ..Draft::default()
        };
        draft.location.lat = Some(41.878114);
        draft.location.long = Some(-87.629798);
        draft.location.address_string = Some("121 N LaSalle St".into());
        draft.contact.email = Some("jo+311@example.com".into());
        draft.attributes.insert(
            AttributeCode::new("WHERE"),
            Answer::Single("bike lane".into()),
        );
        draft.attributes.insert(
            AttributeCode::new("SIZE"),
            Answer::Multi(vec!["deep".into(), "wide".into()]),
        );
        draft
    }

    #[test]
    fn encodes_in_spec_order_with_list_brackets() {
        let body = encode_form(&pothole(), Some("KEY"));
        assert_eq!(
            body,
            "api_key=KEY&service_code=4fd3b167e750846744000005&lat=41.878114&long=-87.629798\
             &address_string=121+N+LaSalle+St&email=jo%2B311%40example.com\
             &description=Deep+hole+%26+a+bike+lane%2C+50%25+of+the+lane\
             &attribute%5BSIZE%5D%5B%5D=deep&attribute%5BSIZE%5D%5B%5D=wide\
             &attribute%5BWHERE%5D=bike+lane"
        );
    }

    #[test]
    fn decodes_what_it_encodes() {
        let submission = decode_form(&encode_form(&pothole(), Some("KEY"))).unwrap();
        assert_eq!(submission.draft, pothole());
        assert_eq!(submission.api_key.as_deref(), Some("KEY"));
    }

    #[test]
    fn decodes_raw_brackets_and_repeated_plain_keys() {
        let submission = decode_form(
            "service_code=001&attribute[A]=1&attribute[A]=2&attribute[B][]=x&unknown=1&email=",
        )
        .unwrap();
        let attributes = &submission.draft.attributes;
        assert_eq!(
            attributes[&AttributeCode::new("A")],
            Answer::Multi(vec!["1".into(), "2".into()])
        );
        assert_eq!(
            attributes[&AttributeCode::new("B")],
            Answer::Multi(vec!["x".into()])
        );
        assert_eq!(submission.draft.contact.email, None, "empty means not sent");
        assert_eq!(submission.api_key, None);
    }

    #[test]
    fn refuses_malformed_bodies() {
        assert_eq!(
            decode_form("lat=1&long=2"),
            Err(FormError::MissingServiceCode)
        );
        assert_eq!(
            decode_form("service_code=+&lat=1"),
            Err(FormError::MissingServiceCode)
        );
        assert_eq!(
            decode_form("service_code=1&lat=north"),
            Err(FormError::InvalidCoordinate {
                field: "lat",
                value: "north".into()
            })
        );
        assert!(matches!(
            decode_form("service_code=1&long=NaN"),
            Err(FormError::InvalidCoordinate { field: "long", .. })
        ));
        for key in [
            "attribute[",
            "attribute[]",
            "attribute[a]x",
            "attribute[a][b]",
            "attribute[[]",
        ] {
            let body = format!(
                "service_code=1&{}=v",
                key.replace('[', "%5B").replace(']', "%5D")
            );
            assert_eq!(
                decode_form(&body),
                Err(FormError::MalformedAttribute { key: key.into() }),
                "{key}"
            );
        }
    }

    #[test]
    fn form_errors_become_api_errors() {
        let error = ApiError::from(&FormError::MissingServiceCode);
        assert_eq!(error.code, "400");
        assert!(error.description.ends_with('.'));
    }
}
