import { test, expect } from '@playwright/test';
import { admin, allowLocation, reportPothole, requestsDescribed } from './flows';

// What servers send is text: markup and script in a service's name, in a city worker's note,
// in the city's error sentences, are shown as written and never run.

const SCRIPTED = `<img src=x onerror="window.ran=true"><script>window.ran=true</script>`;

async function expectNothingRan(page: import('@playwright/test').Page) {
  expect(await page.evaluate(() => (window as unknown as { ran?: boolean }).ran === true)).toBe(false);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('main script')).toHaveCount(0);
}

test.describe('from the service list', () => {
  // The page's requests must reach the test's route: the service worker, which keeps the
  // catalogue itself when it takes charge, would otherwise fetch the list past it.
  test.use({ serviceWorkers: 'block' });

  test('markup in a service name is shown as text', async ({ page }) => {
    await page.route('**/open311/v2/services.json*', async (route) => {
      const response = await route.fetch();
      const services = await response.json();
      services[0].service_name = `Potholes ${SCRIPTED}`;
      await route.fulfill({ response, json: services });
    });
    await page.goto('/report');
    await expect(page.getByRole('link', { name: `Potholes ${SCRIPTED}` })).toBeVisible();
    await expectNothingRan(page);
  });
});

test("markup in a city worker's note and in the city's refusal is shown as text", async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const description = `Pothole with a strange note, ${Date.now()}`;
  await reportPothole(page, description);
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
  const [filed] = await requestsDescribed(request, description);
  const id = filed.service_request_id!;
  await admin(request, 'POST', `/admin/requests/${encodeURIComponent(id)}/notes`, {
    type: 'activity',
    summary: `Crew says ${SCRIPTED}`,
  });
  // The app checks statuses as it starts.
  await page.goto(`/reports/${encodeURIComponent(id)}`);
  await expect(page.getByText(`Crew says ${SCRIPTED}`)).toBeVisible({ timeout: 30_000 });
  await expectNothingRan(page);

  // A refusal whose sentence carries markup, as a faulty city server might send.
  await page.route('**/open311/v2/requests.json', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 400, json: [{ code: 400, description: `Bad address ${SCRIPTED}` }] })
      : route.fallback(),
  );
  await reportPothole(page, `Refused with markup, ${Date.now()}`);
  const item = page.getByRole('list', { name: 'Reports in the outbox' }).getByRole('listitem').first();
  await expect(item.getByRole('list', { name: 'What the city said' })).toHaveText(`Bad address ${SCRIPTED}`, { timeout: 30_000 });
  await expectNothingRan(page);
});
