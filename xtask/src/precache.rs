//! The service worker's precache list, written into dist/sw.js from the files of the build.

use std::path::Path;

use anyhow::{Context, Result};

use crate::hash;

/// Files of dist/ that the app shell does not need offline.
const NOT_PRECACHED: &[&str] = &["sw.js"];

/// Writes dist/sw.js from public/sw.js with the build's file list and a version that changes
/// whenever any of those files does (which is what makes the browser install an update).
pub fn write_service_worker(dist: &Path, template: &Path) -> Result<()> {
    let mut files = Vec::new();
    collect(dist, dist, &mut files)?;
    files.sort();
    let template = std::fs::read_to_string(template)
        .with_context(|| format!("reading {}", template.display()))?;
    let sw = render(&template, &files);
    std::fs::write(dist.join("sw.js"), sw).context("writing dist/sw.js")
}

/// (URL path, content) of every file below `dir`, index.html served as `/`.
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        let relative = path
            .strip_prefix(root)?
            .to_string_lossy()
            .replace('\\', "/");
        if relative.starts_with('.') || NOT_PRECACHED.contains(&relative.as_str()) {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files)?;
        } else {
            let url = if relative == "index.html" {
                "/".to_owned()
            } else {
                format!("/{relative}")
            };
            files.push((url, std::fs::read(&path)?));
        }
    }
    Ok(())
}

fn render(template: &str, files: &[(String, Vec<u8>)]) -> String {
    let mut version = hash::fnv1a(template.as_bytes());
    for (url, content) in files {
        version ^= hash::fnv1a(url.as_bytes()).rotate_left(17) ^ hash::fnv1a(content);
        version = version.wrapping_mul(0x0100_0000_01b3);
    }
    let urls: Vec<&str> = files.iter().map(|(url, _)| url.as_str()).collect();
    let urls = serde_json::to_string(&urls).expect("strings always serialize");
    template
        .replace("__VERSION__", &format!("{version:016x}"))
        .replace("__PRECACHE_URLS__", &urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str =
        "const VERSION = '__VERSION__';\nconst PRECACHE_URLS = __PRECACHE_URLS__;\n";

    fn files(wasm: &[u8]) -> Vec<(String, Vec<u8>)> {
        vec![
            ("/".to_owned(), b"<html>".to_vec()),
            ("/app-1a2b_bg.wasm".to_owned(), wasm.to_vec()),
        ]
    }

    #[test]
    fn lists_the_files_and_versions_their_content() {
        let sw = render(TEMPLATE, &files(b"wasm v1"));
        assert!(
            sw.contains(r#"const PRECACHE_URLS = ["/","/app-1a2b_bg.wasm"];"#),
            "{sw}"
        );
        assert!(!sw.contains("__"), "every placeholder is filled: {sw}");
        assert_ne!(
            sw,
            render(TEMPLATE, &files(b"wasm v2")),
            "a changed file is a new version"
        );
        assert_eq!(
            sw,
            render(TEMPLATE, &files(b"wasm v1")),
            "the same build is the same version"
        );
    }

    #[test]
    fn walks_a_build_directory() {
        let dist = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dist.path().join("icons")).unwrap();
        std::fs::create_dir_all(dist.path().join(".stage")).unwrap();
        std::fs::write(dist.path().join("index.html"), "<html>").unwrap();
        std::fs::write(dist.path().join("icons/icon-192.png"), "png").unwrap();
        std::fs::write(dist.path().join(".stage/tmp"), "x").unwrap();
        let template = dist.path().join("sw-template.js");
        std::fs::write(&template, TEMPLATE).unwrap();
        write_service_worker(dist.path(), &template).unwrap();
        let sw = std::fs::read_to_string(dist.path().join("sw.js")).unwrap();
        assert!(
            sw.contains(r#"["/","/icons/icon-192.png","/sw-template.js"]"#),
            "{sw}"
        );
    }
}
