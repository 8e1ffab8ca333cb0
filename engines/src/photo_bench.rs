//! The photo benchmark in Firefox and WebKit: each test photo compressed by the app (from its
//! report form, as a person chooses it), by browser-image-compression and at the floor (one
//! resizing decode, one encode), in the same engine, RUNS times each after one untimed round,
//! the three interleaved in every order. The in-page code is `bench/compressors.page.js`, the
//! one Chromium's benchmark runs.
//!
//! The three run in one page, on a plain origin that serves the built app, the peer and the
//! photos without a Content-Security-Policy: the peer's workers start from `blob:` URLs and the
//! page reads the app's output back from its `blob:` URL, which the app's policy refuses
//! (Chromium's benchmark bypasses the policy instead). The app talks to the reference server
//! across origins, as a deployment on its own host would.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail, ensure};
use base64::Engine as _;
use serde_json::{Value, json};

use crate::{Engine, Page, Server, Setup, static_files};

/// Timed rounds, as in Chromium's benchmark.
pub const RUNS: usize = 12;
const ORDERS: [[Tool; 3]; 6] = [
    [Tool::App, Tool::Bic, Tool::Floor],
    [Tool::App, Tool::Floor, Tool::Bic],
    [Tool::Bic, Tool::App, Tool::Floor],
    [Tool::Bic, Tool::Floor, Tool::App],
    [Tool::Floor, Tool::App, Tool::Bic],
    [Tool::Floor, Tool::Bic, Tool::App],
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tool {
    App,
    Bic,
    Floor,
}

impl Tool {
    fn key(self) -> &'static str {
        match self {
            Tool::App => "app",
            Tool::Bic => "bic",
            Tool::Floor => "floor",
        }
    }
}

/// Where the benchmark's inputs are, and where its outputs go.
pub struct PhotoBench {
    pub setup: Setup,
    /// browser-image-compression's `dist/`, from node_modules.
    pub bic_dist: PathBuf,
    /// `bench/compressors.page.js`.
    pub page_script: PathBuf,
    /// Where the last output of each tool on each photo is written.
    pub out_dir: PathBuf,
}

/// One compressed photo, as the page gives it.
struct Output {
    ms: f64,
    jpeg: Vec<u8>,
    width: u64,
    height: u64,
}

/// Measures `engine`; the figures in the shape Chromium's benchmark writes them.
pub async fn measure(engine: Engine, bench: &PhotoBench) -> Result<Value> {
    let names = photo_names(&bench.setup.photos)?;
    let server = Server::start(&bench.setup)?;
    let origin = tempfile::tempdir()?;
    copy_dir(&bench.setup.dist, origin.path())?;
    let photos = origin.path().join("bench/photos");
    std::fs::create_dir_all(&photos)?;
    for name in &names {
        std::fs::copy(bench.setup.photos.join(name), photos.join(name))?;
    }
    for file in [
        "browser-image-compression.mjs",
        "browser-image-compression.js",
    ] {
        std::fs::copy(
            bench.bic_dist.join(file),
            origin.path().join("bench").join(file),
        )?;
    }
    // The app asks the reference server across origins, with its key, as a city's
    // deployment on a separate host would.
    let mut config: Value =
        serde_json::from_slice(&std::fs::read(bench.setup.dist.join("config.json"))?)?;
    config["base_url"] = Value::from(format!("{}/open311/v2", server.url));
    config["api_key"] = Value::from(server.api_key());
    config["jurisdiction_id"] = Value::from("cityofchicago.org");
    std::fs::write(origin.path().join("config.json"), config.to_string())?;
    let served = static_files::serve(origin.path().to_owned())?;

    let page = Page::open(engine, &served).await?;
    page.goto("/report").await?;
    page.click("link", "Pothole in Street").await?;
    page.wait_for_text("Choose photos").await?;
    let source = std::fs::read_to_string(&bench.page_script)?;
    install(&page, &source, &names).await?;
    let run = async |tool: Tool, name: &str, floor: Option<(u64, u64, f64)>| {
        compress(&page, tool, name, floor).await
    };

    // The untimed round: starts the app's and the peer's workers, and gives the floor the
    // size and quality the app chose for each photo. (The floor's worker starts on its first
    // timed run, which the median of the runs absorbs, as in Chromium's benchmark.)
    let mut floor_args = Vec::new();
    for name in &names {
        let app = run(Tool::App, name, None).await?;
        let quality = jpeg_quality(&app.jpeg)?;
        floor_args.push((app.width, app.height, quality));
        run(Tool::Bic, name, None).await?;
    }
    let mut times = vec![[Vec::new(), Vec::new(), Vec::new()]; names.len()];
    let mut last: Vec<[Option<Output>; 3]> = names.iter().map(|_| [None, None, None]).collect();
    for round in 0..RUNS {
        for (index, name) in names.iter().enumerate() {
            for tool in ORDERS[round % ORDERS.len()] {
                let output = run(tool, name, Some(floor_args[index])).await?;
                let slot = tool as usize;
                times[index][slot].push(output.ms);
                last[index][slot] = Some(output);
            }
        }
    }
    page.close().await?;

    let out_dir = bench
        .out_dir
        .join(format!("photos-{}", engine.name().to_lowercase()));
    std::fs::create_dir_all(&out_dir)?;
    let mut photos = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(stem, _)| stem);
        let mut entry = json!({ "name": name, "quality": floor_args[index].2 });
        for tool in [Tool::App, Tool::Bic, Tool::Floor] {
            let output = last[index][tool as usize].take().context("no timed run")?;
            let file = out_dir.join(format!("{stem}.{}.jpg", tool.key()));
            std::fs::write(&file, &output.jpeg)?;
            entry[tool.key()] = json!({
                "ms": times[index][tool as usize],
                "output": file,
                "width": output.width,
                "height": output.height,
            });
        }
        photos.push(entry);
    }
    Ok(json!({ "engine": engine.name(), "runs": RUNS, "photos": photos }))
}

