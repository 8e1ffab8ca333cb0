import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { checkScreen } from './audit';
import { allowLocation, fixturePhoto, requestsDescribed } from './flows';

// A resident's first day: one visit to the home screen with a connection is all it takes to
// file a report of any kind without one. Nothing here opens the report screen online first.

const READY = /^Ready to report offline: \d+ kinds of problem saved\.$/;

function readiness(page: Page) {
  return page.getByRole('main').getByRole('status').filter({ hasText: /report offline|city's list/ });
}

/** What the service worker keeps for the app, by path. */
async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) {
        paths.push(new URL(request.url).pathname);
      }
    }
    return paths;
  });
}

async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
}

test('one visit to the home screen online, then a report filed offline through every step', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  await page.goto('/');
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
  // The catalogue is saved in the background; the home screen says when it is done.
  await expect(readiness(page)).toHaveText(READY, { timeout: 30_000 });
  await checkScreen(page, 'home, ready offline');
  const kinds = Number(/(\d+) kinds/.exec((await readiness(page).textContent()) ?? '')![1]);
  const services = await (await request.get('/open311/v2/services.json')).json();
  expect(kinds).toBe(services.length);

  // Everything a report needs offline is kept: the icons, both workers and their wasm.
  const cached = await cachedPaths(page);
  for (const path of ['/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-180.png', '/photo_worker.js', '/photo_worker_bg.wasm', '/sync_worker.js', '/sync_worker_bg.wasm', '/app.html', '/']) {
    expect(cached, path).toContain(path);
  }

  await goOffline(context);
  await page.reload();
  await expect(readiness(page)).toHaveText(READY);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
  await page.getByRole('link', { name: 'Pothole in Street', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pothole in Street' })).toBeVisible();
  // The questions of a form never opened online.
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByLabel('Choose photos').setInputFiles([fixturePhoto('phone-12mp-orient6-gps.jpg')]);
  await expect(page.getByRole('button', { name: 'Remove photo 1' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  const description = `Filed offline on the first day ${Date.now()}`;
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  await expect(page.getByRole('listitem').filter({ hasText: description })).toContainText('Waiting to send');

  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
  const filed = await requestsDescribed(request, description);
  expect(filed[0].extended_attributes?.photos).toHaveLength(1);
});

test('offline before the city\'s list is saved, the home screen says what to do; back online, it saves it', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  // The city's server cannot be reached for its list on this first visit.
  await context.route('**/open311/v2/services**', (route) => route.abort('internetdisconnected'));
  const attempted = page.waitForRequest(/\/open311\/v2\/services\.json/);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Report street problems to 311' })).toBeVisible();
  // The app started and tried; online, a failure is tried again later without a word.
  await attempted;
  await page.waitForTimeout(500);
  await expect(readiness(page)).toHaveCount(0);
  expect(await page.getByRole('main').getByRole('status').textContent()).toBe('');

  await goOffline(context);
  await expect(readiness(page)).toHaveText(
    "Not ready to report offline yet: the city's list of problems is not saved on this device. Open Report311 once with a connection to save it.",
  );

  await context.unroute('**/open311/v2/services**');
  await context.setOffline(false);
  await expect(readiness(page)).toHaveText(READY, { timeout: 30_000 });
  await context.close();
});

test('the service worker keeps the catalogue when it takes charge, whatever the page does', async ({ context, page }) => {
  // The page's own app never starts (its wasm does not load), so only the worker can keep
  // the catalogue; the worker is registered as the app registers it.
  await page.route(/\/report311-[0-9a-f]+_bg\.wasm$/, (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Report street problems to 311' })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js'));
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null || navigator.serviceWorker.ready);
  const services = await (await page.request.get('/open311/v2/services.json')).json();
  const withQuestions = services.filter((service: { metadata: boolean }) => service.metadata).length;
  // The list and every definition, written by the worker into the app's database.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const names = await indexedDB.databases();
          if (!names.some((d) => d.name === 'report311')) return 0;
          const database = await new Promise<IDBDatabase>((resolve, reject) => {
            const request = indexedDB.open('report311');
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          if (!database.objectStoreNames.contains('catalogue')) {
            database.close();
            return 0;
          }
          const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
            const request = database.transaction('catalogue').objectStore('catalogue').getAllKeys();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          database.close();
          return keys.filter((key) => String(key).startsWith('definition/')).length + (keys.includes('services') ? 1 : 0);
        }),
      { timeout: 30_000 },
    )
    .toBe(withQuestions + 1);

  // Offline, the app (from the worker's precache) is ready to report at once.
  await page.unroute(/\/report311-[0-9a-f]+_bg\.wasm$/);
  await goOffline(context);
  await page.reload();
  await expect(readiness(page)).toHaveText(READY);
  await context.setOffline(false);
});

test('Add to Home Screen on an iPhone finds its tags, a 180 px icon and a standalone app', async ({ page }) => {
  await page.goto('/');
  const head = await page.evaluate(async () => {
    const meta = (name: string) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
    const link = document.querySelector('link[rel="apple-touch-icon"]') as HTMLLinkElement | null;
    const icon = link ? await createImageBitmap(await (await fetch(link.href)).blob()) : null;
    const manifest = await (await fetch((document.querySelector('link[rel="manifest"]') as HTMLLinkElement).href)).json();
    return {
      capable: meta('apple-mobile-web-app-capable'),
      title: meta('apple-mobile-web-app-title'),
      viewport: meta('viewport'),
      sizes: link?.getAttribute('sizes'),
      icon: icon && [icon.width, icon.height],
      display: manifest.display,
    };
  });
  expect(head).toEqual({
    capable: 'yes',
    title: 'Report311',
    viewport: expect.stringContaining('viewport-fit=cover'),
    sizes: '180x180',
    icon: [180, 180],
    display: 'standalone',
  });
});
