//! Starts the real binary and talks HTTP to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use open311::{ApiError, Format, Resource, decode};
use tempfile::TempDir;
use ureq::http;

pub const API_KEY: &str = "test-key-3c1f9a";
pub const ADMIN_TOKEN: &str = "test-admin-77e2b0";
pub const JURISDICTION: &str = "cityofchicago.org";
/// What the seed files: the tests count against it.
pub const SEEDED_REQUESTS: usize = 14;

pub struct Server {
    child: Child,
    pub base: String,
    pub data: PathBuf,
    temp: Option<TempDir>,
    stdout: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
    stderr: Arc<Mutex<String>>,
}

/// What the process printed, once it has stopped.
pub struct Stopped {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

fn drain(stream: impl Read + Send + 'static, into: Arc<Mutex<String>>) -> JoinHandle<()> {
    thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
            into.lock().unwrap().push_str(&line);
            line.clear();
        }
    })
}

impl Server {
    /// A server on a fresh data directory with the test credentials and `extra` flags.
    pub fn start(extra: &[&str]) -> Server {
        let temp = TempDir::new().unwrap();
        let mut server = Server::start_in(temp.path(), &with_credentials(extra));
        server.temp = Some(temp);
        server
    }

    /// A server on `data` with exactly `args` (besides --listen and --data).
    pub fn start_in(data: &Path, args: &[String]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_open311-server"))
            .args(["--listen", "127.0.0.1:0", "--data"])
            .arg(data)
            .args(args)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server binary starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let stderr_reader = drain(child.stderr.take().unwrap(), stderr.clone());
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let Some(base) = line.trim().strip_prefix("open311-server listening on ") else {
            let _ = child.kill();
            let _ = child.wait();
            let _ = stderr_reader.join();
            panic!(
                "no listening line: {line:?}; stderr: {}",
                stderr.lock().unwrap()
            );
        };
        let base = base.to_owned();
        let rest = Arc::new(Mutex::new(line.clone()));
        let stdout_reader = drain(stdout, rest.clone());
        Server {
            child,
            base,
            data: data.to_owned(),
            temp: None,
            stdout: rest,
            readers: vec![stderr_reader, stdout_reader],
            stderr,
        }
    }

    /// Keeps `dir` until the server is dropped.
    pub fn keep(&mut self, dir: TempDir) {
        self.temp = Some(dir);
    }

    /// `base/open311/v2/{path}`.
    pub fn api(&self, path: &str) -> String {
        format!("{}/open311/v2/{path}", self.base)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn db(&self) -> rusqlite::Connection {
        let connection = rusqlite::Connection::open(self.data.join("open311.sqlite")).unwrap();
        connection.busy_timeout(Duration::from_secs(10)).unwrap();
        connection
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |row| row.get(0)).unwrap()
    }

    /// The names of the files in the photo directory.
    pub fn media_files(&self) -> Vec<String> {
        std::fs::read_dir(self.data.join("media"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// Stops with SIGTERM, as a service manager would, and collects the output.
    pub fn stop(mut self) -> Stopped {
        let status = terminate(&mut self.child);
        for reader in self.readers.drain(..) {
            reader.join().unwrap();
        }
        Stopped {
            status,
            stdout: self.stdout.lock().unwrap().clone(),
            stderr: self.stderr.lock().unwrap().clone(),
        }
    }
}

fn terminate(child: &mut Child) -> ExitStatus {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    child.wait().unwrap()
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn with_credentials(extra: &[&str]) -> Vec<String> {
    ["--api-key", API_KEY, "--admin-token", ADMIN_TOKEN]
        .iter()
        .chain(extra)
        .map(|s| s.to_string())
        .collect()
}

/// An answer: status, headers and the whole body.
pub struct Reply {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn decode<T: Resource>(&self, format: Format) -> Vec<T> {
        decode(format, &self.body)
            .unwrap_or_else(|e| panic!("{} {}: {e}\n{}", self.status, format, self.text()))
    }

    pub fn errors(&self, format: Format) -> Vec<ApiError> {
        self.decode(format)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    #[track_caller]
    pub fn expect(self, status: u16) -> Reply {
        assert_eq!(self.status, status, "{}", self.text());
        self
    }
}

/// One request on a fresh connection; `Err` when no HTTP answer came.
pub fn try_send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<Vec<u8>>,
) -> Result<Reply, ureq::Error> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .max_idle_connections(0)
        .build()
        .into();
    let mut request = http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = match body {
        Some(body) => agent.run(request.body(body).unwrap())?,
        None => agent.run(request.body(()).unwrap())?,
    };
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_vec()?;
    Ok(Reply {
        status,
        headers,
        body,
    })
}

pub fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Option<Vec<u8>>) -> Reply {
    try_send(method, url, headers, body).unwrap_or_else(|e| panic!("{method} {url}: {e}"))
}

pub fn get(url: &str) -> Reply {
    send("GET", url, &[], None)
}

pub fn get_with(url: &str, headers: &[(&str, &str)]) -> Reply {
    send("GET", url, headers, None)
}

pub fn post_form(url: &str, form: &str, headers: &[(&str, &str)]) -> Reply {
    let mut all = vec![("Content-Type", open311::FORM_CONTENT_TYPE)];
    all.extend_from_slice(headers);
    send("POST", url, &all, Some(form.as_bytes().to_vec()))
}

/// An admin call with the test token; `json` is the body, if any.
pub fn admin(method: &str, url: &str, json: Option<&str>) -> Reply {
    let bearer = format!("Bearer {ADMIN_TOKEN}");
    let headers = [
        ("Authorization", bearer.as_str()),
        ("Content-Type", "application/json"),
    ];
    send(method, url, &headers, json.map(|j| j.as_bytes().to_vec()))
}

/// `text` as a query-string value.
pub fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// `text` as one path segment.
pub fn path_segment(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Sends only the head of a POST that announces a body with `Expect: 100-continue`, as curl
/// does for large uploads, and reads what the server answers before taking the body.
pub fn announce(url: &str, headers: &[(&str, &str)]) -> Reply {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (authority, path) = rest.split_at(rest.find('/').expect("a path"));
    let mut stream = TcpStream::connect(authority).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nExpect: 100-continue\r\nConnection: close\r\n"
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut answer = Vec::new();
    // A server that wants the body says 100 and waits: the timeout ends the read.
    let _ = stream.read_to_end(&mut answer);
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no answer head: {}", String::from_utf8_lossy(&answer)));
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let mut header_map = http::HeaderMap::new();
    for line in lines {
        let (name, value) = line.split_once(':').unwrap();
        header_map.append(
            http::HeaderName::try_from(name.trim()).unwrap(),
            http::HeaderValue::try_from(value.trim()).unwrap(),
        );
    }
    Reply {
        status,
        headers: header_map,
        body: answer[split + 4..].to_vec(),
    }
}
