//! The public search for an organisation: the words typed, in any order and forgiving a typo,
//! matched against each organisation's name, town and ODS code, and the matches ranked.
//!
//! The rule, in full:
//!
//! - **Words.** Text is split into words of letters and digits (any other character separates
//!   words, an apostrophe is dropped: "Women's" is `womens`), in lower case; `&` is the word
//!   `and`, and `St` is the word `saint`.
//! - **Stop-words.** Query words that say nothing about which organisation is meant
//!   ([`STOP_WORDS`]: "nhs", "the", "of", "trust", "foundation"…) are dropped, but only when other
//!   words remain: "NHS Trust" alone still searches for both.
//! - **A query word matches**, best first: the ODS code exactly; then a word of the name or the
//!   town, either exactly (a trailing "s" aside: "hospital" is "Hospitals", "women" is
//!   "Women's"), or as the start of it (the query word at least 3 letters: "univ" is
//!   "University"), or within a typo (Damerau–Levenshtein distance 1 for query words of 4 to 7
//!   letters, 2 for 8 or more: "Liverpol" is "Liverpool"). A word inside a word ("pool" in
//!   "Liverpool") is not a match, and neither is a typo of an ODS code.
//! - **An organisation is found** when every query word matches something, or when all but one
//!   do and at least two match: "Royal Liverpool Hospital" finds "Liverpool University Hospitals
//!   NHS Foundation Trust", whose name lacks "Royal" (its hospital's name has it), but "Royal"
//!   alone with another unmatched word finds nothing. An ICS is never found: ICSs are browsed.
//! - **Ranking**, best first: an ODS code typed exactly; then more query words matched; then
//!   better matches ([`Score`]: any match in the name above any in the town, and within each
//!   exact above start above typo); then matches earlier in the name; then by name (any case)
//!   and ODS code, so the order is fully determined.
//!
//! Everything here is pure and deterministic. The cost is one pass over the organisations,
//! `O(n · q · w · L²)` for `n` organisations, `q` query words, `w` words in a name and town and
//! `L` letters in a word (the typo check, skipped when the lengths alone rule it out), with no
//! allocation per organisation once the buffers its words are read into have grown, then the best
//! `max` of the matches picked in linear time and sorted. Measured (release, a loaded 2-core
//! machine): 1 to 5 ms for 1,176 organisations, less than the Query that reads them.

use crate::organisation::{Organisation, OrganisationKind};
use std::cmp::{Ordering, Reverse};

/// Words dropped from a query when it has other words: they name no organisation in particular.
pub const STOP_WORDS: &[&str] = &["and", "for", "foundation", "ft", "in", "nhs", "of", "the", "trust"];

/// The longest word a typo is forgiven in, in characters.
const TYPO_WORD_MAX: usize = 40;

/// How good one query word's match is: higher is better, and any match in the name is better
/// than any in the town.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    TownTypo = 1,
    TownStart,
    TownExact,
    NameTypo,
    NameStart,
    NameExact,
    OdsCode,
}

/// How well an organisation matches a search; a greater score ranks first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score {
    /// A query word is its ODS code.
    ods_code: bool,
    /// How many query words matched.
    matched: usize,
    /// The sum of the matches' values ([`Match`]).
    quality: u32,
    /// The sum of the positions, in the name, of the words matched there (first word 0; a word
    /// matched in the town adds nothing, and ranks below any in the name already).
    positions: Reverse<usize>,
}

/// The words of one text or organisation, in lower case, in buffers read into again for each
/// organisation, so that scoring one allocates nothing once they have grown.
#[derive(Debug, Default)]
struct Words {
    chars: Vec<char>,
    /// Where each word is in `chars`.
    spans: Vec<(usize, usize)>,
    /// How many of the words are the name's (the town's follow).
    in_name: usize,
}

impl Words {
    fn read_organisation(&mut self, organisation: &Organisation) {
        self.chars.clear();
        self.spans.clear();
        self.push_words(&organisation.name);
        self.in_name = self.spans.len();
        self.push_words(&organisation.town);
    }

