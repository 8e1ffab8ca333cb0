import { test, expect, type Page } from '@playwright/test';

// The catalogue is kept on the device and fetched again only when discovery says it changed
// (or it is a day old): a phone on a poor network does not reload fourteen definitions per visit.

// The page's own requests must reach the test's routes, not the service worker's cache.
test.use({ serviceWorkers: 'block' });

function countServiceListLoads(page: Page) {
  const loads = { count: 0 };
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/open311/v2/services.json') {
      loads.count++;
    }
  });
  return loads;
}

test('a new discovery changeset refreshes the kept service list', async ({ page }) => {
  let changeset = '2012-09-01T10:00:00Z';
  await page.route('**/open311/v2/discovery.json*', async (route) => {
    const response = await route.fetch();
    const discovery = await response.json();
    await route.fulfill({ response, json: { ...discovery, changeset } });
  });
  const loads = countServiceListLoads(page);

  await page.goto('/report');
  await expect(page.getByRole('link', { name: 'Pothole in Street', exact: true })).toBeVisible();
  expect(loads.count).toBe(1);

  // Kept: the list comes from the device; discovery is asked, and says nothing changed.
  for (let visit = 0; visit < 2; visit++) {
    const discoveryAnswered = page.waitForResponse('**/open311/v2/discovery.json*');
    await page.reload();
    await expect(page.getByRole('link', { name: 'Pothole in Street', exact: true })).toBeVisible();
    await discoveryAnswered;
  }
  // Time for a (wrong) reload of the list to show up, had discovery triggered one.
  await page.waitForTimeout(1_000);
  expect(loads.count, 'an unchanged catalogue is not loaded again').toBe(1);

  changeset = '2012-10-01T10:00:00Z';
  const listAgain = page.waitForRequest((r) => new URL(r.url()).pathname === '/open311/v2/services.json');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Pothole in Street', exact: true })).toBeVisible();
  await listAgain;
  expect(loads.count).toBe(2);
});

test('a kept service list a day old is fetched again', async ({ page }) => {
  const loads = countServiceListLoads(page);
  // Only the page's clock moves on; its timers run as usual.
  const start = Date.now();
  await page.clock.setFixedTime(start);
  await page.goto('/report');
  await expect(page.getByRole('link', { name: 'Pothole in Street', exact: true })).toBeVisible();
  expect(loads.count).toBe(1);

  // Twenty-three hours on, discovery unchanged: the kept list still serves.
  const hour = 3_600_000;
  await page.clock.setFixedTime(start + 23 * hour);
  const discoveryAnswered = page.waitForResponse('**/open311/v2/discovery.json*');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Pothole in Street', exact: true })).toBeVisible();
  await discoveryAnswered;
  await page.waitForTimeout(1_000);
  expect(loads.count, 'a list younger than a day is not loaded again').toBe(1);

  // Past a day: loaded again, though discovery says nothing changed.
  await page.clock.setFixedTime(start + 25 * hour);
  const listAgain = page.waitForRequest((r) => new URL(r.url()).pathname === '/open311/v2/services.json');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Pothole in Street', exact: true })).toBeVisible();
  await listAgain;
  expect(loads.count).toBe(2);
});
