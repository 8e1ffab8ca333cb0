import { test, expect } from '@playwright/test';
import { allowLocation, openService, requestsDescribed } from './flows';

// Addresses from the geocoder the city configures (here the reference server's, answering
// from the demo city's gazetteer): matches as the person types, and the nearest address to
// the report's place, sent with the coordinates.

/** A request as GeoReport v2 answers it: the `address_string` sent comes back as `address`. */
type Filed = { address?: string; lat?: number; long?: number };

async function submit(page: import('@playwright/test').Page, description: string) {
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
}

test('typing "121 N La" offers 121 N LaSalle St; choosing it places the report there and sends the address', async ({ page, request }) => {
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('textbox', { name: 'Street address or nearest intersection' }).pressSequentially('121 N La');
  const matches = page.getByRole('list', { name: 'Matching addresses' });
  await expect(matches.getByRole('button', { name: '121 N LaSalle St', exact: true })).toBeVisible();
  await expect(page.getByText('1 address matches.')).toBeVisible();
  await matches.getByRole('button', { name: '121 N LaSalle St', exact: true }).click();
  const field = page.getByRole('textbox', { name: 'Street address or nearest intersection' });
  await expect(field).toHaveValue('121 N LaSalle St');
  await expect(field).toBeFocused();
  await expect(page.getByText(/^Location of the address: 41\.884\d\d, -87\.631\d\d\.$/)).toBeVisible();
  await expect(matches).toHaveCount(0);

  const description = `Pothole at City Hall, ${Date.now()}`;
  await submit(page, description);
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
  const [filed] = (await requestsDescribed(request, description)) as Filed[];
  expect(filed.address).toBe('121 N LaSalle St');
  // The gazetteer's place of the address, as the search answered it.
  const [found] = await (await request.get('/geocoder/search', { params: { q: '121 N LaSalle St', format: 'jsonv2' } })).json();
  expect(Math.abs(Number(filed.lat) - Number(found.lat))).toBeLessThan(1e-6);
  expect(Math.abs(Number(filed.long) - Number(found.lon))).toBeLessThan(1e-6);
});

test('an address no one has is said so, and the report is not moved', async ({ page }) => {
  await openService(page, 'Pothole in Street');
  await page.getByRole('textbox', { name: 'Street address or nearest intersection' }).pressSequentially('9999 Nowhere');
  await expect(page.getByText('No address matches “9999 Nowhere”.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Matching addresses' })).toHaveCount(0);
  await expect(page.getByText(/^Location of the address/)).toHaveCount(0);
});

test('with the device\'s location, the nearest address is shown and sent when none is typed', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  const [nearest] = [await (await request.get('/geocoder/reverse', { params: { lat: '41.8781', lon: '-87.6298', format: 'jsonv2' } })).json()];
  await expect(page.getByRole('status').filter({ hasText: `Near ${nearest.display_name}` })).toBeVisible();

  const description = `Pothole near the nearest address, ${Date.now()}`;
  await submit(page, description);
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
  const [filed] = (await requestsDescribed(request, description)) as Filed[];
  expect(filed.address).toBe(nearest.display_name);
});

test('after a reload, a kept report finds its nearest address again instead of keeping it as typed', async ({ context, page, baseURL }) => {
  await allowLocation(context, baseURL!);
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Near / })).toBeVisible();
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill('Kept with its place');
  await page.reload();
  await expect(page.getByRole('heading', { name: /^Continue your Pothole in Street report from .+\?$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(/^Location saved with the report: 41\.87810, -87\.62980\.$/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Street address or nearest intersection' })).toHaveValue('');
  await expect(page.getByRole('status').filter({ hasText: /^Near / })).toBeVisible();
});
