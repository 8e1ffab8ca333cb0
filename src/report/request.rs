//! What the person filled in, turned into the request the city will receive, and back into
//! the form when the city refuses it.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDateTime, SecondsFormat, TimeZone, Timelike};
use open311::{Answer, AttributeCode, Contact, Draft, JurisdictionId, Location, ServiceCode};

use super::questions::{Control, Question, Questionnaire};
use crate::geography::Point;

/// Whether a form holding `draft` and `photos` photos is worth keeping as a draft: something
/// about the problem was given. Contact details alone are filled in from the last report, so
/// they are no sign that a report was begun.
pub fn worth_keeping(draft: &Draft, photos: usize) -> bool {
    photos > 0
        || !draft.attributes.is_empty()
        || draft.description.is_some()
        || draft.location != Location::default()
}

/// What one question's control holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Typed text, a `datetime-local` value, or the chosen key.
    One(String),
    /// The ticked keys.
    Many(Vec<String>),
}

/// Everything the form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormValues {
    pub answers: BTreeMap<AttributeCode, Entry>,
    pub point: Option<Point>,
    pub address: String,
    pub description: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
}

/// The service and server a draft is for.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    pub service_code: &'a ServiceCode,
    pub jurisdiction_id: Option<&'a JurisdictionId>,
    pub questionnaire: &'a Questionnaire,
}

/// Builds the draft: text trimmed, blanks left out, ticked keys in the city's order, and
/// local datetimes given the offset `offset_at` says the device had at that moment.
pub fn build_draft(
    target: Target<'_>,
    values: &FormValues,
    offset_at: impl Fn(NaiveDateTime) -> FixedOffset,
) -> Draft {
    let attributes = target
        .questionnaire
        .questions()
        .filter_map(|question| {
            let entry = values.answers.get(&question.code)?;
            Some((question.code.clone(), answer(question, entry, &offset_at)?))
        })
        .collect();
    Draft {
        service_code: target.service_code.clone(),
        jurisdiction_id: target.jurisdiction_id.cloned(),
        location: Location {
            lat: values.point.map(|point| point.latitude),
            long: values.point.map(|point| point.longitude),
            address_string: given(&values.address),
            address_id: None,
        },
        attributes,
        description: given(&values.description),
        contact: Contact {
            email: given(&values.email),
            first_name: given(&values.first_name),
            last_name: given(&values.last_name),
            phone: given(&values.phone),
        },
        ..Draft::default()
    }
}

fn answer(
    question: &Question,
    entry: &Entry,
    offset_at: impl Fn(NaiveDateTime) -> FixedOffset,
) -> Option<Answer> {
    match entry {
        Entry::One(text) => {
            let text = given(text)?;
            Some(Answer::Single(match question.control {
                // A value the browser did not produce is sent as typed, for validation to
                // point out.
                Control::DateTime => local_to_rfc3339(&text, offset_at).unwrap_or(text),
                _ => text,
            }))
        }
        Entry::Many(keys) => {
            let keys = in_offered_order(question, keys);
            (!keys.is_empty()).then_some(Answer::Multi(keys))
        }
    }
}

/// The form as it was when `draft` was built from it: the inverse of [`build_draft`], so a
/// report the city refused is fixed in the form it was written in. Answers to questions the
/// form no longer asks are left out, as there is nowhere to show them.
pub fn form_values(questionnaire: &Questionnaire, draft: &Draft) -> FormValues {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let location = &draft.location;
    FormValues {
        answers: questionnaire
            .questions()
            .filter_map(|question| {
                let answer = draft.attributes.get(&question.code)?;
                Some((question.code.clone(), entry(question, answer)))
            })
            .collect(),
        point: location
            .lat
            .zip(location.long)
            .map(|(latitude, longitude)| Point {
                latitude,
                longitude,
            }),
        address: text(&location.address_string),
        description: text(&draft.description),
        first_name: text(&draft.contact.first_name),
        last_name: text(&draft.contact.last_name),
        email: text(&draft.contact.email),
        phone: text(&draft.contact.phone),
    }
}

/// What the question's control shows for `answer`. An answer of the other shape (the city
/// changed the question since) fills in what the control can hold.
fn entry(question: &Question, answer: &Answer) -> Entry {
    match (&question.control, answer) {
        (Control::Checkboxes(_), answer) => {
            Entry::Many(answer.values().into_iter().map(str::to_owned).collect())
        }
        (Control::DateTime, Answer::Single(moment)) => {
            Entry::One(rfc3339_to_local(moment).unwrap_or_else(|| moment.clone()))
        }
        (_, Answer::Single(text)) => Entry::One(text.clone()),
        (_, Answer::Multi(keys)) => Entry::One(keys.first().cloned().unwrap_or_default()),
    }
}

