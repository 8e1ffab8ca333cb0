import { test, expect } from '@playwright/test';
import { checkScreen } from './audit';
import { allowLocation, openService, reportPothole } from './flows';

// Every screen a person reaches, at a phone's width and a desktop's, passes `checkScreen`
// (the fix screen is checked in fix_report.spec.ts, where a refused report is made).


for (const [width, height] of [
  [360, 740],
  [1280, 800],
]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height }, isMobile: width < 600, hasTouch: width < 600 });

    test('every screen passes axe-core and shows no credential', async ({ context, page, baseURL }) => {
      await allowLocation(context, baseURL!);
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1, name: 'Report street problems to 311' })).toBeVisible();
      await checkScreen(page, 'home');

      await page.goto('/report');
      await expect(page.getByRole('link', { name: 'Pothole in Street', exact: true })).toBeVisible();
      await checkScreen(page, 'service list');

      await openService(page, 'Pothole in Street');
      await page.getByRole('button', { name: 'Use my location' }).click();
      await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
      const map = page.getByRole('application', { name: "Map of the problem's place" });
      await expect(map.locator('img.leaflet-tile-loaded').first()).toBeVisible();
      await expect(map.getByTitle(/^Request 1: /)).toBeVisible();
      await checkScreen(page, 'report form, with the map and the open requests nearby');

      await page.getByRole('radio', { name: 'Traffic lane' }).check();
      await page.getByRole('button', { name: 'Review report' }).click();
      await expect(page.getByRole('button', { name: 'Submit report' })).toBeVisible();
      await checkScreen(page, 'review');

      await context.setOffline(true);
      await page.getByRole('button', { name: 'Submit report' }).click();
      await expect(page).toHaveURL(/\/outbox$/);
      await expect(page.getByRole('list', { name: 'Reports in the outbox' }).getByRole('listitem')).toHaveCount(1);
      await checkScreen(page, 'outbox, one report waiting');

      await context.setOffline(false);
      await expect(page.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 30_000 });
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^My reports/ }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'My reports' })).toBeVisible();
      const entry = page.getByRole('link', { name: /Pothole in Street/ }).first();
      await expect(entry).toBeVisible();
      await checkScreen(page, 'my reports');

      await entry.click();
      await expect(page.getByRole('button', { name: 'Stop following' })).toBeVisible();
      await checkScreen(page, "a request's page");

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('textbox', { name: 'Or around an address' }).fill('121 N LaSalle St');
      await page.getByRole('button', { name: 'Find' }).click();
      await page.getByRole('list', { name: 'Matching addresses' }).getByRole('button', { name: '121 N LaSalle St', exact: true }).click();
      await page.getByRole('button', { name: 'Save this area for offline' }).click();
      await expect(page.getByRole('status').filter({ hasText: /^About \d+ map tiles/ })).toBeVisible();
      await checkScreen(page, 'settings, saving an area');

      await page.goto('/no-such-screen');
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await checkScreen(page, 'not found');
    });
  });
}
