import { test, expect } from '@playwright/test';
import { capturedDatabase, databaseKeys, writeDatabase } from './database';
import { requestsDescribed } from './flows';

// People update with reports still waiting in their outbox. Each schema step gets a test like
// this one: the database that the build before the step wrote (captured from that build, see
// upgrade/capture.mjs) is opened by this build, and every record is still there and still
// sends.

const UNSENT = ['Upgrade fixture: on its way', 'Upgrade fixture: cut off', 'Upgrade fixture: waiting to send'];

test('a device\'s version 1 database opens in this build with every record, and its reports still send', async ({ page, request }) => {
  const v1 = capturedDatabase(1);
  expect(v1.version).toBe(1);
  const before = Object.fromEntries(v1.stores.map((store) => [store.name, store.records.length]));
  expect(before).toMatchObject({ outbox: 6, photos: 2, tracked: 2, settings: 1 });

  // Any page of the app's origin that does not run the app: the database is written first.
  await page.goto('/icons/icon.svg');
  await writeDatabase(page, v1);

  await page.goto('/outbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
  const outbox = page.getByRole('list', { name: 'Reports in the outbox' });
  // The refused report keeps the city's words and stays for the person to fix.
  const refused = outbox.getByRole('listitem').filter({ hasText: 'Upgrade fixture: refused by the city' });
  await expect(refused).toContainText('Needs attention');
  await expect(refused.getByRole('list', { name: 'What the city said' })).toHaveText('Choose where the pothole is.');

  // The reports still on their way reach the city, once each: the one whose POST had left,
  // the one cut off after it left, and the one the server had asked to come back in an hour
  // ("Send now" is what a person taps rather than wait).
  await page.getByRole('button', { name: 'Send now' }).click();
  for (const description of UNSENT) {
    await expect
      .poll(async () => (await requestsDescribed(request, description)).length, { timeout: 30_000 })
      .toBe(1);
    await expect(outbox.getByRole('listitem').filter({ hasText: description })).toHaveCount(0);
  }
  const [withPhoto] = await requestsDescribed(request, 'Upgrade fixture: waiting to send');
  expect(withPhoto.extended_attributes?.photos).toHaveLength(1);

  // Nothing was lost in the step: every record is still there under its key (reports that
  // reached the city since were followed, and the catalogue kept fresh, beside them), and the
  // new store is empty.
  const after = await databaseKeys(page);
  expect(after.version).toBe(2);
  for (const store of v1.stores) {
    const key = store.keyPath as string;
    const kept = store.records.map((record) => String((record as Record<string, unknown>)[key]));
    expect(after.keys[store.name], store.name).toEqual(expect.arrayContaining(kept));
  }
  expect(after.keys.outbox).toHaveLength(before.outbox);
  expect(after.keys.photos).toHaveLength(before.photos);
  expect(after.keys.drafts).toEqual([]);

  // The reports sent before the update, and the request followed, are still in My reports.
  await page.goto('/reports');
  const followed = page.getByRole('list', { name: 'Followed reports' });
  for (const text of ['Upgrade fixture: reached the city', 'Upgrade fixture: waiting for its id', 'Request 1']) {
    await expect(followed.getByRole('listitem').filter({ hasText: text }).first()).toBeVisible();
  }

  // The remembered contact details still fill in a new report.
  await page.goto('/report');
  await page.getByRole('link', { name: 'Pothole in Street', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Email address' })).toHaveValue('resident@example.org');

  // Nothing of the fixture's was filed twice, wherever it had got to.
  for (const description of UNSENT) {
    expect(await requestsDescribed(request, description)).toHaveLength(1);
  }
});
