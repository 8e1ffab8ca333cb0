//! One measured number, with the budget it is held to and the peer it is compared with.

use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Bytes,
    Milliseconds,
    PerSecond,
    Score,
    Ratio,
    Count,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Budget {
    AtMost(f64),
    AtLeast(f64),
}

impl Budget {
    pub fn is_met_by(self, value: f64) -> bool {
        match self {
            Self::AtMost(limit) => value <= limit,
            Self::AtLeast(floor) => value >= floor,
        }
    }
}

/// What a figure is compared with: another program's result for the same measurement.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Peer {
    pub name: String,
    pub value: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Figure {
    /// The benchmark it belongs to, e.g. "first load".
    pub section: &'static str,
    pub name: String,
    pub value: f64,
    pub unit: Unit,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer: Option<Peer>,
}

impl Figure {
    pub fn new(section: &'static str, name: impl Into<String>, value: f64, unit: Unit) -> Self {
        Self {
            section,
            name: name.into(),
            value,
            unit,
            budget: None,
            peer: None,
        }
    }

    pub fn budget(mut self, budget: Budget) -> Self {
        self.budget = Some(budget);
        self
    }

    pub fn peer(mut self, name: impl Into<String>, value: f64) -> Self {
        self.peer = Some(Peer {
            name: name.into(),
            value,
        });
        self
    }

    /// None when the figure has no budget.
    pub fn meets_budget(&self) -> Option<bool> {
        self.budget.map(|b| b.is_met_by(self.value))
    }
}

/// `value` in `unit`, as a person reads it in a table.
pub fn format_value(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Bytes if value >= 1_000_000.0 => format!("{:.2} MB", value / 1_000_000.0),
        Unit::Bytes if value >= 1_000.0 => format!("{:.1} KB", value / 1_000.0),
        Unit::Bytes => format!("{value:.0} B"),
        Unit::Milliseconds if value >= 10_000.0 => format!("{:.1} s", value / 1_000.0),
        Unit::Milliseconds => format!("{value:.1} ms"),
        Unit::PerSecond => format!("{value:.1}/s"),
        Unit::Score | Unit::Count => format!("{value:.0}"),
        Unit::Ratio => format!("{value:.3}"),
    }
}

pub fn format_budget(budget: Budget, unit: Unit) -> String {
    match budget {
        Budget::AtMost(limit) => format!("≤ {}", format_value(limit, unit)),
        Budget::AtLeast(floor) => format!("≥ {}", format_value(floor, unit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_hold_at_their_bound_and_not_beyond() {
        assert!(Budget::AtMost(150.0).is_met_by(150.0));
        assert!(!Budget::AtMost(150.0).is_met_by(150.1));
        assert!(Budget::AtLeast(20.0).is_met_by(20.0));
        assert!(!Budget::AtLeast(20.0).is_met_by(19.9));
    }

    #[test]
    fn a_figure_without_budget_neither_meets_nor_misses() {
        let f = Figure::new("x", "y", 1.0, Unit::Count);
        assert_eq!(f.meets_budget(), None);
        assert_eq!(f.budget(Budget::AtLeast(2.0)).meets_budget(), Some(false));
    }

    #[test]
    fn values_read_in_the_units_people_use() {
        assert_eq!(format_value(153_600.0, Unit::Bytes), "153.6 KB");
        assert_eq!(format_value(1_460_000.0, Unit::Bytes), "1.46 MB");
        assert_eq!(format_value(812.0, Unit::Bytes), "812 B");
        assert_eq!(format_value(131.25, Unit::Milliseconds), "131.2 ms");
        assert_eq!(format_value(12_345.0, Unit::Milliseconds), "12.3 s");
        assert_eq!(
            format_budget(Budget::AtLeast(20.0), Unit::PerSecond),
            "≥ 20.0/s"
        );
    }
}
