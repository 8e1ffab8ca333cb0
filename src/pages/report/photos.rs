//! Where the report's photos are added: from the camera or the gallery, each made small,
//! upright and free of metadata off the main thread, with progress and a way to remove it.

use std::sync::Arc;

use leptos::prelude::*;
use web_sys::HtmlInputElement;

use crate::capture::photo::{self, CompressedPhoto, PhotoLimits, Progress, Stage};
use crate::capture::photo_place::PhotoPlace;
use crate::components::photo::object_url;
use crate::outbox::StoredPhoto;
use crate::outbox::filing::ReadyPhoto;
use crate::session::use_session;
use crate::store::PhotoId;
use crate::user_message::UserMessage;

/// A photo on its way into the report.
#[derive(Clone, Debug)]
pub struct TrayPhoto {
    key: u32,
    state: PhotoState,
}

#[derive(Clone, Debug)]
enum PhotoState {
    Preparing(Progress),
    Ready {
        photo: Arc<CompressedPhoto>,
        /// An object URL of the compressed bytes, for the thumbnail.
        preview: String,
        /// Given when it is ready, so that the draft and the report keep it under one id.
        id: PhotoId,
        /// It was saved with the report being fixed (not added since).
        saved: bool,
    },
    Failed(String),
}

/// The photos of the report being written. Lives above the form, so the action that saves
/// the report can take them.
#[derive(Clone, Copy)]
pub struct PhotoTray(RwSignal<Vec<TrayPhoto>>, StoredValue<u32>);

impl Default for PhotoTray {
    fn default() -> Self {
        PhotoTray(RwSignal::new(Vec::new()), StoredValue::new(0))
    }
}

impl PhotoTray {
    /// The photos in the report, in order; None while one is still being prepared. Photos
    /// that failed are left out (their sentence is on screen).
    pub fn ready(&self) -> Option<Vec<ReadyPhoto>> {
        self.0.with_untracked(|photos| {
            photos
                .iter()
                .filter_map(|p| match &p.state {
                    PhotoState::Preparing(_) => Some(None),
                    PhotoState::Ready { .. } => ready_photo(p).map(Some),
                    PhotoState::Failed(_) => None,
                })
                .collect()
        })
    }

    /// The photos ready so far, in order, whatever is still being prepared: what a draft keeps.
    pub fn ready_so_far(&self) -> Vec<ReadyPhoto> {
        self.0
            .with_untracked(|photos| photos.iter().filter_map(ready_photo).collect())
    }

    /// Subscribes the running effect to the tray's changes; gives how many photos are ready.
    pub fn track_ready(&self) -> usize {
        self.0
            .with(|photos| photos.iter().filter_map(ready_photo).count())
    }

    /// Empties the tray (a new report, or one just saved).
    pub fn clear(&self) {
        for photo in self.0.get_untracked() {
            release(&photo);
        }
        self.0.set(Vec::new());
    }

    /// Where the ready photos were taken, for those whose camera said; subscribes the
    /// running effect.
    pub fn places(&self) -> Vec<PhotoPlace> {
        self.0.with(|photos| {
            photos
                .iter()
                .filter_map(|p| match &p.state {
                    PhotoState::Ready { photo, .. } => photo.place,
                    _ => None,
                })
                .collect()
        })
    }

    /// The photos in the report, or on their way into it.
    pub fn counted(&self) -> usize {
        self.0.with_untracked(|p| count(p))
    }

    fn add(&self, state: PhotoState) -> u32 {
        let key = self.1.get_value();
        self.1.set_value(key + 1);
        self.0
            .update(|photos| photos.push(TrayPhoto { key, state }));
        key
    }

    fn set(&self, key: u32, state: PhotoState) {
        self.0.update(|photos| {
            if let Some(photo) = photos.iter_mut().find(|p| p.key == key) {
                photo.state = state;
            } else if let PhotoState::Ready { preview, .. } = &state {
                // Removed while it was being prepared.
                let _ = web_sys::Url::revoke_object_url(preview);
            }
        });
    }

    fn remove(&self, key: u32) {
        self.0.update(|photos| {
            if let Some(index) = photos.iter().position(|p| p.key == key) {
                release(&photos.remove(index));
            }
        });
    }
}

fn ready_photo(photo: &TrayPhoto) -> Option<ReadyPhoto> {
    match &photo.state {
        PhotoState::Ready {
            photo, id, saved, ..
        } => Some(ReadyPhoto {
            id: id.clone(),
            photo: photo.clone(),
            saved: *saved,
        }),
        _ => None,
    }
}

fn count(photos: &[TrayPhoto]) -> usize {
    photos
        .iter()
        .filter(|p| !matches!(p.state, PhotoState::Failed(_)))
        .count()
}

fn release(photo: &TrayPhoto) {
    if let PhotoState::Ready { preview, .. } = &photo.state {
        let _ = web_sys::Url::revoke_object_url(preview);
    }
}

