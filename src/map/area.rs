//! An area of the map saved for use with no signal: which tiles it is, how far saving it has
//! got, what it will cost in storage, and how each of these reads to the person.

use serde::{Deserialize, Serialize};

use super::TileSource;
use super::tiles::{TileId, covering, tile_url};
use crate::geography::{Point, length_text};
use crate::store::quota::format_bytes;

/// Around the chosen point, unless the person chooses otherwise: a volunteer's afternoon.
pub const DEFAULT_RADIUS_M: f64 = 1_000.0;
/// The radii offered.
pub const RADII_M: [f64; 3] = [500.0, 1_000.0, 2_000.0];
/// Street level for a pin, and wide enough to find one's way there.
pub const ZOOMS: std::ops::RangeInclusive<u8> = 13..=18;
/// What a tile weighs when none has been seen yet: a city street tile, as PNG.
pub const TYPICAL_TILE_BYTES: u64 = 15_000;
/// Room kept free beyond the area's estimate: the outbox must never be the one refused.
const HEADROOM: f64 = 1.25;

/// Where saving an area has got to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AreaState {
    /// Tiles are being fetched, or will be when the app next can.
    Saving,
    /// Stopped by the network or the storage quota; taken up again from where it stopped.
    Paused(Pause),
    /// Every tile is kept.
    Saved,
}

/// Why saving stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pause {
    Offline,
    /// The tile server answered with an error, or the browser's cache failed.
    Server,
    /// The device refused to store more.
    Full,
}

/// A saved (or saving) area, as kept with the person's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedArea {
    pub id: String,
    /// What the person knows it by: the nearest address, or the coordinates.
    pub label: String,
    pub centre: Point,
    pub radius_m: f64,
    pub min_zoom: u8,
    pub max_zoom: u8,
    /// The tile server's template when it was saved: another server's tiles are not these.
    pub template: String,
    pub total: u32,
    pub done: u32,
    /// Bytes of the tiles kept so far.
    pub bytes: u64,
    pub state: AreaState,
    pub saved_ms: u64,
}

/// What saving an area will take, said before it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaPlan {
    pub centre: Point,
    pub radius_m: f64,
    pub zooms: std::ops::RangeInclusive<u8>,
    pub tiles: Vec<TileId>,
    /// The likely size: the tiles' count times what a tile of this server has weighed.
    pub estimate_bytes: u64,
}

impl AreaPlan {
    /// The tiles of `source` within `radius_m` of `centre`, at the zooms both it and the area
    /// have; `mean_tile_bytes` from the tiles seen so far, if any.
    pub fn new(
        source: &TileSource,
        centre: Point,
        radius_m: f64,
        mean_tile_bytes: Option<u64>,
    ) -> Self {
        let served = source.zooms();
        let zooms = (*ZOOMS.start()).max(*served.start())..=(*ZOOMS.end()).min(*served.end());
        let tiles = covering(centre, radius_m, zooms.clone());
        let each = mean_tile_bytes
            .filter(|bytes| *bytes > 0)
            .unwrap_or(TYPICAL_TILE_BYTES);
        AreaPlan {
            centre,
            radius_m,
            zooms,
            estimate_bytes: each * tiles.len() as u64,
            tiles,
        }
    }

    /// "About 480 map tiles, about 7.2 MB, within 1.0 km."
    pub fn sentence(&self) -> String {
        format!(
            "About {} map tiles, about {}, within {}.",
            self.tiles.len(),
            format_bytes(self.estimate_bytes),
            length_text(self.radius_m)
        )
    }

    /// Whether the plan fits in the room the browser gives the app, with headroom; the
    /// sentence to show when it does not. `None` for the room: the browser does not say.
    pub fn fits(&self, room: Option<Room>) -> Result<(), String> {
        let Some(room) = room else { return Ok(()) };
        let free = room.quota.saturating_sub(room.usage);
        // Estimates of whole bytes: far within f64's exact range.
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let needed = (self.estimate_bytes as f64 * HEADROOM) as u64;
        if needed <= free {
            Ok(())
        } else {
            Err(format!(
                "This area needs about {} with room to spare, and this device has about {} \
                 free for the app. Choose a smaller area, or free some space on the device.",
                format_bytes(needed),
                format_bytes(free)
            ))
        }
    }

