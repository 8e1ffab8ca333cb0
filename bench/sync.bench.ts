import { test, expect } from '@playwright/test';
import { fixturePhoto, reportPothole, visitPotholeOnline } from '../tests/e2e/flows';
import { copyFiledReport } from '../tests/e2e/outbox_copies';
import { writeFigures } from './output';

const REPORTS = 200;

test('sync throughput', async ({ context, page, baseURL, request }) => {
  // As after a day offline in the field: the service worker serves the app while offline, and
  // the reports wait on the device until the network returns.
  await visitPotholeOnline(context, page, baseURL!);
  await context.setOffline(true);
  await reportPothole(page, 'Sync bench', [fixturePhoto('phone-12mp-orient6-gps.jpg')]);
  await copyFiledReport(page, REPORTS);
  const photoBytes = await page.evaluate(async () => {
    const open = indexedDB.open('report311');
    await new Promise((resolve) => (open.onsuccess = resolve));
    const photos = open.result.transaction('photos').objectStore('photos').getAll();
    await new Promise((resolve) => (photos.onsuccess = resolve));
    return photos.result.reduce((sum: number, p: { bytes: Uint8Array }) => sum + p.bytes.byteLength, 0);
  });

  const started = Date.now();
  await context.setOffline(false);
  await page.waitForFunction(
    () => document.querySelector('.sync-status')?.textContent === 'Outbox: all sent',
    null,
    { polling: 20, timeout: 10 * 60_000 },
  );
  const totalMs = Date.now() - started;

  // Each report reached the server once.
  const filed = await request.get('/open311/v2/requests.json', {
    params: { service_code: 'pothole_in_street' },
  });
  const descriptions: string[] = (await filed.json()).map((r: { description?: string }) => r.description ?? '');
  const copies = descriptions.filter((d) => d.startsWith('Sync bench '));
  expect(copies.length).toBe(REPORTS);
  expect(new Set(copies).size).toBe(REPORTS);

  writeFigures({ reports: REPORTS, photo_bytes: photoBytes, total_ms: totalMs });
});
