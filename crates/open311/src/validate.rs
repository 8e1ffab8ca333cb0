//! The checks a request must pass before it is filed, shared by the app's
//! forms and the server's handling of a POST, so both refuse the same things
//! with the same words.

use std::collections::BTreeMap;

use chrono::DateTime;

use crate::api_error::ApiError;
use crate::definition::{Attribute, Datatype, ServiceDefinition};
use crate::draft::{Answer, Draft, Location};
use crate::ids::AttributeCode;

/// The spec's limit on a description, in characters.
pub const MAX_DESCRIPTION: usize = 4_000;

/// The part of a draft a problem concerns, so a form can show it there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The kind of problem.
    ServiceCode,
    /// Where the problem is.
    Location,
    /// The resident's description.
    Description,
    /// The contact email.
    Email,
    /// The answer to one question.
    Attribute(AttributeCode),
}

/// Something to fix before a draft can be filed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub field: Field,
    /// What to do, in a sentence for the resident.
    pub message: String,
}

impl Problem {
    fn new(field: Field, message: impl Into<String>) -> Self {
        Problem {
            field,
            message: message.into(),
        }
    }
}

impl From<&Problem> for ApiError {
    /// An attribute's problem carries the attribute's code, as servers do;
    /// any other is a plain 400.
    fn from(problem: &Problem) -> Self {
        let code = match &problem.field {
            Field::Attribute(code) => code.to_string(),
            _ => "400".to_owned(),
        };
        ApiError::new(code, problem.message.clone())
    }
}

/// Checks a draft, returning every problem at once. Without a definition (a
/// service without metadata) only the location, description and contact are
/// checked.
pub fn validate(draft: &Draft, definition: Option<&ServiceDefinition>) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    if draft.service_code.as_str().trim().is_empty() {
        problems.push(Problem::new(
            Field::ServiceCode,
            "Choose what kind of problem you are reporting.",
        ));
    }
    problems.extend(location_problem(&draft.location));
    problems.extend(description_problem(draft.description.as_deref()));
    problems.extend(email_problem(draft.contact.email.as_deref()));
    if let Some(definition) = definition {
        problems.extend(attribute_problems(&draft.attributes, definition));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn location_problem(location: &Location) -> Option<Problem> {
    let given = |text: &Option<String>| text.as_deref().is_some_and(|text| !text.trim().is_empty());
    let message = match (location.lat, location.long) {
        (Some(lat), Some(long))
            if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&long) =>
        {
            return None;
        }
        (None, None) if given(&location.address_string) || given(&location.address_id) => {
            return None;
        }
        (None, None) => "Choose where the problem is on the map, or type its address.",
        _ => "The place on the map is not valid. Choose it on the map again.",
    };
    Some(Problem::new(Field::Location, message))
}

fn description_problem(description: Option<&str>) -> Option<Problem> {
    let length = description?.chars().count();
    (length > MAX_DESCRIPTION).then(|| {
        Problem::new(
            Field::Description,
            format!("Shorten the description to 4,000 characters or fewer; it has {length}."),
        )
    })
}

fn email_problem(email: Option<&str>) -> Option<Problem> {
    let email = email?.trim();
    let valid = email.is_empty()
        || email.split_once('@').is_some_and(|(name, domain)| {
            !name.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.contains(char::is_whitespace)
        });
    (!valid).then(|| {
        Problem::new(
            Field::Email,
            "Check the email address; it should look like name@example.com.",
        )
    })
}

fn attribute_problems(
    answers: &BTreeMap<AttributeCode, Answer>,
    definition: &ServiceDefinition,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for attribute in definition.ordered_attributes() {
        let values = answers
            .get(&attribute.code)
            .map(Answer::values)
            .unwrap_or_default();
        let message = if !attribute.variable {
            (!values.is_empty()).then(|| {
                format!(
                    "“{}” is information from the city, not a question; it takes no answer.",
                    label(attribute)
                )
            })
        } else if values.is_empty() {
            attribute.required.then(|| missing_answer(attribute))
        } else {
            answer_problem(attribute, &values)
        };
        problems.extend(
            message.map(|message| Problem::new(Field::Attribute(attribute.code.clone()), message)),
        );
    }
    for code in answers
        .keys()
        .filter(|code| definition.attribute(code).is_none())
    {
        problems.push(Problem::new(
            Field::Attribute(code.clone()),
            format!(
                "The city does not ask about “{code}” for this kind of problem; remove that answer."
            ),
        ));
    }
    problems
}

