//! Accepting connections with limits an idle or slow client cannot outlast: a time to send the
//! request head (which also closes idle kept-alive connections), a time to send the body, and a
//! most number of open connections, past which new ones wait in the kernel's queue.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};

use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long the server waits for what a client sends.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// To receive a request's head, counted from when the connection is ready for one (so a
    /// kept-alive connection left idle is closed after it too).
    pub header_read: Duration,
    /// To receive a request's whole body.
    pub body_read: Duration,
    /// Connections open at once.
    pub max_connections: usize,
}

impl Limits {
    /// 10 s for a request head, 60 s for a body (16 MB at about 2 Mbit/s), and
    /// `max_connections`.
    pub fn new(max_connections: usize) -> Limits {
        Limits {
            header_read: Duration::from_secs(10),
            body_read: Duration::from_secs(60),
            max_connections,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets open requests finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let app = app.layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
        limits.body_read,
    ));
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = open.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service =
            app.clone()
                .map_request(move |mut req: hyper::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(ConnectInfo(peer));
                    req.map(axum::body::Body::new)
                });
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(limits.header_read)
            .keep_alive(true);
        let conn = http.serve_connection(
            TokioIo::new(stream),
            hyper_util::service::TowerToHyperService::new(service),
        );
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, %peer, "connection ended");
            }
            drop(permit);
        });
    }
    tracing::info!("no new connections; finishing open requests");
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(Duration::from_secs(30)) => {
            tracing::warn!("requests still open after 30 s; exiting");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn start(limits: Limits) -> std::net::SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let app = Router::new().route(
            "/",
            axum::routing::post(|body: String| async move { body.len().to_string() })
                .get(|| async { "ok" }),
        );
        tokio::spawn(serve(listener, app, limits, std::future::pending()));
        addr
    }

    fn short() -> Limits {
        Limits {
            header_read: Duration::from_millis(300),
            body_read: Duration::from_millis(300),
            max_connections: 2,
        }
    }

    /// Reads until the server closes the connection; what it sent.
    async fn until_closed(s: &mut tokio::net::TcpStream) -> String {
        let mut out = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut out)).await;
        assert!(read.is_ok(), "the server kept the connection open");
        String::from_utf8_lossy(&out).into_owned()
    }

    #[tokio::test]
    async fn an_idle_connection_and_a_slow_head_are_closed() {
        let addr = start(short()).await;
        let mut idle = tokio::net::TcpStream::connect(addr).await.expect("connect");
        until_closed(&mut idle).await;
        let mut slow = tokio::net::TcpStream::connect(addr).await.expect("connect");
        slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
            .await
            .expect("write");
        until_closed(&mut slow).await;
    }

    #[tokio::test]
    async fn a_body_that_never_finishes_is_refused() {
        let addr = start(short()).await;
        let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
        s.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
            .await
            .expect("write");
        let answer = until_closed(&mut s).await;
        assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
    }

    #[tokio::test]
    async fn past_the_connection_limit_a_client_waits_until_one_closes() {
        let addr = start(Limits {
            header_read: Duration::from_secs(30),
            ..short()
        })
        .await;
        let held: Vec<_> =
            futures::future::join_all((0..2).map(|_| tokio::net::TcpStream::connect(addr))).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let mut third = tokio::net::TcpStream::connect(addr).await.expect("queued");
        third
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .expect("write");
        let mut buf = [0u8; 64];
        let early = tokio::time::timeout(Duration::from_millis(300), third.read(&mut buf)).await;
        assert!(early.is_err(), "served past the limit");
        drop(held);
        let answer = until_closed(&mut third).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
}
