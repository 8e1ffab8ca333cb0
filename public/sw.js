// Report311 service worker: the app shell offline, configuration and catalogue
// stale-while-revalidate, the map tiles the person has seen (bounded), and the outbox sent by Background Sync with
// no page open. `cargo xtask dist` fills in the two constants below from the files of the
// build.
const VERSION = '__VERSION__';
const PRECACHE_URLS = __PRECACHE_URLS__;

// The outbox's sync and the catalogue's keeping, in Rust (src/bin/sync_worker.rs): Trunk gives workers fixed names, and
// this no-modules glue defines `wasm_bindgen`. Scripts can only be imported while the worker
// first runs; without them the worker still serves the app, and open pages still sync.
const SYNC_WORKER_WASM = '/sync_worker_bg.wasm';
try {
  importScripts('/sync_worker.js');
} catch (error) {
  console.warn('Report311: the outbox cannot be sent in the background', error);
}

const SHELL_CACHE = `report311-shell-${VERSION}`;
const RUNTIME_CACHE = 'report311-runtime';
// Reads worth answering from cache while a fresh copy is fetched: the city's configuration
// and catalogue change rarely, and the report flow must work offline after one visit.
const REVALIDATED = [/^\/config\.json$/, /^\/open311\/v2\/(discovery|services)(\/[^/]+)?\.(json|xml)$/];
// Paths the server owns: never answered with the app shell.
const SERVER_PATHS = /^\/(open311|media|admin)\//;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(PRECACHE_URLS);
      // The first install has nothing to replace; later ones wait until the person agrees.
      if (!self.registration.active) {
        await self.skipWaiting();
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  const activated = (async () => {
    const names = await caches.keys();
    await Promise.all(
      names
        .filter((name) => name.startsWith('report311-shell-') && name !== SHELL_CACHE)
        .map((name) => caches.delete(name)),
    );
    await self.clients.claim();
  })();
  event.waitUntil(activated);
  // The city's catalogue, kept for reporting offline from the first visit, once this version
  // is in charge. Outside waitUntil: pages' requests wait for activation, and must not wait
  // for this. A page's own start does the same, under the same lock, if this is cut short.
  activated
    .then(keepCatalogue)
    .catch((error) => console.warn('Report311: the catalogue was not kept', error));
});

async function keepCatalogue() {
  const [worker, config] = await Promise.all([syncWorker(), configText()]);
  await worker.keep_catalogue(config);
}

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') {
    self.skipWaiting();
  }
});

// Background Sync: the browser wakes the worker when the network is back, pages open or not.
// The worker sends the outbox itself; a failed event (reports still waiting) is fired again
// later by the browser. Open pages are told of every change, and once more at the end, when
// they sync whatever the worker could not.
self.addEventListener('sync', (event) => {
  if (event.tag === 'outbox') {
    event.waitUntil(sendOutbox().finally(outboxChanged));
  }
});

async function sendOutbox() {
  const [sync, config] = await Promise.all([syncWorker(), configText()]);
  await sync.sync_outbox(config, outboxChanged);
}

let syncWorkerReady;

// The sync's wasm, started on the first sync event of this worker's life.
function syncWorker() {
  if (typeof wasm_bindgen === 'undefined') {
    return Promise.reject(new Error('the sync worker was not loaded'));
  }
  syncWorkerReady ??= wasm_bindgen({ module_or_path: cacheFirst(new Request(SYNC_WORKER_WASM)) })
    .then(() => wasm_bindgen)
    .catch((error) => {
      syncWorkerReady = undefined;
      throw error;
    });
  return syncWorkerReady;
}

// The configuration as the city serves it now, else as last seen.
async function configText() {
  try {
    const response = await fetch('/config.json');
    if (response.ok) {
      return await response.text();
    }
  } catch {
    // Offline: the kept copy below.
  }
  const cached =
    (await (await caches.open(RUNTIME_CACHE)).match('/config.json', { ignoreVary: true })) ||
    (await caches.match('/config.json', MATCH));
  if (!cached) {
    throw new Error('config.json is not available');
  }
  return cached.text();
}