/// What is wrong with the given values of a question, if anything.
fn answer_problem(attribute: &Attribute, values: &[&str]) -> Option<String> {
    let label = label(attribute);
    if values.len() > 1 && attribute.datatype != Datatype::MultiValueList {
        return Some(match attribute.datatype {
            Datatype::SingleValueList => format!("Choose only one answer for “{label}”."),
            _ => format!("Give only one answer for “{label}”."),
        });
    }
    let valid = |value: &&str| match attribute.datatype {
        Datatype::String | Datatype::Text => true,
        Datatype::Number => is_number(value),
        Datatype::Datetime => DateTime::parse_from_rfc3339(value.trim()).is_ok(),
        Datatype::SingleValueList | Datatype::MultiValueList => attribute.has_value(value),
    };
    if values.iter().all(valid) {
        return None;
    }
    Some(match attribute.datatype {
        Datatype::Number => format!("Write a number for “{label}”, like 12 or 3.5."),
        Datatype::Datetime => format!("Give a date and time for “{label}”."),
        _ => format!("Choose among the answers offered for “{label}”."),
    })
}

/// An integer or a decimal, with an optional sign: `12`, `-3.5`, `.5`.
fn is_number(text: &str) -> bool {
    let text = text.trim();
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty())
        && digits(whole)
        && digits(fraction)
        && !(unsigned.contains('.') && fraction.is_empty())
}

/// The question as the resident sees it.
fn label(attribute: &Attribute) -> String {
    let label = attribute
        .description
        .trim()
        .trim_end_matches(':')
        .trim_end();
    if label.is_empty() {
        attribute.code.to_string()
    } else {
        label.to_owned()
    }
}

/// Asks for a missing answer in the words of the question: "Where is the
/// pothole?" becomes "Choose where the pothole is."
fn missing_answer(attribute: &Attribute) -> String {
    let label = label(attribute);
    let choose = attribute.datatype.is_list();
    let verb = if choose { "Choose" } else { "Tell us" };
    match indirect_question(&label) {
        Some(clause) => format!("{verb} {clause}."),
        None if choose => format!("Choose an answer for “{label}”."),
        None => format!("Fill in “{label}”."),
    }
}

