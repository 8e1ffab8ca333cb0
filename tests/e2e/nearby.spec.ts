import { readFileSync } from 'node:fs';
import { test, expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { allowLocation, fixturePhoto, openService, requestsDescribed } from './flows';

// Before a new report is filed, the open requests of its service around its place are offered
// to follow instead. The reference server is seeded with an open pothole, request 1, at
// 41.8781,-87.6298 (where `allowLocation` puts the browser), and a closed one 47 m away.

const SEEDED = 'Deep pothole in the right lane';
const CLOSED_NEARBY = 'Pothole by the bus stop on Jackson';

function nearbyPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Open reports nearby' });
}

/** The button that follows request `id`, within `scope`. */
function followButton(scope: Locator | Page, id: string): Locator {
  return scope.getByRole('button', { name: `Follow this one instead (request ${id})`, exact: true });
}

/** The offered request `id`, as one item of the panel's list. */
function offered(panel: Locator, id: string): Locator {
  return panel.getByRole('listitem').filter({ has: followButton(panel.page(), id) });
}

/** How many pothole requests the server holds (the spec's default window of 90 days). */
async function potholeCount(request: APIRequestContext): Promise<number> {
  const response = await request.get('/open311/v2/requests.json', { params: { service_code: 'pothole_in_street' } });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).length;
}

/** Opens the pothole form, answers its question and gives the device's location. `again`:
 * the form was begun before, and its draft is offered; the person starts over. */
async function startPothole(page: Page, { again = false } = {}) {
  await openService(page, 'Pothole in Street');
  if (again) {
    await page.getByRole('button', { name: 'Start over' }).click();
  }
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
}

test('a pothole beside an open pothole offers it; following it files nothing and tracks it', async ({ page, context, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const before = await potholeCount(request);
  const description = `Not to be filed ${Date.now()}`;
  await startPothole(page);
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);

  const panel = nearbyPanel(page);
  await expect(panel.getByRole('status')).toHaveText(/^\d+ open reports? of this kind within 100 m/);
  const seeded = offered(panel, '1');
  await expect(seeded).toContainText(SEEDED);
  await expect(seeded).toContainText('less than 10 m away');
  await expect(seeded).toContainText('Request 1 · reported 1 day ago · Open');
  await expect(panel).not.toContainText(CLOSED_NEARBY);

  // By keyboard, as a person who cannot use a pointer would.
  await followButton(panel, '1').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/reports\/1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Pothole in Street' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Open' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to My reports' }).click();
  const followed = page.getByRole('list', { name: 'Followed reports' }).getByRole('listitem');
  await expect(followed.filter({ hasText: 'Request 1' })).toContainText(SEEDED);

  await page.goto('/outbox');
  await expect(page.getByText('Nothing is waiting to be sent.')).toBeVisible();
  expect(await potholeCount(request)).toBe(before);
  expect(await requestsDescribed(request, description)).toEqual([]);
});

