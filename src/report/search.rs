//! Finding a service by what people call the problem, and listing services by group.

use open311::Service;

/// Where services without a group are listed.
pub const OTHER_GROUP: &str = "Other";

/// What was typed in the search box, folded for matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    typed: String,
    /// Lower-case, accent-free, never empty.
    words: Vec<String>,
}

impl Query {
    pub fn new(typed: &str) -> Self {
        let typed = typed.trim().to_owned();
        let words = words(&typed);
        Query { typed, words }
    }

    /// Whether there is nothing to search for (every service matches).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Every typed word starts a word of the service's name, description, group or
    /// keywords: "rat" finds "Rat Complaint" and "rats", not "operator".
    pub fn matches(&self, service: &Service) -> bool {
        let mut text = service.service_name.clone();
        for part in service.description.iter().chain(&service.group) {
            text.push(' ');
            text.push_str(part);
        }
        for keyword in &service.keywords {
            text.push(' ');
            text.push_str(keyword);
        }
        let haystack = words(&text);
        self.words
            .iter()
            .all(|word| haystack.iter().any(|candidate| candidate.starts_with(word)))
    }

    /// The sentence that says how many services match, once something is typed.
    pub fn result_sentence(&self, count: usize) -> Option<String> {
        let typed = &self.typed;
        (!self.is_empty()).then(|| match count {
            0 => format!("No service matches “{typed}”."),
            1 => format!("1 service matches “{typed}”."),
            n => format!("{n} services match “{typed}”."),
        })
    }
}

/// Services listed under one heading.
#[derive(Debug, PartialEq)]
pub struct ServiceGroup<'a> {
    pub name: &'a str,
    pub services: Vec<&'a Service>,
}

/// The services matching `query`, by group: groups alphabetically with "Other" last, and
/// services alphabetically within each group. Groups left empty by the search are dropped.
pub fn grouped<'a>(services: &'a [Service], query: &Query) -> Vec<ServiceGroup<'a>> {
    let mut groups: Vec<ServiceGroup<'a>> = Vec::new();
    for service in services.iter().filter(|service| query.matches(service)) {
        let name = group_name(service);
        match groups.iter_mut().find(|group| group.name == name) {
            Some(group) => group.services.push(service),
            None => groups.push(ServiceGroup {
                name,
                services: vec![service],
            }),
        }
    }
    groups.sort_by_cached_key(|group| (group.name == OTHER_GROUP, fold(group.name)));
    for group in &mut groups {
        group
            .services
            .sort_by_cached_key(|service| fold(&service.service_name));
    }
    groups
}

fn group_name(service: &Service) -> &str {
    service
        .group
        .as_deref()
        .map(str::trim)
        .filter(|group| !group.is_empty())
        .unwrap_or(OTHER_GROUP)
}

/// The words of `text`, folded.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Lower case without accents, so "cafe" finds "Café" and "CAFÉ" finds "cafe".
fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match base_letter(c) {
            Some(base) => folded.push_str(base),
            // Combining marks come from text typed in decomposed form.
            None if ('\u{300}'..='\u{36f}').contains(&c) => {}
            None => folded.push(c),
        }
    }
    folded
}

/// The unaccented letters of the lower-case Latin letters used in the languages of cities
/// that run Open311 (Western, Central and Northern European, Vietnamese aside).
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use open311::ServiceCode;

    use super::*;

    fn service(code: &str, name: &str, group: Option<&str>, keywords: &[&str]) -> Service {
        Service {
            service_code: ServiceCode::new(code),
            service_name: name.into(),
            description: Some(format!("About {name}.")),
            group: group.map(str::to_owned),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            ..Service::default()
        }
    }

    fn chicago() -> Vec<Service> {
        vec![
            service(
                "pothole",
                "Pothole in Street",
                Some("Transportation"),
                &["hole", "asphalt"],
            ),
            service(
                "rodent",
                "Rodent Baiting/Rat Complaint",
                Some("Streets & Sanitation"),
                &["rats", "mice"],
            ),
            service(
                "graffiti",
                "Graffiti Removal",
                Some("Streets & Sanitation"),
                &["tagging", "spray paint"],
            ),
            service("cafe", "Café Sidewalk Seating", None, &[]),
            service("light", "Alley Light Out", Some(" "), &["dark alley"]),
            service(
                "abandoned",
                "Abandoned Vehicle",
                Some("Streets & Sanitation"),
                &["inoperable"],
            ),
        ]
    }

    fn codes(groups: &[ServiceGroup]) -> Vec<(String, Vec<String>)> {
        groups
            .iter()
            .map(|group| {
                (
                    group.name.to_owned(),
                    group
                        .services
                        .iter()
                        .map(|s| s.service_code.to_string())
                        .collect(),
                )
            })
            .collect()
    }

    fn found(query: &str) -> Vec<String> {
        let services = chicago();
        codes(&grouped(&services, &Query::new(query)))
            .into_iter()
            .flat_map(|(_, codes)| codes)
            .collect()
    }

    #[test]
    fn groups_alphabetically_with_other_last() {
        let services = chicago();
        assert_eq!(
            codes(&grouped(&services, &Query::new(""))),
            [
                (
                    "Streets & Sanitation".to_owned(),
                    vec!["abandoned".to_owned(), "graffiti".into(), "rodent".into()]
                ),
                ("Transportation".to_owned(), vec!["pothole".to_owned()]),
                ("Other".to_owned(), vec!["light".to_owned(), "cafe".into()]),
            ]
        );
    }

    #[test]
    fn finds_by_the_start_of_any_word() {
        assert_eq!(found("rat"), ["rodent"]);
        assert_eq!(found("RATS"), ["rodent"]);
        assert_eq!(found("potho"), ["pothole"]);
        assert_eq!(found("Sanitation"), ["abandoned", "graffiti", "rodent"]);
        assert_eq!(found("operable"), Vec::<String>::new(), "not inside a word");
    }

    #[test]
    fn finds_by_keyword_and_description() {
        assert_eq!(found("tagging"), ["graffiti"]);
        assert_eq!(found("spray"), ["graffiti"]);
        assert_eq!(found("dark alley"), ["light"]);
        assert_eq!(found("about pothole"), ["pothole"]);
    }

    #[test]
    fn every_word_must_match() {
        assert_eq!(found("rat mice"), ["rodent"]);
        assert_eq!(found("rat pothole"), Vec::<String>::new());
        assert_eq!(found("  "), found(""));
    }

    #[test]
    fn ignores_case_and_accents() {
        assert_eq!(found("cafe"), ["cafe"]);
        assert_eq!(found("CAFÉ"), ["cafe"]);
        assert_eq!(found("cafe\u{301}"), ["cafe"], "a decomposed accent");
        assert_eq!(fold("Straße Łódź Øresund"), "strasse lodz oresund");
    }

    #[test]
    fn says_how_many_match() {
        assert_eq!(Query::new("").result_sentence(14), None);
        assert_eq!(
            Query::new(" xyz ").result_sentence(0).as_deref(),
            Some("No service matches “xyz”.")
        );
        assert_eq!(
            Query::new("rat").result_sentence(1).as_deref(),
            Some("1 service matches “rat”.")
        );
        assert_eq!(
            Query::new("light").result_sentence(3).as_deref(),
            Some("3 services match “light”.")
        );
    }
}
