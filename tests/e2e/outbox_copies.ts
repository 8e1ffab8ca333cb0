import type { Page } from '@playwright/test';

/**
 * Fills the outbox with `count` reports by copying the one report filed through the form, as
 * the app stored it: each copy gets fresh ids and idempotency key, its own description and
 * its own copy of the photo. With `smallPhoto`, the copies carry a 160×120 JPEG instead.
 * (Filing hundreds of reports through the form would take minutes and test the form again.)
 */
export async function copyFiledReport(page: Page, count: number, smallPhoto = false): Promise<void> {
  await page.evaluate(
    async ({ count, smallPhoto }) => {
      const done = (request: IDBRequest | IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          if (request instanceof IDBTransaction) {
            request.oncomplete = () => resolve();
            request.onerror = () => reject(request.error);
          } else {
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error);
          }
        });
      const open = indexedDB.open('report311');
      await done(open);
      const db = open.result;
      const read = db.transaction(['outbox', 'photos'], 'readonly');
      const reports = read.objectStore('outbox').getAll();
      const photos = read.objectStore('photos').getAll();
      await done(read);
      if (reports.result.length !== 1 || photos.result.length !== 1) {
        throw new Error(`expected one filed report with one photo, found ${reports.result.length} and ${photos.result.length}`);
      }
      const [report] = reports.result;
      const [photo] = photos.result;
      if (smallPhoto) {
        const canvas = new OffscreenCanvas(160, 120);
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#6b6b6b';
        context.fillRect(0, 0, 160, 120);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
        photo.bytes = new Uint8Array(await blob.arrayBuffer());
        photo.width = 160;
        photo.height = 120;
      }
      // Every write is queued before the first completes: nothing else is awaited while the
      // transaction is open.
      const write = db.transaction(['outbox', 'photos'], 'readwrite');
      for (let n = 0; n < count; n++) {
        const id = crypto.randomUUID();
        const photoId = crypto.randomUUID();
        write.objectStore('outbox').put({
          ...report,
          id: n === 0 ? report.id : id,
          idempotency_key: n === 0 ? report.idempotency_key : crypto.randomUUID(),
          created_ms: report.created_ms + n,
          updated_ms: report.updated_ms + n,
          draft: { ...report.draft, description: `${report.draft.description} ${n + 1}` },
          photo_ids: [n === 0 ? photo.id : photoId],
        });
        write.objectStore('photos').put({
          ...photo,
          id: n === 0 ? photo.id : photoId,
          report_id: n === 0 ? report.id : id,
        });
      }
      await done(write);
      db.close();
    },
    { count, smallPhoto },
  );
}