test('"Mine is different" puts the list away, and the report is filed', async ({ page, context, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  await startPothole(page);
  const panel = nearbyPanel(page);
  await expect(followButton(panel, '1')).toBeVisible();

  await panel.getByRole('button', { name: 'Mine is different' }).click();
  await expect(panel).toHaveCount(0);
  // The person carries on where the form goes next.
  const description = `A second pothole, across the lane ${Date.now()}`;
  await expect(page.getByRole('textbox', { name: 'Describe the problem' })).toBeFocused();
  await page.keyboard.type(description);
  // Asking the device again from the same spot does not bring the list back.
  await page.getByRole('button', { name: 'Find my location again' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  await expect(panel).toHaveCount(0);

  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
});

test('each offered request shows how far, how old and its photo', async ({ page, context, baseURL, request }) => {
  // A pothole with a photo, filed on Canal Street where the seed has none.
  const description = `Pothole with a photo ${Date.now()}`;
  const created = await request.post('/open311/v2/requests.json', {
    multipart: {
      api_key: process.env.REPORT311_API_KEY!,
      service_code: 'pothole_in_street',
      lat: '41.88',
      long: '-87.64',
      'attribute[WHEREIS]': 'curb',
      description,
      media: { name: 'pothole.jpg', mimeType: 'image/jpeg', buffer: readFileSync(fixturePhoto('phone-12mp-orient1.jpg')) },
    },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const [filed] = await requestsDescribed(request, description);
  const id = filed.service_request_id!;

  await context.grantPermissions(['geolocation'], { origin: baseURL! });
  // 30 m north of it.
  await context.setGeolocation({ latitude: 41.88027, longitude: -87.64, accuracy: 10 });
  await startPothole(page);
  const item = offered(nearbyPanel(page), id);
  await expect(item).toContainText(description);
  await expect(item).toContainText('30 m away');
  await expect(item).toContainText(`Request ${id} · reported just now · Open`);
  const photo = item.getByRole('img', { name: `Photo of request ${id}` });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test('offline, the list found at a spot before stands in; elsewhere it says it could not check', async ({ page, context, baseURL }) => {
  await allowLocation(context, baseURL!);
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
  await startPothole(page);
  const panel = nearbyPanel(page);
  await expect(followButton(panel, '1')).toBeVisible();
  await expect(panel).not.toContainText('Last checked');

  await context.setOffline(true);
  await startPothole(page, { again: true });
  await expect(offered(panel, '1')).toContainText(SEEDED);
  await expect(panel).toContainText(/You are offline\. Last checked (just now|1 minute ago)\./);

  // Half a kilometre north, where nothing was ever checked (a new page: the browser answers
  // a page that asks again within a minute with the position it gave it before).
  await context.setGeolocation({ latitude: 41.8826, longitude: -87.6298, accuracy: 12 });
  await startPothole(page, { again: true });
  await expect(page.getByText('Location found: 41.88260, -87.62980')).toBeVisible();
  await expect(panel.getByRole('status')).toHaveText('Could not check for reports nearby: you are offline.');
  await expect(panel.getByRole('listitem')).toHaveCount(0);
  await context.setOffline(false);
});

test.describe('when the server cannot list requests', () => {
  test.use({ serviceWorkers: 'block' });

  test('the panel says so in a sentence, and the report is filed all the same', async ({ page, context, baseURL, request }) => {
    const failures = {
      status500: { status: 500, contentType: 'application/json', body: '[]' },
      htmlPage: { status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body>Maintenance</body></html>' },
      tenMegabytes: {
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(Array.from({ length: 20_000 }, (_, n) => ({ service_request_id: `${n}`, description: 'x'.repeat(500) }))),
      },
    };
    let failure: { status: number; contentType: string; body: string } = failures.status500;
    await page.route(/\/open311\/v2\/requests\.json\?.*\blat=/, (route) => route.fulfill(failure));
    await allowLocation(context, baseURL!);
    await startPothole(page);
    const status = nearbyPanel(page).getByRole('status');
    await expect(status).toHaveText(
      "Could not check for reports nearby. The city's server could not answer (status 500).",
    );

    // A check that failed is made again when the person asks for their location again.
    failure = failures.htmlPage;
    await page.getByRole('button', { name: 'Find my location again' }).click();
    await expect(status).toHaveText(/^Could not check for reports nearby\. \S/);
    await expect(status).not.toContainText('status 500');

    // Ten megabytes of requests: more than the app reads.
    failure = failures.tenMegabytes;
    await page.getByRole('button', { name: 'Find my location again' }).click();
    await expect(status).toHaveText(
      "Could not check for reports nearby. The city's server sent an answer too large to read (over 4 MB). Try again later.",
    );

    const description = `Filed while the list failed ${Date.now()}`;
    await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
    await page.getByRole('button', { name: 'Review report' }).click();
    await page.getByRole('button', { name: 'Submit report' }).click();
    await expect(page).toHaveURL(/\/outbox$/);
    await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
  });
});
