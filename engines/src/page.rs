//! One browser session on the app, with what a person does in it: go to a page, find a control
//! by its role and name, click, type, choose a file, read the screen.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::Value;

use crate::Engine;
use crate::driver::Driver;

/// How long a control may take to appear (a photo's compression is the slowest step).
const PATIENCE: Duration = Duration::from_secs(60);

pub struct Page {
    client: Client,
    base: String,
    pub engine: Engine,
    // Dropped after the session, which it serves.
    _driver: Driver,
}

impl Page {
    /// A fresh browser of `engine` (a new profile: nothing kept from before) on the app at
    /// `base`.
    pub async fn open(engine: Engine, base: &str) -> Result<Self> {
        let driver = Driver::start(engine)?;
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(engine.capabilities())
            .connect(&driver.url)
            .await
            .with_context(|| format!("opening a {} session", engine.name()))?;
        Ok(Page {
            client,
            base: base.trim_end_matches('/').to_owned(),
            engine,
            _driver: driver,
        })
    }

    pub async fn goto(&self, path: &str) -> Result<()> {
        Ok(self.client.goto(&format!("{}{path}", self.base)).await?)
    }

    /// Reloads the page as its reload button does. (WebDriver's own Refresh makes Firefox
    /// bypass the service worker, as a forced reload would.)
    pub async fn reload(&self) -> Result<()> {
        self.client
            .execute(
                "window.reloading = true; setTimeout(() => location.reload())",
                vec![],
            )
            .await?;
        self.wait_until("the page is loaded again", async || {
            let fresh = self
                .client
                .execute(
                    "return window.reloading === undefined && document.readyState === 'complete'",
                    vec![],
                )
                .await
                // A script run while the page goes is an error, not an answer.
                .unwrap_or(Value::Bool(false));
            Ok(fresh == Value::Bool(true))
        })
        .await
    }

    /// The path of the address the page is at.
    pub async fn path(&self) -> Result<String> {
        Ok(self.client.current_url().await?.path().to_owned())
    }

    /// Waits until the service worker controls the page, as it does after a first visit.
    pub async fn wait_for_worker(&self) -> Result<()> {
        self.wait_until("the service worker controls the page", async || {
            let controlled = self
                .client
                .execute("return navigator.serviceWorker?.controller != null", vec![])
                .await?;
            Ok(controlled == Value::Bool(true))
        })
        .await
    }

    /// Waits until the page's path is `path`.
    pub async fn wait_for_path(&self, path: &str) -> Result<()> {
        self.wait_until(&format!("the page is at {path}"), async || {
            Ok(self.path().await? == path)
        })
        .await
    }

    /// Waits until the page shows `text` somewhere.
    pub async fn wait_for_text(&self, text: &str) -> Result<()> {
        self.wait_until(&format!("the page shows {text:?}"), async || {
            let shown = self
                .client
                .execute("return document.body.innerText", vec![])
                .await?;
            Ok(shown.as_str().is_some_and(|shown| shown.contains(text)))
        })
        .await
    }

