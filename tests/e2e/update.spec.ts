import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';

// A new release replaces the service worker; the person is told and chooses when to reload.

test('a new version waits until the person reloads', async ({ page }) => {
  const dist = process.env.REPORT311_DIST_DIR;
  expect(dist, 'REPORT311_DIST_DIR names the build the server serves').toBeTruthy();
  const worker = join(dist!, 'sw.js');
  const original = readFileSync(worker);
  try {
    await page.goto('/');
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
    const prompt = page.getByRole('status').getByText('A new version of Report311 is ready.');
    await expect(prompt).toHaveCount(0);

    // What a deployment does: a service worker that differs by a byte.
    appendFileSync(worker, `\n// release ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(prompt).toBeVisible();

    const before = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
    // Listening before the click: the reload may finish before the click's promise settles.
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Reload to update' }).click();
    await reloaded;
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(prompt).toHaveCount(0);
    const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting);
    expect(waiting, 'the new version took over').toBeNull();
    expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(before);
  } finally {
    writeFileSync(worker, original);
  }
});