    /// The words of `text` (see [`raw_words`]): `&` is `and`, `st` is `saint`, no apostrophes.
    fn push_words(&mut self, text: &str) {
        for raw in raw_words(text) {
            let start = self.chars.len();
            for c in raw.chars().filter(|c| !is_apostrophe(*c)) {
                if c.is_ascii() {
                    self.chars.push(c.to_ascii_lowercase());
                } else {
                    self.chars.extend(c.to_lowercase());
                }
            }
            let canonical = match &self.chars[start..] {
                ['&'] => Some("and"),
                ['s', 't'] => Some("saint"),
                _ => None,
            };
            if let Some(canonical) = canonical {
                self.chars.truncate(start);
                self.chars.extend(canonical.chars());
            }
            self.spans.push((start, self.chars.len()));
        }
    }

    fn word(&self, (start, end): (usize, usize)) -> &[char] {
        &self.chars[start..end]
    }

    fn name(&self) -> impl Iterator<Item = &[char]> {
        self.spans[..self.in_name].iter().map(|span| self.word(*span))
    }

    fn town(&self) -> impl Iterator<Item = &[char]> {
        self.spans[self.in_name..].iter().map(|span| self.word(*span))
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘')
}

/// The words of `text`, raw: runs of letters, digits and apostrophes, and each `&`.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| c.is_alphanumeric() || c == '&')?;
        rest = &rest[start..];
        let end = if rest.starts_with('&') {
            1
        } else {
            rest.find(|c: char| !(c.is_alphanumeric() || is_apostrophe(c))).unwrap_or(rest.len())
        };
        let (word, after) = rest.split_at(end);
        rest = after;
        Some(word)
    })
}

/// A search as typed, read once into its significant words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    words: Vec<Vec<char>>,
}

impl Search {
    /// The significant words of `text`: stop-words dropped when others remain. `None` when it
    /// has no words at all (only punctuation, say), which finds nothing.
    pub fn parse(text: &str) -> Option<Self> {
        let mut read = Words::default();
        read.push_words(text);
        let all: Vec<Vec<char>> = read.spans.iter().map(|span| read.word(*span).to_vec()).collect();
        let is_stop = |word: &Vec<char>| STOP_WORDS.iter().any(|stop| word.iter().copied().eq(stop.chars()));
        let significant: Vec<Vec<char>> = all.iter().filter(|word| !is_stop(word)).cloned().collect();
        let words = if significant.is_empty() { all } else { significant };
        (!words.is_empty()).then_some(Self { words })
    }

    /// How well `organisation` matches, or `None` when it is not found (see the module's rule).
    /// An ICS is never found.
    pub fn score(&self, organisation: &Organisation) -> Option<Score> {
        self.score_reading(organisation, &mut Words::default())
    }

    /// [`Search::score`], reading the organisation's words into `words`.
    fn score_reading(&self, organisation: &Organisation, words: &mut Words) -> Option<Score> {
        if organisation.kind == OrganisationKind::Ics {
            return None;
        }
        words.read_organisation(organisation);
        let code = organisation.ods_code.as_str();
        let mut score = Score { ods_code: false, matched: 0, quality: 0, positions: Reverse(0) };
        for query in &self.words {
            if query.len() == code.len()
                && query.iter().copied().eq(code.chars().map(|c| c.to_ascii_lowercase()))
            {
                score.ods_code = true;
                score.matched += 1;
                score.quality += Match::OdsCode as u32;
                continue;
            }
            let mut best: Option<(Match, usize)> = None;
            for (position, word) in words.name().enumerate() {
                let found = match word_match(query, word) {
                    Some(Kind::Exact) => Match::NameExact,
                    Some(Kind::Start) => Match::NameStart,
                    Some(Kind::Typo) => Match::NameTypo,
                    None => continue,
                };
                // The best kind of match, and of those the earliest.
                if best.is_none_or(|(kind, _)| found > kind) {
                    best = Some((found, position));
                }
                if found == Match::NameExact {
                    break;
                }
            }
            if best.is_none() {
                for word in words.town() {
                    let found = match word_match(query, word) {
                        Some(Kind::Exact) => Match::TownExact,
                        Some(Kind::Start) => Match::TownStart,
                        Some(Kind::Typo) => Match::TownTypo,
                        None => continue,
                    };
                    if best.is_none_or(|(kind, _)| found > kind) {
                        best = Some((found, 0));
                    }
                }
            }
            if let Some((found, position)) = best {
                score.matched += 1;
                score.quality += found as u32;
                score.positions.0 += position;
            }
        }
        let unmatched = self.words.len() - score.matched;
        (unmatched == 0 || (unmatched == 1 && score.matched >= 2)).then_some(score)
    }
}

