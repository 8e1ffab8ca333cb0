//! The bench's output: a table on the terminal and bench/results.json.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};
use serde::Serialize;

use super::figure::{Figure, format_budget, format_value};
use crate::{cmd, tools};

/// What the numbers were measured on; they mean little without it.
#[derive(Debug, Serialize)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory: String,
    pub os: String,
    pub chromium: String,
    pub rustc: String,
}

impl Machine {
    pub fn describe() -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let os_release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
        Self {
            cpu: field(&cpuinfo, "model name", ':').unwrap_or_else(unknown),
            cores: std::thread::available_parallelism().map_or(0, usize::from),
            memory: field(&meminfo, "MemTotal", ':').unwrap_or_else(unknown),
            os: field(&os_release, "PRETTY_NAME", '=')
                .map(|v| v.trim_matches('"').to_owned())
                .unwrap_or_else(unknown),
            chromium: version(Command::new(tools::CHROMIUM).arg("--version")),
            rustc: version(Command::new("rustc").arg("--version")),
        }
    }
}

fn unknown() -> String {
    "unknown".to_owned()
}

fn version(command: &mut Command) -> String {
    cmd::output(command).unwrap_or_else(unknown)
}

/// The value of the first `key<separator>value` line of `text`.
fn field(text: &str, key: &str, separator: char) -> Option<String> {
    text.lines().find_map(|line| {
        let (k, v) = line.split_once(separator)?;
        (k.trim() == key).then(|| v.trim().to_owned())
    })
}

#[derive(Debug, Serialize)]
pub struct Results<'a> {
    pub measured_at: String,
    pub commit: String,
    pub machine: Machine,
    pub figures: &'a [Figure],
}

impl Results<'_> {
    pub fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_string_pretty(self)?;
        std::fs::write(path, json + "\n").with_context(|| format!("writing {}", path.display()))
    }
}

/// The terminal table: one row a figure, grouped by benchmark, with budget and peer beside it.
pub fn table(figures: &[Figure]) -> String {
    let rows: Vec<[String; 5]> = figures
        .iter()
        .map(|f| {
            [
                f.name.clone(),
                format_value(f.value, f.unit),
                f.budget
                    .map(|b| format_budget(b, f.unit))
                    .unwrap_or_default(),
                match f.meets_budget() {
                    Some(true) => "met".to_owned(),
                    Some(false) => "MISSED".to_owned(),
                    None => String::new(),
                },
                f.peer
                    .as_ref()
                    .map(|p| format!("{}: {}", p.name, format_value(p.value, f.unit)))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let header = ["figure", "value", "budget", "", "peer"].map(str::to_owned);
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            rows.iter()
                .chain([&header])
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String; 5]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    let mut out = String::new();
    let mut section = "";
    for (figure, row) in figures.iter().zip(&rows) {
        if figure.section != section {
            section = figure.section;
            out.push_str(&format!(
                "\n{}\n{}\n",
                section.to_uppercase(),
                line(&header)
            ));
        }
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::figure::{Budget, Unit};

    #[test]
    fn fields_are_read_from_proc_style_text() {
        let text = "processor\t: 0\nmodel name\t: Some CPU @ 2.0GHz\n";
        assert_eq!(
            field(text, "model name", ':').as_deref(),
            Some("Some CPU @ 2.0GHz")
        );
        assert_eq!(
            field("A=1\nPRETTY_NAME=\"Debian\"", "PRETTY_NAME", '=').as_deref(),
            Some("\"Debian\"")
        );
        assert_eq!(field(text, "flags", ':'), None);
    }

    #[test]
    fn the_table_groups_by_section_and_says_which_budgets_are_missed() {
        let figures = [
            Figure::new("first load", "total, gzip", 612_000.0, Unit::Bytes)
                .budget(Budget::AtMost(150_000.0)),
            Figure::new("sync", "reports a second", 31.0, Unit::PerSecond)
                .budget(Budget::AtLeast(20.0))
                .peer("other", 12.0),
        ];
        let text = table(&figures);
        assert!(text.contains("FIRST LOAD"), "{text}");
        assert!(text.contains("SYNC"), "{text}");
        let first = text.lines().find(|l| l.starts_with("total, gzip")).unwrap();
        assert!(
            first.contains("612.0 KB") && first.contains("≤ 150.0 KB") && first.contains("MISSED"),
            "{first}"
        );
        let second = text
            .lines()
            .find(|l| l.starts_with("reports a second"))
            .unwrap();
        assert!(
            second.contains("met") && second.contains("other: 12.0/s"),
            "{second}"
        );
    }
}
