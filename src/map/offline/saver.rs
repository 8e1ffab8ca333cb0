//! Saving areas of the map for use with no signal: started from the map or the settings,
//! taken up again where it stopped after a cut network or a reload (tiles already kept are
//! counted, not fetched again), and removed on request. One saver for the page.

use std::cell::Cell;
use std::rc::Rc;

use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::tile_cache::{AreaTiles, TileError, mean_seen_tile_bytes};
use crate::geography::Point;
use crate::map::TileSource;
use crate::map::area::{AreaPlan, AreaState, Pause, Room, SavedArea, tiles_only_in};
use crate::platform::events::listen;
use crate::store::Db;
use crate::store::keyed::{get_value, put_value};
use crate::store::quota;
use crate::store::schema::SETTINGS;
use crate::time::now_ms;

/// Where the list of areas is kept, with the person's other settings.
const AREAS_KEY: &str = "map_areas";
/// Tiles fetched at once: enough to fill a slow link, few enough to leave it usable.
const AT_ONCE: usize = 4;
/// The list is written after this many tiles (and whenever saving stops): a reload recounts
/// from the cache, so the record only has to be near.
const WRITE_EVERY: u32 = 10;

/// The saved areas and the work on them; a context for every screen.
#[derive(Clone, Copy)]
pub struct AreaSaver {
    areas: RwSignal<Vec<SavedArea>>,
    /// The list as read from the device; saving waits for it.
    loaded: RwSignal<bool>,
    running: StoredValue<bool>,
    /// Asked to resume while a run was under way: checked again when it ends.
    rerun: StoredValue<bool>,
    db: StoredValue<Db, LocalStorage>,
    source: StoredValue<Option<TileSource>, LocalStorage>,
}

impl AreaSaver {
    /// Reads the saved areas and takes up any saving a cut or a reload stopped, now and
    /// whenever the device is back online.
    pub fn install(db: Db, source: Option<TileSource>) -> Self {
        let saver = AreaSaver {
            areas: RwSignal::new(Vec::new()),
            loaded: RwSignal::new(false),
            running: StoredValue::new(false),
            rerun: StoredValue::new(false),
            db: StoredValue::new_local(db),
            source: StoredValue::new_local(source),
        };
        spawn_local(async move {
            let db = saver.db.get_value();
            match get_value::<Vec<SavedArea>>(&db, SETTINGS, AREAS_KEY).await {
                Ok(kept) => {
                    saver.areas.set(kept.unwrap_or_default());
                    saver.loaded.set(true);
                    saver.resume(false);
                }
                // Never written over: the list is the only record of the tiles kept.
                Err(error) => web_sys::console::warn_1(
                    &format!("Report311: saved map areas unreadable: {error}").into(),
                ),
            }
        });
        if let Some(window) = web_sys::window() {
            listen(&window, "online", move |_| saver.resume(false));
        }
        saver
    }

    /// The areas, as they are saved or saving.
    pub fn areas(self) -> Signal<Vec<SavedArea>> {
        self.areas.into()
    }

    /// What saving the area of `radius_m` around `centre` would take.
    pub async fn plan(self, centre: Point, radius_m: f64) -> Option<AreaPlan> {
        let source = self.source.get_value()?;
        Some(AreaPlan::new(
            &source,
            centre,
            radius_m,
            mean_seen_tile_bytes().await,
        ))
    }

    /// Starts saving `plan` as the area known by `label`; its id, or why it cannot be saved.
    pub async fn start(self, plan: &AreaPlan, label: String) -> Result<String, String> {
        let source = self
            .source
            .get_value()
            .ok_or("This city's app has no map to save.")?;
        if !self.loaded.get_untracked() {
            return Err(
                "The areas saved on this device cannot be read just now. Reload the app, then try again."
                    .to_owned(),
            );
        }
        let room = quota::estimate().await.map(|usage| Room {
            usage: usage.usage,
            quota: usage.quota,
        });
        plan.fits(room)?;
        // Kept from eviction if the browser agrees: a volunteer's map must still be there.
        // Not waited for: Firefox asks the person, and the answer may never come.
        spawn_local(async {
            quota::persist().await;
        });
        let id = uuid::Uuid::new_v4().to_string();
        let area = plan.start(id.clone(), label, &source, now_ms());
        self.areas.update(|areas| areas.push(area));
        self.write().await;
        self.run();
        Ok(id)
    }

    /// Takes up the areas saving stopped on; `full_too`: also those the quota stopped (the
    /// person asked, having freed space).
    pub fn resume(self, full_too: bool) {
        if !self.loaded.get_untracked() {
            return;
        }
        if self.running.get_value() {
            // The run may be about to pause on what failed before this: it looks again.
            self.rerun.set_value(true);
        }
        self.mark_to_save(full_too);
        self.run();
    }

    fn mark_to_save(self, full_too: bool) {
        self.areas.update(|areas| {
            for area in areas.iter_mut() {
                let again = match area.state {
                    AreaState::Paused(Pause::Offline | Pause::Server) => true,
                    AreaState::Paused(Pause::Full) => full_too,
                    AreaState::Saving | AreaState::Saved => false,
                };
                if again {
                    area.state = AreaState::Saving;
                }
            }
        });
    }

