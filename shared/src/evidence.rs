//! An organisation's evidence pack for a year: documents (PDF, Word, Excel, images) its people
//! upload and its reviewers open. Which kinds are taken, how large, and what a document's name
//! may be are decided here; the bytes themselves are kept in a private bucket under a key the
//! server draws (never the name), and the name is only ever shown.

use crate::email::Email;
use crate::ids::EvidenceId;
use crate::organisation::OdsCode;
use crate::period::Period;
use crate::timestamp::Timestamp;
use serde::{Deserialize, Serialize};

/// The largest document taken: 4 MiB. The API runs as a Lambda function behind an HTTP API, whose
/// request limit is 6 MB, and the HTTP API base64-encodes a binary body (a third larger), so a
/// 4 MiB file arrives as about 5.6 MB: the most that fits.
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;

/// The longest name kept for a document, in characters.
pub const NAME_MAX: usize = 200;

/// What the upload form says is taken (its hint, and the problem's message).
pub const ACCEPTED: &str =
    "a PDF, a Word document (.doc, .docx), an Excel workbook (.xls, .xlsx), or a PNG or JPEG image";

/// The kinds of document an evidence pack takes. Each is known by its name's extension, its
/// declared media type and its first bytes, and all three must agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    Pdf,
    /// Word 97–2003 (`.doc`).
    Doc,
    Docx,
    /// Excel 97–2003 (`.xls`).
    Xls,
    Xlsx,
    Png,
    Jpeg,
}

/// `%PDF`.
const PDF_MAGIC: &[u8] = b"%PDF";
/// A ZIP file's local header: .docx and .xlsx are ZIP files (Office Open XML).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// An OLE2 compound file: .doc and .xls (and other old Office files).
const OLE2_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const PNG_MAGIC: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
const JPEG_MAGIC: &[u8] = &[0xFF, 0xD8, 0xFF];

impl DocumentKind {
    pub const ALL: [DocumentKind; 7] =
        [Self::Pdf, Self::Doc, Self::Docx, Self::Xls, Self::Xlsx, Self::Png, Self::Jpeg];

    /// The media type the document is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Doc => "application/msword",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xls => "application/vnd.ms-excel",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }

    /// What people call it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Doc | Self::Docx => "Word document",
            Self::Xls | Self::Xlsx => "Excel workbook",
            Self::Png => "PNG image",
            Self::Jpeg => "JPEG image",
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Pdf => &["pdf"],
            Self::Doc => &["doc"],
            Self::Docx => &["docx"],
            Self::Xls => &["xls"],
            Self::Xlsx => &["xlsx"],
            Self::Png => &["png"],
            Self::Jpeg => &["jpg", "jpeg"],
        }
    }

    fn magic(self) -> &'static [u8] {
        match self {
            Self::Pdf => PDF_MAGIC,
            Self::Doc | Self::Xls => OLE2_MAGIC,
            Self::Docx | Self::Xlsx => ZIP_MAGIC,
            Self::Png => PNG_MAGIC,
            Self::Jpeg => JPEG_MAGIC,
        }
    }

    /// The kind a name's extension says, if it is one taken.
    fn from_name(name: &str) -> Option<Self> {
        let (_, extension) = name.rsplit_once('.')?;
        let extension = extension.to_ascii_lowercase();
        Self::ALL.into_iter().find(|kind| kind.extensions().contains(&extension.as_str()))
    }

    /// Which kind a document is, from its name, the media type it was sent with and its bytes:
    /// all three must say the same, so a program renamed `.pdf` is refused for its bytes, and a
    /// PDF sent as `text/html` for its type. `application/octet-stream` (what a browser sends
    /// when it does not know a type) defers to the name and the bytes.
    pub fn identify(name: &str, declared: &str, bytes: &[u8]) -> Result<Self, String> {
        let kind = Self::from_name(name).ok_or_else(|| {
            format!("“{}” is not a kind of document the evidence pack takes: upload {ACCEPTED}", name.trim())
        })?;
        let declared = declared.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        if declared != kind.media_type() && declared != "application/octet-stream" && !declared.is_empty() {
            return Err(format!(
                "The file was sent as {declared}, but its name says it is a {}: upload {ACCEPTED}",
                kind.label()
            ));
        }
        if !bytes.starts_with(kind.magic()) {
            return Err(format!(
                "“{}” is not a {}: its contents are not what its name says. Upload {ACCEPTED}",
                name.trim(),
                kind.label()
            ));
        }
        Ok(kind)
    }
}