/// Ticked keys in the order the city lists them, whatever order they were ticked in; keys
/// the city does not offer go last, for validation to point out.
fn in_offered_order(question: &Question, keys: &[String]) -> Vec<String> {
    let offered = match &question.control {
        Control::Checkboxes(values) | Control::Radios(values) | Control::Select(values) => {
            values.as_slice()
        }
        _ => &[],
    };
    let position = |key: &str| offered.iter().position(|value| value.key == key);
    let mut ordered: Vec<String> = Vec::with_capacity(keys.len());
    for key in keys.iter().filter_map(|key| given(key)) {
        if !ordered.contains(&key) {
            ordered.push(key);
        }
    }
    ordered.sort_by_key(|key| position(key).unwrap_or(usize::MAX));
    ordered
}

/// A `datetime-local` value ("2024-05-01T08:30", seconds optional) as RFC 3339 with the
/// offset the device had then.
pub fn local_to_rfc3339(
    local: &str,
    offset_at: impl Fn(NaiveDateTime) -> FixedOffset,
) -> Option<String> {
    let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|form| NaiveDateTime::parse_from_str(local.trim(), form).ok())?;
    let moment = offset_at(local).from_local_datetime(&local).single()?;
    Some(moment.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// An RFC 3339 moment as the `datetime-local` value it was sent from: the local time in the
/// offset it carries, which is the offset the device had then.
fn rfc3339_to_local(moment: &str) -> Option<String> {
    let local = DateTime::parse_from_rfc3339(moment.trim())
        .ok()?
        .naive_local();
    let form = if local.second() == 0 {
        "%Y-%m-%dT%H:%M"
    } else {
        "%Y-%m-%dT%H:%M:%S"
    };
    Some(local.format(form).to_string())
}

/// Text with its surrounding blanks removed, or nothing when that leaves nothing.
fn given(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use open311::{Attribute, AttributeValue, Datatype, ServiceDefinition};

    use super::super::questions::MAX_RADIOS;
    use super::*;

    fn chicago_time(_: NaiveDateTime) -> FixedOffset {
        FixedOffset::west_opt(5 * 3600).unwrap()
    }

    /// A question of every datatype, single choices both as radios and as a drop-down.
    fn pothole() -> Questionnaire {
        let choices = |keys: &[&str]| -> Vec<AttributeValue> {
            keys.iter()
                .map(|key| AttributeValue {
                    key: (*key).into(),
                    name: key.to_uppercase(),
                })
                .collect()
        };
        let lanes = choices(&["bike", "crosswalk", "curb"]);
        let wards = choices(&["w1", "w2", "w3", "w4", "w5", "w6", "w7"]);
        assert!(wards.len() > MAX_RADIOS, "WARD is a drop-down");
        let attribute = |code: &str, datatype, order, values: &Vec<AttributeValue>| Attribute {
            code: AttributeCode::new(code),
            datatype,
            order: Some(order),
            values: values.clone(),
            ..Attribute::default()
        };
        Questionnaire::new(Some(&ServiceDefinition {
            service_code: ServiceCode::new("pothole"),
            attributes: vec![
                attribute("WHEREIS", Datatype::SingleValueList, 1, &lanes),
                attribute("LANES", Datatype::MultiValueList, 2, &lanes),
                attribute("SEEN", Datatype::Datetime, 3, &lanes),
                attribute("DEPTH", Datatype::Number, 4, &lanes),
                attribute("NOTES", Datatype::Text, 5, &lanes),
                attribute("MOBILE", Datatype::String, 6, &lanes),
                attribute("WARD", Datatype::SingleValueList, 7, &wards),
            ],
        }))
    }

    fn draft(values: &FormValues) -> Draft {
        let questionnaire = pothole();
        let target = Target {
            service_code: &ServiceCode::new("pothole"),
            jurisdiction_id: Some(&JurisdictionId::new("cityofchicago.org")),
            questionnaire: &questionnaire,
        };
        build_draft(target, values, chicago_time)
    }

    fn answers(entries: &[(&str, Entry)]) -> FormValues {
        FormValues {
            answers: entries
                .iter()
                .map(|(code, entry)| (AttributeCode::new(*code), entry.clone()))
                .collect(),
            ..FormValues::default()
        }
    }

    fn one(text: &str) -> Entry {
        Entry::One(text.into())
    }

    #[test]
    fn a_form_is_worth_keeping_once_something_about_the_problem_is_given() {
        let contact_only = FormValues {
            email: "jo@example.com".into(),
            first_name: "Jo".into(),
            ..FormValues::default()
        };
        assert!(!worth_keeping(&draft(&contact_only), 0));
        assert!(worth_keeping(&draft(&contact_only), 1), "a photo");
        let answered = answers(&[("WHEREIS", one("curb"))]);
        assert!(worth_keeping(&draft(&answered), 0));
        let described = FormValues {
            description: "Deep".into(),
            ..FormValues::default()
        };
        assert!(worth_keeping(&draft(&described), 0));
        let placed = FormValues {
            address: "121 N LaSalle St".into(),
            ..FormValues::default()
        };
        assert!(worth_keeping(&draft(&placed), 0));
        let blank = FormValues {
            description: "   ".into(),
            ..FormValues::default()
        };
        assert!(!worth_keeping(&draft(&blank), 0), "blanks are nothing");
    }

    #[test]
    fn answers_become_attributes() {
        let built = draft(&answers(&[
            ("WHEREIS", one("curb")),
            ("LANES", Entry::Many(vec!["curb".into(), "bike".into()])),
            ("DEPTH", one(" 3.5 ")),
            ("NOTES", one("  Deep.\nBy the drain.  ")),
        ]));
        assert_eq!(built.service_code.as_str(), "pothole");
        assert_eq!(
            built.jurisdiction_id.as_ref().map(JurisdictionId::as_str),
            Some("cityofchicago.org")
        );
        let get = |code: &str| built.attributes.get(&AttributeCode::new(code)).cloned();
        assert_eq!(get("WHEREIS"), Some(Answer::Single("curb".into())));
        assert_eq!(
            get("LANES"),
            Some(Answer::Multi(vec!["bike".into(), "curb".into()])),
            "in the city's order, not the order ticked"
        );
        assert_eq!(get("DEPTH"), Some(Answer::Single("3.5".into())));
        assert_eq!(
            get("NOTES"),
            Some(Answer::Single("Deep.\nBy the drain.".into()))
        );
    }

    #[test]
    fn blank_answers_are_left_out() {
        let built = draft(&answers(&[
            ("WHEREIS", one("")),
            ("LANES", Entry::Many(vec![])),
            ("DEPTH", one("   ")),
        ]));
        assert!(built.attributes.is_empty(), "{:?}", built.attributes);
    }

    #[test]
    fn unasked_answers_are_left_out() {
        let built = draft(&answers(&[("COLOUR", one("red"))]));
        assert!(built.attributes.is_empty());
    }

    #[test]
    fn unoffered_keys_stay_for_validation_to_catch() {
        let built = draft(&answers(&[(
            "LANES",
            Entry::Many(vec![
                "sidewalk".into(),
                "crosswalk".into(),
                "crosswalk".into(),
            ]),
        )]));
        assert_eq!(
            built.attributes[&AttributeCode::new("LANES")],
            Answer::Multi(vec!["crosswalk".into(), "sidewalk".into()])
        );
    }

    #[test]
    fn local_datetimes_get_the_devices_offset() {
        let built = draft(&answers(&[("SEEN", one("2024-05-01T08:30"))]));
        assert_eq!(
            built.attributes[&AttributeCode::new("SEEN")],
            Answer::Single("2024-05-01T08:30:00-05:00".into())
        );
        let utc = |_| FixedOffset::east_opt(0).unwrap();
        assert_eq!(
            local_to_rfc3339("2024-05-01T08:30:15.250", utc).as_deref(),
            Some("2024-05-01T08:30:15Z")
        );
        let paris = |_| FixedOffset::east_opt(2 * 3600).unwrap();
        assert_eq!(
            local_to_rfc3339("2024-05-01T08:30", paris).as_deref(),
            Some("2024-05-01T08:30:00+02:00")
        );
        assert_eq!(local_to_rfc3339("yesterday", utc), None);
        let typed = draft(&answers(&[("SEEN", one("yesterday"))]));
        assert_eq!(
            typed.attributes[&AttributeCode::new("SEEN")],
            Answer::Single("yesterday".into())
        );
    }

    #[test]
    fn the_offset_is_the_one_at_that_moment() {
        let seen = std::cell::Cell::new(None);
        let offset_at = |local: NaiveDateTime| {
            seen.set(Some(local));
            FixedOffset::west_opt(6 * 3600).unwrap()
        };
        assert_eq!(
            local_to_rfc3339("2024-01-15T23:05", offset_at).as_deref(),
            Some("2024-01-15T23:05:00-06:00")
        );
        assert_eq!(
            seen.get().map(|local| local.to_string()).as_deref(),
            Some("2024-01-15 23:05:00")
        );
    }

    #[test]
    fn location_description_and_contact() {
        let values = FormValues {
            point: Some(Point {
                latitude: 41.8781,
                longitude: -87.6298,
            }),
            address: " Clark St & Jackson Blvd ".into(),
            description: "  Two feet across.  ".into(),
            first_name: " Jo ".into(),
            email: "jo@example.com ".into(),
            phone: "   ".into(),
            ..FormValues::default()
        };
        let built = draft(&values);
        assert_eq!(built.location.lat, Some(41.8781));
        assert_eq!(built.location.long, Some(-87.6298));
        assert_eq!(
            built.location.address_string.as_deref(),
            Some("Clark St & Jackson Blvd")
        );
        assert_eq!(built.description.as_deref(), Some("Two feet across."));
        assert_eq!(
            built.contact,
            Contact {
                email: Some("jo@example.com".into()),
                first_name: Some("Jo".into()),
                last_name: None,
                phone: None,
            }
        );
        let empty = draft(&FormValues::default());
        assert_eq!(empty.location, Location::default());
        assert_eq!(empty.description, None);
        assert_eq!(empty.contact, Contact::default());
    }

    #[test]
    fn a_complete_form_passes_validation() {
        let values = FormValues {
            address: "121 N LaSalle St".into(),
            ..answers(&[("WHEREIS", one("crosswalk"))])
        };
        let definition = ServiceDefinition {
            service_code: ServiceCode::new("pothole"),
            attributes: vec![Attribute {
                code: AttributeCode::new("WHEREIS"),
                datatype: Datatype::SingleValueList,
                required: true,
                values: vec![AttributeValue {
                    key: "crosswalk".into(),
                    name: "Crosswalk".into(),
                }],
                ..Attribute::default()
            }],
        };
        let questionnaire = Questionnaire::new(Some(&definition));
        let target = Target {
            service_code: &definition.service_code,
            jurisdiction_id: None,
            questionnaire: &questionnaire,
        };
        let built = build_draft(target, &values, chicago_time);
        assert_eq!(open311::validate(&built, Some(&definition)), Ok(()));
        let unanswered = build_draft(target, &FormValues::default(), chicago_time);
        let fields: Vec<open311::Field> = open311::validate(&unanswered, Some(&definition))
            .unwrap_err()
            .into_iter()
            .map(|problem| problem.field)
            .collect();
        assert_eq!(
            fields,
            [
                open311::Field::Location,
                open311::Field::Attribute(AttributeCode::new("WHEREIS"))
            ]
        );
    }

    #[test]
    fn a_draft_goes_back_into_the_form_it_was_built_from() {
        let values = FormValues {
            point: Some(Point {
                latitude: 41.8781,
                longitude: -87.6298,
            }),
            address: "Clark St & Jackson Blvd".into(),
            description: "Two feet across.".into(),
            first_name: "Jo".into(),
            last_name: "Rivera".into(),
            email: "jo@example.com".into(),
            phone: "312-555-0123".into(),
            ..answers(&[
                ("WHEREIS", one("curb")),
                ("LANES", Entry::Many(vec!["bike".into(), "curb".into()])),
                ("SEEN", one("2024-05-01T08:30")),
                ("DEPTH", one("3.5")),
                ("NOTES", one("Deep.\nBy the drain.")),
                ("MOBILE", one("312-555-0199")),
                ("WARD", one("w7")),
            ])
        };
        let questionnaire = pothole();
        assert_eq!(
            questionnaire.questions().count(),
            values.answers.len(),
            "every question is answered"
        );
        assert_eq!(form_values(&questionnaire, &draft(&values)), values);
        let blank = FormValues::default();
        assert_eq!(form_values(&questionnaire, &draft(&blank)), blank);
    }

    #[test]
    fn a_moment_goes_back_to_the_local_time_it_was_typed_as() {
        let with_seconds = answers(&[("SEEN", one("2024-01-15T23:05:09"))]);
        assert_eq!(form_values(&pothole(), &draft(&with_seconds)), with_seconds);
        // Whatever the device's offset now: the moment keeps the one it was sent with.
        let from_paris = |local: &str| {
            let mut built = Draft::default();
            built
                .attributes
                .insert(AttributeCode::new("SEEN"), Answer::Single(local.into()));
            form_values(&pothole(), &built).answers[&AttributeCode::new("SEEN")].clone()
        };
        assert_eq!(
            from_paris("2024-05-01T08:30:00+02:00"),
            one("2024-05-01T08:30")
        );
        assert_eq!(from_paris("yesterday"), one("yesterday"), "sent as typed");
    }

    #[test]
    fn answers_the_form_cannot_show_are_fitted_or_left_out() {
        let mut built = Draft::default();
        let mut answer = |code: &str, answer: Answer| {
            built.attributes.insert(AttributeCode::new(code), answer);
        };
        answer("LANES", Answer::Single("curb".into()));
        answer("WHEREIS", Answer::Multi(vec!["bike".into(), "curb".into()]));
        answer("GONE", Answer::Single("asked no more".into()));
        assert_eq!(
            form_values(&pothole(), &built),
            answers(&[
                ("LANES", Entry::Many(vec!["curb".into()])),
                ("WHEREIS", one("bike")),
            ])
        );
    }
}
