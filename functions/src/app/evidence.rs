//! An organisation's evidence pack for a year: documents its people upload (administrators, its
//! lead, its ICS's lead) and its reviewers open (those assigned to any review of it for that year),
//! through signed links that last a few minutes.

use super::organisations;
use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, authorise};
use crate::store::Refusal;
use wgll_shared::access::User;
use wgll_shared::email::Email;
use wgll_shared::evidence::{
    DocumentKind, DocumentLink, EvidenceChange, EvidenceDocument, MAX_DOCUMENT_BYTES, document_name,
    size_label,
};
use wgll_shared::ids::EvidenceId;
use wgll_shared::organisation::{OdsCode, Organisation};
use wgll_shared::period::Period;
use wgll_shared::timestamp::Timestamp;

/// A caller the rules let change this organisation's evidence: what [`may_change`] gives, so
/// that a document is read from the request only once they are known to be allowed to send it.
pub struct MayChange(Organisation);

/// Whether `user` may upload to (or delete from) the organisation's evidence pack.
pub async fn may_change(app: &App, user: &User, ods: &OdsCode) -> Result<MayChange, AppError> {
    let organisation = organisations::find(app, ods).await?;
    authorise(Some(user), Action::ManageEvidence, &Target::of_organisation(&organisation))?;
    Ok(MayChange(organisation))
}

/// A document as it was sent: the file's name, the type it was sent as, and its bytes.
pub struct Upload {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// The most a request body may be: one byte over [`MAX_DOCUMENT_BYTES`] is enough to know.
pub const UPLOAD_READ_LIMIT: usize = MAX_DOCUMENT_BYTES + 1;

/// What the refusal of a document over the limit says.
pub fn too_large() -> String {
    format!(
        "The file is larger than {}: a document can be at most that size. Split it, or save it smaller.",
        size_label(MAX_DOCUMENT_BYTES as u64)
    )
}

/// Keeps a document: the bytes under a key the server draws, then its record with its history
/// entry. If the record cannot be written the bytes are deleted again, so nothing is half-kept.
pub async fn upload(
    app: &App,
    user: &User,
    allowed: MayChange,
    period: &Period,
    upload: Upload,
) -> Result<EvidenceDocument, AppError> {
    let MayChange(organisation) = allowed;
    let name = document_name(&upload.name).map_err(|message| AppError::invalid("name", message))?;
    if upload.bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(AppError::invalid("file", too_large()));
    }
    if upload.bytes.is_empty() {
        return Err(AppError::invalid("file", "The file is empty: choose the document to upload"));
    }
    let kind = DocumentKind::identify(&name, &upload.content_type, &upload.bytes)
        .map_err(|message| AppError::invalid("file", message))?;
    let at = app.clock.now();
    let document = EvidenceDocument {
        id: crate::random::evidence_id(),
        organisation: organisation.ods_code.clone(),
        period: period.clone(),
        name,
        kind,
        size: upload.bytes.len() as u64,
        uploaded_by: user.name.clone(),
        uploaded_by_email: user.email.clone(),
        uploaded_at: at.clone(),
    };
    app.documents.put(&document, upload.bytes).await?;
    let change = change("uploaded", &document, user, at);
    if let Err(error) = app.store.add_evidence(&document, &change).await {
        if let Err(cleanup) = app.documents.delete(&document).await {
            tracing::error!(%cleanup, key = %crate::documents::object_key(&document), "an uploaded document's bytes were left without a record");
        }
        return Err(error.into());
    }
    Ok(document)
}

/// Deletes a document: its record (with a history entry) first, then its bytes, so a failure
/// half-way leaves at worst bytes that nothing names, never a record without its bytes.
pub async fn delete(
    app: &App,
    user: &User,
    allowed: MayChange,
    period: &Period,
    id: &EvidenceId,
) -> Result<(), AppError> {
    let MayChange(organisation) = allowed;
    let document = app
        .store
        .get_evidence(&organisation.ods_code, period, id)
        .await?
        .ok_or_else(|| not_found(&organisation, period))?;
    let change = change("deleted", &document, user, app.clock.now());
    explain_refusal(app.store.delete_evidence(&document, &change).await, |refusal| match refusal {
        Refusal::Missing => not_found(&organisation, period),
        _ => AppError::Conflict(
            "The document changed while it was being deleted: reload and try again.".to_owned(),
        ),
    })?;
    if let Err(error) = app.documents.delete(&document).await {
        tracing::error!(%error, key = %crate::documents::object_key(&document), "a deleted document's bytes were left in the bucket");
    }
    Ok(())
}

/// The organisation's documents for a year, for those who may read them.
pub async fn list(
    app: &App,
    user: &User,
    ods: &OdsCode,
    period: &Period,
) -> Result<Vec<EvidenceDocument>, AppError> {
    may_read(app, user, ods, period).await?;
    Ok(app.store.list_evidence(ods, period).await?)
}

/// A link that opens one document for a few minutes.
pub async fn open(
    app: &App,
    user: &User,
    ods: &OdsCode,
    period: &Period,
    id: &EvidenceId,
) -> Result<DocumentLink, AppError> {
    let organisation = may_read(app, user, ods, period).await?;
    let document =
        app.store.get_evidence(ods, period, id).await?.ok_or_else(|| not_found(&organisation, period))?;
    let url = app.documents.signed_link(&document, std::time::SystemTime::now()).await?;
    Ok(DocumentLink { url, expires_in: crate::documents::LINK_LIFETIME.as_secs() })
}

/// Whether the people on the organisation's pages may change its evidence (the upload form and
/// the delete buttons are shown only to them).
pub fn may_change_organisation(user: &User, organisation: &Organisation) -> bool {
    crate::auth::rules::allows(Some(user), Action::ManageEvidence, &Target::of_organisation(organisation))
}

/// Reading an evidence pack: its organisation's people, and the reviewers assigned to any of its
/// reviews for that year (so a peer reviewer reads the pack of the organisation they review).
pub async fn may_read(
    app: &App,
    user: &User,
    ods: &OdsCode,
    period: &Period,
) -> Result<Organisation, AppError> {
    let organisation = organisations::find(app, ods).await?;
    let reviewers: Vec<Email> = if user.is_reviewer() {
        app.store
            .list_reviews_for_period(ods, period)
            .await?
            .into_iter()
            .flat_map(|review| review.reviewers)
            .collect()
    } else {
        Vec::new()
    };
    let target = Target { reviewers: &reviewers, ..Target::of_organisation(&organisation) };
    authorise(Some(user), Action::ReadEvidence, &target)?;
    Ok(organisation)
}

fn change(what: &str, document: &EvidenceDocument, user: &User, at: Timestamp) -> EvidenceChange {
    EvidenceChange {
        change: what.to_owned(),
        document: document.id.clone(),
        period: document.period.clone(),
        name: document.name.clone(),
        by: user.name.clone(),
        by_email: user.email.clone(),
        at,
    }
}

fn not_found(organisation: &Organisation, period: &Period) -> AppError {
    AppError::NotFound(format!("{} has no such document in its evidence for {period}.", organisation.name))
}
