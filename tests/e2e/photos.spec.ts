import { test, expect } from '@playwright/test';
import { fixturePhoto, openService } from './flows';

// Photos in the form: a broken file gets a sentence and nothing else changes; photos can be
// removed; the configured number is the most a report takes.

test('a broken file is refused with a sentence, and photos can be removed', async ({ page }) => {
  await openService(page, 'Pothole in Street');
  const choose = page.getByLabel('Choose photos');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();

  await choose.setInputFiles({ name: 'pothole.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7 not a photo') });
  await expect(page.getByRole('alert').filter({ hasText: 'Photo 1 was not added.' })).toContainText('not a photo');
  await expect(page.getByRole('radio', { name: 'Traffic lane' }), 'the rest of the report is kept').toBeChecked();
  await page.getByRole('button', { name: 'Dismiss photo 1' }).click();

  await choose.setInputFiles([fixturePhoto('phone-12mp-orient6-gps.jpg')]);
  const tray = page.getByRole('list', { name: 'Photos in this report' });
  await expect(tray.getByRole('img', { name: 'Photo 1' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Remove photo 1' }).click();
  await expect(tray.getByRole('listitem')).toHaveCount(0);
});

test('a report takes at most the configured number of photos', async ({ page }) => {
  await openService(page, 'Pothole in Street');
  const photo = fixturePhoto('phone-12mp-orient1.jpg');
  await page.getByLabel('Choose photos').setInputFiles([photo, photo, photo, photo]);
  await expect(page.getByRole('status').filter({ hasText: 'A report can have up to 3 photos' })).toBeVisible();
  for (const n of [1, 2, 3]) {
    await expect(page.getByRole('button', { name: `Remove photo ${n}` })).toBeVisible({ timeout: 30_000 });
  }
  await expect(page.getByRole('button', { name: 'Remove photo 4' })).toHaveCount(0);
  await expect(page.getByLabel('Choose photos')).toBeDisabled();
});
