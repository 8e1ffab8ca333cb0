//! Trunk starts the app with an inline module script; the app's Content-Security-Policy
//! allows no inline script, so the build moves it to a file of its own, named by its content
//! like Trunk's other files.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::hash;

const OPEN: &str = "<script type=module>";
const CLOSE: &str = "</script>";

pub fn externalize(dist: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path).context("reading dist/index.html")?;
    let (page, name, script) = split(&index)?;
    std::fs::write(dist.join(&name), script).with_context(|| format!("writing dist/{name}"))?;
    std::fs::write(&index_path, page).context("writing dist/index.html")
}

/// The page with its inline module script replaced by a reference, the script's file name,
/// and the script.
fn split(index: &str) -> Result<(String, String, String)> {
    let Some(start) = index.find(OPEN) else {
        bail!("index.html has no inline module script to move");
    };
    let body_start = start + OPEN.len();
    let body_end = body_start
        + index[body_start..]
            .find(CLOSE)
            .context("the inline module script is not closed")?;
    let script = index[body_start..body_end].to_owned();
    if index[body_end..].contains(OPEN) {
        bail!("index.html has more than one inline module script");
    }
    let name = format!("start-{:016x}.js", hash::fnv1a(script.as_bytes()));
    let page = format!(
        r#"{}<script type="module" src="/{name}"></script>{}"#,
        &index[..start],
        &index[body_end + CLOSE.len()..]
    );
    Ok((page, name, script))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inline_script_moves_to_a_file_named_by_its_content() {
        let index = "<head><script type=module>import init from '/app-1.js';\nawait init();</script><link rel=stylesheet href=/a.css></head>";
        let (page, name, script) = split(index).unwrap();
        assert_eq!(script, "import init from '/app-1.js';\nawait init();");
        assert!(
            name.starts_with("start-") && name.ends_with(".js"),
            "{name}"
        );
        assert_eq!(
            page,
            format!(
                r#"<head><script type="module" src="/{name}"></script><link rel=stylesheet href=/a.css></head>"#
            )
        );
        let (_, other, _) = split(&index.replace("app-1", "app-2")).unwrap();
        assert_ne!(name, other);
    }

    #[test]
    fn a_page_without_exactly_one_inline_script_is_an_error() {
        assert!(split("<head></head>").is_err());
        assert!(split("<script type=module>a</script><script type=module>b</script>").is_err());
    }
}
