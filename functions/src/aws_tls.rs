//! TLS to AWS's own endpoints (DynamoDB, and Cognito's key set), trusting Amazon's roots only.
//!
//! Every AWS service endpoint has a certificate from Amazon Trust Services, so the API needs the
//! five roots in `amazon-trust-services.pem` (Amazon Root CA 1-4 and Starfield Services Root CA G2,
//! copied from Debian's `ca-certificates`, i.e. Mozilla's store) and not the operating system's
//! store: reading that store (on Debian a bundle and a folder of a few hundred files) cost 2 to 4
//! ms of every cold start, and it trusts a hundred-odd authorities that never sign for AWS.

use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// The five roots of Amazon Trust Services, PEM; the tests check their fingerprints.
pub const AWS_ROOT_CERTIFICATES: &[u8] = include_bytes!("amazon-trust-services.pem");

/// Cognito's key set is a few KB; anything much larger is not one.
const DOCUMENT_LIMIT_BYTES: usize = 1024 * 1024;

/// Fetching gives up after this long: a signed-in request waiting for Cognito's key set answers
/// 503 (and the next one tries again) rather than hanging until the function's own timeout.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);

/// [`AWS_ROOT_CERTIFICATES`] as rustls's trust anchors.
fn amazon_roots() -> Result<rustls::RootCertStore, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    for certificate in CertificateDer::pem_slice_iter(AWS_ROOT_CERTIFICATES) {
        let certificate = certificate.map_err(|error| format!("a trusted root does not parse: {error}"))?;
        roots.add(certificate).map_err(|error| format!("a trusted root is not usable: {error}"))?;
    }
    Ok(roots)
}

/// A TLS configuration (rustls on AWS-LC, as the SDK uses) that trusts [`amazon_roots`] alone.
fn tls_config() -> Result<rustls::ClientConfig, String> {
    let roots = amazon_roots()?;
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| error.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// GETs a JSON document from an AWS endpoint over HTTPS (Amazon's roots only) and reads it as `T`.
/// Plain `http://` is accepted for the tests' stand-ins on loopback; what the API fetches in AWS
/// is always an `https://` address it builds itself.
pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, String> {
    let uri: hyper::Uri = url.parse().map_err(|error| format!("{url} is not an address: {error}"))?;
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls_config()?)
        .https_or_http()
        .enable_http1()
        .build();
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build::<_, Empty<Bytes>>(connector);
    let fetch = async {
        let response = client.get(uri).await.map_err(|error| format!("could not fetch {url}: {error:?}"))?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("could not fetch {url}: it answered {status}"));
        }
        let body = Limited::new(response.into_body(), DOCUMENT_LIMIT_BYTES)
            .collect()
            .await
            .map_err(|error| format!("could not read {url}: {error}"))?
            .to_bytes();
        serde_json::from_slice(&body).map_err(|error| format!("{url} is not what was expected: {error}"))
    };
    tokio::time::timeout(FETCH_TIMEOUT, fetch)
        .await
        .map_err(|_| format!("{url} did not answer within {} s", FETCH_TIMEOUT.as_secs()))?
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use sha2::{Digest, Sha256};

    /// The SHA-256 fingerprints Amazon Trust Services publishes (https://www.amazontrust.com/repository/).
    const AMAZON_TRUST_SERVICES_ROOTS: [(&str, &str); 5] = [
        ("Amazon Root CA 1", "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e"),
        ("Amazon Root CA 2", "1ba5b2aa8c65401a82960118f80bec4f62304d83cec4713a19c39c011ea46db4"),
        ("Amazon Root CA 3", "18ce6cfe7bf14e60b2e347b8dfe868cb31d02ebb3ada271569f50343b46db3a4"),
        ("Amazon Root CA 4", "e35d28419ed02025cfa69038cd623962458da5c695fbdea3c22b0bfb25897092"),
        (
            "Starfield Services Root CA - G2",
            "568d6905a2c88708a4b3025190edcfedb1974a606a13c6e5290fcb2ae63edab5",
        ),
    ];

    #[test]
    fn the_trusted_roots_are_the_five_amazon_trust_services_roots() {
        let pem = std::str::from_utf8(AWS_ROOT_CERTIFICATES).unwrap();
        let fingerprints: Vec<String> = pem
            .split("-----BEGIN CERTIFICATE-----")
            .skip(1)
            .map(|section| {
                let body = section.split("-----END CERTIFICATE-----").next().unwrap();
                let base64: String = body.split_whitespace().collect();
                let der = base64::engine::general_purpose::STANDARD.decode(base64).unwrap();
                Sha256::digest(der).iter().map(|byte| format!("{byte:02x}")).collect()
            })
            .collect();
        let expected: Vec<&str> =
            AMAZON_TRUST_SERVICES_ROOTS.iter().map(|(_, fingerprint)| *fingerprint).collect();
        assert_eq!(fingerprints, expected);
    }

    #[test]
    fn all_five_roots_are_usable_trust_anchors() {
        assert_eq!(amazon_roots().expect("the roots parse").len(), 5);
        assert!(tls_config().is_ok());
    }
}
