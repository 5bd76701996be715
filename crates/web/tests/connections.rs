//! The connection limits of `web::serve` (`web::server`), over raw TCP: clients that never
//! finish their headers are closed after the header timeout, connections beyond the limit
//! get a short 503, idle kept-alive connections are closed, and none of it keeps a normal
//! visitor out or stops a graceful shutdown.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use testkit::TestApp;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use web::WebConfig;

/// The start of a request whose headers never end.
const UNFINISHED: &[u8] = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";

fn addr(app: &TestApp) -> &str {
    app.base_url.trim_start_matches("http://")
}

async fn slow_client(app: &TestApp) -> TcpStream {
    let mut stream = TcpStream::connect(addr(app)).await.expect("connecting");
    stream.write_all(UNFINISHED).await.expect("writing");
    stream
}

/// Everything the server sends until it closes the connection, or `None` when it is still
/// open after `within`.
async fn until_closed(stream: &mut TcpStream, within: Duration) -> Option<Vec<u8>> {
    let mut received = Vec::new();
    tokio::time::timeout(within, async {
        let mut buf = [0u8; 4096];
        // A reset counts as closed too.
        while let Ok(n @ 1..) = stream.read(&mut buf).await {
            received.extend_from_slice(&buf[..n]);
        }
    })
    .await
    .ok()?;
    Some(received)
}

#[tokio::test]
async fn slow_clients_are_closed_and_beyond_the_limit_refused_so_a_visitor_gets_in() {
    let config = WebConfig {
        header_read_timeout: Duration::from_secs(1),
        max_connections: 20,
        ..WebConfig::default()
    };
    let app = TestApp::builder().config(config).spawn().await;
    let started = Instant::now();
    let mut held = Vec::new();
    for _ in 0..20 {
        held.push(slow_client(&app).await);
    }
    let mut beyond = Vec::new();
    for _ in 0..20 {
        beyond.push(slow_client(&app).await);
    }

    // Beyond the limit: a short answer in both languages, and the connection is closed.
    for stream in &mut beyond {
        let answer = until_closed(stream, Duration::from_secs(3))
            .await
            .expect("a connection beyond the limit is answered and closed");
        let answer = String::from_utf8(answer).unwrap();
        assert!(
            answer.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "{answer}"
        );
        assert!(answer.contains("retry-after: 5\r\n"), "{answer}");
        assert!(answer.contains("connection: close\r\n"), "{answer}");
        assert!(answer.contains("Het is nu te druk"), "{answer}");
        assert!(answer.contains("It is too busy right now"), "{answer}");
    }
    // A visitor's browser sees the same while every place is taken.
    let response = app.get("/").await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "5");
    assert!(response.text().await.unwrap().contains("Probeer het over"));

    // The slow ones are closed once the header timeout has passed...
    for stream in &mut held {
        assert!(
            until_closed(stream, Duration::from_secs(3)).await.is_some(),
            "a client that never finished its headers is still connected after {:?}",
            started.elapsed()
        );
    }
    // ...and a visitor gets the page.
    let response = tokio::time::timeout(Duration::from_secs(2), app.get("/"))
        .await
        .expect("the home page within two seconds");
    assert_eq!(response.status(), 200);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_but_a_slow_answer_is_not() {
    let config = WebConfig {
        idle_timeout: Duration::from_millis(300),
        ..WebConfig::default()
    };
    let app = TestApp::builder()
        .config(config)
        .routes(testkit::routes::misbehaving())
        .spawn()
        .await;
    let mut stream = TcpStream::connect(addr(&app)).await.unwrap();
    stream
        .write_all(b"GET /test/slow HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    // The answer takes longer than the idle timeout: a request in hand is not idleness.
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while !answer.ends_with(b"done") {
        let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
            .await
            .expect("the slow answer")
            .unwrap();
        assert!(n > 0, "closed before the answer");
        answer.extend_from_slice(&buf[..n]);
    }
    assert!(answer.starts_with(b"HTTP/1.1 200 OK\r\n"));
    // Kept alive, then closed once idle (the header timeout is still 10 seconds).
    let idle_since = Instant::now();
    assert_eq!(
        until_closed(&mut stream, Duration::from_secs(3)).await,
        Some(Vec::new()),
        "an idle kept-alive connection stays open"
    );
    assert!(idle_since.elapsed() >= Duration::from_millis(250));
}

#[tokio::test]
async fn shutdown_finishes_a_request_in_flight_while_slow_clients_wait() {
    let started = Arc::new(AtomicUsize::new(0));
    let config = WebConfig {
        header_read_timeout: Duration::from_secs(1),
        ..WebConfig::default()
    };
    let mut app = TestApp::builder()
        .config(config)
        .routes(testkit::routes::misbehaving_counted(started.clone()))
        .spawn()
        .await;
    let mut slow = slow_client(&app).await;
    let in_flight = tokio::spawn(app.client.get(app.url("/test/slow")).send());
    while started.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let url = app.url("/");
    app.begin_shutdown();
    let response = in_flight.await.unwrap().unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "done");
    tokio::time::timeout(Duration::from_secs(3), app.shutdown())
        .await
        .expect("a slow client does not hold up the shutdown")
        .unwrap();
    assert!(
        until_closed(&mut slow, Duration::from_secs(1))
            .await
            .is_some()
    );
    assert!(
        reqwest::get(url).await.is_err(),
        "no new connections after shutdown"
    );
}
