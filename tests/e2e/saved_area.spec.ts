import { test, expect, type Locator, type Page } from '@playwright/test';
import { visitPotholeOnline } from './flows';

// "Save this area for offline": from the map and from the settings, the size said first,
// progress while it saves, a cut network and a reload survived without fetching a tile twice,
// the storage quota respected, the saved tiles shown with no signal, and the area removed.

function map(page: Page): Locator {
  return page.getByRole('application', { name: "Map of the problem's place" });
}

const PLAN = /^About (\d+) map tiles, about [\d.]+ (kB|MB), within (1\.0 km|2\.0 km|500 m)\.$/;

/** Drags the map by (dx, dy) pixels, as a finger or a mouse pans it. */
async function pan(page: Page, dx: number, dy: number) {
  const box = (await map(page).boundingBox())!;
  // Clear of the pin, which would be dragged instead.
  const from = { x: box.x + box.width / 4, y: box.y + box.height / 4 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 5 });
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 5 });
  await page.mouse.up();
}

/** Every tile image the map has, shown once the map settles: none left loading. */
async function settledTiles(page: Page) {
  await expect
    .poll(async () => map(page).locator('img.leaflet-tile').evaluateAll((tiles) => tiles.every((tile) => (tile as HTMLImageElement).complete)))
    .toBe(true);
}

/** In Settings, saves the 2 km around 121 N LaSalle St found by address; the tiles it plans. */
async function save2kmAroundCityHall(page: Page): Promise<number> {
  await page.getByRole('textbox', { name: 'Or around an address' }).fill('121 N LaSalle St');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('list', { name: 'Matching addresses' }).getByRole('button', { name: '121 N LaSalle St', exact: true }).click();
  await page.getByRole('button', { name: 'Save this area for offline' }).click();
  await page.getByRole('combobox', { name: 'How far around' }).selectOption({ label: '2.0 km' });
  const plan = page.getByRole('status').filter({ hasText: /within 2\.0 km\.$/ });
  await expect(plan).toBeVisible();
  const total = Number((await plan.innerText()).match(PLAN)![1]);
  await page.getByRole('button', { name: 'Save area' }).click();
  return total;
}