/// Runs the shared in-page script in the current window.
async fn install(page: &Page, source: &str, names: &[String]) -> Result<()> {
    let photos: serde_json::Map<String, Value> = names
        .iter()
        .map(|name| (name.clone(), Value::from(format!("/bench/photos/{name}"))))
        .collect();
    let config = json!({
        "photos": photos,
        "bicModule": "/bench/browser-image-compression.mjs",
        "bicScript": "/bench/browser-image-compression.js",
        "bicOptions": { "maxWidthOrHeight": 1600, "maxSizeMB": 0.3, "fileType": "image/jpeg" },
    });
    let script = format!(
        "const done = arguments[arguments.length - 1];
        ({})({config}).then(() => done(null), (error) => done(String(error)));",
        source.trim().trim_end_matches(';')
    );
    match page.run_async(&script, vec![]).await? {
        Value::Null => Ok(()),
        error => bail!("installing the compressors: {error}"),
    }
}

async fn compress(
    page: &Page,
    tool: Tool,
    name: &str,
    floor: Option<(u64, u64, f64)>,
) -> Result<Output> {
    let (width, height, quality) = floor.unwrap_or_default();
    let script = "const [tool, name, width, height, quality, done] = arguments;
        const run = window.benchCompressors[tool];
        (tool === 'floor' ? run(name, width, height, quality) : run(name))
            .then(done, (error) => done({ error: String(error) }));";
    let args = vec![
        Value::from(tool.key()),
        Value::from(name),
        Value::from(width),
        Value::from(height),
        Value::from(quality),
    ];
    let output = page.run_async(script, args).await?;
    if let Some(error) = output.get("error") {
        bail!("{} on {name}: {error}", tool.key());
    }
    let number = |key: &str| output[key].as_f64().with_context(|| format!("no {key}"));
    Ok(Output {
        ms: number("ms")?,
        jpeg: base64::engine::general_purpose::STANDARD
            .decode(output["jpeg"].as_str().context("no jpeg")?)?,
        width: number("width")? as u64,
        height: number("height")? as u64,
    })
}

/// The JPEG test photos, by name.
fn photo_names(dir: &Path) -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| {
            let lower = name.to_lowercase();
            lower.ends_with(".jpg") || lower.ends_with(".jpeg")
        })
        .collect();
    names.sort();
    ensure!(!names.is_empty(), "no test photos in {}", dir.display());
    Ok(names)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

const STANDARD_LUMINANCE: [u32; 64] = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
    92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/// The quality (0.01 to 1) whose scaled standard luminance table the JPEG carries, as libjpeg
/// scales it (`jpeg_quality_scaling`); the same reading as `bench/jpeg_quality.ts`.
pub fn jpeg_quality(jpeg: &[u8]) -> Result<f64> {
    let mut table = luminance_table(jpeg).context("no 8-bit luminance table before the scan")?;
    table.sort_unstable();
    for quality in 1..=100_u32 {
        let scale = if quality < 50 {
            5000 / quality
        } else {
            200 - 2 * quality
        };
        let mut scaled: Vec<u32> = STANDARD_LUMINANCE
            .iter()
            .map(|q| ((q * scale + 50) / 100).clamp(1, 255))
            .collect();
        scaled.sort_unstable();
        if scaled == table {
            return Ok(f64::from(quality) / 100.0);
        }
    }
    bail!("the quantisation table is not a scaled standard one")
}

fn luminance_table(jpeg: &[u8]) -> Option<Vec<u32>> {
    let mut at = 2;
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        let length = usize::from(jpeg[at + 2]) << 8 | usize::from(jpeg[at + 3]);
        if marker == 0xDA {
            return None;
        }
        if marker == 0xDB {
            let mut table = at + 4;
            while table < at + 2 + length {
                let precision = jpeg.get(table)? >> 4;
                let id = jpeg[table] & 0x0F;
                if id == 0 && precision == 0 {
                    return Some(
                        jpeg.get(table + 1..table + 65)?
                            .iter()
                            .map(|&q| q.into())
                            .collect(),
                    );
                }
                table += 1 + if precision == 0 { 64 } else { 128 };
            }
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded_at(quality: u8) -> Vec<u8> {
        let mut jpeg = Vec::new();
        let pixels: Vec<u8> = (0..64 * 48 * 3).map(|i| (i % 251) as u8).collect();
        jpeg_encoder::Encoder::new(&mut jpeg, quality)
            .encode(&pixels, 64, 48, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        jpeg
    }

    #[test]
    fn the_quality_is_read_back_from_the_luminance_table() {
        for quality in [30, 68, 90] {
            assert_eq!(
                jpeg_quality(&encoded_at(quality)).unwrap(),
                f64::from(quality) / 100.0
            );
        }
        assert!(jpeg_quality(b"\xFF\xD8\xFF\xDA\x00\x02").is_err());
    }
}
