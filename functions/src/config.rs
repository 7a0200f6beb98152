//! Configuration from environment variables. The names are the same in AWS (set by the template)
//! and locally (set by `make run` or the tests), so the same code runs in both places.

/// `TABLE_NAME`: the DynamoDB table holding every record.
pub const TABLE_NAME: &str = "TABLE_NAME";
/// `DYNAMODB_ENDPOINT`: a DynamoDB Local URL; unset in AWS, where the SDK finds the real endpoint.
/// (The SDK's standard `AWS_ENDPOINT_URL_DYNAMODB` works as well.)
pub const DYNAMODB_ENDPOINT: &str = "DYNAMODB_ENDPOINT";
/// `AWS_REGION`: set by Lambda; defaults to London locally.
pub const AWS_REGION: &str = "AWS_REGION";

/// `EVIDENCE_BUCKET`: the private S3 bucket holding evidence packs' documents.
pub const EVIDENCE_BUCKET: &str = "EVIDENCE_BUCKET";
/// `S3_ENDPOINT`: a local S3-compatible server's URL (path-style addresses); unset in AWS.
pub const S3_ENDPOINT: &str = "S3_ENDPOINT";

/// `AUTH_MODE`: `dev` (development sign-in, the local default) or `cognito` (AWS).
pub const AUTH_MODE: &str = "AUTH_MODE";
pub const COGNITO_USER_POOL_ID: &str = "COGNITO_USER_POOL_ID";
pub const COGNITO_CLIENT_ID: &str = "COGNITO_CLIENT_ID";
/// `COGNITO_DOMAIN`: the hosted sign-in's address, e.g. `https://wgll.auth.eu-west-2.amazoncognito.com`.
pub const COGNITO_DOMAIN: &str = "COGNITO_DOMAIN";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthMode {
    /// Tokens from the built-in development sign-in (never in AWS: the Lambda is built without it).
    #[cfg(feature = "dev-sign-in")]
    Development,
    /// Tokens from an Amazon Cognito user pool, for this app client.
    Cognito { user_pool_id: String, client_id: String, domain: String },
}

#[derive(Debug, Clone)]
pub struct Config {
    pub table_name: String,
    pub dynamodb_endpoint: Option<String>,
    pub region: String,
    pub auth: AuthMode,
    pub evidence_bucket: String,
    pub s3_endpoint: Option<String>,
}

impl Config {
    /// Reads the environment; `default_auth` applies when `AUTH_MODE` is unset.
    pub fn from_env(default_auth: &str) -> Result<Self, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.trim().is_empty());
        let auth = match var(AUTH_MODE).as_deref().unwrap_or(default_auth) {
            #[cfg(feature = "dev-sign-in")]
            "dev" => AuthMode::Development,
            #[cfg(not(feature = "dev-sign-in"))]
            "dev" => {
                return Err("AUTH_MODE=dev: this build has no development sign-in; use cognito".to_owned());
            }
            "cognito" => AuthMode::Cognito {
                user_pool_id: var(COGNITO_USER_POOL_ID)
                    .ok_or("AUTH_MODE=cognito needs COGNITO_USER_POOL_ID")?,
                client_id: var(COGNITO_CLIENT_ID).ok_or("AUTH_MODE=cognito needs COGNITO_CLIENT_ID")?,
                domain: var(COGNITO_DOMAIN).ok_or("AUTH_MODE=cognito needs COGNITO_DOMAIN")?,
            },
            other => return Err(format!("AUTH_MODE must be dev or cognito, not {other}")),
        };
        Ok(Self {
            table_name: var(TABLE_NAME).unwrap_or_else(|| "wgll".to_owned()),
            dynamodb_endpoint: var(DYNAMODB_ENDPOINT),
            region: var(AWS_REGION).unwrap_or_else(|| "eu-west-2".to_owned()),
            auth,
            evidence_bucket: var(EVIDENCE_BUCKET).unwrap_or_else(|| "wgll-evidence".to_owned()),
            s3_endpoint: var(S3_ENDPOINT),
        })
    }
}
