import { readFileSync } from 'node:fs';
import { test, expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { admin, allowLocation, reportPothole, requestsDescribed } from './flows';

// My reports: every report sent from this device and every request followed, kept up to date
// with few status calls, live on the open page, with a badge and system notifications.

/** Status refreshes every `seconds` for this test: the city's config.json says so. */
async function refreshEvery(context: BrowserContext, seconds: number) {
  await context.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = await response.json();
    await route.fulfill({ response, json: { ...config, status_refresh_seconds: seconds } });
  });
}

/** Follows request `id` through the "Follow a request" form and waits for the answer. */
async function follow(page: Page, id: string, answer: string | RegExp = `You now follow request ${id}.`) {
  await page.getByRole('textbox', { name: 'Request number' }).fill(id);
  await page.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: answer })).toBeVisible();
}

/** Opens My reports from the main navigation: no reload, the page keeps running. */
async function openMyReports(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^My reports/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My reports' })).toBeVisible();
}

async function addNote(request: APIRequestContext, id: string, note: object) {
  await admin(request, 'POST', `/admin/requests/${encodeURIComponent(id)}/notes`, note);
}

test('a sent report is tracked live: notes, closing, badge and a notification that opens it', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  await refreshEvery(context, 2);
  await page.goto('/');
  const description = `Tracked pothole, ${Date.now()}`;
  await reportPothole(page, description);
  await expect(page.getByText('1 report has reached the city')).toBeVisible({ timeout: 30_000 });
  const [filed] = await requestsDescribed(request, description);
  const id = filed.service_request_id!;
  // Set once: a reload would lose it, and the test checks it is still there at the end.
  await page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));

  // Granting the location refused every other permission; the browser is back to asking.
  await context.clearPermissions();
  await openMyReports(page);
  const item = page.getByRole('list', { name: 'Followed reports' }).getByRole('listitem').filter({ hasText: description });
  await expect(item).toContainText(`Request ${id}`);
  await expect(item).toContainText('Open');
  await expect(page.getByText(/^Statuses last checked /)).toBeVisible();

  // The person says yes when the browser asks (the browser asks only after the tap).
  await context.grantPermissions(['notifications'], { origin: baseURL });
  await page.getByRole('button', { name: 'Turn on notifications' }).click();
  await expect(page.getByText('Notifications are on')).toBeVisible();

  // A note while the person looks at the list: the badge counts it, and the list shows it.
  await addNote(request, id, { type: 'activity', summary: 'Crew assigned' });
  await expect(item).toContainText('Latest: Crew assigned', { timeout: 15_000 });
  await expect(item).toContainText('1 update');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My reports, 1 update' })).toBeVisible();

  // Looking at the report clears the badge.
  await item.getByRole('link', { name: `Pothole in Street, request ${id}` }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/${id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Pothole in Street' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'My reports', exact: true })).toBeVisible();
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText('Crew assigned');

  // The city closes it while the page is open: the page shows it without a reload.
  await addNote(request, id, { type: 'closed', summary: 'Pothole filled', status: 'closed' });
  await expect(page.getByRole('status').filter({ hasText: 'Closed' })).toBeVisible({ timeout: 15_000 });
  await expect(timeline.getByRole('listitem').last()).toContainText('Pothole filled');
  expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);

  // And the device shows a notification about it, through the service worker.
  const shown = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const notifications = await registration.getNotifications();
    return notifications.map((n) => ({ title: n.title, body: n.body, url: n.data?.url }));
  });
  expect(shown).toContainEqual({ title: `Pothole in Street (${id}) is closed`, body: 'Pothole filled', url: `/reports/${id}` });

  // Tapping it opens the report. (A person taps; the test has the service worker receive the
  // same event.)
  await page.getByRole('link', { name: 'Back to My reports' }).click();
  await expect(page).toHaveURL(/\/reports$/);
  const [worker] = context.serviceWorkers();
  await worker.evaluate(async () => {
    const scope = self as unknown as ServiceWorkerGlobalScope;
    const [notification] = await scope.registration.getNotifications();
    scope.dispatchEvent(new NotificationEvent('notificationclick', { notification }));
  });
  await expect(page).toHaveURL(new RegExp(`/reports/${id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Pothole in Street' })).toBeVisible();
});

test('any request can be followed by its number, and stopped following', async ({ page }) => {
  await page.goto('/reports');
  await follow(page, '1');
  const list = page.getByRole('list', { name: 'Followed reports' });
  const seeded = list.getByRole('listitem').filter({ hasText: 'Request 1' });
  await expect(seeded).toContainText('Pothole in Street');
  await expect(seeded).toContainText('Open');
  await follow(page, '1', 'You already follow request 1.');
  await follow(page, '999999', 'The city has no request 999999. Check the number and try again.');
  await expect(list.getByRole('listitem')).toHaveCount(1);

  await seeded.getByRole('link', { name: 'Pothole in Street, request 1' }).click();
  await page.getByRole('button', { name: 'Stop following' }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(list.getByRole('listitem')).toHaveCount(0);
});

test('following a request offline keeps it, to be checked when the server can be reached', async ({ context, page }) => {
  await page.goto('/reports');
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
  await context.setOffline(true);
  await follow(page, '2', /^Request 2 was added, and will be checked when the city's server can be reached\./);
  const item = page.getByRole('list', { name: 'Followed reports' }).getByRole('listitem').filter({ hasText: 'Request 2' });
  await expect(item).toContainText('Not checked yet');
  await context.setOffline(false);
  // Coming back online refreshes at once.
  await expect(item).not.toContainText('Not checked yet', { timeout: 15_000 });
});

/** The request id behind a token, once the server has given one. */
async function idOf(request: APIRequestContext, token: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      const answer = await request.get(`/open311/v2/tokens/${token}.json`);
      const [found] = answer.ok() ? await answer.json() : [];
      id = found?.service_request_id;
      return id;
    })
    .toBeDefined();
  return String(id);
}

/** The status calls (batched `requests.json` with ids) in the server's log so far. */
function statusCalls(): string[] {
  const log = readFileSync(process.env.REPORT311_SERVER_LOG!, 'utf8');
  return log.split('\n').filter((line) => line.includes('path="/open311/v2/requests.json"') && line.includes('page_size='));
}

test('tracking 120 requests costs at most two status calls per refresh', async ({ page, request }) => {
  test.setTimeout(180_000);
  const ids: string[] = [];
  for (let n = 0; n < 120; n++) {
    const created = await request.post('/open311/v2/requests.json', {
      form: {
        api_key: process.env.REPORT311_API_KEY!,
        service_code: 'pothole_in_street',
        'attribute[WHEREIS]': 'traffic',
        lat: '41.88',
        long: '-87.63',
        description: `Batch ${n}`,
      },
    });
    expect(created.ok(), await created.text()).toBeTruthy();
    const [{ token }] = await created.json();
    ids.push(await idOf(request, token));
  }
  await page.goto('/reports');
  for (const id of ids) {
    await follow(page, id);
  }
  await expect(page.getByRole('list', { name: 'Followed reports' }).getByRole('listitem')).toHaveCount(120);

  const check = page.getByRole('button', { name: 'Check statuses now' });
  for (let refresh = 0; refresh < 2; refresh++) {
    const before = statusCalls().length;
    await check.click();
    await expect(page.getByRole('button', { name: 'Check statuses now' })).toBeEnabled();
    // The log line is written as the answer leaves the server.
    await expect.poll(() => statusCalls().length - before).toBeGreaterThan(0);
    const calls = statusCalls().slice(before);
    expect(calls.length).toBeLessThanOrEqual(2);
    if (refresh === 1) {
      // Nothing changed since the first refresh: the server answers 304 to both batches.
      expect(calls.every((line) => line.includes('status=304'))).toBe(true);
    }
  }
});

test('a server that says 429 is left alone until the time it asked for', async ({ page, request }) => {
  await page.goto('/reports');
  await follow(page, '1');
  try {
    // One more API request this minute, then 429 with Retry-After until the minute is over.
    await admin(request, 'POST', '/admin/faults', { rate_limit_per_minute: 1 });
    const check = page.getByRole('button', { name: 'Check statuses now' });
    const refused = page.getByText("The city's server asked for fewer requests; statuses will be checked again later.");
    await expect(async () => {
      await check.click();
      await expect(refused).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });

    const before = statusCalls().length;
    for (let n = 0; n < 3; n++) {
      await check.click();
    }
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(1_000);
    expect(statusCalls().length, 'no status call while the server asked for a pause').toBe(before);
    await expect(refused).toBeVisible();
  } finally {
    await admin(request, 'DELETE', '/admin/faults');
  }
});
