import { test, expect, type Page } from '@playwright/test';
import { allowLocation, openService, requestsDescribed } from './flows';

// An impatient tap, twice or three times, on a slow phone: each action that writes happens
// once. The guarantee is in the data (a report's identity is given when its form opens), so
// these taps come as a person's pointer makes them, and as script calls within one task.

/** Fills in a pothole report up to its review. */
async function reviewPothole(page: Page, description: string) {
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
  await page.getByRole('button', { name: 'Review report' }).click();
  await expect(page.getByRole('button', { name: 'Submit report' })).toBeVisible();
}

/** Waits until the outbox has sent everything and the server lists the report, then checks
 * that it holds it once. */
async function filedOnce(page: Page, request: Parameters<typeof requestsDescribed>[0], description: string) {
  await expect(page).toHaveURL(/\/outbox$/);
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 30_000 });
  // The server lists a request once the city has given it an id (token mode, as Chicago).
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await requestsDescribed(request, description)).toHaveLength(1);
  // Nothing more is on its way (the outbox said all sent), and the device keeps one report.
  await page.goto('/reports');
  await expect(page.getByRole('list', { name: 'Followed reports' }).getByRole('listitem').filter({ hasText: description })).toHaveCount(1);
}

test('a double tap on "Submit report" files one report', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const description = `Double-tapped ${Date.now()}`;
  await reviewPothole(page, description);
  await page.getByRole('button', { name: 'Submit report' }).dblclick();
  await filedOnce(page, request, description);
});

test('a triple tap on "Submit report" files one report', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const description = `Triple-tapped ${Date.now()}`;
  await reviewPothole(page, description);
  await page.getByRole('button', { name: 'Submit report' }).click({ clickCount: 3 });
  await filedOnce(page, request, description);
});

test('three clicks in one task on "Submit report" file one report', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const description = `Clicked three times at once ${Date.now()}`;
  await reviewPothole(page, description);
  await page.getByRole('button', { name: 'Submit report' }).evaluate((button: HTMLElement) => {
    button.click();
    button.click();
    button.click();
  });
  await filedOnce(page, request, description);
});

test('a double tap on "Follow" follows the request once', async ({ page }) => {
  await page.goto('/reports');
  await page.getByRole('textbox', { name: 'Request number' }).fill('1');
  await page.getByRole('button', { name: 'Follow', exact: true }).dblclick();
  await expect(page.getByRole('status').filter({ hasText: /follow request 1\./ })).toBeVisible();
  const list = page.getByRole('list', { name: 'Followed reports' });
  await expect(list.getByRole('listitem').filter({ hasText: 'Request 1' })).toHaveCount(1);
  await page.reload();
  await expect(list.getByRole('listitem').filter({ hasText: 'Request 1' })).toHaveCount(1);
});

test('three clicks in one task on "Follow this one instead" follow once and file nothing', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const description = `Followed instead ${Date.now()}`;
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
  const follow = page.getByRole('button', { name: 'Follow this one instead (request 1)', exact: true });
  await follow.evaluate((button: HTMLElement) => {
    button.click();
    button.click();
    button.click();
  });
  await expect(page).toHaveURL(/\/reports\/1$/);
  await page.goto('/reports');
  const list = page.getByRole('list', { name: 'Followed reports' });
  await expect(list.getByRole('listitem').filter({ hasText: 'Request 1' })).toHaveCount(1);
  expect(await requestsDescribed(request, description)).toHaveLength(0);
  // Following instead keeps no draft of the report not filed.
  await page.goto('/report');
  await expect(page.getByRole('heading', { name: 'Reports you began' })).toHaveCount(0);
});
