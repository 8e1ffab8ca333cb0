import { test, expect } from '@playwright/test';

test('the shell renders and navigates by role and name', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Report311');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Report a problem', 'My reports', 'Outbox']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  await nav.getByRole('link', { name: 'Outbox' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Outbox' })).toHaveAttribute('aria-current', 'page');
});

test('a client-side route loads directly', async ({ page }) => {
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'My reports' })).toBeVisible();
});

test('the app requests nothing from any other origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) {
      foreign.push(request.url());
    }
  });
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  for (const name of ['Report a problem', 'My reports', 'Outbox']) {
    await page.getByRole('link', { name }).first().click();
  }
  await page.waitForLoadState('networkidle');
  expect(foreign).toEqual([]);
});

test('the static first screen says what the app renders, and other routes do not flash it', async ({ browser }) => {
  // What a person gets before the app's code arrives: the page with every script refused.
  const bare = await browser.newContext({ serviceWorkers: 'block' });
  const before = await bare.newPage();
  await before.route(/\.(js|wasm)$/, (route) => route.abort());
  await before.goto('/');
  const staticNav = await before.getByRole('navigation', { name: 'Main' }).ariaSnapshot();
  const staticMain = await before.getByRole('main').ariaSnapshot();
  expect(staticMain).toContain('Report street problems to 311');
  await before.goto('/outbox');
  await expect(before.getByRole('status').filter({ hasText: 'Starting…' })).toBeVisible();
  await expect(before.getByRole('heading', { name: 'Report street problems to 311' })).toHaveCount(0);
  await bare.close();

  const app = await browser.newContext({ serviceWorkers: 'block' });
  const page = await app.newPage();
  await page.goto('/');
  // The app removes the static copy as it mounts.
  await expect(page.locator('#first-screen')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Report street problems to 311' })).toBeVisible();
  expect(await page.getByRole('navigation', { name: 'Main' }).ariaSnapshot()).toEqual(staticNav);
  // The readiness line is a live status the app fills in once it has read the device's
  // catalogue; the static screen has it empty, in the same place.
  const withoutStatusText = (snapshot: string) => snapshot.replace(/^(\s*- status)\b.*$/m, '$1');
  expect(staticMain).toMatch(/^\s*- status$/m);
  expect(withoutStatusText(await page.getByRole('main').ariaSnapshot())).toEqual(staticMain);
  await app.close();
});
