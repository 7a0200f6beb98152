//! Configuration from environment variables. The names are the same in AWS (set by the template)
//! and locally (set by `make run` or the tests), so the same code runs in both places.

/// `TABLE_NAME`: the DynamoDB table holding every record.
pub const TABLE_NAME: &str = "TABLE_NAME";
/// `DYNAMODB_ENDPOINT`: a DynamoDB Local URL; unset in AWS, where the SDK finds the real endpoint.
/// (The SDK's standard `AWS_ENDPOINT_URL_DYNAMODB` works as well.)
pub const DYNAMODB_ENDPOINT: &str = "DYNAMODB_ENDPOINT";
/// `AWS_REGION`: set by Lambda; defaults to London locally.
pub const AWS_REGION: &str = "AWS_REGION";

#[derive(Debug, Clone)]
pub struct Config {
    pub table_name: String,
    pub dynamodb_endpoint: Option<String>,
    pub region: String,
}

impl Config {
    pub fn from_env() -> Self {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .filter(|value| !value.trim().is_empty())
        };
        Self {
            table_name: var(TABLE_NAME).unwrap_or_else(|| "wgll".to_owned()),
            dynamodb_endpoint: var(DYNAMODB_ENDPOINT),
            region: var(AWS_REGION).unwrap_or_else(|| "eu-west-2".to_owned()),
        }
    }
}