    /// The visible control with this ARIA `role` and accessible `name`, as the engine computes
    /// them; waits for it to appear.
    pub async fn find(&self, role: &str, name: &str) -> Result<Element> {
        let selector = candidates(role)?;
        let started = Instant::now();
        loop {
            for element in self.client.find_all(Locator::Css(selector)).await? {
                if self.is(&element, role, name).await.unwrap_or(false) {
                    return Ok(element);
                }
            }
            if started.elapsed() > PATIENCE {
                bail!(
                    "{}: no visible {role} named {name:?} within {PATIENCE:?} (at {})",
                    self.engine.name(),
                    self.path().await.unwrap_or_default()
                );
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Clicks the visible control with this role whose accessible name starts with `start`
    /// (for names that carry a date or a distance).
    pub async fn click_starting(&self, role: &str, start: &str) -> Result<()> {
        let selector = candidates(role)?;
        let started = Instant::now();
        loop {
            for element in self.client.find_all(Locator::Css(selector)).await? {
                let named = element.is_displayed().await.unwrap_or(false)
                    && self
                        .computed(&element, "computedlabel")
                        .await?
                        .trim()
                        .starts_with(start)
                    && self.computed(&element, "computedrole").await? == role;
                if named {
                    return Ok(element.click().await?);
                }
            }
            if started.elapsed() > PATIENCE {
                bail!(
                    "{}: no visible {role} named {start:?}... within {PATIENCE:?}",
                    self.engine.name()
                );
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Opens the form of the service named `name` from the service list, as a person does.
    pub async fn open_service(&self, name: &str) -> Result<()> {
        self.goto("/report").await?;
        self.click("link", name).await?;
        self.find("heading", name).await?;
        Ok(())
    }

    /// Types `keys` (text, or WebDriver's key codes such as `\u{E014}` for the right arrow)
    /// into the control with this role and name.
    pub async fn press(&self, role: &str, name: &str, keys: &str) -> Result<()> {
        Ok(self.find(role, name).await?.send_keys(keys).await?)
    }

    /// The texts of the page's status lines (`role=status`), as shown.
    pub async fn statuses(&self) -> Result<Vec<String>> {
        let texts = self
            .client
            .execute(
                "return [...document.querySelectorAll('[role=status]')].map((s) => s.innerText)",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(texts)?)
    }

    /// The addresses of the map tiles shown.
    pub async fn loaded_tiles(&self) -> Result<Vec<String>> {
        let tiles = self
            .client
            .execute(
                "return [...document.querySelectorAll('img.leaflet-tile-loaded')].map((t) => t.src)",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(tiles)?)
    }

    /// Waits until the number of elements `selector` matches is one `enough` accepts, and
    /// returns it.
    pub async fn wait_for_count(
        &self,
        selector: &str,
        enough: impl Fn(usize) -> bool,
    ) -> Result<usize> {
        let mut seen = 0;
        self.wait_until(&format!("the page has enough of {selector}"), async || {
            seen = self.client.find_all(Locator::Css(selector)).await?.len();
            Ok(enough(seen))
        })
        .await?;
        Ok(seen)
    }

    pub async fn click(&self, role: &str, name: &str) -> Result<()> {
        Ok(self.find(role, name).await?.click().await?)
    }

    /// Types `text` into the text box named `name`, in place of what it held.
    pub async fn fill(&self, name: &str, text: &str) -> Result<()> {
        let field = self.find("textbox", name).await?;
        field.clear().await?;
        Ok(field.send_keys(text).await?)
    }

    /// Gives the file input named `name` the file at the absolute path `file`, as a person
    /// picking it would; waits for the input to appear.
    pub async fn choose_file(&self, name: &str, file: &str) -> Result<()> {
        let started = Instant::now();
        loop {
            let mut names = Vec::new();
            for input in self
                .client
                .find_all(Locator::Css("input[type=file]"))
                .await?
            {
                let label = self.computed(&input, "computedlabel").await?;
                // Firefox names a file input by its label followed by its own button's text.
                if label.starts_with(name) {
                    return Ok(input.send_keys(file).await?);
                }
                names.push(label);
            }
            if started.elapsed() > PATIENCE {
                bail!(
                    "{}: no file input named {name:?}, only {names:?}",
                    self.engine.name()
                );
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Whether this engine's own decoder opens an image of `media_type` made of `bytes`
    /// (asked of the engine, not assumed from its name).
    pub async fn engine_decodes(&self, bytes: &[u8], media_type: &str) -> Result<bool> {
        let script = "const [bytes, type, done] = arguments;
            createImageBitmap(new Blob([new Uint8Array(bytes)], { type }))
                .then(() => done(true), () => done(false));";
        let bytes = Value::Array(bytes.iter().map(|&b| Value::from(b)).collect());
        let decoded = self
            .client
            .execute_async(script, vec![bytes, Value::from(media_type)])
            .await?;
        Ok(decoded == Value::Bool(true))
    }

    /// Runs `script` (WebDriver's asynchronous script: its last argument is the callback that
    /// ends it) with `args`, and gives what it called back with.
    pub async fn run_async(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        Ok(self.client.execute_async(script, args).await?)
    }

    /// The notifications the service worker shows now, as `{title, body, url}`; waits a few
    /// seconds for the first, since showing one follows the page's update.
    pub async fn shown_notifications(&self) -> Result<Vec<Value>> {
        let script = "const done = arguments[arguments.length - 1];
            navigator.serviceWorker.ready
                .then((registration) => registration.getNotifications())
                .then((shown) => done(shown.map((n) => ({ title: n.title, body: n.body, url: n.data && n.data.url }))),
                      (error) => done(String(error)));";
        let mut waited = 0;
        loop {
            match self.run_async(script, vec![]).await? {
                Value::Array(shown) if !shown.is_empty() || waited >= 50 => return Ok(shown),
                Value::Array(_) => {}
                other => anyhow::bail!("reading the notifications: {other}"),
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            waited += 1;
        }
    }

    pub async fn close(self) -> Result<()> {
        Ok(self.client.close().await?)
    }

    async fn is(&self, element: &Element, role: &str, name: &str) -> Result<bool> {
        Ok(element.is_displayed().await?
            && self.computed(element, "computedlabel").await?.trim() == name
            && self.computed(element, "computedrole").await? == role)
    }

    /// The element's computed accessible name or role (WebDriver's Get Computed Label and
    /// Get Computed Role).
    async fn computed(&self, element: &Element, what: &'static str) -> Result<String> {
        let value = self
            .client
            .issue_cmd(Computed {
                element: element.element_id().to_string(),
                what,
            })
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    async fn wait_until(
        &self,
        what: &str,
        mut done: impl AsyncFnMut() -> Result<bool>,
    ) -> Result<()> {
        let started = Instant::now();
        while !done().await? {
            if started.elapsed() > PATIENCE {
                bail!("{}: waited {PATIENCE:?} for {what}", self.engine.name());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Ok(())
    }
}

/// The elements that may have `role`: the native elements the app uses for it.
fn candidates(role: &str) -> Result<&'static str> {
    Ok(match role {
        "link" => "a[href]",
        "button" => "button, [role=button]",
        "radio" => "input[type=radio]",
        "checkbox" => "input[type=checkbox]",
        "textbox" => {
            "input:not([type]), input[type=text], input[type=email], input[type=tel], textarea"
        }
        "heading" => "h1, h2, h3",
        "application" => "[role=application]",
        _ => bail!("no candidates known for the role {role}"),
    })
}

#[derive(Debug)]
struct Computed {
    element: String,
    what: &'static str,
}

impl WebDriverCompatibleCommand for Computed {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/element/{}/{}",
            session.unwrap_or_default(),
            self.element,
            self.what
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::GET, None)
    }
}
