import { test, expect } from '@playwright/test';
import { visitPotholeOnline, fixturePhoto, reportPothole } from '../tests/e2e/flows';
import { copyFiledReport } from '../tests/e2e/outbox_copies';
import { median, writeFigures } from './output';

const REPORTS = 1000;
const RUNS = 5;

// Marks, in the page's own clock (milliseconds from navigation), when the outbox's records
// were last read and when its list is on screen (every report, or its first page with the
// button for more); then when the page next runs a task, which is when a tap is answered.
function instrument(reports: number) {
  const marks = { reads: [] as number[], listed: 0, interactive: 0 };
  (window as unknown as { outboxMarks: typeof marks }).outboxMarks = marks;
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    const getAll = proto.getAll;
    proto.getAll = function (this: IDBObjectStore | IDBIndex, ...args: Parameters<IDBObjectStore['getAll']>) {
      const request = getAll.apply(this, args);
      const store = this instanceof IDBIndex ? this.objectStore : this;
      if (store.name === 'outbox') {
        request.addEventListener('success', () => marks.reads.push(performance.now()));
      }
      return request;
    } as typeof proto.getAll;
  }
  new MutationObserver(() => {
    const list = document.querySelector('ul[aria-label="Reports in the outbox"]');
    const more = [...document.querySelectorAll('button')].some((b) => /^Show \d+ more of/.test(b.textContent ?? ''));
    if (marks.listed || !list || list.children.length === 0 || (list.children.length < reports && !more)) return;
    marks.listed = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (marks.interactive = performance.now());
    channel.port2.postMessage(null);
  }).observe(document, { childList: true, subtree: true });
}

test('outbox at scale', async ({ context, page, baseURL }) => {
  // Offline in the field: the service worker serves the app, the reports wait on the device.
  await visitPotholeOnline(context, page, baseURL!);
  await context.setOffline(true);
  await reportPothole(page, 'Outbox bench', [fixturePhoto('phone-12mp-orient1.jpg')]);
  await copyFiledReport(page, REPORTS, true);
  await context.addInitScript(instrument, REPORTS);

  const interactive: number[] = [];
  const render: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto('/outbox');
    await page.waitForFunction(() => (window as any).outboxMarks?.interactive > 0, null, { timeout: 60_000 });
    const marks = await page.evaluate(() => (window as any).outboxMarks);
    const lastRead = Math.max(...marks.reads.filter((t: number) => t <= marks.listed));
    interactive.push(marks.interactive);
    render.push(marks.listed - lastRead);
  }
  const listed = await page.getByRole('list', { name: 'Reports in the outbox' }).locator(':scope > li').count();
  await expect(page.getByRole('button', { name: 'Send now' })).toBeEnabled();

  writeFigures({
    reports: REPORTS,
    listed,
    runs: RUNS,
    interactive_ms: median(interactive),
    render_ms: median(render),
    interactive_samples: interactive,
    render_samples: render,
  });
});
