//! The evidence packs' documents in a private S3 bucket (`EVIDENCE_BUCKET`): put, deleted and
//! opened through short-lived presigned GETs. In AWS the bucket blocks all public access, so a
//! signed link is the only way to an object; locally the same calls reach s3s-fs
//! (`s3_local.rs`, at `S3_ENDPOINT`), which checks the signatures the same way.
//!
//! An object's key is drawn by the server ([`object_key`]: the organisation, the year and the
//! document's UUID), never made from the uploaded file's name, which is only given back as the
//! name to save the file under.

use crate::config::Config;
use crate::store::{StoreError, classify};
use aws_sdk_s3::Client;
use aws_sdk_s3::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use std::time::{Duration, SystemTime};
use wgll_shared::evidence::EvidenceDocument;

/// How long a signed link opens its document: long enough to follow, short enough that a link
/// copied out of the browser soon stops working.
pub const LINK_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// The bucket and the client that reaches it. Cheap to clone: the client is shared.
#[derive(Clone, Debug)]
pub struct Documents {
    client: Client,
    bucket: String,
}

/// Where a document's bytes are kept: `<ods>/<year as 2025-26>/<id>`, all three checked values.
pub fn object_key(document: &EvidenceDocument) -> String {
    format!("{}/{}/{}", document.organisation, document.period.as_str().replace('/', "-"), document.id)
}

impl Documents {
    /// Builds the client (no request is made). `credentials`: a local server's; `None` in AWS,
    /// where the function's role's come from the environment, as for DynamoDB.
    pub fn connect(config: &Config, credentials: Option<Credentials>) -> Self {
        use aws_sdk_s3::config::timeout::TimeoutConfig;
        let timeouts = TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs(2))
            // A 4 MB upload to S3 from Lambda takes well under a second; allow for a slow one.
            .operation_timeout(Duration::from_secs(20))
            .build();
        let mut builder = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(config.region.clone()))
            .timeout_config(timeouts)
            // The same HTTPS client as DynamoDB's: Amazon's roots only (`aws_tls.rs`).
            .http_client(crate::store::https_client());
        if let Some(endpoint) = &config.s3_endpoint {
            // A local server has one host name: the bucket goes in the path, not the host.
            builder = builder.endpoint_url(endpoint).force_path_style(true);
        }
        match credentials.or_else(crate::store::environment_credentials) {
            Some(credentials) => builder = builder.credentials_provider(credentials),
            None => tracing::error!(
                "no AWS credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: S3 will refuse every request"
            ),
        }
        Self { client: Client::from_conf(builder.build()), bucket: config.evidence_bucket.clone() }
    }

    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// Creates the bucket if it is not there: locally only (the SAM template creates it in AWS).
    pub async fn ensure_bucket(&self) -> Result<(), StoreError> {
        if self.client.head_bucket().bucket(&self.bucket).send().await.is_ok() {
            return Ok(());
        }
        self.client.create_bucket().bucket(&self.bucket).send().await.map_err(classify)?;
        Ok(())
    }

    /// Keeps a document's bytes under its key, with the media type it is served with.
    pub async fn put(&self, document: &EvidenceDocument, bytes: Vec<u8>) -> Result<(), StoreError> {
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(object_key(document))
            .content_type(document.kind.media_type())
            .body(ByteStream::from(bytes))
            .send()
            .await
            .map_err(classify)?;
        Ok(())
    }

    pub async fn delete(&self, document: &EvidenceDocument) -> Result<(), StoreError> {
        self.client
            .delete_object()
            .bucket(&self.bucket)
            .key(object_key(document))
            .send()
            .await
            .map_err(classify)?;
        Ok(())
    }

    /// A GET of the document signed from `start` for [`LINK_LIFETIME`]; it answers with the
    /// document's type and its name as the name to save it under (never a path: the browser
    /// takes the last part of it, and the bytes come from the server's own key).
    pub async fn signed_link(
        &self,
        document: &EvidenceDocument,
        start: SystemTime,
    ) -> Result<String, StoreError> {
        let presigning = PresigningConfig::builder()
            .start_time(start)
            .expires_in(LINK_LIFETIME)
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        let request = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(object_key(document))
            .response_content_type(document.kind.media_type())
            .response_content_disposition(content_disposition(&document.name))
            .presigned(presigning)
            .await
            .map_err(classify)?;
        Ok(request.uri().to_owned())
    }

    /// The keys of every object under `prefix` (what the tests check was, or was not, stored).
    pub async fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let output = self
            .client
            .list_objects_v2()
            .bucket(&self.bucket)
            .prefix(prefix)
            .send()
            .await
            .map_err(classify)?;
        Ok(output.contents.unwrap_or_default().into_iter().filter_map(|object| object.key).collect())
    }
}

/// `inline` (a PDF or an image opens in the browser), with the name to save it under: an ASCII
/// fallback with anything unsafe in a quoted string replaced, and the name itself in RFC 5987 form.
fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect();
    let mut encoded = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("inline; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn a_name_is_given_back_only_as_a_quoted_and_encoded_file_name() {
        assert_eq!(
            content_disposition("a \"b\".pdf"),
            "inline; filename=\"a _b_.pdf\"; filename*=UTF-8''a%20%22b%22.pdf"
        );
        assert_eq!(
            content_disposition("Café.pdf"),
            "inline; filename=\"Caf_.pdf\"; filename*=UTF-8''Caf%C3%A9.pdf"
        );
    }
}