test('an area saved from the map shows its tiles offline with no failed request, and the plain ground beyond it', async ({ context, page, baseURL }) => {
  await visitPotholeOnline(context, page, baseURL!);
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(map(page).locator('img.leaflet-tile-loaded').first()).toBeVisible();

  await page.getByRole('button', { name: 'Save this area for offline' }).click();
  await expect(page.getByRole('combobox', { name: 'How far around' })).toHaveValue('1000');
  const plan = page.getByRole('status').filter({ hasText: PLAN });
  await expect(plan).toBeVisible();
  const total = Number((await plan.innerText()).match(PLAN)![1]);
  expect(total).toBeGreaterThan(300);
  await page.getByRole('button', { name: 'Save area' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved: ${total} map tiles` })).toBeVisible({ timeout: 60_000 });
  expect(await page.evaluate(async () => (await (await caches.open('report311-areas')).keys()).length)).toBe(total);

  await context.setOffline(true);
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(request.url()));
  await page.reload();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(map(page).locator('img.leaflet-tile-loaded').first()).toBeVisible();
  await map(page).scrollIntoViewIfNeeded();
  // Within the area (1 km is about 1,100 px at this zoom): every tile shows.
  await pan(page, -250, 150);
  await pan(page, 0, -300);
  await settledTiles(page);
  const tiles = map(page).locator('img.leaflet-tile');
  expect(await tiles.count()).toBeGreaterThan(0);
  await expect(map(page).locator('img.leaflet-tile:not(.leaflet-tile-loaded)')).toHaveCount(0);
  expect(failed).toEqual([]);

  // Beyond it: no tile, and nothing broken shows; the pin's place is still said.
  for (let i = 0; i < 4; i += 1) {
    await pan(page, -300, 0);
  }
  await settledTiles(page);
  const missing = map(page).locator('img.leaflet-tile:not(.leaflet-tile-loaded)');
  expect(await missing.count()).toBeGreaterThan(0);
  for (const tile of await missing.all()) {
    await expect(tile).toBeHidden();
  }
  await expect(page.getByText(/^Location saved with the report: 41\.87810, -87\.62980\.$/)).toBeVisible();
});

test('saving from the settings survives a cut network and a reload without fetching a tile twice; removing it frees its tiles', async ({ context, page, baseURL }) => {
  await visitPotholeOnline(context, page, baseURL!);
  const fetched = new Map<string, number>();
  context.on('requestfinished', async (request) => {
    if (request.resourceType() === 'fetch' && new URL(request.url()).pathname.startsWith('/tiles/')) {
      const response = await request.response();
      if (response?.ok()) {
        fetched.set(request.url(), (fetched.get(request.url()) ?? 0) + 1);
      }
    }
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const total = await save2kmAroundCityHall(page);

  // Cut once some tiles are kept.
  const saving = page.getByRole('status').filter({ hasText: /^Saving: \d+ of / }).first();
  await expect.poll(async () => Number(((await saving.innerText().catch(() => '')).match(/^Saving: (\d+) of/) ?? [0, 0])[1])).toBeGreaterThan(50);
  await context.setOffline(true);
  const paused = page.getByRole('status').filter({ hasText: /^Paused with no connection: \d+ of \d+ map tiles kept\./ }).first();
  await expect(paused).toBeVisible();
  const keptAtCut = Number((await paused.innerText()).match(/: (\d+) of/)![1]);
  expect(keptAtCut).toBeLessThan(total);

  await page.reload();
  const area = page.getByRole('list', { name: 'Saved map areas' }).getByRole('listitem').filter({ hasText: '2.0 km around 121 N LaSalle St' });
  await expect(area.getByRole('status')).toHaveText(/^Paused with no connection: \d+ of/);
  const keptAfterReload = Number((await area.getByRole('status').innerText()).match(/: (\d+) of/)![1]);
  expect(keptAfterReload).toBeGreaterThanOrEqual(keptAtCut);

  await context.setOffline(false);
  await expect(area.getByRole('status')).toContainText(`Saved: ${total} map tiles`, { timeout: 60_000 });
  // Resumed, not started over: no tile was fetched twice.
  const twice = [...fetched].filter(([, times]) => times > 1);
  expect(twice).toEqual([]);
  expect(fetched.size).toBeLessThanOrEqual(total);

  await area.getByRole('button', { name: 'Remove 2.0 km around 121 N LaSalle St' }).click();
  await expect(page.getByText('No area is saved yet.')).toBeVisible();
  await expect.poll(() => page.evaluate(async () => (await (await caches.open('report311-areas')).keys()).length)).toBe(0);
});

test('when the browser refuses more room, saving stops with a sentence and resumes once there is room', async ({ context, page, baseURL }) => {
  await visitPotholeOnline(context, page, baseURL!);
  // Room for what the app holds already and half a megabyte more. (Chromium applies this to
  // writes but not to navigator.storage.estimate(), so the check before starting cannot see
  // it: the refusal comes from the cache, as on a full phone.)
  const origin = new URL(baseURL!).origin;
  const cdp = await context.newCDPSession(page);
  const used = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: used + 500_000 });
  await page.goto('/settings');
  const total = await save2kmAroundCityHall(page);
  const area = page.getByRole('list', { name: 'Saved map areas' }).getByRole('listitem').filter({ hasText: '2.0 km around 121 N LaSalle St' });
  await expect(area.getByRole('status')).toHaveText(/^Paused: the device has no more room for the app \(\d+ of \d+ map tiles kept\)\. Free some space, then resume\.$/, { timeout: 30_000 });
  const kept = Number((await area.getByRole('status').innerText()).match(/\((\d+) of/)![1]);
  expect(kept).toBeLessThan(total);

  // Space freed: the person resumes.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await area.getByRole('button', { name: 'Resume saving' }).click();
  await expect(area.getByRole('status')).toContainText(`Saved: ${total} map tiles`, { timeout: 60_000 });
});
