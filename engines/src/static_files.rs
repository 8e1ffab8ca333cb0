//! A plain static file server on loopback, for the photo benchmark's page: it sends no
//! Content-Security-Policy (the peer's workers start from `blob:` URLs, which the app's policy
//! refuses), and answers the app's routes with its page.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use anyhow::Result;

/// Serves the files under `root` until the process ends; gives its base URL.
pub fn serve(root: PathBuf) -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}", listener.local_addr()?);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &root);
            });
        }
    });
    Ok(url)
}

fn answer(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // The headers are read and ignored.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split('?').next().unwrap_or("/");
    let file = Path::new(path.trim_start_matches('/'));
    let safe = file.components().all(|c| matches!(c, Component::Normal(_)));
    // A route of the app (no extension) is its page, as the app's own server answers.
    let file = match file.extension() {
        _ if path == "/" => Path::new("index.html"),
        None => Path::new("app.html"),
        Some(_) => file,
    };
    let body = if safe {
        std::fs::read(root.join(file)).ok()
    } else {
        None
    };
    match body {
        Some(body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                content_type(file),
                body.len()
            );
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)
        }
        None => stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|extension| extension.to_str()) {
        Some("html") => "text/html",
        Some("js" | "mjs") => "text/javascript",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_gets_the_app_page_and_a_file_its_type() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("app.html"), "<p>app</p>").unwrap();
        std::fs::write(root.path().join("index.html"), "<p>home</p>").unwrap();
        std::fs::write(root.path().join("x.wasm"), [0, 97, 115, 109]).unwrap();
        let url = serve(root.path().to_owned()).unwrap();
        let get = |path: &str| ureq::get(format!("{url}{path}")).call();
        let mut route = get("/report/pothole").unwrap();
        assert_eq!(route.headers()["content-type"], "text/html");
        assert_eq!(route.body_mut().read_to_string().unwrap(), "<p>app</p>");
        assert_eq!(
            get("/").unwrap().body_mut().read_to_string().unwrap(),
            "<p>home</p>"
        );
        let wasm = get("/x.wasm").unwrap();
        assert_eq!(wasm.headers()["content-type"], "application/wasm");
        assert!(get("/missing.js").is_err());
        assert!(get("/../etc/passwd.txt").is_err());
    }
}
