import { test, expect, type Locator, type Page } from '@playwright/test';
import { allowLocation, openService, requestsDescribed, visitPotholeOnline } from './flows';

// The map under "Where is the problem?", with the reference server's demo tiles: the pin at
// the device's fix, moved by keyboard, tap or drag, and the open requests nearby as markers.
// `allowLocation` puts the browser at 41.8781,-87.6298, where request 1 is seeded.

const FIX = { latitude: 41.8781, longitude: -87.6298 };
/** One keyboard step at zoom 17: 10 px of a world 256 × 2^17 px wide. */
const STEP_DEG = (10 * 360) / (256 * 2 ** 17);
const PINNED = /^Pin on the map at (-?\d+\.\d{6}), (-?\d+\.\d{6})\.$/;

function map(page: Page): Locator {
  return page.getByRole('application', { name: "Map of the problem's place" });
}

/** The coordinates the status line says the pin is at. */
async function pinnedAt(page: Page): Promise<{ latitude: number; longitude: number }> {
  const status = page.getByRole('status').filter({ hasText: PINNED });
  await expect(status).toHaveCount(1);
  const [, latitude, longitude] = (await status.innerText()).match(PINNED)!;
  return { latitude: Number(latitude), longitude: Number(longitude) };
}

async function startWithLocation(page: Page) {
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  await expect(map(page)).toBeVisible();
}

test('the map shows the city\'s tiles with the pin at the fix; five steps east by keyboard move the sent report by what the status said', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const tiles: string[] = [];
  page.on('requestfinished', (finished) => {
    if (new URL(finished.url()).pathname.startsWith('/tiles/')) {
      tiles.push(finished.url());
    }
  });
  await startWithLocation(page);
  // Tiles of the configured server, at street level, loaded and shown.
  await expect(map(page).locator('img.leaflet-tile-loaded').first()).toBeVisible();
  expect(tiles.some((url) => /\/tiles\/17\/\d+\/\d+\.png$/.test(url))).toBeTruthy();
  // The pin's point is the map's centre, which is the fix.
  const box = (await map(page).boundingBox())!;
  const pin = (await map(page).getByTitle("The problem's place").boundingBox())!;
  expect(Math.abs(pin.x + pin.width / 2 - (box.x + box.width / 2))).toBeLessThan(2);
  expect(Math.abs(pin.y + pin.height - (box.y + box.height / 2))).toBeLessThan(2);
  await expect(page.getByText(/arrow keys move the pin 9 m \(with Shift, 44 m\)/)).toBeVisible();

  await map(page).focus();
  for (let step = 0; step < 5; step += 1) {
    await page.keyboard.press('ArrowRight');
  }
  const said = await pinnedAt(page);
  expect(Math.abs(said.latitude - FIX.latitude)).toBeLessThan(1e-6);
  expect(Math.abs(said.longitude - FIX.longitude - 5 * STEP_DEG)).toBeLessThan(1e-6);
  // Focus stays on the map, and the page did not scroll sideways.
  await expect(map(page)).toBeFocused();

  const description = `Pothole placed by keyboard ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
  const [filed] = await requestsDescribed(request, description);
  expect(Math.abs(Number(filed.long) - said.longitude)).toBeLessThan(1e-6);
  expect(Math.abs(Number(filed.lat) - said.latitude)).toBeLessThan(1e-6);
});

test('tapping the map or dragging the pin moves the report; + and − zoom and change the step', async ({ context, page, baseURL }) => {
  await allowLocation(context, baseURL!);
  await startWithLocation(page);
  await map(page).scrollIntoViewIfNeeded();
  const box = (await map(page).boundingBox())!;

  // A tap 60 px west of the centre.
  await map(page).tap({ position: { x: box.width / 2 - 60, y: box.height / 2 } });
  const tapped = await pinnedAt(page);
  // 60 px is six steps' width.
  expect(tapped.longitude).toBeLessThan(FIX.longitude - 5 * STEP_DEG);
  expect(tapped.longitude).toBeGreaterThan(FIX.longitude - 7 * STEP_DEG);

  // The pin dragged 40 px north.
  const pin = (await map(page).getByTitle("The problem's place").boundingBox())!;
  const grip = { x: pin.x + pin.width / 2, y: pin.y + pin.height / 3 };
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(grip.x, grip.y - 20, { steps: 4 });
  await page.mouse.move(grip.x, grip.y - 40, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await pinnedAt(page)).latitude).toBeGreaterThan(tapped.latitude + 3 * STEP_DEG * 0.7);

  await map(page).focus();
  await page.keyboard.press('+');
  await expect(page.getByText(/arrow keys move the pin 4 m \(with Shift, 22 m\)/)).toBeVisible();
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(page.getByText(/arrow keys move the pin 18 m \(with Shift, 89 m\)/)).toBeVisible();
});

test('an open request nearby shows on the map; choosing it offers to follow it instead', async ({ context, page, baseURL }) => {
  await allowLocation(context, baseURL!);
  await startWithLocation(page);
  await expect(page.getByRole('region', { name: 'Open reports nearby' }).getByText('Deep pothole in the right lane')).toBeVisible();
  await expect(map(page).getByTitle(/^Request 1: /)).toHaveCount(1);
  // Request 1 lies under the pin (with any pothole earlier tests filed at the same spot): the
  // pin moves off them first, and the marker on top is chosen.
  await map(page).focus();
  await page.keyboard.press('Shift+ArrowDown');
  const marker = map(page).getByTitle(/^Request \d+: /).last();
  const id = (await marker.getAttribute('title'))!.match(/^Request (\d+): /)![1];
  await marker.click();
  const chosen = page.getByRole('list', { name: 'Chosen on the map' });
  await chosen.getByRole('button', { name: `Follow this one instead (request ${id})`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/${id}$`));
});

