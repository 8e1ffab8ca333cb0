import { test, expect } from '@playwright/test';
import { allowLocation, reportPothole, requestsDescribed } from './flows';

// A report the city refuses waits in the outbox with the city's own words; the person fixes it
// in the form they filed it with, and it reaches the city once, as fixed.

// These tests reroute the page's requests, which the service worker would otherwise answer.
test.use({ serviceWorkers: 'block' });

const CREATE = '**/open311/v2/requests.json';

test('a refused report is fixed in its own form and sent again once', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  // The POST reaches the real server without the pothole's required answer, as a faulty form
  // would send it, so the refusal and its sentence are the server's own.
  await page.route(CREATE, async (route) => {
    const sent = route.request();
    if (sent.method() !== 'POST') {
      return route.fallback();
    }
    const form = new URLSearchParams(sent.postData() ?? '');
    form.delete('attribute[WHEREIS]');
    const response = await route.fetch({ postData: form.toString() });
    await route.fulfill({ response });
  });

  const filed = `Refused pothole, ${Date.now()}`;
  await reportPothole(page, filed);
  const outbox = page.getByRole('list', { name: 'Reports in the outbox' });
  const refused = outbox.getByRole('listitem').filter({ hasText: filed });
  await expect(refused).toContainText('Needs attention', { timeout: 30_000 });
  await expect(refused.getByRole('list', { name: 'What the city said' })).toHaveText('Choose where the pothole is.');
  await page.unroute(CREATE);

  await refused.getByRole('link', { name: 'Fix and send again' }).click();
  await expect(page).toHaveURL(/\/outbox\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Fix your report' })).toBeVisible();
  await expect(page.getByText('Pothole in Street', { exact: true })).toBeVisible();
  const said = page.getByRole('alert', { name: 'The city could not accept this report' });
  await expect(said).toContainText('Choose where the pothole is.');
  await expect(page.getByRole('radio', { name: 'Traffic lane' })).toBeChecked();
  await expect(page.getByText('Location saved with the report: 41.87810, -87.62980.')).toBeVisible();
  const description = page.getByRole('textbox', { name: 'Describe the problem' });
  await expect(description).toHaveValue(filed);
  await expect(page.getByRole('button', { name: 'Submit report' })).toHaveCount(0);
  // The report keeps the photos it was saved with; the fix form adds none.
  await expect(page.getByRole('region', { name: 'Photos' })).toHaveCount(0);

  const fixed = `Fixed pothole, ${Date.now()}`;
  await description.fill(fixed);
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Send again' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  await expect(page.getByText('1 report has reached the city')).toBeVisible({ timeout: 30_000 });
  await expect(outbox.getByRole('listitem')).toHaveCount(0);

  expect(await requestsDescribed(request, fixed)).toHaveLength(1);
  expect(await requestsDescribed(request, filed)).toHaveLength(0);
});

test('a report that no longer needs fixing says so and leads back to the outbox', async ({ page }) => {
  await page.goto(`/outbox/${crypto.randomUUID()}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Fix your report' })).toBeVisible();
  await expect(page.getByText('There is no such report on this device.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the outbox' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
});
