//! A TCP relay between the browser and a `TestApp` that fails on purpose, as a phone's
//! connection does: it can lose the server's answers (the request reaches the server and is
//! handled, but the browser sees the connection close without a response, as when the signal
//! drops mid-request), or be down altogether (nothing reaches the server).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// The relay; it stops when dropped.
pub struct Proxy {
    /// Where the browser connects, e.g. `http://127.0.0.1:41234`.
    pub base_url: String,
    mode: Arc<AtomicU8>,
    task: JoinHandle<()>,
}

impl Proxy {
    /// Relays connections on a free loopback port to the server at `target` (an `http://`
    /// base URL such as `TestApp::base_url`).
    ///
    /// # Panics
    /// When `target` is not `http://host:port` or no port is free.
    pub async fn start(target: &str) -> Proxy {
        let target: SocketAddr = target
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .expect("an http://host:port base URL");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let base_url = format!("http://{}", listener.local_addr().expect("its address"));
        let mode = Arc::new(AtomicU8::new(UP));
        let relay_mode = Arc::clone(&mode);
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                if relay_mode.load(Ordering::SeqCst) != DOWN {
                    tokio::spawn(relay(client, target, Arc::clone(&relay_mode)));
                }
            }
        });
        Proxy {
            base_url,
            mode,
            task,
        }
    }

    /// `base_url` joined with `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// From now on (until called with `false`), every answer the server sends is dropped and
    /// its connection closed, after the server has handled the request.
    pub fn lose_answers(&self, lose: bool) {
        self.mode
            .store(if lose { LOSE_ANSWERS } else { UP }, Ordering::SeqCst);
    }

    /// From now on (until called with `false`), the server cannot be reached: new
    /// connections are closed at once, open ones as soon as anything crosses them, before it
    /// reaches the other side.
    pub fn go_down(&self, down: bool) {
        self.mode
            .store(if down { DOWN } else { UP }, Ordering::SeqCst);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

const UP: u8 = 0;
const LOSE_ANSWERS: u8 = 1;
const DOWN: u8 = 2;

/// Copies from `from` to `to` until either closes or `mode` is one of `stop_in`.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    mode: &AtomicU8,
    stop_in: &[u8],
) {
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let n = from.read(&mut buffer).await.unwrap_or(0);
        if n == 0 || stop_in.contains(&mode.load(Ordering::SeqCst)) {
            break;
        }
        if to.write_all(&buffer[..n]).await.is_err() {
            break;
        }
    }
}

async fn relay(client: TcpStream, target: SocketAddr, mode: Arc<AtomicU8>) {
    let Ok(server) = TcpStream::connect(target).await else {
        return;
    };
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    // Either direction ending ends both: a lost answer closes the browser's connection at
    // once, with nothing of the answer sent.
    tokio::select! {
        () = pump(client_read, server_write, &mode, &[DOWN]) => {}
        () = pump(server_read, client_write, &mode, &[LOSE_ANSWERS, DOWN]) => {}
    }
}