// The configuration as last kept, else as the city serves it now: deciding whether an image
// is a tile must not wait on a weak network.
async function keptConfigText() {
  const kept =
    (await (await caches.open(RUNTIME_CACHE)).match('/config.json', { ignoreVary: true })) ||
    (await caches.match('/config.json', MATCH));
  return kept ? kept.text() : configText();
}

async function outboxChanged() {
  const clients = await self.clients.matchAll({ type: 'window' });
  clients.forEach((client) => client.postMessage({ type: 'outbox-changed' }));
}

// A tapped notification opens the report it is about: in a window of the app if one is
// open, in a new one otherwise.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || '/reports', self.location.origin);
  if (url.origin !== self.location.origin) {
    return;
  }
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).origin === url.origin);
      // A window this worker does not control cannot be navigated: a new one opens instead.
      const shown = open ? await open.navigate(url.href).catch(() => null) : null;
      if (shown) {
        await shown.focus().catch(() => undefined);
      } else {
        await self.clients.openWindow(url.href);
      }
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  // Whether an image is a tile depends on the configuration, which takes a moment to read:
  // every CORS image waits for it, and those that are not tiles go on to the network.
  if (request.destination === 'image' && request.mode === 'cors') {
    event.respondWith(image(event, request));
    return;
  }
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === 'navigate' && !SERVER_PATHS.test(url.pathname)) {
    event.respondWith(appShell(request));
  } else if (REVALIDATED.some((pattern) => pattern.test(url.pathname))) {
    event.respondWith(staleWhileRevalidate(event, request));
  } else if (PRECACHE_URLS.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

// The server varies its answers on Origin (CORS), but the page's module and wasm requests carry
// an Origin header that the install-time requests did not: the cached copy is the same file.
const MATCH = { cacheName: SHELL_CACHE, ignoreVary: true };

// Every client-side route is the same app; the router inside picks the screen. The root's page
// also carries the home screen's markup, which other routes must not flash.
async function appShell(request) {
  const page = new URL(request.url).pathname === '/' ? '/' : '/app.html';
  const cached = await caches.match(page, MATCH);
  return cached || fetch(request);
}

async function cacheFirst(request) {
  const cached = await caches.match(request, MATCH);
  return cached || fetch(request);
}

async function staleWhileRevalidate(event, request) {
  const cache = await caches.open(RUNTIME_CACHE);
  // A fresher runtime copy wins over the one precached at install.
  const cached = (await cache.match(request, { ignoreVary: true })) || (await caches.match(request, MATCH));
  const refresh = fetch(request).then(async (response) => {
    if (response.ok) {
      await cache.put(request, response.clone());
    }
    return response;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => undefined));
    return cached;
  }
  return refresh;
}

// Map tiles. Those of a saved area (cache report311-areas, filled by the page) are kept until
// the person removes the area; those the person has seen are kept up to a budget, the least
// recently used let go first. A kept tile older than a week is shown, then fetched again.
const TILE_CACHE = 'report311-tiles';
const AREA_CACHE = 'report311-areas';
const TILE_BUDGET_MB = 30;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
// A tile's last use is written back at most this often: it orders the tiles after a restart.
const TOUCH_MS = 60 * 60 * 1000;
const BYTES = 'x-report311-bytes';
const USED = 'x-report311-used';
const STORED = 'x-report311-stored';
const TILE_MATCH = { ignoreVary: true };

let tileRoute;

