//! The table the benchmark prints: each figure beside its reference measured in the same run, the
//! ratio, and whether it keeps its budget. An over-budget figure is reported, never a failure.

use std::fmt::Write as _;

/// Whether a figure keeps its budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Over,
    /// No budget: the figure is there to read beside the others.
    Info,
}

impl Verdict {
    pub fn from_check(within: bool) -> Self {
        if within { Verdict::Pass } else { Verdict::Over }
    }

    fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Over => "OVER",
            Verdict::Info => "",
        }
    }
}

pub struct Row {
    pub section: &'static str,
    pub figure: String,
    pub value: String,
    pub reference: String,
    pub ratio: Option<f64>,
    pub budget: String,
    pub verdict: Verdict,
}

#[derive(Default)]
pub struct Report {
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
}

impl Report {
    pub fn add(&mut self, row: Row) {
        println!(
            "  {:<44} {:>18}   ref {:>18}   {}",
            row.figure,
            row.value,
            row.reference,
            row.verdict.label()
        );
        self.rows.push(row);
    }

    pub fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        println!("  note: {note}");
        self.notes.push(note);
    }

    fn cells(row: &Row) -> [String; 7] {
        [
            row.section.to_owned(),
            row.figure.clone(),
            row.value.clone(),
            row.reference.clone(),
            row.ratio.map(|ratio| format!("{ratio:.2}×")).unwrap_or_default(),
            row.budget.clone(),
            row.verdict.label().to_owned(),
        ]
    }

    const HEADINGS: [&'static str; 7] = ["", "figure", "measured", "reference", "ratio", "budget", ""];

    /// The table as aligned plain text, for the terminal.
    pub fn text(&self) -> String {
        let rows: Vec<[String; 7]> = self.rows.iter().map(Self::cells).collect();
        let mut widths = Self::HEADINGS.map(|heading| heading.chars().count());
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let mut out = String::new();
            for (index, (cell, width)) in cells.iter().zip(widths).enumerate() {
                let pad = width - cell.chars().count();
                // Numbers read best right-aligned; words left-aligned.
                if (2..=4).contains(&index) {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(cell);
                } else {
                    out.push_str(cell);
                    out.push_str(&" ".repeat(pad));
                }
                out.push_str("  ");
            }
            out.trim_end().to_owned() + "\n"
        };
        let mut out = line(&Self::HEADINGS.map(str::to_owned));
        out.push_str(&line(&widths.map(|width| "-".repeat(width))));
        let mut section = "";
        for (row, cells) in self.rows.iter().zip(&rows) {
            if row.section != section && !section.is_empty() {
                out.push('\n');
            }
            section = row.section;
            out.push_str(&line(cells));
        }
        out
    }

    /// The table in Markdown, for docs/performance.md.
    pub fn markdown(&self) -> String {
        let mut out = String::from("| | figure | measured | reference | ratio | budget | |\n");
        out.push_str("|---|---|--:|--:|--:|---|---|\n");
        for row in &self.rows {
            let cells = Self::cells(row);
            // A sub-row's indent, which Markdown would collapse, as non-breaking spaces.
            let cells = cells.map(|cell| {
                let text = cell.trim_start_matches(' ');
                "&nbsp;".repeat(cell.len() - text.len()) + &text.replace('|', "\\|")
            });
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        for note in &self.notes {
            let _ = write!(out, "\n- {note}");
        }
        out
    }
}

pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

pub fn ms(value: f64) -> String {
    if value < 10.0 { format!("{value:.2} ms") } else { format!("{value:.1} ms") }
}

/// The value at `fraction` (0.5 for the median) of sorted samples, by the nearest-rank method.
pub fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (fraction * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    percentile(samples, 0.5)
}
