import { test, expect, type Page } from '@playwright/test';
import { allowLocation, reportPothole, requestsDescribed } from './flows';

// Answers no city server should send, but some do: the report is kept, the person is told,
// and it reaches the city once when the server behaves again.

// These tests reroute the page's requests, which the service worker would otherwise answer.
test.use({ serviceWorkers: 'block' });

const CREATE = '**/open311/v2/requests.json';

async function fileThrough(page: Page, answer: { status: number; contentType: string; body: string }, description: string) {
  await page.route(CREATE, (route) => (route.request().method() === 'POST' ? route.fulfill(answer) : route.fallback()));
  await reportPothole(page, description);
  return page.getByRole('list', { name: 'Reports in the outbox' }).getByRole('listitem').filter({ hasText: description });
}

// Ten megabytes of a valid list: the app stops reading at its limit of 4 MB.
const TEN_MEGABYTES = JSON.stringify([{ service_request_id: '1', service_notice: 'x'.repeat(10 * 1024 * 1024) }]);

for (const [kind, answer, sentence] of [
  ['invalid JSON', { status: 200, contentType: 'application/json', body: '[{"service_request_id": ' }, "The city's server sent an answer the app cannot read."],
  ['an empty body', { status: 200, contentType: 'application/json', body: '' }, "The city's server sent an empty answer."],
  ['an HTML page with status 200', { status: 200, contentType: 'text/html', body: '<html><body><h1>Welcome to the city portal</h1></body></html>' }, "The city's server sent a web page instead of data."],
  ['10 MB', { status: 200, contentType: 'application/json', body: TEN_MEGABYTES }, "The city's server sent an answer too large to read (over 4 MB)."],
] as const) {
  test(`a POST answered with ${kind} keeps the report, which goes once later`, async ({ context, page, baseURL, request }) => {
    await allowLocation(context, baseURL!);
    const description = `Answered with ${kind}, ${Date.now()}`;
    const item = await fileThrough(page, answer, description);
    await expect(item).toContainText(`Waiting to send — ${sentence}`, { timeout: 30_000 });
    await page.unroute(CREATE);
    await page.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 }).toBe(1);
  });
}

test('a 200 that carries an error array is the city refusing the report, in its words', async ({ context, page, baseURL, request }) => {
  await allowLocation(context, baseURL!);
  const description = `Refused with a 200, ${Date.now()}`;
  const item = await fileThrough(
    page,
    { status: 200, contentType: 'application/json', body: JSON.stringify([{ code: 400, description: 'The address is outside the city.' }]) },
    description,
  );
  await expect(item).toContainText('Needs attention', { timeout: 30_000 });
  await expect(item.getByRole('list', { name: 'What the city said' })).toHaveText('The address is outside the city.');
  expect(await requestsDescribed(request, description)).toHaveLength(0);
});
