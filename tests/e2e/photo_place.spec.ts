import { test, expect } from '@playwright/test';
import { fixturePhoto, openService, requestsDescribed, type FiledRequest } from './flows';

// The photo's own place: someone who photographs a pothole on the way and reports it from
// elsewhere is offered where the photo was taken, read before the photo's metadata goes.

/** Where `phone-12mp-orient6-gps.jpg` was taken, by its EXIF (at 08:15 by its camera). */
const PHOTO = { latitude: 41.8781, longitude: -87.6298 };
const EXIF = Buffer.from('Exif\0\0', 'binary');
/** Metres in a degree of latitude, on the mean Earth radius the app measures with. */
const METRES_PER_DEGREE = 111_195.08;

test('a photo taken 300 m from here offers its place; chosen, the report is filed there and the photo keeps no position', async ({ context, page, baseURL, request }) => {
  await context.grantPermissions(['geolocation'], { origin: baseURL });
  // The phone is now 300 m north of where the photo was taken.
  await context.setGeolocation({ latitude: PHOTO.latitude + 300 / METRES_PER_DEGREE, longitude: PHOTO.longitude, accuracy: 12 });
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.88080, -87.62980')).toBeVisible();

  await page.getByLabel('Choose photos').setInputFiles([fixturePhoto('phone-12mp-orient6-gps.jpg')]);
  await expect(page.getByRole('button', { name: 'Remove photo 1' })).toBeVisible({ timeout: 30_000 });
  // Taken on 20 November 2026: its day is said, and its year after that one.
  const offer = page.getByRole('button', { name: /^Use where the photo was taken \(20 Nov( 2026)?, 08:15, 300 m from here\)$/ });
  await expect(page.getByRole('status').filter({ hasText: 'The photo says where it was taken.' })).toBeVisible();
  await offer.click();
  await expect(page.getByText('Location where the photo was taken: 41.87810, -87.62980.')).toBeVisible();
  await expect(offer).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'The report is placed where the photo was taken.' })).toBeFocused();

  const description = `Pothole photographed on the way, ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);

  const [filed] = (await requestsDescribed(request, description)) as Array<FiledRequest & { lat?: number; long?: number }>;
  expect(Math.abs(Number(filed.lat) - PHOTO.latitude)).toBeLessThan(1e-5);
  expect(Math.abs(Number(filed.long) - PHOTO.longitude)).toBeLessThan(1e-5);
  const [photo] = filed.extended_attributes?.photos ?? [];
  const bytes = await (await request.get(photo.media_url)).body();
  expect(bytes.includes(EXIF), 'no EXIF block').toBe(false);
});

test('close to where the photo was taken, nothing is offered', async ({ context, page, baseURL }) => {
  await context.grantPermissions(['geolocation'], { origin: baseURL });
  await context.setGeolocation({ latitude: PHOTO.latitude + 30 / METRES_PER_DEGREE, longitude: PHOTO.longitude, accuracy: 12 });
  await openService(page, 'Pothole in Street');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText(/^Location found:/)).toBeVisible();
  await page.getByLabel('Choose photos').setInputFiles([fixturePhoto('phone-12mp-orient6-gps.jpg')]);
  await expect(page.getByRole('button', { name: 'Remove photo 1' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: /^Use where the photo was taken/ })).toHaveCount(0);
});
