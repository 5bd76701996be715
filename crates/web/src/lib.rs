//! HTTP: the router, middleware (request ids, security headers, limits, error pages),
//! extractors and the handlers. A handler extracts, calls one service, and renders or
//! redirects; `error.rs` is the only place errors become responses.

pub mod assets;
pub mod auth;
pub mod csrf;
pub mod error;
pub mod html;
pub mod layers;
pub mod locale;
pub mod ops;
pub mod session;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use services::Ctx;
use tokio::net::TcpListener;

/// Settings of the HTTP layer.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Served over HTTPS (directly or behind a proxy): send HSTS and mark cookies `Secure`.
    pub https: bool,
    /// Longest time a request may take before it is answered with a timeout page.
    pub request_timeout: Duration,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            https: false,
            request_timeout: Duration::from_secs(30),
            body_limit: 1024 * 1024,
        }
    }
}

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The services' context.
    pub ctx: Ctx,
    /// HTTP settings.
    pub config: Arc<WebConfig>,
}

impl AppState {
    /// State for `ctx` with `config`.
    pub fn new(ctx: Ctx, config: WebConfig) -> Self {
        AppState {
            ctx,
            config: Arc::new(config),
        }
    }
}

/// The application: every route with every layer.
pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// The application with `extra` routes merged in under the same layers (tests add routes
/// that fail or stall on purpose).
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    let routes = Router::new()
        .route("/", get(html::home::index::handler))
        .route("/lang/{tag}", get(html::lang::switch::handler))
        .route(
            "/inloggen",
            get(html::account::sign_in::show).post(html::account::sign_in::submit),
        )
        .route("/uitloggen", post(html::account::sign_out::handler))
        .route("/healthz", get(ops::health::live))
        .route("/readyz", get(ops::health::ready))
        .route("/assets/{file}", get(assets::handler))
        .merge(extra)
        .fallback(error::not_found);
    layers::apply(routes, &state).with_state(state)
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
