import { test, expect } from '@playwright/test';
import { allowLocation, openService, reportPothole, requestsDescribed } from './flows';

// How the app copes with servers unlike the reference one, and with the person's details.

// These tests reroute the page's requests, which the service worker would otherwise answer.
test.use({ serviceWorkers: 'block' });

test('a server that speaks only XML gets XML, and the report arrives', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  // The spec requires only XML: every `.json` resource of the API is missing on this server.
  await page.route(/\/open311\/v2\/.*\.json(\?|$)/, (route) =>
    route.fulfill({ status: 404, contentType: 'text/html', body: '<html><body>Not Found</body></html>' }),
  );
  const xml: string[] = [];
  page.on('request', (r) => {
    if (/\/open311\/v2\/.*\.xml(\?|$)/.test(r.url())) {
      xml.push(`${r.method()} ${new URL(r.url()).pathname}`);
    }
  });

  const description = `XML-only pothole, ${Date.now()}`;
  await reportPothole(page, description);
  // The status line may still say "all sent" from before this report was saved: the server is
  // what says it arrived.
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
  await expect(page.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 30_000 });
  expect(xml).toEqual(
    expect.arrayContaining([
      'GET /open311/v2/services.xml',
      'GET /open311/v2/services/pothole_in_street.xml',
      'POST /open311/v2/requests.xml',
    ]),
  );
});

test('a refused app key keeps the report, which goes once the key is right', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const create = '**/open311/v2/requests.json';
  // The key the city issued was withdrawn: the real server answers 403.
  await page.route(create, async (route) => {
    const sent = route.request();
    if (sent.method() !== 'POST') {
      return route.fallback();
    }
    const form = new URLSearchParams(sent.postData() ?? '');
    form.set('api_key', 'withdrawn-key');
    await route.fulfill({ response: await route.fetch({ postData: form.toString() }) });
  });

  const description = `Pothole filed with a withdrawn key, ${Date.now()}`;
  await reportPothole(page, description);
  const item = page.getByRole('list', { name: 'Reports in the outbox' }).getByRole('listitem').filter({ hasText: description });
  await expect(item).toContainText('A valid api_key is needed to file a request.', { timeout: 30_000 });
  await expect(item).toContainText('Waiting to send');
  expect(await requestsDescribed(request, description)).toHaveLength(0);

  await page.unroute(create);
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
});

test('contact details are remembered for the next report', async ({ context, page, baseURL }) => {
  await allowLocation(context, baseURL!);
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByText('Location found: 41.87810, -87.62980')).toBeVisible();
  await page.getByRole('textbox', { name: 'First name' }).fill('Jo');
  await page.getByRole('textbox', { name: 'Email address' }).fill('jo@example.com');
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page).toHaveURL(/\/outbox$/);

  await openService(page, 'Graffiti Removal');
  await expect(page.getByRole('textbox', { name: 'First name' })).toHaveValue('Jo');
  await expect(page.getByRole('textbox', { name: 'Email address' })).toHaveValue('jo@example.com');
});
