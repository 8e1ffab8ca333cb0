import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { admin, fixturePhoto, reportPothole, requestsDescribed, visitPotholeOnline } from './flows';

// The fault soak: randomised rounds, seeded and reproducible. Each round files reports offline
// (some with a photo), then lets them sync while the server injects latency, 500 and 503, 429
// with Retry-After and answers dropped after commit, and while the test cuts the network,
// reloads the page, or closes it and opens another. Once the faults stop, every report must be
// on the server exactly once, its photo byte for byte as the device stored it.
//
// `cargo xtask test` runs a few rounds; `cargo xtask soak` runs 1,000. REPORT311_SOAK_SEED
// replays a run.

const ROUNDS = Number(process.env.REPORT311_SOAK_ROUNDS ?? 5);
const SEED = Number(process.env.REPORT311_SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PHOTO = fixturePhoto('phone-12mp-orient1.jpg');

/** mulberry32: a small seeded generator, so that a seed replays the same run. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(choices: T[]): T => choices[Math.floor(next() * choices.length)] };
}

/** SHA-256 of the photos the device stored for the report described `description`. */
async function storedPhotoHashes(page: Page, description: string): Promise<string[]> {
  return page.evaluate(async (description) => {
    const open = indexedDB.open('report311');
    await new Promise((resolve) => (open.onsuccess = resolve));
    const tx = open.result.transaction(['outbox', 'photos']);
    const reports = tx.objectStore('outbox').getAll();
    const photos = tx.objectStore('photos').getAll();
    await new Promise((resolve) => (tx.oncomplete = resolve));
    open.result.close();
    const report = reports.result.find((r: { draft: { description?: string } }) => r.draft.description === description);
    const hashes = [];
    for (const id of report.photo_ids) {
      const photo = photos.result.find((p: { id: string }) => p.id === id);
      const digest = await crypto.subtle.digest('SHA-256', photo.bytes);
      hashes.push([...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''));
    }
    return hashes;
  }, description);
}

// A failed round must not leave the server failing the tests after it.
test.afterEach(async ({ request }) => {
  await admin(request, 'DELETE', '/admin/faults');
});

function serverLogCount(pattern: RegExp): number {
  return (readFileSync(process.env.REPORT311_SERVER_LOG!, 'utf8').match(pattern) ?? []).length;
}

test('fault soak', async ({ context, page: firstPage, baseURL, request }) => {
  test.setTimeout(ROUNDS * 120_000 + 60_000);
  console.log(`fault soak: seed ${SEED}, ${ROUNDS} rounds (REPORT311_SOAK_SEED=${SEED} replays it)`);
  const random = generator(SEED);
  let page = firstPage;
  await visitPotholeOnline(context, page, baseURL!);
  const logBefore = { errors: serverLogCount(/ status=50[03] /g), limited: serverLogCount(/ status=429 /g), dropped: serverLogCount(/answer to this stored request is dropped/g) };
  const survived = { rounds: 0, reports: 0, photos: 0, offline: 0, reloads: 0, reopened: 0 };

  for (let round = 1; round <= ROUNDS; round++) {
    await context.setOffline(true);
    const filed = new Map<string, string[]>();
    for (let n = 1 + Math.floor(random.next() * 3); n > 0; n--) {
      const description = `Soak ${SEED} round ${round} report ${n}`;
      const withPhoto = random.next() < 0.3;
      await reportPothole(page, description, withPhoto ? [PHOTO] : []);
      filed.set(description, await storedPhotoHashes(page, description));
    }

    await admin(request, 'POST', '/admin/faults', {
      latency_ms: random.pick([0, 0, 50, 400]),
      error_rate: random.pick([0, 0.2, 0.5]),
      drop_response_rate: random.pick([0, 0.3, 0.6]),
      rate_limit_per_minute: random.next() < 0.2 ? 10 : null,
    });
    await context.setOffline(false);
    for (let events = Math.floor(random.next() * 4); events > 0; events--) {
      await page.waitForTimeout(100 + random.next() * 1500);
      const event = random.pick(['offline', 'reload', 'reopen'] as const);
      if (event === 'offline') {
        await context.setOffline(true);
        await page.waitForTimeout(random.next() * 1000);
        await context.setOffline(false);
        survived.offline++;
      } else if (event === 'reload') {
        await page.reload();
        survived.reloads++;
      } else {
        await page.close();
        page = await context.newPage();
        await page.goto('/outbox');
        survived.reopened++;
      }
    }
    await page.waitForTimeout(random.next() * 3000);

    // The faults stop: whatever still waits must go, once each.
    await admin(request, 'DELETE', '/admin/faults');
    await page.goto('/outbox');
    await page.getByRole('button', { name: 'Send now' }).click();
    for (const [description, hashes] of filed) {
      await expect
        .poll(async () => (await requestsDescribed(request, description)).length, { timeout: 90_000, message: description })
        .toBe(1);
      const [onServer] = await requestsDescribed(request, description);
      const media = onServer.extended_attributes?.photos ?? [];
      const served = [];
      for (const photo of media) {
        const body = await (await request.get(photo.media_url)).body();
        served.push(createHash('sha256').update(body).digest('hex'));
      }
      expect(served, `${description}: its photos as the device stored them`).toEqual(hashes);
      survived.photos += hashes.length;
    }
    await expect(page.getByRole('status').filter({ hasText: 'Outbox: all sent' })).toBeVisible({ timeout: 90_000 });
    survived.rounds++;
    survived.reports += filed.size;
    // A long run shows how far it got, so a run cut short still says what it survived.
    if (round % 50 === 0 && round < ROUNDS) {
      console.log(`fault soak, after round ${round}: ${JSON.stringify(survived)}`);
    }
  }

  const faults = {
    server_errors: serverLogCount(/ status=50[03] /g) - logBefore.errors,
    rate_limited: serverLogCount(/ status=429 /g) - logBefore.limited,
    answers_dropped: serverLogCount(/answer to this stored request is dropped/g) - logBefore.dropped,
  };
  console.log(`fault soak survived: ${JSON.stringify({ seed: SEED, ...survived, ...faults })}`);
});
