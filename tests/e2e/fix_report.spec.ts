import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { checkScreen } from './audit';
import { allowLocation, fixturePhoto, reportPothole, requestsDescribed } from './flows';

// A report the city refuses waits in the outbox with the city's own words; the person fixes it
// in the form they filed it with, and it reaches the city once, as fixed.

// These tests reroute the page's requests, which the service worker would otherwise answer.
test.use({ serviceWorkers: 'block' });

const CREATE = '**/open311/v2/requests.json';

/**
 * Files a pothole report that the city refuses: its POST reaches the real server without the
 * pothole's required answer, as a faulty form would send it, so the refusal and its sentence
 * are the server's own. Leaves the page on the outbox, the report waiting to be fixed.
 */
async function fileRefused(page: Page, description: string, photos: string[] = []) {
  await page.route(CREATE, async (route) => {
    const sent = route.request();
    if (sent.method() !== 'POST') {
      return route.fallback();
    }
    const type = (await sent.allHeaders())['content-type'] ?? '';
    const boundary = /boundary=(.+)$/.exec(type)?.[1];
    if (boundary) {
      // Bytes as latin1 text round-trip unchanged, photos included.
      const body = (sent.postDataBuffer() ?? Buffer.alloc(0)).toString('latin1');
      const part = `--${boundary}\r\nContent-Disposition: form-data; name="attribute\\[WHEREIS\\]"\r\n\r\n[^\r]*\r\n`;
      const without = body.replace(new RegExp(part), '');
      expect(without).not.toEqual(body);
      const response = await route.fetch({ postData: Buffer.from(without, 'latin1') });
      return route.fulfill({ response });
    }
    const form = new URLSearchParams(sent.postData() ?? '');
    form.delete('attribute[WHEREIS]');
    const response = await route.fetch({ postData: form.toString() });
    await route.fulfill({ response });
  });
  await reportPothole(page, description, photos);
  const refused = page.getByRole('list', { name: 'Reports in the outbox' }).getByRole('listitem').filter({ hasText: description });
  await expect(refused).toContainText('Needs attention', { timeout: 30_000 });
  await expect(refused.getByRole('list', { name: 'What the city said' })).toHaveText('Choose where the pothole is.');
  await page.unroute(CREATE);
  await refused.getByRole('link', { name: 'Fix and send again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fix your report' })).toBeVisible();
}

/** Sends the fixed report from its review, and waits until the city has it. */
async function sendAgain(page: Page) {
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Send again' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  await expect(page.getByText('1 report has reached the city')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('list', { name: 'Reports in the outbox' }).getByRole('listitem')).toHaveCount(0);
}

test('a refused report is fixed in its own form and sent again once', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const filed = `Refused pothole, ${Date.now()}`;
  await fileRefused(page, filed);
  await expect(page).toHaveURL(/\/outbox\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Pothole in Street', { exact: true })).toBeVisible();
  const said = page.getByRole('alert', { name: 'The city could not accept this report' });
  await expect(said).toContainText('Choose where the pothole is.');
  await expect(page.getByRole('radio', { name: 'Traffic lane' })).toBeChecked();
  await expect(page.getByText('Location saved with the report: 41.87810, -87.62980.')).toBeVisible();
  const description = page.getByRole('textbox', { name: 'Describe the problem' });
  await expect(description).toHaveValue(filed);
  await expect(page.getByRole('button', { name: 'Submit report' })).toHaveCount(0);

  await checkScreen(page, 'fix your report');
  await page.setViewportSize({ width: 1280, height: 800 });
  await checkScreen(page, 'fix your report');
  await page.setViewportSize({ width: 360, height: 740 });

  const fixed = `Fixed pothole, ${Date.now()}`;
  await description.fill(fixed);
  await sendAgain(page);
  expect(await requestsDescribed(request, fixed)).toHaveLength(1);
  expect(await requestsDescribed(request, filed)).toHaveLength(0);
});

test('a double tap on "Send again" sends the fix once', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const filed = `Refused, then fixed with a double tap, ${Date.now()}`;
  await fileRefused(page, filed);
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  const fixed = `Fixed with a double tap, ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(fixed);
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Send again' }).dblclick();
  await expect(page).toHaveURL(/\/outbox$/);
  await expect(page.getByText('1 report has reached the city')).toBeVisible({ timeout: 30_000 });
  // No sentence about a report that "no longer needs fixing": the second tap was the same fix.
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await requestsDescribed(request, fixed)).toHaveLength(1);
  expect(await requestsDescribed(request, filed)).toHaveLength(0);
});

test('the photos of a refused report can be changed before it is sent again', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const filed = `Refused pothole with a photo, ${Date.now()}`;
  await fileRefused(page, filed, [fixturePhoto('phone-12mp-orient1.jpg')]);

  // The photo saved with the report is back in the form, and another one joins it.
  const tray = page.getByRole('list', { name: 'Photos in this report' });
  await expect(tray.getByRole('img', { name: 'Photo 1' })).toBeVisible();
  await page.getByLabel('Choose photos').setInputFiles([fixturePhoto('phone-12mp-orient6-gps.jpg')]);
  await expect(page.getByRole('button', { name: 'Remove photo 2' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Remove photo 1' }).click();
  await expect(tray.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Review report' }).click();
  await expect(page.getByRole('definition').filter({ hasText: /^1 photo$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Change the report' }).click();

  const fixed = `Fixed pothole with a new photo, ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(fixed);
  await sendAgain(page);
  const [sent] = await requestsDescribed(request, fixed);
  // Only the new photo went: the portrait one (the landscape fixture turned by its EXIF).
  const photos = sent.extended_attributes?.photos ?? [];
  expect(photos).toHaveLength(1);
  expect(photos[0].height).toBeGreaterThan(photos[0].width!);
});

test('a report that no longer needs fixing says so and leads back to the outbox', async ({ page }) => {
  await page.goto(`/outbox/${crypto.randomUUID()}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Fix your report' })).toBeVisible();
  await expect(page.getByText('There is no such report on this device.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the outbox' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
});