/// A document's name as it was uploaded, only ever shown: 1 to [`NAME_MAX`] characters, no
/// control characters. It may look like a path (`../../etc/passwd.pdf`); it is never used as one.
pub fn document_name(input: &str) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        return Err("Give the document’s file name".to_owned());
    }
    if name.chars().count() > NAME_MAX {
        return Err(format!("The file name must be {NAME_MAX} characters or fewer: rename the file"));
    }
    if name.chars().any(char::is_control) {
        return Err("The file name has control characters in it: rename the file".to_owned());
    }
    Ok(name.to_owned())
}

/// One document of an organisation's evidence pack for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct EvidenceDocument {
    pub id: EvidenceId,
    pub organisation: OdsCode,
    pub period: Period,
    /// The file's name as uploaded: shown, and offered as the name to save it under; never a path.
    pub name: String,
    pub kind: DocumentKind,
    /// Bytes.
    pub size: u64,
    pub uploaded_by: String,
    pub uploaded_by_email: Email,
    pub uploaded_at: Timestamp,
}

/// A signed link that opens a document for a few minutes, without a sign-in token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DocumentLink {
    pub url: String,
    /// How many seconds it stays valid.
    pub expires_in: u64,
}

/// What happened to an evidence pack, kept in the organisation's history with the change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceChange {
    /// `uploaded` or `deleted`.
    pub change: String,
    pub document: EvidenceId,
    pub period: Period,
    pub name: String,
    pub by: String,
    pub by_email: Email,
    pub at: Timestamp,
}

/// A document's size as people read it: `12 KB`, `3.4 MB`.
pub fn size_label(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024).max(1))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_taken_only_when_its_name_type_and_bytes_agree() {
        assert_eq!(
            DocumentKind::identify("Plan.PDF", "application/pdf", b"%PDF-1.7 ..."),
            Ok(DocumentKind::Pdf)
        );
        assert_eq!(
            DocumentKind::identify("board.xlsx", "application/octet-stream", b"PK\x03\x04rest"),
            Ok(DocumentKind::Xlsx)
        );
        assert_eq!(
            DocumentKind::identify("photo.jpg", "image/jpeg", &[0xFF, 0xD8, 0xFF, 0xE0]),
            Ok(DocumentKind::Jpeg)
        );
        assert_eq!(
            DocumentKind::identify(
                "old.doc",
                "application/msword",
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]
            ),
            Ok(DocumentKind::Doc)
        );
        // A program, by its name; a program renamed, by its bytes; a PDF sent as a web page.
        assert!(DocumentKind::identify("setup.exe", "application/octet-stream", b"MZ\x90\x00").is_err());
        assert!(DocumentKind::identify("setup.pdf", "application/pdf", b"MZ\x90\x00").is_err());
        assert!(DocumentKind::identify("plan.pdf", "text/html", b"%PDF-1.7").is_err());
        assert!(DocumentKind::identify("no extension", "application/pdf", b"%PDF-1.7").is_err());
    }

    #[test]
    fn a_name_is_kept_as_shown_but_never_with_control_characters() {
        assert_eq!(document_name(" ../../etc/passwd.pdf ").unwrap(), "../../etc/passwd.pdf");
        assert!(document_name("").is_err());
        assert!(document_name("a\nb.pdf").is_err());
        assert!(document_name(&"a".repeat(NAME_MAX + 1)).is_err());
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_label(10), "1 KB");
        assert_eq!(size_label(4 * 1024 * 1024), "4.0 MB");
    }
}
