//! dist/app.html: the page served for every route but `/`.
//!
//! index.html carries the home screen as static markup so the first screen shows before the
//! app's code arrives. Opening /outbox with that page would flash the home screen first, so the
//! other routes get the same page with the home section replaced by the app's "Starting…".

use std::path::Path;

use anyhow::{Context, Result, bail};

/// The id index.html gives its static home section.
const HOME_ID: &str = "home-screen";
const STARTING: &str = r#"<p class="loading" role="status">Starting…</p>"#;

pub fn write(dist: &Path) -> Result<()> {
    let index =
        std::fs::read_to_string(dist.join("index.html")).context("reading dist/index.html")?;
    std::fs::write(dist.join("app.html"), without_home(&index)?).context("writing dist/app.html")
}

fn without_home(index: &str) -> Result<String> {
    let Some(id_at) = index.find(HOME_ID) else {
        bail!("index.html has no element with id {HOME_ID}");
    };
    let start = index[..id_at]
        .rfind("<section")
        .context("the home screen is not a <section>")?;
    let end = index[id_at..]
        .find("</section>")
        .map(|i| id_at + i + "</section>".len())
        .context("the home section is not closed")?;
    Ok(format!("{}{STARTING}{}", &index[..start], &index[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_section_gives_way_to_the_starting_line_quoted_or_minified() {
        for page in [
            r#"<main id="main"><section class="page home" id="home-screen"><h1>Hi</h1></section></main>"#,
            r#"<main id=main><section class="page home" id=home-screen><h1>Hi</h1></section></main>"#,
        ] {
            let app = without_home(page).unwrap();
            assert!(app.contains(STARTING), "{app}");
            assert!(
                !app.contains("<h1>Hi</h1>") && !app.contains("section"),
                "{app}"
            );
            assert!(
                app.starts_with("<main id") && app.ends_with("</main>"),
                "{app}"
            );
        }
    }

    #[test]
    fn a_page_without_the_home_section_is_an_error() {
        assert!(without_home("<main></main>").is_err());
    }
}