test('a screen-reader user can skip the map to the address', async ({ context, page, baseURL }) => {
  await allowLocation(context, baseURL!);
  await startWithLocation(page);
  await page.getByRole('button', { name: 'Skip the map and type the address' }).click();
  await expect(page.getByRole('textbox', { name: 'Street address or nearest intersection' })).toBeFocused();
});

test('choosing an address moves the pin there', async ({ page }) => {
  await openService(page, 'Pothole in Street');
  await page.getByRole('textbox', { name: 'Street address or nearest intersection' }).pressSequentially('121 N La');
  await page.getByRole('list', { name: 'Matching addresses' }).getByRole('button', { name: '121 N LaSalle St', exact: true }).click();
  await expect(map(page)).toBeVisible();
  await expect(map(page).locator('img.leaflet-tile-loaded').first()).toBeVisible();
  const box = (await map(page).boundingBox())!;
  const pin = (await map(page).getByTitle("The problem's place").boundingBox())!;
  expect(Math.abs(pin.x + pin.width / 2 - (box.x + box.width / 2))).toBeLessThan(2);
  // No accuracy circle: an address is not a fix.
  await expect(map(page).locator('path.map-accuracy')).toHaveCount(0);
});

test('tiles seen online are shown again offline, with no failed request', async ({ context, page, baseURL }) => {
  await visitPotholeOnline(context, page, baseURL!);
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(map(page).locator('img.leaflet-tile-loaded').first()).toBeVisible();
  const shown = await map(page).locator('img.leaflet-tile-loaded').count();
  // Kept by the service worker as they arrive.
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open('report311-tiles')).keys()).length))
    .toBeGreaterThanOrEqual(shown);

  await context.setOffline(true);
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(request.url()));
  await page.reload();
  // The form kept its place: the map opens there, from what the device holds.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(/^Location saved with the report: 41\.87810, -87\.62980\.$/)).toBeVisible();
  await expect(map(page).locator('img.leaflet-tile-loaded')).toHaveCount(shown);
  expect(failed).toEqual([]);
});

test('the tiles seen are kept within their budget, the least recently used let go first', async ({ context, page, baseURL }) => {
  // A city that keeps 16 kB of seen tiles: a handful of the demo city's.
  const budget = 16_000;
  await context.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    config.map_tiles.cache_mb = budget / (1024 * 1024);
    await route.fulfill({ response, json: config });
  });
  await visitPotholeOnline(context, page, baseURL!);
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(map(page).locator('img.leaflet-tile-loaded').first()).toBeVisible();
  const first = await map(page).locator('img.leaflet-tile-loaded').first().getAttribute('src');
  await map(page).focus();
  // The pin taken 1,500 px east, the map following it: many more tiles than the budget holds,
  // and the first ones left behind.
  for (let step = 0; step < 30; step += 1) {
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => map(page).locator('img.leaflet-tile:not(.leaflet-tile-loaded)').count()).toBe(0);
  }
  const kept = async () =>
    page.evaluate(async () => {
      const cache = await caches.open('report311-tiles');
      let bytes = 0;
      const urls: string[] = [];
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        bytes += Number(response!.headers.get('x-report311-bytes'));
        urls.push(request.url);
      }
      return { bytes, urls };
    });
  await expect.poll(async () => (await kept()).urls.length).toBeGreaterThan(3);
  const { bytes, urls } = await kept();
  expect(bytes).toBeLessThanOrEqual(budget);
  // The first tiles seen made way for the latest.
  expect(urls).not.toContain(new URL(first!, baseURL).href);
  const latest = await map(page).locator('img.leaflet-tile-loaded').last().getAttribute('src');
  expect(urls).toContain(new URL(latest!, baseURL).href);
});