    /// Removes the area `id` and the tiles no other area holds.
    pub async fn remove(self, id: &str) {
        let before = self.areas.get_untracked();
        let Some(removed) = before.iter().find(|area| area.id == id).cloned() else {
            return;
        };
        self.areas
            .update(|areas| areas.retain(|area| area.id != id));
        self.write().await;
        forget_tiles(&removed, &before).await;
    }

    /// Saves the areas marked saving, one after another, unless that is under way.
    fn run(self) {
        if self.running.get_value() {
            return;
        }
        self.running.set_value(true);
        spawn_local(async move {
            loop {
                while let Some(id) = self.next_to_save() {
                    if !self.save(&id).await {
                        break;
                    }
                }
                if !self.rerun.get_value() {
                    break;
                }
                self.rerun.set_value(false);
                self.mark_to_save(false);
            }
            self.running.set_value(false);
        });
    }

    fn next_to_save(self) -> Option<String> {
        let source = self.source.get_value()?;
        self.areas.with_untracked(|areas| {
            areas
                .iter()
                .find(|area| area.state == AreaState::Saving && area.is_of(&source))
                .map(|area| area.id.clone())
        })
    }

    /// Saves the area `id` as far as it can; false when saving must stop for all areas
    /// (offline, full), true when the next may go on.
    async fn save(self, id: &str) -> bool {
        let Some(area) = self.area(id) else {
            return true;
        };
        let Ok(cache) = AreaTiles::open().await else {
            self.pause(id, Pause::Server).await;
            return false;
        };
        // What a cut or a reload left is counted from the cache, not fetched again.
        let mut missing = Vec::new();
        let (mut done, mut bytes) = (0, 0);
        for url in area.tile_urls() {
            match cache.kept(&url).await {
                Ok(Some(size)) => {
                    done += 1;
                    bytes += size;
                }
                _ => missing.push(url),
            }
        }
        if self.area(id).is_none() {
            return true;
        }
        self.update(id, |area| {
            area.done = 0;
            area.bytes = 0;
            for _ in 0..done {
                area.kept(0);
            }
            area.bytes = bytes;
        });
        // Once one tile says saving must stop, no new fetch starts, and those under way are
        // still kept: resuming then fetches none of them again.
        let stop = Rc::new(Cell::new(None::<Pause>));
        let mut fetches = futures::stream::iter(missing)
            .map(|url| {
                let cache = cache.clone();
                let stop = stop.clone();
                async move {
                    if stop.get().is_some() || self.area(id).is_none() {
                        return None;
                    }
                    Some(cache.fetch_and_keep(&url).await)
                }
            })
            .buffer_unordered(AT_ONCE);
        let mut since_write = 0;
        while let Some(outcome) = fetches.next().await {
            let size = match outcome {
                None => continue,
                Some(Ok(size)) => size,
                // Beyond the server's coverage: nothing to keep there.
                Some(Err(TileError::Missing)) => 0,
                Some(Err(TileError::Full)) => {
                    stop.set(Some(Pause::Full));
                    continue;
                }
                Some(Err(error)) => {
                    if stop.get().is_none() {
                        web_sys::console::info_1(
                            &format!("Report311: saving paused: {error}").into(),
                        );
                        let why = match error {
                            TileError::Offline => Pause::Offline,
                            _ => Pause::Server,
                        };
                        stop.set(Some(why));
                    }
                    continue;
                }
            };
            // Removed while it was saving: what was kept since goes too, once nothing runs.
            if self.area(id).is_none() {
                continue;
            }
            self.update(id, |area| area.kept(size));
            since_write += 1;
            if since_write >= WRITE_EVERY {
                since_write = 0;
                self.write().await;
            }
        }
        if self.area(id).is_none() {
            forget_tiles(&area, &self.areas.get_untracked()).await;
            return true;
        }
        if let Some(why) = stop.get() {
            self.pause(id, why).await;
            return false;
        }
        self.write().await;
        true
    }

    fn area(self, id: &str) -> Option<SavedArea> {
        self.areas
            .with_untracked(|areas| areas.iter().find(|area| area.id == id).cloned())
    }

    fn update(self, id: &str, change: impl FnOnce(&mut SavedArea)) {
        self.areas.update(|areas| {
            if let Some(area) = areas.iter_mut().find(|area| area.id == id) {
                change(area);
            }
        });
    }

    async fn pause(self, id: &str, why: Pause) {
        self.update(id, |area| area.state = AreaState::Paused(why));
        self.write().await;
    }

    async fn write(self) {
        let areas = self.areas.get_untracked();
        if let Err(error) = put_value(&self.db.get_value(), SETTINGS, AREAS_KEY, &areas).await {
            web_sys::console::warn_1(
                &format!("Report311: saved map areas not written: {error}").into(),
            );
        }
    }
}

/// Deletes the tiles of `removed` that none of `others` holds.
async fn forget_tiles(removed: &SavedArea, others: &[SavedArea]) {
    let Ok(cache) = AreaTiles::open().await else {
        return;
    };
    for url in tiles_only_in(removed, others) {
        let _ = cache.forget(&url).await;
    }
}
