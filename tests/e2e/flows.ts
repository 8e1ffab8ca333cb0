import { join } from 'node:path';
import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';

// What a person does again and again, and what the tests ask the reference server.

/** Opens the form of the service named `name` from the service list. */
export async function openService(page: Page, name: string) {
  await page.goto('/report');
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Lets the page read a location, as a phone whose owner allowed it would. */
export async function allowLocation(context: BrowserContext, baseURL: string) {
  await context.grantPermissions(['geolocation'], { origin: baseURL });
  await context.setGeolocation({ latitude: 41.8781, longitude: -87.6298, accuracy: 12 });
}

/** One online visit to the pothole's form once the service worker controls the page: the
 * catalogue and the pothole's questions are then kept on the device, for filing offline. */
export async function visitPotholeOnline(context: BrowserContext, page: Page, baseURL: string) {
  await allowLocation(context, baseURL);
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
  await page.goto('/report');
  await page.getByRole('link', { name: 'Pothole in Street', exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Traffic lane' })).toBeVisible();
}

/** A 12-megapixel phone photo from the shared fixtures (CI has them beside the checkout). */
export function fixturePhoto(name: 'phone-12mp-orient6-gps.jpg' | 'phone-12mp-orient1.jpg') {
  return join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'photos', name);
}

/** Files a pothole report with `description` (and photos) and waits for it to be saved. */
export async function reportPothole(page: Page, description: string, photos: string[] = []) {
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  if (photos.length > 0) {
    await page.getByLabel('Choose photos').setInputFiles(photos);
    for (let n = 1; n <= photos.length; n++) {
      await expect(page.getByRole('button', { name: `Remove photo ${n}` })).toBeVisible({ timeout: 30_000 });
    }
  }
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  await expect(page.getByRole('listitem').filter({ hasText: description })).toBeVisible();
}

export interface FiledRequest {
  service_request_id?: string;
  description?: string;
  extended_attributes?: { photos?: Array<{ media_url: string; width?: number; height?: number }> };
}

/** The server's requests with exactly this description. */
export async function requestsDescribed(request: APIRequestContext, description: string): Promise<FiledRequest[]> {
  const response = await request.get('/open311/v2/requests.json', {
    params: { service_code: 'pothole_in_street', extensions: 'true' },
  });
  expect(response.ok()).toBeTruthy();
  const requests: FiledRequest[] = await response.json();
  return requests.filter((r) => r.description === description);
}

/** Calls the reference server's admin API. */
export async function admin(request: APIRequestContext, method: 'POST' | 'DELETE', path: string, data?: object) {
  const response = await request.fetch(path, {
    method,
    data,
    headers: { Authorization: `Bearer ${process.env.REPORT311_ADMIN_TOKEN}` },
  });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBeTruthy();
}
