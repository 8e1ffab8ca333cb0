import { test, expect } from '@playwright/test';
import { allowLocation, fixturePhoto, openService } from './flows';

// A device that runs out of space while saving: the person is told plainly, and the report
// stays on screen, ready to be submitted again once there is room.

// The service worker's caches would count against the small quota of this test.
test.use({ serviceWorkers: 'block' });

test('a full device says so, keeps the report, and saves it once there is room', async ({ context, page, baseURL }) => {
  await allowLocation(context, baseURL!);
  // Room for the app and its catalogue, not for a photo. (Chromium applies a quota from the
  // origin's first use of storage, so it is set before the app starts.)
  const origin = new URL(baseURL!).origin;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 200_000 });
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByLabel('Choose photos').setInputFiles([fixturePhoto('phone-12mp-orient1.jpg')]);
  await expect(page.getByRole('button', { name: 'Remove photo 1' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Use my location' }).click();
  const description = `Saved when there was room, ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
  await page.getByRole('button', { name: 'Review report' }).click();

  const submit = page.getByRole('button', { name: 'Submit report' });
  await submit.click();
  await expect(page.getByRole('alert').filter({ hasText: 'This device is out of storage space.' })).toBeVisible();
  await expect(page).toHaveURL(/\/report\/pothole_in_street$/);
  await expect(page.getByText(description)).toBeVisible();

  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await submit.click();
  await expect(page).toHaveURL(/\/outbox$/);
  const saved = page.getByRole('list', { name: 'Reports in the outbox' }).getByRole('listitem').filter({ hasText: description });
  await expect(saved).toContainText('1 photo');
});
