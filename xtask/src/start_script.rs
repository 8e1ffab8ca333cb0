//! How the page starts the app. Trunk writes an inline module script and preloads the app's
//! glue and wasm from the head. The app's Content-Security-Policy allows no inline script, and
//! the first screen is static markup that should not share the network with 600 KB of wasm
//! before it is painted. So the build replaces both: a start script of its own, in a file
//! named by its content, that loads the app once the first screen has been painted.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::hash;

const OPEN: &str = "<script type=module>";
const CLOSE: &str = "</script>";

pub fn write(dist: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path).context("reading dist/index.html")?;
    let (page, name, script) = rewrite(&index)?;
    std::fs::write(dist.join(&name), script).with_context(|| format!("writing dist/{name}"))?;
    std::fs::write(&index_path, page).context("writing dist/index.html")
}

/// The page without Trunk's inline script and preloads, the start script's file name, and the
/// start script.
fn rewrite(index: &str) -> Result<(String, String, String)> {
    let Some(start) = index.find(OPEN) else {
        bail!("index.html has no inline module script to replace");
    };
    let body_start = start + OPEN.len();
    let body_end = body_start
        + index[body_start..]
            .find(CLOSE)
            .context("the inline module script is not closed")?;
    let trunk_script = &index[body_start..body_end];
    if index[body_end..].contains(OPEN) {
        bail!("index.html has more than one inline module script");
    }
    let glue = quoted_after(trunk_script, "from ").context("Trunk's script imports no glue")?;
    let wasm =
        quoted_after(trunk_script, "module_or_path: ").context("Trunk's script names no wasm")?;
    let script = start_script(glue, wasm);
    let name = format!("start-{:016x}.js", hash::fnv1a(script.as_bytes()));
    let page = format!(
        r#"{}<script type="module" src="/{name}"></script>{}"#,
        &index[..start],
        &index[body_end + CLOSE.len()..]
    );
    Ok((without_preloads_of(&page, &[glue, wasm]), name, script))
}

/// The app's start: after the first frame has been painted, the glue and the wasm, then the
/// event Trunk's own script sends.
fn start_script(glue: &str, wasm: &str) -> String {
    format!(
        "// Written by `cargo xtask dist`: starts the app once the first screen is painted.\n\
         await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\n\
         const bindings = await import('{glue}');\n\
         const wasm = await bindings.default({{ module_or_path: '{wasm}' }});\n\
         window.wasmBindings = bindings;\n\
         dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));\n"
    )
}

/// The text between the quotes that follow the first `marker` in `text`.
fn quoted_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let rest = &text[text.find(marker)? + marker.len()..];
    let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let rest = &rest[1..];
    Some(&rest[..rest.find(quote)?])
}

/// `page` without the `<link>` tags that preload any of `paths`.
fn without_preloads_of(page: &str, paths: &[&str]) -> String {
    let mut kept = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = rest.find("<link") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        let preloads = tag.contains("preload") && paths.iter().any(|p| tag.contains(p));
        kept.push_str(&rest[..at]);
        if !preloads {
            kept.push_str(tag);
        }
        rest = &rest[end..];
    }
    kept.push_str(rest);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<head><script type=module>import init, * as bindings from '/app-1.js';\nconst wasm = await init({ module_or_path: '/app-1_bg.wasm' });\nwindow.wasmBindings = bindings;</script><link href=/a.css rel=stylesheet><link crossorigin href=/app-1.js integrity=sha384-x rel=modulepreload><link as=fetch crossorigin href=/app-1_bg.wasm rel=preload type=application/wasm><link href=/icon.svg rel=icon></head>";

    #[test]
    fn the_page_loads_the_app_from_a_start_script_and_preloads_nothing_of_it() {
        let (page, name, script) = rewrite(TRUNK).unwrap();
        assert!(
            name.starts_with("start-") && name.ends_with(".js"),
            "{name}"
        );
        assert_eq!(
            page,
            format!(
                r#"<head><script type="module" src="/{name}"></script><link href=/a.css rel=stylesheet><link href=/icon.svg rel=icon></head>"#
            )
        );
        assert!(script.contains("await import('/app-1.js')"), "{script}");
        assert!(
            script.contains("module_or_path: '/app-1_bg.wasm'"),
            "{script}"
        );
        // The app waits for the first frame before it fetches anything.
        assert!(
            script.find("requestAnimationFrame") < script.find("import("),
            "{script}"
        );
        let (_, other, _) = rewrite(&TRUNK.replace("app-1", "app-2")).unwrap();
        assert_ne!(name, other);
    }

    #[test]
    fn a_page_without_exactly_one_inline_script_is_an_error() {
        assert!(rewrite("<head></head>").is_err());
        assert!(rewrite("<script type=module>a</script><script type=module>b</script>").is_err());
        assert!(rewrite("<script type=module>console.log(1)</script>").is_err());
    }
}
