import { test, expect } from '@playwright/test';
import { allowLocation, openService, requestsDescribed } from './flows';

// Text as people type it, paste it and write it around the world: long, with stray control
// characters, right to left, with emoji. It is either refused with a sentence before it is
// saved, or reaches the city exactly as written.

test('a description over 4,000 characters is refused before saving, and fits once shortened', async ({ context, page, baseURL }) => {
  await allowLocation(context, baseURL!);
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  const description = page.getByRole('textbox', { name: 'Describe the problem' });
  await description.fill('x'.repeat(4_001));
  await expect(page.getByText('You have 1 character too many')).toBeVisible();
  await page.getByRole('button', { name: 'Review report' }).click();
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  await expect(summary.getByRole('link')).toHaveCount(1);
  await expect(description).toHaveAttribute('aria-invalid', 'true');
  await description.press('End');
  await description.press('Backspace');
  await expect(page.getByText('You have 0 characters left')).toBeVisible();
  await page.getByRole('button', { name: 'Review report' }).click();
  await expect(page.getByRole('button', { name: 'Submit report' })).toBeVisible();
});

test('right-to-left text, emoji, tabs, new lines and long names reach the city as written', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  const written = `حفرة كبيرة أمام المدرسة 🚧🕳️ 深い穴\u0007\tnear <b>Lot "7"</b> & 'the' gate;\nsecond line ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(written);
  const first = 'Maximiliana-Alessandra '.repeat(8).trim();
  const email = `${'very.long.local.part.'.repeat(3)}x@${'sub.'.repeat(10)}example.com`;
  await page.getByRole('textbox', { name: 'First name' }).fill(first);
  await page.getByRole('textbox', { name: 'Email address' }).fill(email);
  await page.getByRole('button', { name: 'Review report' }).click();
  // The review shows the text as text: the markup is not rendered.
  await expect(page.getByText('near <b>Lot "7"</b>', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Submit report' }).click();
  // The server is what says it arrived (the status line may still speak of before this report).
  await expect.poll(async () => (await requestsDescribed(request, written)).length, { timeout: 30_000 }).toBe(1);
});
