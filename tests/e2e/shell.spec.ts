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