// The configured tile template as a pattern, and the budget; `null` without a map.
function tileSource() {
  tileRoute ??= keptConfigText()
    .then((text) => {
      const tiles = JSON.parse(text).map_tiles;
      if (!tiles || typeof tiles.url !== 'string') {
        return null;
      }
      // Placeholders swapped for markers that survive URL parsing, then for number patterns.
      const marked = new URL(tiles.url.replace(/\{([zxy])\}/g, 'TILE$1MARK'), self.location.origin).href;
      const escaped = marked.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pattern = new RegExp(`^${escaped.replace(/TILE[zxy]MARK/g, '\\d+')}$`);
      const megabytes = Number(tiles.cache_mb) > 0 ? Number(tiles.cache_mb) : TILE_BUDGET_MB;
      return { pattern, budget: megabytes * 1024 * 1024 };
    })
    .catch((error) => {
      tileRoute = undefined;
      console.warn('Report311: map tiles are not kept', error);
      return null;
    });
  return tileRoute;
}

async function image(event, request) {
  const source = await tileSource();
  if (!source || !source.pattern.test(request.url)) {
    return fetch(request);
  }
  const saved = await (await caches.open(AREA_CACHE)).match(request.url, TILE_MATCH);
  if (saved) {
    return saved;
  }
  const seen = await (await caches.open(TILE_CACHE)).match(request.url, TILE_MATCH);
  if (!seen) {
    return fetchTile(event, request, source);
  }
  const now = Date.now();
  if (now - Number(seen.headers.get(STORED)) > WEEK_MS) {
    event.waitUntil(fetchTile(event, request, source).catch(() => undefined));
  } else if (now - Number(seen.headers.get(USED)) > TOUCH_MS) {
    event.waitUntil(keepTile(request.url, seen.clone(), source, Number(seen.headers.get(STORED))));
  } else {
    const entry = (await tileIndex()).get(request.url);
    if (entry) {
      entry.used = now;
    }
  }
  return seen;
}

async function fetchTile(event, request, source) {
  const response = await fetch(request);
  // Only answers that can be read: an opaque one may be an error, and costs megabytes of quota.
  if (response.ok && (response.type === 'cors' || response.type === 'basic')) {
    event.waitUntil(keepTile(request.url, response.clone(), source, Date.now()));
  }
  return response;
}

let tileEntries;

// url → { bytes, used } of every kept tile, read from the cache once per worker.
function tileIndex() {
  tileEntries ??= (async () => {
    const cache = await caches.open(TILE_CACHE);
    const entries = new Map();
    for (const request of await cache.keys()) {
      const response = await cache.match(request, TILE_MATCH);
      if (response) {
        entries.set(request.url, { bytes: Number(response.headers.get(BYTES)) || 0, used: Number(response.headers.get(USED)) || 0 });
      }
    }
    return entries;
  })();
  return tileEntries;
}

// Tiles are written one at a time: the budget is counted over a settled cache.
let tileWrites = Promise.resolve();

function keepTile(url, response, source, stored) {
  tileWrites = tileWrites
    .then(async () => {
      const body = await response.arrayBuffer();
      const now = Date.now();
      const headers = new Headers(response.headers);
      headers.set(BYTES, String(body.byteLength));
      headers.set(USED, String(now));
      headers.set(STORED, String(stored));
      const cache = await caches.open(TILE_CACHE);
      await cache.put(url, new Response(body, { status: response.status, statusText: response.statusText, headers }));
      const entries = await tileIndex();
      entries.set(url, { bytes: body.byteLength, used: now });
      await trimTiles(cache, entries, source.budget);
    })
    .catch((error) => console.warn('Report311: a map tile was not kept', error));
  return tileWrites;
}

async function trimTiles(cache, entries, budget) {
  let total = 0;
  entries.forEach((entry) => {
    total += entry.bytes;
  });
  if (total <= budget) {
    return;
  }
  const oldestFirst = [...entries].sort(([, a], [, b]) => a.used - b.used);
  for (const [url, entry] of oldestFirst) {
    if (total <= budget) {
      break;
    }
    await cache.delete(url, TILE_MATCH);
    entries.delete(url);
    total -= entry.bytes;
  }
}
