import { readFileSync } from 'node:fs';
import { test, expect, type APIRequestContext } from '@playwright/test';
import {
  admin,
  fixturePhoto,
  reportPothole,
  requestsDescribed,
  visitPotholeOnline,
  type FiledRequest,
} from './flows';
import { copyFiledReport } from './outbox_copies';

// Reports filed offline wait on the device, survive a closed page, and reach the reference
// server exactly once when the network returns.

test.afterEach(async ({ request }) => {
  await admin(request, 'DELETE', '/admin/faults');
});

const PORTRAIT = fixturePhoto('phone-12mp-orient6-gps.jpg');
const LANDSCAPE = fixturePhoto('phone-12mp-orient1.jpg');

const EXIF = Buffer.from('Exif\0\0', 'binary');

test('the test photos carry the metadata the app must remove', () => {
  for (const photo of [PORTRAIT, LANDSCAPE]) {
    expect(readFileSync(photo).includes(EXIF)).toBe(true);
  }
});

/** Every photo the server stored is a small upright JPEG with no metadata left. */
async function expectCleanPhotos(request: APIRequestContext, filed: FiledRequest, portrait: boolean[]) {
  const photos = filed.extended_attributes?.photos ?? [];
  expect(photos.map((p) => p.height! > p.width!)).toEqual(portrait);
  for (const photo of photos) {
    expect(Math.max(photo.width!, photo.height!)).toBeLessThanOrEqual(1600);
    const response = await request.get(photo.media_url);
    expect(response.headers()['content-type']).toBe('image/jpeg');
    const bytes = await response.body();
    expect(bytes.length).toBeLessThanOrEqual(260_000);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(bytes.includes(EXIF), 'no EXIF block').toBe(false);
  }
}

test('reports filed offline survive a closed page and arrive exactly once', async ({ context, page, baseURL, request }) => {
  await visitPotholeOnline(context, page, baseURL!);

  await context.setOffline(true);
  const descriptions = [1, 2, 3].map((n) => `Offline pothole ${n}, ${Date.now()}`);
  const photos = [[PORTRAIT], [LANDSCAPE], [PORTRAIT, LANDSCAPE]];
  for (const [n, description] of descriptions.entries()) {
    await reportPothole(page, description, photos[n]);
  }
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: 3 waiting' })).toBeVisible();
  await page.close();

  const reopened = await context.newPage();
  await reopened.goto('/outbox');
  const outbox = reopened.getByRole('list', { name: 'Reports in the outbox' });
  for (const description of descriptions) {
    await expect(outbox.getByRole('listitem').filter({ hasText: description })).toContainText('Waiting to send');
  }
  for (const description of descriptions) {
    expect(await requestsDescribed(request, description)).toHaveLength(0);
  }

  await context.setOffline(false);
  await expect(reopened.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 30_000 });
  await expect(reopened.getByText('3 reports have reached the city')).toBeVisible();
  const portrait = [[true], [false], [true, false]];
  for (const [n, description] of descriptions.entries()) {
    const filed = await requestsDescribed(request, description);
    expect(filed, description).toHaveLength(1);
    await expectCleanPhotos(request, filed[0], portrait[n]);
  }
});

test('with answers dropped after commit and half the requests failing, twenty reports arrive exactly once', async ({
  context,
  page,
  baseURL,
  request,
}) => {
  test.setTimeout(240_000);
  await visitPotholeOnline(context, page, baseURL!);

  await context.setOffline(true);
  const descriptions = Array.from({ length: 20 }, (_, n) => `Faulty network pothole ${n + 1}, ${Date.now()}`);
  for (const description of descriptions) {
    await reportPothole(page, description);
  }
  const failuresBefore = serverFailures();
  await admin(request, 'POST', '/admin/faults', { error_rate: 0.5, drop_response_rate: 0.5 });
  await context.setOffline(false);
  const allSent = page.getByRole('status').filter({ hasText: 'Outbox: all sent' });
  // A minute of faults; whatever is still backing off then is sent once they stop.
  await allSent.waitFor({ timeout: 60_000 }).catch(() => undefined);
  expect(serverFailures(), 'the server did fail requests').toBeGreaterThan(failuresBefore);
  await admin(request, 'DELETE', '/admin/faults');
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(allSent).toBeVisible({ timeout: 60_000 });

  for (const description of descriptions) {
    const filed = await requestsDescribed(request, description);
    expect(filed, description).toHaveLength(1);
  }
});

/** How many 5xx answers the reference server has logged so far. */
function serverFailures(): number {
  const log = process.env.REPORT311_SERVER_LOG;
  expect(log, 'REPORT311_SERVER_LOG names the server log').toBeTruthy();
  return (readFileSync(log!, 'utf8').match(/ status=5\d\d /g) ?? []).length;
}

test('a long outbox lists its first hundred and the rest on request', async ({ context, page, baseURL }) => {
  await visitPotholeOnline(context, page, baseURL!);
  await context.setOffline(true);
  await reportPothole(page, 'Long outbox', [LANDSCAPE]);
  await copyFiledReport(page, 120, true);
  await page.goto('/outbox');
  const items = page.getByRole('list', { name: 'Reports in the outbox' }).locator(':scope > li');
  await expect(items).toHaveCount(100);
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: 120 waiting' })).toBeVisible();
  await page.getByRole('button', { name: 'Show 20 more of 120' }).click();
  await expect(items).toHaveCount(120);
  await expect(items.last()).toContainText('Long outbox 120');
  await expect(page.getByRole('button', { name: /^Show \d+ more/ })).toHaveCount(0);
});