    /// The record of this plan, about to be saved under `id`.
    pub fn start(&self, id: String, label: String, source: &TileSource, now_ms: u64) -> SavedArea {
        SavedArea {
            id,
            label,
            centre: self.centre,
            radius_m: self.radius_m,
            min_zoom: *self.zooms.start(),
            max_zoom: *self.zooms.end(),
            template: source.template().to_owned(),
            total: u32::try_from(self.tiles.len()).unwrap_or(u32::MAX),
            done: 0,
            bytes: 0,
            state: AreaState::Saving,
            saved_ms: now_ms,
        }
    }
}

/// The storage the browser gives the app, in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Room {
    pub usage: u64,
    pub quota: u64,
}

impl SavedArea {
    /// Every tile of the area, widest zoom first: a cut leaves a usable overview.
    pub fn tiles(&self) -> Vec<TileId> {
        covering(self.centre, self.radius_m, self.min_zoom..=self.max_zoom)
    }

    /// The addresses of the area's tiles, on the server it was saved from.
    pub fn tile_urls(&self) -> Vec<String> {
        self.tiles()
            .into_iter()
            .map(|tile| tile_url(&self.template, tile))
            .collect()
    }

    /// Whether saving stopped and waits to be taken up again.
    pub fn is_paused(&self) -> bool {
        matches!(self.state, AreaState::Paused(_))
    }

    /// Whether `source` serves this area's tiles.
    pub fn is_of(&self, source: &TileSource) -> bool {
        self.template == source.template()
    }

    /// How far saving has got, in the words of a status line.
    pub fn progress(&self) -> String {
        let tiles = format!("{} of {} map tiles", self.done, self.total);
        match self.state {
            AreaState::Saving => format!("Saving: {tiles} ({}).", format_bytes(self.bytes)),
            AreaState::Paused(Pause::Offline) => format!(
                "Paused with no connection: {tiles} kept. Saving goes on when the device is back online."
            ),
            AreaState::Paused(Pause::Server) => format!(
                "Paused: the map's server did not answer ({tiles} kept). Saving is tried again when the app next starts, or resume it now."
            ),
            AreaState::Paused(Pause::Full) => format!(
                "Paused: the device has no more room for the app ({tiles} kept). Free some space, then resume."
            ),
            AreaState::Saved => format!(
                "Saved: {} map tiles, {}. This area's map works with no signal.",
                self.total,
                format_bytes(self.bytes)
            ),
        }
    }

    /// "1 km around 81 W Adams St".
    pub fn title(&self) -> String {
        format!("{} around {}", length_text(self.radius_m), self.label)
    }

    /// A kept tile more; saved once the last is kept.
    pub fn kept(&mut self, bytes: u64) {
        self.done = (self.done + 1).min(self.total);
        self.bytes += bytes;
        if self.done == self.total {
            self.state = AreaState::Saved;
        }
    }
}

