//! What a service's definition asks, turned into the form's questions and notices.

use open311::{AttributeCode, AttributeValue, Datatype, ServiceDefinition};

use crate::components::form::field::option_id;

/// Up to this many choices are all shown at once as radio buttons; more become a
/// drop-down, so the form stays short on a phone.
pub const MAX_RADIOS: usize = 6;

/// The control a question is answered with.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    /// One line of text.
    Text,
    /// A number, typed as text so nothing typed is lost.
    Number,
    /// A local date and time, sent with the device's offset.
    DateTime,
    /// Several lines of text.
    TextArea,
    /// One of a few choices.
    Radios(Vec<AttributeValue>),
    /// One of many choices.
    Select(Vec<AttributeValue>),
    /// Any of the choices.
    Checkboxes(Vec<AttributeValue>),
}

impl Control {
    fn for_attribute(datatype: Datatype, values: &[AttributeValue]) -> Self {
        match datatype {
            Datatype::String => Control::Text,
            Datatype::Number => Control::Number,
            Datatype::Datetime => Control::DateTime,
            Datatype::Text => Control::TextArea,
            Datatype::SingleValueList if values.len() <= MAX_RADIOS => {
                Control::Radios(values.to_vec())
            }
            Datatype::SingleValueList => Control::Select(values.to_vec()),
            Datatype::MultiValueList => Control::Checkboxes(values.to_vec()),
        }
    }

    /// Whether the control is a group of inputs under one legend.
    pub fn is_group(&self) -> bool {
        matches!(self, Control::Radios(_) | Control::Checkboxes(_))
    }
}

/// One question of the form.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// The attribute the answer is sent as.
    pub code: AttributeCode,
    /// The control's element id, unique in the form whatever characters the code has.
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    pub control: Control,
}

impl Question {
    /// The element to focus when the answer needs fixing: a group's first input.
    pub fn focus_id(&self) -> String {
        if self.control.is_group() {
            option_id(&self.id, 0)
        } else {
            self.id.clone()
        }
    }
}

/// One entry of the form, in display order.
#[derive(Clone, Debug, PartialEq)]
pub enum FormItem {
    Question(Question),
    /// Information from the city that takes no answer.
    Notice(String),
}

/// The form a definition asks for: questions and notices in display order (by `order`,
/// those without one last). A service without a definition asks nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Questionnaire {
    items: Vec<FormItem>,
}

impl Questionnaire {
    pub fn new(definition: Option<&ServiceDefinition>) -> Self {
        let attributes = definition
            .map(ServiceDefinition::ordered_attributes)
            .unwrap_or_default();
        let items = attributes
            .into_iter()
            .enumerate()
            .map(|(index, attribute)| {
                let label = attribute.description.trim();
                let label = if label.is_empty() {
                    attribute.code.to_string()
                } else {
                    label.to_owned()
                };
                if !attribute.variable {
                    return FormItem::Notice(label);
                }
                FormItem::Question(Question {
                    code: attribute.code.clone(),
                    id: format!("question-{}", index + 1),
                    label,
                    hint: attribute
                        .datatype_description
                        .as_deref()
                        .map(str::trim)
                        .filter(|hint| !hint.is_empty())
                        .map(str::to_owned),
                    required: attribute.required,
                    control: Control::for_attribute(attribute.datatype, &attribute.values),
                })
            })
            .collect();
        Questionnaire { items }
    }

    pub fn items(&self) -> &[FormItem] {
        &self.items
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.items.iter().filter_map(|item| match item {
            FormItem::Question(question) => Some(question),
            FormItem::Notice(_) => None,
        })
    }

    pub fn question(&self, code: &AttributeCode) -> Option<&Question> {
        self.questions().find(|question| &question.code == code)
    }
}

#[cfg(test)]
mod tests {
    use open311::{Attribute, ServiceCode};

    use super::*;

    fn values(count: usize) -> Vec<AttributeValue> {
        (1..=count)
            .map(|n| AttributeValue {
                key: format!("k{n}"),
                name: format!("Choice {n}"),
            })
            .collect()
    }

    fn attribute(code: &str, datatype: Datatype, order: Option<u32>) -> Attribute {
        Attribute {
            code: AttributeCode::new(code),
            datatype,
            order,
            description: format!("{code}?"),
            ..Attribute::default()
        }
    }

