//! Field-level validation errors, shared so the browser can show exactly what the API would refuse.

use serde::{Deserialize, Serialize};

/// One thing wrong with one field of a request, worded for the person who filled it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The request field, by its JSON name (e.g. `odsCode`).
    pub field: String,
    /// What is wrong and how to put it right.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self { field: field.to_owned(), message: message.into() }
    }
}

/// A request turned into a domain value, or every reason it could not be.
pub type Validated<T> = Result<T, Vec<FieldError>>;

/// Collects the errors of several fields so one response lists them all, not just the first.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    /// Keeps the value if it parsed, or records the field's error.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.0.push(FieldError::new(field, message));
                None
            }
        }
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }
}

/// What [`text`] accepts, as a JSON Schema pattern (for the OpenAPI description; the length is
/// `maxLength`): no control characters but tab, line feed and carriage return.
pub const TEXT_PATTERN: &str = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$";
/// What [`text`] accepts when the field is required: as [`TEXT_PATTERN`], with at least one
/// character that is not a space.
pub const REQUIRED_TEXT_PATTERN: &str = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$";

/// Trims a free-text field and checks its length in characters (not bytes: names have accents).
pub fn text(value: &str, label: &str, required: bool, max_chars: usize) -> Result<String, String> {
    let trimmed = value.trim();
    if required && trimmed.is_empty() {
        return Err(format!("Enter {label}"));
    }
    let length = trimmed.chars().count();
    if length > max_chars {
        return Err(format!(
            "{} must be {max_chars} characters or fewer (it is {length})",
            capitalise(label)
        ));
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(format!("{} contains characters that cannot be shown", capitalise(label)));
    }
    Ok(trimmed.to_owned())
}

fn capitalise(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_patterns_accept_what_text_accepts() {
        let samples = [
            "Leeds",
            "  Leeds  ",
            "",
            " ",
            "\t\n",
            "line one\nline two\r\n",
            "tab\there",
            "é",
            "\u{a0}",
            "bad\u{0}",
            "bell\u{7}",
            "\u{1b}[0m",
            "del\u{7f}",
            "x\u{85}y",
            "c1\u{9f}",
            "\u{a0}x",
            "\u{2028}",
        ];
        for value in samples {
            use crate::test_support::matches;
            assert_eq!(matches(TEXT_PATTERN, value), text(value, "it", false, 100).is_ok(), "{value:?}");
            assert_eq!(
                matches(REQUIRED_TEXT_PATTERN, value),
                text(value, "it", true, 100).is_ok(),
                "{value:?}"
            );
        }
        // Stricter in one corner: a control character that is also a space (U+0085) is trimmed
        // away at either end by `text`, and refused anywhere by the pattern.
        assert!(
            text("\u{85}", "it", false, 100).is_ok() && !crate::test_support::matches(TEXT_PATTERN, "\u{85}")
        );
    }

    #[test]
    fn text_is_trimmed_and_limited_in_characters() {
        assert_eq!(text("  Leeds  ", "a name", true, 10), Ok("Leeds".to_owned()));
        assert_eq!(text("   ", "a name", true, 10), Err("Enter a name".to_owned()));
        assert_eq!(text("", "a town", false, 10), Ok(String::new()));
        // Ten accented letters are ten characters, although they are twenty bytes.
        assert!(text("éééééééééé", "a name", true, 10).is_ok());
        assert_eq!(
            text("abcdefghijk", "a name", true, 10),
            Err("A name must be 10 characters or fewer (it is 11)".to_owned())
        );
        assert!(text("bad\u{0}", "a name", true, 10).is_err());
    }
}