/// The addresses of `removed`'s tiles that none of `others` also holds: those a removal may
/// delete.
pub fn tiles_only_in(removed: &SavedArea, others: &[SavedArea]) -> Vec<String> {
    let kept: std::collections::HashSet<String> = others
        .iter()
        .filter(|other| other.id != removed.id)
        .flat_map(SavedArea::tile_urls)
        .collect();
    removed
        .tile_urls()
        .into_iter()
        .filter(|url| !kept.contains(url))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> TileSource {
        serde_json::from_str(
            r#"{"url": "/tiles/{z}/{x}/{y}.png", "attribution": "Demo", "min_zoom": 13, "max_zoom": 18}"#,
        )
        .unwrap()
    }

    const LOOP: Point = Point {
        latitude: 41.8781,
        longitude: -87.6298,
    };

    #[test]
    fn a_kilometre_at_six_zooms_is_a_few_hundred_tiles_widest_first() {
        let plan = AreaPlan::new(&source(), LOOP, DEFAULT_RADIUS_M, None);
        // z18 tiles are about 115 m wide here: 2 km is 18 or 19 of them each way.
        assert!(
            (400..700).contains(&plan.tiles.len()),
            "{}",
            plan.tiles.len()
        );
        assert_eq!(plan.tiles.first().map(|t| t.z), Some(13));
        assert_eq!(plan.tiles.last().map(|t| t.z), Some(18));
        assert_eq!(
            plan.estimate_bytes,
            plan.tiles.len() as u64 * TYPICAL_TILE_BYTES
        );
        let seen = AreaPlan::new(&source(), LOOP, DEFAULT_RADIUS_M, Some(4_000));
        assert_eq!(seen.estimate_bytes, seen.tiles.len() as u64 * 4_000);
        assert!(
            seen.sentence()
                .starts_with(&format!("About {} map tiles, about ", seen.tiles.len()))
        );
        assert!(
            seen.sentence().ends_with("within 1.0 km."),
            "{}",
            seen.sentence()
        );
    }

    #[test]
    fn an_area_only_asks_for_zooms_the_server_has() {
        let shallow: TileSource = serde_json::from_str(
            r#"{"url": "/t/{z}/{x}/{y}.png", "attribution": "Demo", "min_zoom": 10, "max_zoom": 16}"#,
        )
        .unwrap();
        let plan = AreaPlan::new(&shallow, LOOP, 500.0, None);
        assert!(plan.tiles.iter().all(|t| (13..=16).contains(&t.z)));
        let area = plan.start("a".into(), "here".into(), &shallow, 1);
        assert_eq!((area.min_zoom, area.max_zoom), (13, 16));
        assert_eq!(area.tiles(), plan.tiles);
    }

    #[test]
    fn the_quota_is_checked_with_headroom_and_said_in_words() {
        let plan = AreaPlan::new(&source(), LOOP, DEFAULT_RADIUS_M, Some(10_000));
        let needed = plan.estimate_bytes;
        assert_eq!(plan.fits(None), Ok(()));
        let roomy = Room {
            usage: 1_000_000,
            quota: 1_000_000 + needed * 2,
        };
        assert_eq!(plan.fits(Some(roomy)), Ok(()));
        let tight = Room {
            usage: 0,
            quota: needed + needed / 10,
        };
        let said = plan.fits(Some(tight)).unwrap_err();
        assert!(said.starts_with("This area needs about "), "{said}");
        // The figure said is the one compared: with headroom, more than the free room.
        let quoted = format_bytes((needed as f64 * 1.25) as u64);
        assert!(
            said.contains(&format!("about {quoted} with room to spare")),
            "{said}"
        );
        assert!(said.contains("Choose a smaller area"), "{said}");
    }

    #[test]
    fn progress_reads_as_it_goes_and_ends_saved() {
        let plan = AreaPlan::new(&source(), LOOP, 500.0, None);
        let mut area = plan.start("a".into(), "81 W Adams St".into(), &source(), 1);
        assert_eq!(area.title(), "500 m around 81 W Adams St");
        assert_eq!(area.state, AreaState::Saving);
        area.kept(2_000);
        assert!(
            area.progress()
                .starts_with(&format!("Saving: 1 of {} map tiles", area.total))
        );
        area.state = AreaState::Paused(Pause::Offline);
        assert!(
            area.progress()
                .starts_with("Paused with no connection: 1 of")
        );
        area.state = AreaState::Saving;
        for _ in 1..area.total {
            area.kept(2_000);
        }
        assert_eq!(area.state, AreaState::Saved);
        assert!(
            area.progress()
                .starts_with(&format!("Saved: {} map tiles", area.total))
        );
        // A tile kept twice (a resumed fetch) never counts past the total.
        area.kept(0);
        assert_eq!(area.done, area.total);
    }

    #[test]
    fn removing_an_area_spares_the_tiles_another_area_holds() {
        let near =
            AreaPlan::new(&source(), LOOP, 500.0, None).start("a".into(), "a".into(), &source(), 1);
        let overlapping = AreaPlan::new(
            &source(),
            Point {
                latitude: LOOP.latitude,
                longitude: LOOP.longitude + 0.008,
            },
            500.0,
            None,
        )
        .start("b".into(), "b".into(), &source(), 1);
        let alone = tiles_only_in(&near, std::slice::from_ref(&near));
        assert_eq!(alone, near.tile_urls());
        let spared = tiles_only_in(&near, &[near.clone(), overlapping.clone()]);
        assert!(!spared.is_empty() && spared.len() < near.tiles().len());
        let overlap = overlapping.tile_urls();
        assert!(spared.iter().all(|url| !overlap.contains(url)));
        assert!(
            spared.iter().all(|url| url.starts_with("/tiles/1")),
            "{spared:?}"
        );
    }
}