/// The photo part of the report form, starting with the photos `saved` with the report
/// being fixed, or with its draft.
#[component]
pub fn PhotoSlot(
    #[prop(optional)] saved: Vec<StoredPhoto>,
    /// The saved photos are the report's being fixed (rather than its draft's).
    #[prop(optional)]
    fixing: bool,
) -> impl IntoView {
    let tray = expect_context::<PhotoTray>();
    tray.clear();
    for photo in saved {
        // A saved photo's place was offered when it was added.
        let compressed = CompressedPhoto {
            bytes: photo.bytes,
            width: photo.width,
            height: photo.height,
            place: None,
        };
        if let Some(preview) = preview_url(&compressed) {
            tray.add(PhotoState::Ready {
                photo: Arc::new(compressed),
                preview,
                id: photo.id,
                saved: fixing,
            });
        }
    }
    let config = use_session().config;
    let max_count = usize::from(config.photo_max_count);
    let limits = PhotoLimits {
        max_long_edge: config.photo_max_long_edge_px,
        target_bytes: usize::try_from(config.photo_target_bytes).unwrap_or(usize::MAX),
        ..PhotoLimits::default()
    };
    let notice = RwSignal::new(None::<String>);
    let on_files = move |event: web_sys::Event| {
        let input: HtmlInputElement = event_target(&event);
        let Some(files) = input.files() else {
            return;
        };
        notice.set(None);
        for file in (0..files.length()).filter_map(|i| files.item(i)) {
            if tray.counted() >= max_count {
                notice.set(Some(format!(
                    "A report can have up to {max_count} photos; the others were not added."
                )));
                break;
            }
            let key = tray.add(PhotoState::Preparing(Progress::reading()));
            leptos::task::spawn_local(async move {
                let compressed = photo::compress(&file, &limits, move |progress| {
                    tray.set(key, PhotoState::Preparing(progress));
                })
                .await;
                let state = match compressed.map(|photo| (preview_url(&photo), photo)) {
                    Ok((Some(preview), photo)) => PhotoState::Ready {
                        photo: Arc::new(photo),
                        preview,
                        id: PhotoId::random(),
                        saved: false,
                    },
                    Ok((None, _)) => PhotoState::Failed("The photo could not be shown.".into()),
                    Err(error) => PhotoState::Failed(error.user_message()),
                };
                tray.set(key, state);
            });
        }
        // The same file can be chosen again after being removed.
        input.set_value("");
    };
    let full = move || tray.0.with(|p| count(p)) >= max_count;
    view! {
        <p class="hint" id="photos-hint">
            {format!(
                "Up to {max_count} photos. They are made smaller on this device before sending, and \
                 their location, camera and time details are removed."
            )}
        </p>
        <ul class="photo-tray" aria-label="Photos in this report">
            {move || {
                tray.0
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(index, photo)| view! { <TrayItem photo number=index + 1 tray /> })
                    .collect_view()
            }}
        </ul>
        <div class="photo-buttons" class:full=full>
            <input
                id="photo-camera"
                class="visually-hidden"
                type="file"
                accept="image/*"
                capture="environment"
                aria-describedby="photos-hint"
                prop:disabled=full
                on:change=on_files
            />
            // After its input, so the input's focus can outline it (see the style sheet).
            <label class="button" for="photo-camera">"Take a photo"</label>
            <input
                id="photo-gallery"
                class="visually-hidden"
                type="file"
                accept="image/*"
                multiple
                aria-describedby="photos-hint"
                prop:disabled=full
                on:change=on_files
            />
            <label class="button" for="photo-gallery">"Choose photos"</label>
        </div>
        <p role="status" class="photo-notice">{move || notice.get()}</p>
    }
}

#[component]
fn TrayItem(photo: TrayPhoto, number: usize, tray: PhotoTray) -> impl IntoView {
    let key = photo.key;
    let remove = move |_| tray.remove(key);
    match photo.state {
        PhotoState::Preparing(progress) => {
            let stage = match progress.stage {
                Stage::Reading => "reading",
                Stage::Decoding => "resizing",
                Stage::Encoding => "compressing",
            };
            view! {
                <li class="photo preparing">
                    <span>{format!("Photo {number}: {stage}…")}</span>
                    <progress
                        max="1"
                        value=progress.fraction
                        aria-label=format!("Preparing photo {number}")
                    ></progress>
                </li>
            }
            .into_any()
        }
        PhotoState::Ready { photo, preview, .. } => view! {
            <li class="photo ready">
                <img
                    src=preview
                    alt=format!("Photo {number}")
                    width=photo.width
                    height=photo.height
                />
                <span class="size">{format!("{} KB", photo.bytes.len().div_ceil(1000))}</span>
                <button type="button" class="button" on:click=remove>
                    {format!("Remove photo {number}")}
                </button>
            </li>
        }
        .into_any(),
        PhotoState::Failed(message) => view! {
            <li class="photo failed">
                <p role="alert">{format!("Photo {number} was not added. {message}")}</p>
                <button type="button" class="button" on:click=remove>
                    {format!("Dismiss photo {number}")}
                </button>
            </li>
        }
        .into_any(),
    }
}

/// A URL the page can show the compressed bytes at.
fn preview_url(photo: &CompressedPhoto) -> Option<String> {
    object_url(&photo.bytes, "image/jpeg")
}