/// What kind of match a query word is for a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Exact,
    Start,
    Typo,
}

fn word_match(query: &[char], word: &[char]) -> Option<Kind> {
    let plural = |longer: &[char], shorter: &[char]| {
        longer.len() == shorter.len() + 1 && longer.starts_with(shorter) && longer.last() == Some(&'s')
    };
    if query == word || plural(query, word) || plural(word, query) {
        Some(Kind::Exact)
    } else if query.len() >= 3 && word.starts_with(query) {
        Some(Kind::Start)
    } else {
        let allowed = match query.len() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        (allowed > 0 && within_edits(query, word, allowed)).then_some(Kind::Typo)
    }
}

/// True when `a` becomes `b` in at most `limit` edits: inserting, deleting or changing a
/// letter, or swapping two neighbouring ones (the optimal string alignment distance, a
/// Damerau–Levenshtein distance that edits no letter twice). Three rows on the stack,
/// `O(|a|·|b|)`, stopping as soon as a row is all over the limit; words longer than
/// [`TYPO_WORD_MAX`] are not compared.
fn within_edits(a: &[char], b: &[char], limit: usize) -> bool {
    if a.len().abs_diff(b.len()) > limit || a.len() > TYPO_WORD_MAX || b.len() > TYPO_WORD_MAX {
        return false;
    }
    // Row i of the distances between a[..i] and b[..j] is rows[i % 3].
    let mut rows = [[0u8; TYPO_WORD_MAX + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(b.len() + 1) {
        *cell = j as u8;
    }
    let limit = limit as u8;
    for i in 1..=a.len() {
        let [before, previous, current] = three_rows(&mut rows, i);
        current[0] = i as u8;
        let mut row_best = current[0];
        for j in 1..=b.len() {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut distance = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                distance = distance.min(before[j - 2] + 1);
            }
            current[j] = distance;
            row_best = row_best.min(distance);
        }
        if row_best > limit {
            return false;
        }
    }
    rows[a.len() % 3][b.len()] <= limit
}

/// Rows i - 2, i - 1 (read) and i (written) of the three kept.
fn three_rows(rows: &mut [[u8; TYPO_WORD_MAX + 1]; 3], i: usize) -> [&mut [u8; TYPO_WORD_MAX + 1]; 3] {
    let [zero, one, two] = rows;
    match i % 3 {
        0 => [one, two, zero],
        1 => [two, zero, one],
        _ => [zero, one, two],
    }
}

/// The organisations `search` finds, best first (see the module's rule), at most `max` of them.
pub fn rank<'a>(organisations: &'a [Organisation], search: &str, max: usize) -> Vec<&'a Organisation> {
    let Some(search) = Search::parse(search) else { return Vec::new() };
    let mut words = Words::default();
    let mut found: Vec<(Score, &Organisation)> = organisations
        .iter()
        .filter_map(|organisation| {
            search.score_reading(organisation, &mut words).map(|score| (score, organisation))
        })
        .collect();
    let order = |(a, first): &(Score, &Organisation), (b, second): &(Score, &Organisation)| {
        b.cmp(a).then_with(|| by_name(first, second)).then_with(|| first.ods_code.cmp(&second.ods_code))
    };
    // The best `max` first, in linear time, then only those sorted.
    if max < found.len() {
        found.select_nth_unstable_by(max, order);
        found.truncate(max);
    }
    found.sort_by(order);
    found.into_iter().map(|(_, organisation)| organisation).collect()
}

