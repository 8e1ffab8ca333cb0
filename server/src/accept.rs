//! The accept loop. Connections are served with hyper directly rather than `axum::serve`
//! so that a handler can have its connection closed with no answer at all, the way a
//! response is lost when a phone walks out of coverage.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// Put in a response's extensions to close the connection instead of sending it.
#[derive(Clone, Copy, Debug)]
pub struct AbortConnection;

#[derive(Debug, thiserror::Error)]
#[error("connection closed without an answer")]
struct Aborted;

/// How long open connections get to finish after a shutdown signal.
const DRAIN_TIME: Duration = Duration::from_secs(5);

pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Usually out of file descriptors: wait a little rather than spin.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            let app = app.clone();
            async move {
                let response = app
                    .oneshot(request.map(Body::new))
                    .await
                    .unwrap_or_else(|never| match never {});
                if response.extensions().get::<AbortConnection>().is_some() {
                    // hyper drops a connection whose service fails, writing nothing.
                    tracing::info!("answer dropped by fault injection");
                    return Err(Aborted);
                }
                Ok(response)
            }
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(Duration::from_secs(30))
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN_TIME) => tracing::warn!("connections still open at shutdown"),
    }
}
