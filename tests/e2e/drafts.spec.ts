import { test, expect, type Page } from '@playwright/test';
import { checkScreen } from './audit';
import { allowLocation, fixturePhoto, openService, requestsDescribed } from './flows';

// "Nothing is ever lost" starts before Submit: the report being written is kept on the device
// as the person goes, and offered back when they return, in a new page or after a reload.

const OFFER = /^Continue your Pothole in Street report from .+\?$/;

/** Fills in every part of a pothole report: an answer, the location, a description, a photo. */
async function fillPothole(page: Page, description: string) {
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  await page.getByLabel('Choose photos').setInputFiles([fixturePhoto('phone-12mp-orient6-gps.jpg')]);
  await expect(page.getByRole('button', { name: 'Remove photo 1' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
}

/** Expects the form to hold what `fillPothole` put in it. */
async function expectRestored(page: Page, description: string) {
  await expect(page.getByRole('radio', { name: 'Traffic lane' })).toBeChecked();
  await expect(page.getByText('Location saved with the report: 41.87810, -87.62980.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Describe the problem' })).toHaveValue(description);
  await expect(page.getByRole('list', { name: 'Photos in this report' }).getByRole('img', { name: 'Photo 1' })).toBeVisible();
}

test('a half-filled report outlives its page, and is filed once with its photo', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const description = `Kept while the tab was closed ${Date.now()}`;
  await fillPothole(page, description);
  // The phone kills the tab: the page goes without a word (typing included, just before).
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await openService(again, 'Pothole in Street');
  await expect(again.getByRole('heading', { name: OFFER })).toBeVisible();
  await again.getByRole('button', { name: 'Continue' }).click();
  await expectRestored(again, description);

  await again.getByRole('button', { name: 'Review report' }).click();
  // The restored draft kept its identity: a double tap still files it once.
  await again.getByRole('button', { name: 'Submit report' }).dblclick();
  await expect(again).toHaveURL(/\/outbox$/);
  await expect(again.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
  const filed = await requestsDescribed(request, description);
  expect(filed[0].extended_attributes?.photos).toHaveLength(1);

  // The draft went with the filing: nothing is offered any more.
  await again.goto('/report');
  await expect(again.getByRole('heading', { level: 1, name: 'Report a problem' })).toBeVisible();
  await expect(again.getByRole('heading', { name: 'Reports you began' })).toHaveCount(0);
  await again.getByRole('link', { name: 'Pothole in Street', exact: true }).click();
  await expect(again.getByRole('radio', { name: 'Traffic lane' })).not.toBeChecked();
  await expect(again.getByRole('heading', { name: OFFER })).toHaveCount(0);
});

test('the report screen offers a draft after a reload, and "Start over" removes it', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const description = `Begun, then started over ${Date.now()}`;
  await fillPothole(page, description);
  await page.reload();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
  const begun = page.getByRole('region', { name: 'Reports you began' });
  await expect(begun.getByText(OFFER)).toBeVisible();
  await checkScreen(page, 'reports you began');
  // Continuing from the report screen opens the form with the draft, without asking again.
  await begun.getByRole('link', { name: 'Continue' }).click();
  await expectRestored(page, description);

  await page.goBack();
  await expect(begun.getByText(OFFER)).toBeVisible();
  await begun.getByRole('button', { name: 'Start over' }).click();
  await expect(begun).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Report a problem' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Reports you began' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Pothole in Street', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Describe the problem' })).toHaveValue('');
  expect(await requestsDescribed(request, description)).toHaveLength(0);
});

test('"Start over" on the form opens it empty under a new identity', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const description = `Not this one ${Date.now()}`;
  await fillPothole(page, description);
  await page.goto('/');
  await openService(page, 'Pothole in Street');
  await expect(page.getByRole('heading', { name: OFFER })).toBeVisible();
  await checkScreen(page, 'continue your report');
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(page.getByRole('textbox', { name: 'Describe the problem' })).toHaveValue('');
  await expect(page.getByRole('list', { name: 'Photos in this report' }).getByRole('listitem')).toHaveCount(0);

  const other = `The one filed ${Date.now()}`;
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(other);
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await requestsDescribed(request, other)).length, { timeout: 30_000 }).toBe(1);
  expect(await requestsDescribed(request, description)).toHaveLength(0);
});