/// Turns a simple direct question ("Where is the pothole?") into the clause
/// that follows a verb ("where the pothole is"); other labels give `None`.
fn indirect_question(label: &str) -> Option<String> {
    let question = label.strip_suffix('?')?.trim_end();
    let mut words = question.splitn(3, ' ');
    let (asker, verb, rest) = (words.next()?, words.next()?, words.next()?.trim());
    let asker = asker.to_lowercase();
    let verb = verb.to_lowercase();
    let asks = ["where", "what", "which", "when", "who", "how"].contains(&asker.as_str());
    let links = ["is", "are", "was", "were"].contains(&verb.as_str());
    (asks && links && !rest.is_empty()).then(|| format!("{asker} {rest} {verb}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::AttributeValue;
    use crate::ids::ServiceCode;

    fn attribute(code: &str, datatype: Datatype, description: &str) -> Attribute {
        Attribute {
            code: AttributeCode::new(code),
            datatype,
            required: true,
            description: description.into(),
            values: ["bike_lane", "crosswalk", "curb_lane"]
                .map(|key| AttributeValue {
                    key: key.into(),
                    name: key.replace('_', " "),
                })
                .to_vec(),
            ..Attribute::default()
        }
    }

    fn definition(attributes: Vec<Attribute>) -> ServiceDefinition {
        ServiceDefinition {
            service_code: ServiceCode::new("4fd3b167e750846744000005"),
            attributes,
        }
    }

    fn draft(answers: &[(&str, Answer)]) -> Draft {
        let mut draft = Draft {
            service_code: ServiceCode::new("4fd3b167e750846744000005"),
            ..Draft::default()
        };
        draft.location.lat = Some(41.8781);
        draft.location.long = Some(-87.6298);
        for (code, answer) in answers {
            draft
                .attributes
                .insert(AttributeCode::new(*code), answer.clone());
        }
        draft
    }

    fn single(value: &str) -> Answer {
        Answer::Single(value.into())
    }

    fn multi(values: &[&str]) -> Answer {
        Answer::Multi(values.iter().map(|v| v.to_string()).collect())
    }

    /// The messages for one question answered (or not) with `answer`.
    fn messages(attribute: Attribute, answer: Option<Answer>) -> Vec<String> {
        let code = attribute.code.to_string();
        let answers: Vec<(&str, Answer)> = answer.into_iter().map(|a| (code.as_str(), a)).collect();
        match validate(&draft(&answers), Some(&definition(vec![attribute]))) {
            Ok(()) => vec![],
            Err(problems) => problems
                .into_iter()
                .inspect(|p| assert_eq!(p.field, Field::Attribute(AttributeCode::new(&code))))
                .map(|p| p.message)
                .collect(),
        }
    }

    #[test]
    fn a_required_question_asks_in_its_own_words() {
        let where_ = attribute("WHERE", Datatype::SingleValueList, "Where is the pothole?");
        assert_eq!(messages(where_, None), ["Choose where the pothole is."]);
        let phone = attribute("PHONE", Datatype::String, "What is your mobile number?");
        assert_eq!(
            messages(phone.clone(), Some(single("  "))),
            ["Tell us what your mobile number is."]
        );
        let depth = attribute("DEPTH", Datatype::Number, "Depth in inches:");
        assert_eq!(messages(depth, None), ["Fill in “Depth in inches”."]);
        let kinds = attribute("KINDS", Datatype::MultiValueList, "How many are there?");
        assert_eq!(
            messages(kinds, Some(multi(&[]))),
            ["Choose an answer for “How many are there?”."]
        );
        let optional = Attribute {
            required: false,
            ..phone
        };
        assert_eq!(messages(optional, None), Vec::<String>::new());
    }

    #[test]
    fn strings_and_text_take_one_answer() {
        for datatype in [Datatype::String, Datatype::Text] {
            let notes = attribute("NOTES", datatype, "Notes");
            assert_eq!(
                messages(notes.clone(), Some(single("Line 1\nLine 2"))),
                Vec::<String>::new()
            );
            assert_eq!(
                messages(notes, Some(multi(&["a", "b"]))),
                ["Give only one answer for “Notes”."]
            );
        }
    }

    #[test]
    fn numbers_are_integers_or_decimals() {
        let depth = attribute("DEPTH", Datatype::Number, "Depth");
        for good in ["12", "-3.5", "+4", "0.25", ".5", " 7 "] {
            assert_eq!(
                messages(depth.clone(), Some(single(good))),
                Vec::<String>::new(),
                "{good}"
            );
        }
        for bad in ["twelve", "1,5", "1.", "-", "1e3", "1.2.3", "--1", "0x10"] {
            assert_eq!(
                messages(depth.clone(), Some(single(bad))),
                ["Write a number for “Depth”, like 12 or 3.5."],
                "{bad}"
            );
        }
    }

    #[test]
    fn datetimes_are_rfc3339_with_an_offset() {
        let seen = attribute("SEEN", Datatype::Datetime, "When did you see it?");
        for good in ["2012-04-23T10:15:00-05:00", "2012-04-23T15:15:00.5Z"] {
            assert_eq!(
                messages(seen.clone(), Some(single(good))),
                Vec::<String>::new(),
                "{good}"
            );
        }
        for bad in ["2012-04-23T10:15:00", "yesterday", "2012-04-23"] {
            assert_eq!(
                messages(seen.clone(), Some(single(bad))),
                ["Give a date and time for “When did you see it?”."],
                "{bad}"
            );
        }
    }

    #[test]
    fn single_value_lists_take_one_offered_key() {
        let where_ = attribute("WHERE", Datatype::SingleValueList, "Where is the pothole?");
        assert_eq!(
            messages(where_.clone(), Some(single("crosswalk"))),
            Vec::<String>::new()
        );
        assert_eq!(
            messages(where_.clone(), Some(multi(&["crosswalk"]))),
            Vec::<String>::new()
        );
        assert_eq!(
            messages(where_.clone(), Some(single("Crosswalk"))),
            ["Choose among the answers offered for “Where is the pothole?”."]
        );
        assert_eq!(
            messages(where_, Some(multi(&["crosswalk", "curb_lane"]))),
            ["Choose only one answer for “Where is the pothole?”."]
        );
    }

    #[test]
    fn multi_value_lists_take_offered_keys() {
        let lanes = attribute(
            "LANES",
            Datatype::MultiValueList,
            "Which lanes are blocked?",
        );
        assert_eq!(
            messages(lanes.clone(), Some(multi(&["crosswalk", "curb_lane"]))),
            Vec::<String>::new()
        );
        assert_eq!(
            messages(lanes.clone(), Some(single("bike_lane"))),
            Vec::<String>::new()
        );
        assert_eq!(
            messages(lanes, Some(multi(&["crosswalk", "sidewalk"]))),
            ["Choose among the answers offered for “Which lanes are blocked?”."]
        );
    }

    #[test]
    fn notices_and_unknown_codes_take_no_answer() {
        let notice = Attribute {
            variable: false,
            ..attribute("NOTICE", Datatype::Text, "Call 911 for emergencies.")
        };
        assert_eq!(
            messages(notice.clone(), None),
            Vec::<String>::new(),
            "a notice is never required"
        );
        assert_eq!(
            messages(notice, Some(single("ok"))),
            [
                "“Call 911 for emergencies.” is information from the city, not a question; it takes no answer."
            ]
        );
        let problems = validate(
            &draft(&[("COLOR", single("red"))]),
            Some(&definition(vec![])),
        )
        .unwrap_err();
        assert_eq!(
            problems[0].field,
            Field::Attribute(AttributeCode::new("COLOR"))
        );
        assert_eq!(ApiError::from(&problems[0]).code, "COLOR");
    }

    #[test]
    fn without_a_definition_answers_are_not_checked() {
        assert_eq!(validate(&draft(&[("COLOR", single("red"))]), None), Ok(()));
    }

    #[test]
    fn a_location_is_a_valid_point_or_an_address() {
        let check = |location: Location| {
            let draft = Draft {
                location,
                ..draft(&[])
            };
            validate(&draft, None).err().map(|problems| {
                assert!(problems.iter().all(|p| p.field == Field::Location));
                problems.len()
            })
        };
        let point = |lat, long| Location {
            lat: Some(lat),
            long: Some(long),
            ..Location::default()
        };
        assert_eq!(check(point(41.8, -87.6)), None);
        assert_eq!(check(point(-90.0, 180.0)), None);
        assert_eq!(check(point(91.0, 0.0)), Some(1));
        assert_eq!(check(point(0.0, -180.5)), Some(1));
        assert_eq!(check(point(f64::NAN, 0.0)), Some(1));
        assert_eq!(check(Location::default()), Some(1));
        let half = Location {
            lat: Some(41.8),
            address_string: Some("1 Main St".into()),
            ..Location::default()
        };
        assert_eq!(
            check(half),
            Some(1),
            "half a point is a mistake, not a fallback"
        );
        let address = Location {
            address_string: Some("121 N LaSalle St".into()),
            ..Location::default()
        };
        assert_eq!(check(address), None);
        let address_id = Location {
            address_id: Some("40312".into()),
            ..Location::default()
        };
        assert_eq!(check(address_id), None);
        let blank = Location {
            address_string: Some("  ".into()),
            ..Location::default()
        };
        assert_eq!(check(blank), Some(1));
    }

    #[test]
    fn descriptions_are_limited_in_characters_not_bytes() {
        let with = |description: String| Draft {
            description: Some(description),
            ..draft(&[])
        };
        assert_eq!(validate(&with("é".repeat(4_000)), None), Ok(()));
        let problems = validate(&with("a".repeat(4_001)), None).unwrap_err();
        assert_eq!(
            problems,
            [Problem::new(
                Field::Description,
                "Shorten the description to 4,000 characters or fewer; it has 4001."
            )]
        );
    }

    #[test]
    fn emails_look_like_addresses() {
        let with = |email: &str| {
            let mut draft = draft(&[]);
            draft.contact.email = Some(email.into());
            validate(&draft, None).is_ok()
        };
        assert!(with("jo@example.com"));
        assert!(with(""));
        for bad in [
            "jo",
            "jo@",
            "@example.com",
            "jo@example",
            "jo@@example.com",
            "j o@example.com",
            "jo@example.",
        ] {
            assert!(!with(bad), "{bad}");
        }
    }

    #[test]
    fn every_problem_comes_at_once() {
        let mut bad = Draft {
            description: Some("x".repeat(4_001)),
            ..Draft::default()
        };
        bad.contact.email = Some("nope".into());
        bad.attributes
            .insert(AttributeCode::new("EXTRA"), single("1"));
        let where_ = attribute("WHERE", Datatype::SingleValueList, "Where is the pothole?");
        let problems = validate(&bad, Some(&definition(vec![where_]))).unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|p| p.field.clone()).collect();
        assert_eq!(
            fields,
            [
                Field::ServiceCode,
                Field::Location,
                Field::Description,
                Field::Email,
                Field::Attribute(AttributeCode::new("WHERE")),
                Field::Attribute(AttributeCode::new("EXTRA")),
            ]
        );
        let api: Vec<ApiError> = problems.iter().map(ApiError::from).collect();
        assert_eq!(api[0].code, "400");
        assert_eq!(
            api[4],
            ApiError::new("WHERE", "Choose where the pothole is.")
        );
    }
}
