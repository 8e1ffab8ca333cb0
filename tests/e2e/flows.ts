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

/** Files a pothole report with `description` and waits for it to be saved in the outbox. */
export async function reportPothole(page: Page, description: string) {
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  await expect(page.getByRole('listitem').filter({ hasText: description })).toBeVisible();
}

/** The server's requests with exactly this description. */
export async function requestsDescribed(request: APIRequestContext, description: string) {
  const response = await request.get('/open311/v2/requests.json', {
    params: { service_code: 'pothole_in_street', extensions: 'true' },
  });
  expect(response.ok()).toBeTruthy();
  const requests: Array<{ description?: string; service_request_id?: string }> = await response.json();
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
