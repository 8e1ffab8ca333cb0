import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { reportPothole, requestsDescribed, visitPotholeOnline } from './flows';

// The service worker sends the outbox itself when Background Sync wakes it, with no page of the
// app open: a report filed offline reaches the city once the phone has signal again.

test('with every page closed, Background Sync sends a report filed offline exactly once', async ({
  context,
  page,
  baseURL,
  request,
}) => {
  await visitPotholeOnline(context, page, baseURL!);

  await context.setOffline(true);
  const description = `Background sync pothole, ${Date.now()}`;
  await reportPothole(page, description);
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: 1 waiting' })).toBeVisible();
  // Chromium wakes the worker by itself: the outbox promises that, and asks nothing of the person.
  await expect(page.getByText('sent as soon as there is a connection.')).toBeVisible();
  await expect(page.getByText('Open Report311 when you are back online')).toHaveCount(0);

  // A blank page (no client of the app's worker) to reach the browser through.
  const blank = await context.newPage();
  await page.close();
  expect(context.pages().map((open) => open.url())).toEqual(['about:blank']);
  await context.setOffline(false);
  expect(await requestsDescribed(request, description)).toHaveLength(0);

  await fireBackgroundSync(context, blank, new URL(baseURL!).origin);
  await expect
    .poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 })
    .toBe(1);

  const reopened = await context.newPage();
  await reopened.goto('/outbox');
  await expect(reopened.getByText('1 report has reached the city')).toBeVisible();
  await expect(reopened.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible();
  expect(await requestsDescribed(request, description)).toHaveLength(1);
});

/** Fires the `outbox` sync event in the origin's service worker, as the browser does when the
 * network returns. */
async function fireBackgroundSync(context: BrowserContext, page: Page, origin: string) {
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
      if (ours) {
        resolve(ours.registrationId);
      }
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin,
    registrationId: await registrationId,
    tag: 'outbox',
    lastChance: false,
  });
}