/// Names in any case, as a tie-break.
fn by_name(a: &Organisation, b: &Organisation) -> Ordering {
    let (a, b) = (&a.name, &b.name);
    if a.is_ascii() && b.is_ascii() {
        a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        a.chars().flat_map(char::to_lowercase).cmp(b.chars().flat_map(char::to_lowercase))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisation::OdsCode;

    /// Organisations in Liverpool, Leeds and elsewhere, with their two ICSs, as the register has
    /// them (the towns are where each is based).
    fn register() -> Vec<Organisation> {
        use OrganisationKind::*;
        [
            ("QYG", "Cheshire and Merseyside ICS", Ics, "Liverpool"),
            ("REM", "Liverpool University Hospitals NHS Foundation Trust", AcuteTrust, "Liverpool"),
            ("RBQ", "Liverpool Heart and Chest Hospital NHS Foundation Trust", AcuteTrust, "Liverpool"),
            ("REP", "Liverpool Women's NHS Foundation Trust", AcuteTrust, "Liverpool"),
            ("RBS", "Alder Hey Children's NHS Foundation Trust", AcuteTrust, "Liverpool"),
            ("RET", "The Walton Centre NHS Foundation Trust", AcuteTrust, "Liverpool"),
            ("RBL", "Wirral University Teaching Hospital NHS Foundation Trust", AcuteTrust, "Birkenhead"),
            ("RBN", "St Helens and Knowsley Teaching Hospitals NHS Trust", AcuteTrust, "Prescot"),
            ("RAL", "Royal Free London NHS Foundation Trust", AcuteTrust, "London"),
            ("QWO", "West Yorkshire ICS", Ics, ""),
            ("RR8", "Leeds Teaching Hospitals NHS Trust", AcuteTrust, "Leeds"),
            ("RGD", "Leeds and York Partnership NHS Foundation Trust", MentalHealthTrust, "Leeds"),
            ("RY6", "Leeds Community Healthcare NHS Trust", CommunityTrust, "Leeds"),
            ("RXF", "Mid Yorkshire Teaching NHS Trust", AcuteTrust, "Wakefield"),
        ]
        .into_iter()
        .map(|(ods, name, kind, town)| Organisation {
            ods_code: OdsCode::parse(ods).unwrap(),
            name: name.to_owned(),
            kind,
            ics_code: (kind != Ics)
                .then(|| OdsCode::parse(if town == "Leeds" { "QWO" } else { "QYG" }).unwrap()),
            town: town.to_owned(),
            region: None,
            contact: Default::default(),
            version: 1,
            created_at: crate::test_support::moment(),
            updated_at: crate::test_support::moment(),
        })
        .collect()
    }

    /// The ODS codes `search` finds in the register, best first.
    fn found(search: &str) -> Vec<String> {
        rank(&register(), search, 20).into_iter().map(|o| o.ods_code.as_str().to_owned()).collect()
    }

    #[test]
    fn the_issues_six_examples() {
        // Worked by hand: see each case's comment.
        // Both words in REM's name; Wirral's has "University" but not "Liverpool".
        assert_eq!(found("Liverpool University"), ["REM"]);
        // Names starting "Liverpool", by name; then those only in the town, by name; not the ICS.
        assert_eq!(found("liverpool"), ["RBQ", "REM", "REP", "RBS", "RET"]);
        assert_eq!(found("REM"), ["REM"]);
        // "Hospital" is "Hospitals" (third word in REM's name) and "Hospital" (fifth in RBQ's).
        assert_eq!(found("Liverpool hospital"), ["REM", "RBQ"]);
        // "Royal" is in neither name, tolerated because two other words match; the Royal Free
        // matches only "Royal".
        assert_eq!(found("Royal Liverpool Hospital"), ["REM", "RBQ"]);
        // One letter missing: a typo of "Liverpool", in names first, then in towns.
        assert_eq!(found("Liverpol"), ["RBQ", "REM", "REP", "RBS", "RET"]);
    }

    #[test]
    fn words_are_found_in_any_order() {
        assert_eq!(found("University Liverpool"), ["REM"]);
        // All three words in RR8's name; two in Wirral's and St Helens and Knowsley's (at
        // positions 2 + 3 and 4 + 5), tolerating "Leeds".
        assert_eq!(found("hospitals teaching LEEDS"), ["RR8", "RBL", "RBN"]);
        assert_eq!(found("Chest Heart"), ["RBQ"]);
        assert_eq!(found("  walton   centre "), ["RET"]);
    }

    #[test]
    fn a_typo_is_forgiven_a_short_word_must_be_right() {
        assert_eq!(found("Leeds Teching"), ["RR8"], "a letter missing");
        assert_eq!(found("Lvierpool Women"), ["REP"], "two letters swapped");
        assert_eq!(found("Liverpool Univercity"), ["REM"], "a letter changed");
        assert_eq!(found("Lverpul"), Vec::<String>::new(), "two edits in a word of 7 letters");
        assert_eq!(found("Wirrall"), ["RBL"], "a letter added");
        assert_eq!(found("Lees"), ["RGD", "RY6", "RR8"], "a word of 4 letters may have one typo");
        assert_eq!(found("Led"), Vec::<String>::new(), "no typo in a word of 3 letters");
    }

    #[test]
    fn matches_rank_by_code_then_words_matched_then_quality_then_position() {
        // RR8's name has "Teaching" second; Mid Yorkshire's and Wirral's third (ties by name);
        // St Helens and Knowsley's fifth.
        assert_eq!(found("teaching"), ["RR8", "RXF", "RBL", "RBN"]);
        // "York" whole in RGD's name beats its start in "Yorkshire", though that comes earlier.
        assert_eq!(found("York"), ["RGD", "RXF"]);
        // All three words in REM's name; two in the others', with "Liverpool" unmatched in
        // Wirral's (position sums 4 and 4: by name).
        assert_eq!(found("Liverpool University Hospital"), ["REM", "RBQ", "RBL"]);
        // A start of a word: "Liv" begins Liverpool in names, then in towns.
        assert_eq!(found("liv"), ["RBQ", "REM", "REP", "RBS", "RET"]);
        // An ODS code typed exactly comes before anything else it matches.
        let mut register = register();
        register[5].name = "The RR8 Centre".to_owned();
        let codes: Vec<&str> = rank(&register, "rr8", 20).into_iter().map(|o| o.ods_code.as_str()).collect();
        assert_eq!(codes, ["RR8", "RET"]);
        // At most `max`, the best.
        let codes: Vec<&str> =
            rank(&register, "liverpool", 2).into_iter().map(|o| o.ods_code.as_str()).collect();
        assert_eq!(codes, ["RBQ", "REM"]);
    }

    #[test]
    fn the_order_does_not_depend_on_the_order_read() {
        let mut reversed = register();
        reversed.reverse();
        for search in ["liverpool", "Liverpol", "Leeds", "teaching", "Royal Liverpool Hospital", "trust"] {
            let a: Vec<OdsCode> =
                rank(&register(), search, 20).into_iter().map(|o| o.ods_code.clone()).collect();
            let b: Vec<OdsCode> =
                rank(&reversed, search, 20).into_iter().map(|o| o.ods_code.clone()).collect();
            assert_eq!(a, b, "{search}");
        }
    }

    #[test]
    fn words_are_read_alike_in_the_search_and_the_names() {
        // "&" is "and" (a stop-word here), "St" is "Saint", an apostrophe is dropped, and a
        // trailing "s" is no matter.
        assert_eq!(found("Leeds & York"), ["RGD"]);
        assert_eq!(found("Saint Helens"), ["RBN"]);
        assert_eq!(found("st. helens"), ["RBN"]);
        assert_eq!(found("womens"), ["REP"]);
        assert_eq!(found("Alder Hey Children’s"), ["RBS"]);
        assert_eq!(found("alder-hey"), ["RBS"]);
        // Stop-words are dropped when other words remain, kept when they are all there is.
        assert_eq!(found("The Walton Centre NHS Foundation Trust"), ["RET"]);
        assert_eq!(found("the walton"), ["RET"]);
        // (With all three, every name has "NHS" and "Trust": those with "Foundation" too first.)
        let every = found("NHS Foundation Trust");
        assert_eq!(every.len(), 12, "{every:?}");
        let mut last = every[8..].to_vec();
        last.sort();
        assert_eq!(last, ["RBN", "RR8", "RXF", "RY6"]);
    }

    #[test]
    fn some_searches_find_nothing_and_an_ics_is_never_found() {
        for nothing in [
            "Manchester",
            "Liverpool Leeds",
            "pool",
            "!!",
            "",
            "   ",
            "West Yorkshire",
            "ICS",
            "Cheshire Merseyside",
            "QWO",
            "QYG",
        ] {
            assert_eq!(found(nothing), Vec::<String>::new(), "{nothing:?}");
        }
    }

    #[test]
    fn edits_are_counted_with_swaps_as_one() {
        let chars = |text: &str| text.chars().collect::<Vec<char>>();
        let within = |a: &str, b: &str, limit| within_edits(&chars(a), &chars(b), limit);
        assert!(within("liverpool", "liverpool", 0));
        assert!(within("liverpol", "liverpool", 1));
        assert!(within("lvierpool", "liverpool", 1));
        assert!(!within("lvierpool", "liverpool", 0));
        assert!(within("univercity", "university", 1));
        assert!(!within("lverpul", "liverpool", 2), "i missing, u for o, o missing: three");
        assert!(within("lverpul", "liverpool", 3));
        assert!(!within("leeds", "york", 3));
        assert!(within("", "ab", 2));
    }
}
