import { test, expect, type Browser } from '@playwright/test';
import { writeFigures } from './output';
import { BLANK_PAGE, BenchOrigin, photoNames } from './photo_origin';
import { compressWithApp, compressWithBic, installCompressors } from './compressors';
import { Heaps } from './heap';
import { openPhotoForm } from './photo_form';

// Benchmark 3: memory after PHOTOS compressions in a row, the test photos taken in turn. The
// app runs in its report form (each photo removed once shown, as the tray holds only a few);
// browser-image-compression runs in a blank page of the same origin, so that its page holds
// nothing but the library and what it leaves behind.

/** The photo worker's wasm-bindgen initialiser (a global of its script). */
declare const wasm_bindgen: () => Promise<{ memory: WebAssembly.Memory }>;

const PHOTOS = 20;
const PHOTO_WORKER = '/photo_worker_loader.js';

async function contextFor(browser: Browser, baseURL: string) {
  // As in photos.bench.ts: the bench's own scripts need what the app's policy refuses.
  const context = await browser.newContext({ serviceWorkers: 'block', bypassCSP: true });
  const origin = await BenchOrigin.serve(context, baseURL);
  const page = await context.newPage();
  return { context, origin, page, heaps: await Heaps.attach(context, page) };
}

test('memory', async ({ browser, baseURL }) => {
  const names = photoNames();

  const app = await contextFor(browser, baseURL!);
  // The page's wasm memory is the one the app's start-up hands to this event.
  await app.page.addInitScript(() =>
    addEventListener('TrunkApplicationStarted', (event) => {
      Object.assign(window, { benchAppMemory: (event as CustomEvent).detail.wasm.memory });
    }),
  );
  await openPhotoForm(app.page);
  await installCompressors(app.page, names);
  const appHeapBefore = await app.heaps.page();
  for (let i = 0; i < PHOTOS; i++) await compressWithApp(app.page, names[i % names.length]);
  const photoWorker = app.page.workers().find((worker) => worker.url().endsWith(PHOTO_WORKER));
  expect(photoWorker, 'the photo worker runs').toBeDefined();
  const appFigures = {
    page_wasm_bytes: await app.page.evaluate(() => (window as unknown as { benchAppMemory: WebAssembly.Memory }).benchAppMemory.buffer.byteLength),
    // Calling the worker's wasm-bindgen initialiser again hands back its instance's exports.
    worker_wasm_bytes: await photoWorker!.evaluate(async () => (await wasm_bindgen()).memory.buffer.byteLength),
    page_js_heap_before_bytes: appHeapBefore,
    page_js_heap_bytes: await app.heaps.page(),
    worker_js_heap_bytes: await app.heaps.worker(PHOTO_WORKER),
  };

  const bic = await contextFor(browser, baseURL!);
  await bic.page.goto(BLANK_PAGE);
  await installCompressors(bic.page, names);
  const bicHeapBefore = await bic.heaps.page();
  for (let i = 0; i < PHOTOS; i++) await compressWithBic(bic.page, names[i % names.length]);
  const bicFigures = {
    page_js_heap_before_bytes: bicHeapBefore,
    page_js_heap_bytes: await bic.heaps.page(),
    // It starts a worker for each photo and ends it with the photo.
    workers_left: bic.heaps.workerCount(),
  };

  expect([...app.origin.thirdParty, ...bic.origin.thirdParty], 'no request leaves for another host').toEqual([]);
  expect(bic.origin.workerScriptFetches, 'browser-image-compression ran in its web workers').toBe(PHOTOS);
  await app.context.close();
  await bic.context.close();
  writeFigures({ photos: PHOTOS, app: appFigures, bic: bicFigures });
});
