//! Every address the service answers, put together once for Lambda and the local server alike:
//! the JSON API under `/api` and the public digital offer pages under `/digital-services`, both
//! front doors to the same application (`crate::app`). The local server adds the browser app
//! (`crate::web`).

use crate::app::App;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router(app: App) -> Router {
    crate::api::router(app.clone()).merge(crate::public_pages::router(app)).layer(security_headers())
}

/// Headers every response carries, API, pages and app alike.
pub fn security_headers() -> tower::layer::util::Stack<
    SetResponseHeaderLayer<HeaderValue>,
    tower::layer::util::Stack<SetResponseHeaderLayer<HeaderValue>, SetResponseHeaderLayer<HeaderValue>>,
> {
    let set = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    tower::layer::util::Stack::new(
        set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        tower::layer::util::Stack::new(
            set(header::REFERRER_POLICY, "no-referrer"),
            set(header::X_FRAME_OPTIONS, "DENY"),
        ),
    )
}
