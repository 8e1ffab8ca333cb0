//! What validation found, placed on this form: each problem's words and the element it
//! points to.

use open311::{Draft, Field, Problem};

use super::questions::Questionnaire;
use crate::components::form::error_summary::ErrorLink;

/// The address input, which stands for the whole location section.
pub const ADDRESS_ID: &str = "address";
pub const DESCRIPTION_ID: &str = "description";
pub const EMAIL_ID: &str = "contact-email";

/// The problems of one attempt to send, in validation's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormProblems(Vec<Problem>);

impl FormProblems {
    /// Validation speaks of choosing a place on a map; this form has the device's location
    /// and an address instead, so the location's problem is said in the form's terms.
    pub fn new(problems: Vec<Problem>, draft: &Draft) -> Self {
        let problems = problems
            .into_iter()
            .map(|problem| match problem.field {
                Field::Location => Problem {
                    message: location_message(draft).to_owned(),
                    ..problem
                },
                _ => problem,
            })
            .collect();
        FormProblems(problems)
    }

    /// The message to show beside `field`.
    pub fn message_for(&self, field: &Field) -> Option<String> {
        self.0
            .iter()
            .find(|problem| &problem.field == field)
            .map(|problem| problem.message.clone())
    }

    /// Forgets the problem of `field`, once something other than typing has fixed it.
    pub fn resolve(&mut self, field: &Field) {
        self.0.retain(|problem| &problem.field != field);
    }

    /// The summary's entries, top to bottom as the form shows the fields, each linking to
    /// the element to fix.
    pub fn links(&self, questionnaire: &Questionnaire) -> Vec<ErrorLink> {
        let mut problems: Vec<&Problem> = self.0.iter().collect();
        problems.sort_by_key(|problem| form_position(&problem.field, questionnaire));
        problems
            .into_iter()
            .map(|problem| ErrorLink {
                message: problem.message.clone(),
                target: target_id(&problem.field, questionnaire),
            })
            .collect()
    }
}

fn location_message(draft: &Draft) -> &'static str {
    if draft.location.lat.is_some() || draft.location.long.is_some() {
        "The location from your device is not valid. Choose “Use my location” again, or type \
         the street address or nearest intersection."
    } else {
        "Choose “Use my location”, or type the street address or nearest intersection."
    }
}

/// Where a field comes in the form: the questions, the location, the description, then
/// the contact details.
fn form_position(field: &Field, questionnaire: &Questionnaire) -> (u8, usize) {
    match field {
        Field::ServiceCode => (0, 0),
        Field::Attribute(code) => (
            1,
            questionnaire
                .questions()
                .position(|question| &question.code == code)
                .unwrap_or(usize::MAX),
        ),
        Field::Location => (2, 0),
        Field::Description => (3, 0),
        Field::Email => (4, 0),
    }
}

/// The element a problem's link focuses; none for what the form does not show.
fn target_id(field: &Field, questionnaire: &Questionnaire) -> Option<String> {
    match field {
        Field::Location => Some(ADDRESS_ID.to_owned()),
        Field::Description => Some(DESCRIPTION_ID.to_owned()),
        Field::Email => Some(EMAIL_ID.to_owned()),
        Field::Attribute(code) => questionnaire.question(code).map(|q| q.focus_id()),
        Field::ServiceCode => None,
    }
}

#[cfg(test)]
mod tests {
    use open311::{
        Attribute, AttributeCode, AttributeValue, Datatype, ServiceCode, ServiceDefinition,
    };

    use super::*;

    fn problem(field: Field, message: &str) -> Problem {
        Problem {
            field,
            message: message.into(),
        }
    }

    fn pothole() -> Questionnaire {
        Questionnaire::new(Some(&ServiceDefinition {
            service_code: ServiceCode::new("pothole"),
            attributes: vec![Attribute {
                code: AttributeCode::new("WHEREIS"),
                datatype: Datatype::SingleValueList,
                values: vec![AttributeValue {
                    key: "curb".into(),
                    name: "Curb lane".into(),
                }],
                ..Attribute::default()
            }],
        }))
    }

    #[test]
    fn every_problem_links_to_its_element() {
        let whereis = Field::Attribute(AttributeCode::new("WHEREIS"));
        let problems = FormProblems::new(
            vec![
                problem(Field::ServiceCode, "Choose a service."),
                problem(Field::Location, "Choose it on the map."),
                problem(Field::Description, "Shorten it."),
                problem(Field::Email, "Check the email."),
                problem(whereis.clone(), "Choose where the pothole is."),
                problem(Field::Attribute(AttributeCode::new("GONE")), "Remove it."),
            ],
            &Draft::default(),
        );
        let links = problems.links(&pothole());
        let targets: Vec<Option<&str>> = links.iter().map(|link| link.target.as_deref()).collect();
        assert_eq!(
            targets,
            [
                None,
                Some("question-1-0"),
                None,
                Some("address"),
                Some("description"),
                Some("contact-email"),
            ],
            "in the form's order"
        );
        assert_eq!(
            problems.message_for(&whereis).as_deref(),
            Some("Choose where the pothole is.")
        );
        assert_eq!(
            problems.message_for(&Field::Email).as_deref(),
            Some("Check the email.")
        );
    }

    #[test]
    fn a_resolved_problem_is_forgotten() {
        let mut problems = FormProblems::new(
            vec![
                problem(Field::Location, "Choose it on the map."),
                problem(Field::Email, "Check the email."),
            ],
            &Draft::default(),
        );
        problems.resolve(&Field::Location);
        assert_eq!(problems.message_for(&Field::Location), None);
        assert_eq!(problems.links(&pothole()).len(), 1);
    }

    #[test]
    fn the_location_is_asked_for_in_the_forms_terms() {
        let missing = FormProblems::new(
            vec![problem(Field::Location, "Choose it on the map.")],
            &Draft::default(),
        );
        assert_eq!(
            missing.message_for(&Field::Location).as_deref(),
            Some("Choose “Use my location”, or type the street address or nearest intersection.")
        );
        let mut draft = Draft::default();
        draft.location.lat = Some(f64::NAN);
        draft.location.long = Some(0.0);
        let invalid = FormProblems::new(vec![problem(Field::Location, "Not valid.")], &draft);
        assert!(
            invalid
                .message_for(&Field::Location)
                .unwrap()
                .starts_with("The location from your device is not valid.")
        );
    }
}
