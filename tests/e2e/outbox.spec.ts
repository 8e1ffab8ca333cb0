import { test, expect } from '@playwright/test';
import { admin, allowLocation, reportPothole, requestsDescribed } from './flows';

// Reports filed offline wait on the device, survive a closed page, and reach the reference
// server exactly once when the network returns.

test.afterEach(async ({ request }) => {
  await admin(request, 'DELETE', '/admin/faults');
});

test('reports filed offline survive a closed page and arrive exactly once', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
  // One online visit to the form keeps the catalogue and the pothole's questions on the device.
  await page.goto('/report');
  await page.getByRole('link', { name: 'Pothole in Street', exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Traffic lane' })).toBeVisible();

  await context.setOffline(true);
  const descriptions = [1, 2, 3].map((n) => `Offline pothole ${n}, ${Date.now()}`);
  for (const description of descriptions) {
    await reportPothole(page, description);
  }
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: 3 waiting' })).toBeVisible();
  await page.close();

  const reopened = await context.newPage();
  await reopened.goto('/outbox');
  const outbox = reopened.getByRole('list', { name: 'Reports in the outbox' });
  for (const description of descriptions) {
    await expect(outbox.getByRole('listitem').filter({ hasText: description })).toContainText('Waiting to send');
  }
  for (const description of descriptions) {
    expect(await requestsDescribed(request, description)).toHaveLength(0);
  }

  await context.setOffline(false);
  await expect(reopened.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 30_000 });
  await expect(reopened.getByText('3 reports have reached the city')).toBeVisible();
  for (const description of descriptions) {
    const filed = await requestsDescribed(request, description);
    expect(filed, description).toHaveLength(1);
  }
});

test('with answers dropped after commit and half the requests failing, twenty reports arrive exactly once', async ({
  context,
  page,
  baseURL,
  request,
}) => {
  test.setTimeout(240_000);
  await allowLocation(context, baseURL!);
  await page.goto('/report');
  await page.getByRole('link', { name: 'Pothole in Street', exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Traffic lane' })).toBeVisible();

  await context.setOffline(true);
  const descriptions = Array.from({ length: 20 }, (_, n) => `Faulty network pothole ${n + 1}, ${Date.now()}`);
  for (const description of descriptions) {
    await reportPothole(page, description);
  }
  await admin(request, 'POST', '/admin/faults', { error_rate: 0.5, drop_response_rate: 0.5 });
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 180_000 });

  await admin(request, 'DELETE', '/admin/faults');
  for (const description of descriptions) {
    const filed = await requestsDescribed(request, description);
    expect(filed, description).toHaveLength(1);
  }
});
