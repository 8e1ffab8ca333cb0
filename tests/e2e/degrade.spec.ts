import { test, expect } from '@playwright/test';
import { reportPothole, visitPotholeOnline } from './flows';

// What the app says where the engine lacks something, or the browser has not promised
// something: the person is told what to do, never left guessing.

test('while a report waits on storage the browser has not promised, the outbox offers to keep it and says the answer', async ({
  context,
  page,
  baseURL,
}) => {
  await visitPotholeOnline(context, page, baseURL!);
  await context.setOffline(true);
  await reportPothole(page, `Kept pothole ${Date.now()}`);
  expect(await page.evaluate(() => navigator.storage.persisted()), 'a fresh test profile has no promise').toBe(false);
  await expect(page.getByText('This browser may clear what Report311 keeps if it goes unused for some days')).toBeVisible();

  await page.getByRole('button', { name: 'Keep these reports on this device' }).click();
  const granted = await page.evaluate(() => navigator.storage.persisted());
  const answer = granted
    ? "This browser will keep Report311's reports until they are sent."
    : 'This browser did not promise to keep them. Adding Report311 to your Home Screen does.';
  await expect(page.getByRole('status').filter({ hasText: answer })).toBeVisible();
  await context.setOffline(false);
});

test('where the browser has no notifications in a tab (Safari on iPhone), My reports says where they work', async ({ page }) => {
  // Safari on iPhone exposes no Notification outside an app added to the Home Screen; no engine
  // here lacks it, so the page is given none.
  await page.addInitScript(() => {
    delete (window as unknown as { Notification?: unknown }).Notification;
  });
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'My reports' })).toBeVisible();
  await expect(page.getByText('This browser shows no notifications here.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Turn on notifications' })).toHaveCount(0);
});