    fn questionnaire(attributes: Vec<Attribute>) -> Questionnaire {
        Questionnaire::new(Some(&ServiceDefinition {
            service_code: ServiceCode::new("pothole"),
            attributes,
        }))
    }

    #[test]
    fn without_a_definition_nothing_is_asked() {
        assert_eq!(Questionnaire::new(None).items(), []);
    }

    #[test]
    fn follows_display_order_with_unordered_last() {
        let form = questionnaire(vec![
            attribute("LAST", Datatype::String, None),
            attribute("SECOND", Datatype::String, Some(2)),
            attribute("FIRST", Datatype::String, Some(1)),
        ]);
        let codes: Vec<&str> = form.questions().map(|q| q.code.as_str()).collect();
        assert_eq!(codes, ["FIRST", "SECOND", "LAST"]);
        let ids: Vec<&str> = form.questions().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["question-1", "question-2", "question-3"]);
    }

    #[test]
    fn picks_a_control_per_datatype() {
        let form = questionnaire(vec![
            attribute("S", Datatype::String, Some(1)),
            attribute("N", Datatype::Number, Some(2)),
            attribute("D", Datatype::Datetime, Some(3)),
            attribute("T", Datatype::Text, Some(4)),
            Attribute {
                values: values(3),
                ..attribute("M", Datatype::MultiValueList, Some(5))
            },
        ]);
        let controls: Vec<&Control> = form.questions().map(|q| &q.control).collect();
        assert_eq!(
            controls,
            [
                &Control::Text,
                &Control::Number,
                &Control::DateTime,
                &Control::TextArea,
                &Control::Checkboxes(values(3)),
            ]
        );
    }

    #[test]
    fn a_long_single_choice_list_becomes_a_drop_down() {
        let form = questionnaire(vec![
            Attribute {
                values: values(MAX_RADIOS),
                ..attribute("FEW", Datatype::SingleValueList, Some(1))
            },
            Attribute {
                values: values(MAX_RADIOS + 1),
                ..attribute("MANY", Datatype::SingleValueList, Some(2))
            },
        ]);
        let few = form.question(&AttributeCode::new("FEW")).unwrap();
        assert_eq!(few.control, Control::Radios(values(6)));
        assert_eq!(
            few.focus_id(),
            "question-1-0",
            "a group focuses its first input"
        );
        let many = form.question(&AttributeCode::new("MANY")).unwrap();
        assert_eq!(many.control, Control::Select(values(7)));
        assert_eq!(many.focus_id(), "question-2");
    }

    #[test]
    fn carries_label_hint_and_required() {
        let form = questionnaire(vec![
            Attribute {
                required: true,
                description: " Where is the pothole? ".into(),
                datatype_description: Some("Pick the closest".into()),
                ..attribute("WHEREIS", Datatype::String, Some(1))
            },
            Attribute {
                description: "".into(),
                datatype_description: Some("  ".into()),
                ..attribute("NOLABEL", Datatype::String, Some(2))
            },
        ]);
        let questions: Vec<&Question> = form.questions().collect();
        assert_eq!(questions[0].label, "Where is the pothole?");
        assert_eq!(questions[0].hint.as_deref(), Some("Pick the closest"));
        assert!(questions[0].required);
        assert_eq!(
            questions[1].label, "NOLABEL",
            "the code when there is no label"
        );
        assert_eq!(questions[1].hint, None);
        assert!(!questions[1].required);
    }

    #[test]
    fn fixed_attributes_are_notices_in_their_place() {
        let form = questionnaire(vec![
            attribute("WHEREIS", Datatype::SingleValueList, Some(1)),
            Attribute {
                variable: false,
                description: "Potholes on expressways are repaired by IDOT.".into(),
                ..attribute("EXPRESSWAY", Datatype::String, Some(2))
            },
            attribute("MOBILENO", Datatype::String, Some(3)),
        ]);
        assert!(matches!(form.items()[0], FormItem::Question(_)));
        assert_eq!(
            form.items()[1],
            FormItem::Notice("Potholes on expressways are repaired by IDOT.".into())
        );
        assert_eq!(form.questions().count(), 2);
        assert_eq!(form.question(&AttributeCode::new("EXPRESSWAY")), None);
    }
}
