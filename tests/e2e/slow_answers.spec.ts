import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { admin, reportPothole, requestsDescribed, visitPotholeOnline } from './flows';

// A city server that sends its headers at once and its answer a few bytes at a time. The app
// reads a slow answer to its end, gives up on one that takes longer than it waits, and in
// both cases the report reaches the city exactly once.

test.afterEach(async ({ request }) => {
  await admin(request, 'DELETE', '/admin/faults');
});

/** Files a report offline, then lets it go with the server's answers dripping. */
async function sendThroughDrip(context: BrowserContext, page: Page, baseURL: string, request: Parameters<typeof admin>[0], bytesPerSecond: number, description: string) {
  await visitPotholeOnline(context, page, baseURL);
  await context.setOffline(true);
  await reportPothole(page, description);
  await admin(request, 'POST', '/admin/faults', { drip_bytes_per_second: bytesPerSecond });
  await context.setOffline(false);
  return page.getByRole('list', { name: 'Reports in the outbox' }).getByRole('listitem').filter({ hasText: description });
}

test('an answer that trickles in over seconds is read to its end', async ({ context, page, baseURL, request }) => {
  const description = `Answered slowly ${Date.now()}`;
  // Two bytes every tenth of a second: the POST's answer takes a few seconds.
  const item = await sendThroughDrip(context, page, baseURL!, request, 20, description);
  await expect(item).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 30_000 });
  await expect(item).toBeHidden();
  await admin(request, 'DELETE', '/admin/faults');
  expect(await requestsDescribed(request, description)).toHaveLength(1);
});

test('an answer slower than the app waits keeps the report, which goes once later', async ({ context, page, baseURL, request }) => {
  // The app waits a minute for an answer; this one needs about a minute and a half.
  test.setTimeout(240_000);
  const description = `Answered too slowly ${Date.now()}`;
  const item = await sendThroughDrip(context, page, baseURL!, request, 0.5, description);
  await expect(item).toContainText("Waiting to send — The city's server is taking too long to answer.", { timeout: 90_000 });

  // The server stored the report before its answer began to drip.
  await admin(request, 'DELETE', '/admin/faults');
  expect(await requestsDescribed(request, description)).toHaveLength(1);
  await page.getByRole('button', { name: 'Send now' }).click();
  // A retry that began before the drip stopped still drips until the app gives up on it.
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 90_000 });
  expect(await requestsDescribed(request, description)).toHaveLength(1);
});
