// Captures the database that a build of the app writes, for the upgrade tests: a person's
// device as it is when a new version arrives, with reports in every state, photos, followed
// requests, settings and the kept catalogue.
//
// Run it against a reference server that serves the build to capture (in token mode, with
// a token delay of 45 s), once per schema version, and commit what it writes:
//
//   open311-server --listen 127.0.0.1:8099 --data DIR --app DIST --token-delay-ms 45000
//   node tests/e2e/upgrade/capture.mjs http://127.0.0.1:8099 tests/e2e/upgrade/database-v1.json
//
// The database is dumped as it stands, with its schema (stores, key paths, indexes) and its
// records, bytes as base64; `database.ts` writes it back into a fresh browser.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const [baseURL, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node capture.mjs BASE_URL OUT.json');
  process.exit(2);
}

const PHOTO = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'photos', 'phone-12mp-orient6-gps.jpg');
readFileSync(PHOTO); // There, or fail now.

// As tests/e2e/browser.ts launches it.
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 } });
await context.grantPermissions(['geolocation'], { origin: baseURL });
await context.setGeolocation({ latitude: 41.8781, longitude: -87.6298, accuracy: 12 });
const page = await context.newPage();
await page.goto('/');
await page.waitForFunction(() => navigator.serviceWorker?.controller != null);

async function file(description, { photo = false, email = '' } = {}) {
  await page.goto('/report');
  await page.getByRole('link', { name: 'Pothole in Street', exact: true }).click();
  await page.getByRole('radio', { name: 'Traffic lane' }).check();
  if (photo) {
    await page.getByLabel('Choose photos').setInputFiles([PHOTO]);
    await page.getByRole('button', { name: 'Remove photo 1' }).waitFor({ timeout: 30_000 });
  }
  await page.getByRole('button', { name: 'Use my location' }).click();
  await page.getByText('Location found').waitFor();
  await page.getByRole('textbox', { name: 'Describe the problem' }).fill(description);
  if (email) {
    await page.getByRole('textbox', { name: 'Email address' }).fill(email);
  }
  await page.getByRole('button', { name: 'Review report' }).click();
  await page.getByRole('button', { name: 'Submit report' }).click();
  await page.waitForURL(/\/outbox$/);
}

/** Waits until the report described so is stored in `state` (queued, sending...). */
async function reaches(description, state) {
  await reachesWith(description, { state });
}

/** Waits until the delivery of the report described so has the fields of `fields`. */
async function reachesWith(description, fields) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const found = await page.evaluate(async ([description, fields]) => {
      const database = await new Promise((resolve, reject) => {
        const request = indexedDB.open('report311');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const reports = await new Promise((resolve, reject) => {
        const request = database.transaction('outbox').objectStore('outbox').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      database.close();
      const passes = (delivery) => Object.entries(fields).every(([key, value]) => delivery[key] === value);
      return reports.some((r) => r.draft.description === description && passes(r.delivery));
    }, [description, fields]);
    if (found) return;
    if (Date.now() > deadline) throw new Error(`${description} never had ${JSON.stringify(fields)}`);
    await page.waitForTimeout(250);
  }
}

// A request followed by its number.
await page.goto('/reports');
await page.getByRole('textbox', { name: 'Request number' }).fill('1');
await page.getByRole('button', { name: 'Follow', exact: true }).click();
await page.getByRole('status').filter({ hasText: 'You now follow request 1.' }).waitFor();

// Submitted, with the city's id, and a photo; the contact details are remembered.
await file('Upgrade fixture: reached the city', { photo: true, email: 'resident@example.org' });
await reaches('Upgrade fixture: reached the city', 'submitted');

// Refused by the city: the POST reaches the server without the required answer.
// The context's route: the page's POSTs pass through the service worker.
await context.route('**/open311/v2/requests.json', async (route) => {
  const sent = route.request();
  if (sent.method() !== 'POST') return route.fallback();
  const type = (await sent.allHeaders())['content-type'] ?? '';
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  if (boundary) {
    const body = (sent.postDataBuffer() ?? Buffer.alloc(0)).toString('latin1');
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="attribute\\[WHEREIS\\]"\r\n\r\n[^\r]*\r\n`;
    return route.fulfill({ response: await route.fetch({ postData: Buffer.from(body.replace(new RegExp(part), ''), 'latin1') }) });
  }
  const form = new URLSearchParams(sent.postData() ?? '');
  form.delete('attribute[WHEREIS]');
  await route.fulfill({ response: await route.fetch({ postData: form.toString() }) });
});
await file('Upgrade fixture: refused by the city');
await reaches('Upgrade fixture: refused by the city', 'needs_attention');
await context.unroute('**/open311/v2/requests.json');

// Accepted with a token, its id not given yet (the server's token delay is 45 s).
await file('Upgrade fixture: waiting for its id');
await reaches('Upgrade fixture: waiting for its id', 'awaiting_id');

// The last three never reach the server: each POST is held, refused or cut off here.
const describes = (sent, words) =>
  new RegExp(words.split(' ').join('(\\+| |%20)')).test((sent.postDataBuffer() ?? Buffer.alloc(0)).toString('latin1'));
await context.route('**/open311/v2/requests.json', async (route) => {
  const sent = route.request();
  if (sent.method() !== 'POST') return route.fallback();
  if (describes(sent, 'waiting to send')) {
    return route.fulfill({ status: 503, headers: { 'Retry-After': '3600' }, body: 'Busy' });
  }
  if (describes(sent, 'cut off')) return route.abort('connectionreset');
  if (describes(sent, 'on its way')) return new Promise(() => {});
  return route.fallback();
});

// Waiting to send, with a photo: the server asked it to come back in an hour.
await file('Upgrade fixture: waiting to send', { photo: true });
await reaches('Upgrade fixture: waiting to send', 'queued');

// Cut off after it left: it may have reached the server, which is asked before it goes again.
await file('Upgrade fixture: cut off');
await reachesWith('Upgrade fixture: cut off', { state: 'queued', maybe_delivered: true });

// On its way: its POST has left, and no answer has come.
await file('Upgrade fixture: on its way');
await reaches('Upgrade fixture: on its way', 'sending');

const dump = await page.evaluate(async () => {
  const open = () =>
    new Promise((resolve, reject) => {
      const request = indexedDB.open('report311');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const database = await open();
  const base64 = (bytes) => {
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  };
  const plain = (value) => {
    if (value instanceof Uint8Array) return { $bytes: base64(value) };
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
    }
    return value;
  };
  const stores = [];
  for (const name of Array.from(database.objectStoreNames)) {
    const transaction = database.transaction(name, 'readonly');
    const store = transaction.objectStore(name);
    const records = await new Promise((resolve, reject) => {
      const request = store.getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    stores.push({
      name,
      keyPath: store.keyPath,
      indexes: Array.from(store.indexNames).map((index) => ({ name: index, keyPath: store.index(index).keyPath })),
      records: records.map(plain),
    });
  }
  const version = database.version;
  database.close();
  return { name: 'report311', version, stores };
});
writeFileSync(out, `${JSON.stringify(dump, null, 1)}\n`);
const outbox = dump.stores.find((s) => s.name === 'outbox').records;
console.log(`version ${dump.version}: ${dump.stores.map((s) => `${s.name} ${s.records.length}`).join(', ')}`);
console.log(outbox.map((r) => `${r.draft.description}: ${r.delivery.state}`).join('\n'));
await browser.close();
