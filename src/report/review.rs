//! The last look before a report is saved: what will be sent, in the person's words.

use open311::{Answer, Draft};

use super::questions::{Control, Questionnaire};

/// One line of the review: what was asked, and what the person answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewLine {
    pub label: String,
    pub value: String,
}

/// The draft as the person will recognise it: answers by their shown names, in the form's
/// order, then the place, the description and the contact details given.
pub fn review_lines(questionnaire: &Questionnaire, draft: &Draft) -> Vec<ReviewLine> {
    let line = |label: &str, value: String| ReviewLine {
        label: label.to_owned(),
        value,
    };
    let mut lines: Vec<ReviewLine> = questionnaire
        .questions()
        .filter_map(|question| {
            let answer = draft.attributes.get(&question.code)?;
            let shown = shown_values(&question.control, answer);
            (!shown.is_empty()).then(|| line(&question.label, shown.join(", ")))
        })
        .collect();
    let location = &draft.location;
    let place = match (location.lat.zip(location.long), &location.address_string) {
        (Some((lat, long)), _) => Some(format!("{lat:.5}, {long:.5}")),
        (None, Some(address)) => Some(address.clone()),
        (None, None) => None,
    };
    lines.extend(place.map(|place| line("Location", place)));
    lines.extend(draft.description.clone().map(|d| line("Description", d)));
    let contact = &draft.contact;
    let name = [&contact.first_name, &contact.last_name]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    lines.extend((!name.is_empty()).then(|| line("Name", name)));
    lines.extend(contact.email.clone().map(|email| line("Email", email)));
    lines.extend(contact.phone.clone().map(|phone| line("Phone", phone)));
    lines
}

/// A list answer by the names the person chose from; other answers as typed.
fn shown_values(control: &Control, answer: &Answer) -> Vec<String> {
    let choices = match control {
        Control::Radios(values) | Control::Select(values) | Control::Checkboxes(values) => {
            Some(values)
        }
        _ => None,
    };
    answer
        .values()
        .into_iter()
        .map(|value| {
            choices
                .and_then(|choices| choices.iter().find(|choice| choice.key == value))
                .map_or_else(|| value.to_owned(), |choice| choice.name.clone())
        })
        .collect()
}

/// How many photos go with the report, as the review says it.
pub fn photos_line(count: usize) -> String {
    match count {
        0 => "None".to_owned(),
        1 => "1 photo".to_owned(),
        n => format!("{n} photos"),
    }
}

#[cfg(test)]
mod tests {
    use open311::{AttributeCode, Contact, Location, ServiceDefinition};

    use super::*;

    fn pothole() -> Questionnaire {
        let definition: ServiceDefinition = serde_json::from_str(
            r#"{"service_code":"pothole","attributes":[
                {"variable":true,"code":"WHERE","datatype":"singlevaluelist","required":true,
                 "description":"Where is the pothole?","order":1,
                 "values":[{"key":"bike","name":"Bike lane"},{"key":"curb","name":"Curb lane"}]},
                {"variable":true,"code":"SIDES","datatype":"multivaluelist","required":false,
                 "description":"Which sides?","order":2,
                 "values":[{"key":"n","name":"North"},{"key":"s","name":"South"}]},
                {"variable":true,"code":"PHONE","datatype":"string","required":false,
                 "description":"Mobile number for text updates","order":3}]}"#,
        )
        .unwrap();
        Questionnaire::new(Some(&definition))
    }

    #[test]
    fn shows_answers_by_name_in_form_order_then_place_and_contact() {
        let mut draft = Draft {
            location: Location {
                lat: Some(41.878_1),
                long: Some(-87.629_8),
                ..Location::default()
            },
            description: Some("Deep".into()),
            contact: Contact {
                first_name: Some("Jo".into()),
                last_name: Some("Ruiz".into()),
                email: Some("jo@example.com".into()),
                phone: None,
            },
            ..Draft::default()
        };
        let code = |c: &str| AttributeCode::new(c);
        draft
            .attributes
            .insert(code("SIDES"), Answer::Multi(vec!["s".into(), "n".into()]));
        draft
            .attributes
            .insert(code("WHERE"), Answer::Single("curb".into()));
        let lines: Vec<(String, String)> = review_lines(&pothole(), &draft)
            .into_iter()
            .map(|l| (l.label, l.value))
            .collect();
        let expected = [
            ("Where is the pothole?", "Curb lane"),
            ("Which sides?", "South, North"),
            ("Location", "41.87810, -87.62980"),
            ("Description", "Deep"),
            ("Name", "Jo Ruiz"),
            ("Email", "jo@example.com"),
        ];
        assert_eq!(
            lines,
            expected.map(|(l, v)| (l.to_owned(), v.to_owned())).to_vec()
        );
    }

    #[test]
    fn photos_are_counted_in_words() {
        assert_eq!(
            [0, 1, 3].map(photos_line),
            ["None", "1 photo", "3 photos"].map(str::to_owned)
        );
    }

    #[test]
    fn an_address_stands_for_the_place_and_blank_answers_are_left_out() {
        let mut draft = Draft {
            location: Location {
                address_string: Some("121 N LaSalle St".into()),
                ..Location::default()
            },
            ..Draft::default()
        };
        draft
            .attributes
            .insert(AttributeCode::new("PHONE"), Answer::Single("  ".into()));
        let lines = review_lines(&pothole(), &draft);
        assert_eq!(
            lines,
            vec![ReviewLine {
                label: "Location".into(),
                value: "121 N LaSalle St".into()
            }]
        );
    }
}
