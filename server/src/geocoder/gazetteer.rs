//! A list of addresses with their coordinates, searched by what a person types and by the
//! nearest point: the little a report form needs from a geocoder.

use std::path::Path;

use crate::geo::distance_m;

/// One address and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// As written in the file: "121 N LaSalle St".
    pub address: String,
    pub lat: f64,
    pub long: f64,
    /// The address as searched: lower case, words of letters and digits only.
    key: String,
}

impl Place {
    pub fn new(address: &str, lat: f64, long: f64) -> Self {
        Self {
            address: address.trim().to_owned(),
            lat,
            long,
            key: normalise(address),
        }
    }

    /// The house number and the street, when the address starts with a number.
    pub fn parts(&self) -> (Option<&str>, &str) {
        match self.address.split_once(' ') {
            Some((number, road)) if number.starts_with(|c: char| c.is_ascii_digit()) => {
                (Some(number), road)
            }
            _ => (None, &self.address),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot read the gazetteer {0}: {1}")]
    Read(String, #[source] std::io::Error),
    #[error("the gazetteer's line {line} is not `latitude,longitude,address`: {text}")]
    Line { line: usize, text: String },
    #[error("the gazetteer {0} holds no address")]
    Empty(String),
}

/// Every address of the file, in its order.
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
}

/// The farthest a reverse lookup goes for the nearest address.
pub const REVERSE_REACH_M: f64 = 250.0;

impl Gazetteer {
    /// Reads `path`: one `latitude,longitude,address` a line (the address may hold commas);
    /// blank lines and lines starting with `#` are skipped.
    pub fn read(path: &Path) -> Result<Self, GazetteerError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|error| GazetteerError::Read(name.clone(), error))?;
        let gazetteer = Self::parse(&text)?;
        if gazetteer.places.is_empty() {
            return Err(GazetteerError::Empty(name));
        }
        Ok(gazetteer)
    }

    pub fn parse(text: &str) -> Result<Self, GazetteerError> {
        let mut places = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || GazetteerError::Line {
                line: index + 1,
                text: line.chars().take(80).collect(),
            };
            let mut fields = line.splitn(3, ',');
            let (Some(lat), Some(long), Some(address)) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(bad());
            };
            let (Ok(lat), Ok(long)) = (lat.trim().parse::<f64>(), long.trim().parse::<f64>())
            else {
                return Err(bad());
            };
            if !(-90.0..=90.0).contains(&lat)
                || !(-180.0..=180.0).contains(&long)
                || address.trim().is_empty()
            {
                return Err(bad());
            }
            places.push(Place::new(address, lat, long));
        }
        Ok(Self { places })
    }

    /// The addresses that match what a person typed, best first, at most `limit`: those that
    /// start with it, then those with every typed word starting a word of theirs, in order;
    /// shorter addresses first within each.
    pub fn search(&self, typed: &str, limit: usize) -> Vec<(usize, &Place)> {
        let query = normalise(typed);
        if query.is_empty() {
            return Vec::new();
        }
        let words: Vec<&str> = query.split(' ').collect();
        let mut found: Vec<(u8, usize, &Place)> = self
            .places
            .iter()
            .enumerate()
            .filter_map(|(index, place)| {
                let rank = if place.key.starts_with(&query) {
                    0
                } else if words_in_order(&place.key, &words) {
                    1
                } else {
                    return None;
                };
                Some((rank, index, place))
            })
            .collect();
        found.sort_by(|a, b| (a.0, a.2.key.len(), &a.2.key).cmp(&(b.0, b.2.key.len(), &b.2.key)));
        found
            .into_iter()
            .take(limit)
            .map(|(_, index, place)| (index, place))
            .collect()
    }

    /// The address nearest to a point, if one is within [`REVERSE_REACH_M`].
    pub fn nearest(&self, lat: f64, long: f64) -> Option<(usize, &Place)> {
        self.places
            .iter()
            .enumerate()
            .map(|(index, place)| (distance_m(lat, long, place.lat, place.long), index, place))
            .filter(|(distance, ..)| *distance <= REVERSE_REACH_M)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, index, place)| (index, place))
    }
}

/// Lower case, letters and digits only, one space between words.
fn normalise(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether each of `words` starts a word of `key`, each after the one before.
fn words_in_order(key: &str, words: &[&str]) -> bool {
    let mut theirs = key.split(' ');
    words
        .iter()
        .all(|word| theirs.by_ref().any(|their| their.starts_with(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Demo addresses\n\
        41.8835410,-87.6318600,121 N LaSalle St\n\
        41.8835410,-87.6330000,121 N Wells St\n\
        41.8822000,-87.6318600,1 N LaSalle St\n\
        \n\
        41.8790000,-87.6318600,121 S LaSalle St, Chicago\n";

    #[test]
    fn typing_the_start_of_an_address_finds_it_first() {
        let gazetteer = Gazetteer::parse(FILE).unwrap();
        let found: Vec<&str> = gazetteer
            .search("121 N La", 5)
            .iter()
            .map(|(_, place)| place.address.as_str())
            .collect();
        assert_eq!(found, ["121 N LaSalle St"]);
        let found: Vec<&str> = gazetteer
            .search("lasalle", 5)
            .iter()
            .map(|(_, place)| place.address.as_str())
            .collect();
        assert_eq!(
            found,
            [
                "1 N LaSalle St",
                "121 N LaSalle St",
                "121 S LaSalle St, Chicago"
            ]
        );
        assert_eq!(gazetteer.search("121", 2).len(), 2);
        assert!(gazetteer.search("  ,. ", 5).is_empty());
        assert!(gazetteer.search("Wells LaSalle", 5).is_empty());
    }

    #[test]
    fn the_nearest_address_within_reach_answers_a_point() {
        let gazetteer = Gazetteer::parse(FILE).unwrap();
        let (_, place) = gazetteer.nearest(41.88350, -87.63190).unwrap();
        assert_eq!(place.address, "121 N LaSalle St");
        assert_eq!(place.parts(), (Some("121"), "N LaSalle St"));
        // About 1.1 km north: nothing within reach.
        assert_eq!(gazetteer.nearest(41.8935, -87.6318), None);
    }

    #[test]
    fn a_bad_line_is_named() {
        let error =
            Gazetteer::parse("41.88,-87.63,1 N State St\n41.88;-87.63;nowhere\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the gazetteer's line 2 is not `latitude,longitude,address`: 41.88;-87.63;nowhere"
        );
        assert!(Gazetteer::parse("91,0,Beyond the pole\n").is_err());
        assert!(Gazetteer::parse("41.88,-87.63,\n").is_err());
    }
}
