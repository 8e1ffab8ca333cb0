import type { Page } from '@playwright/test';
import { BIC_MODULE, BIC_SCRIPT, photoUrl } from './photo_origin';

// The three ways of compressing a photo that the benchmarks compare, installed in a page of the
// app's origin and timed there, with the page's own clock, from the File to the JPEG's bytes.

/** One compressed photo: how long it took, and the JPEG (base64) with its size in pixels. */
export interface Output {
  ms: number;
  jpeg: string;
  width: number;
  height: number;
}

/** browser-image-compression's options as its budget sets them: long edge 1600 px, at most 300 KB, JPEG.
 * (The app's own limit is lower: 260 KB.) */
export const BIC_OPTIONS = { maxWidthOrHeight: 1600, maxSizeMB: 0.3, fileType: 'image/jpeg' };

/** Fetches the test photos into the page as Files and installs the compressors. */
export async function installCompressors(page: Page, names: string[]): Promise<void> {
  const photos = Object.fromEntries(names.map((name) => [name, photoUrl(name)]));
  await page.evaluate(
    async ({ photos, bicModule, bicScript, bicOptions }) => {
      const files: Record<string, File> = {};
      for (const [name, url] of Object.entries(photos)) {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        files[name] = new File([await response.blob()], name, { type: 'image/jpeg', lastModified: Date.now() });
      }
      const base64 = (blob: Blob) =>
        new Promise<string>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result).split(',')[1]);
          reader.onerror = () => reject(reader.error);
          reader.readAsDataURL(blob);
        });
      const tray = () => document.querySelector('ul[aria-label="Photos in this report"]');
      const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

      // The app, as a person uses it: the file chosen in the report form's photo input, done
      // when the tray shows the compressed photo. The photo is then removed, leaving the
      // tray empty for the next.
      const app = async (name: string) => {
        const input = document.querySelector<HTMLInputElement>('#photo-gallery');
        const list = tray();
        if (!input || !list) throw new Error('the report form is not open');
        const shown = new Promise<[number, HTMLImageElement]>((resolve, reject) => {
          const observer = new MutationObserver(() => {
            const img = list.querySelector<HTMLImageElement>('li.photo.ready img');
            const failed = list.querySelector('li.photo.failed');
            if (img) resolve([performance.now(), img]);
            if (failed) reject(new Error(`the app refused ${name}: ${failed.textContent}`));
            if (img || failed) observer.disconnect();
          });
          observer.observe(list, { childList: true, subtree: true });
        });
        const chosen = new DataTransfer();
        chosen.items.add(files[name]);
        const start = performance.now();
        input.files = chosen.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        const [end, img] = await shown;
        const jpeg = await (await fetch(img.src)).blob();
        const output = { ms: end - start, jpeg: await base64(jpeg), width: Number(img.getAttribute('width')), height: Number(img.getAttribute('height')) };
        list.querySelector<HTMLButtonElement>('li.photo.ready button')!.click();
        while (list.querySelector('li')) await settled();
        return output;
      };

      // Imported on first use, so that a page which never calls it does not carry it.
      let library: Promise<{ default: (file: File, options: object) => Promise<Blob> }> | undefined;
      const bic = async (name: string) => {
        library ??= import(bicModule);
        const { default: imageCompression } = await library;
        const start = performance.now();
        const jpeg = await imageCompression(files[name], { ...bicOptions, libURL: new URL(bicScript, location.href).href });
        const ms = performance.now() - start;
        const bitmap = await createImageBitmap(jpeg);
        const output = { ms, jpeg: await base64(jpeg), width: bitmap.width, height: bitmap.height };
        bitmap.close();
        return output;
      };

      // The floor: the browser's own decode-orient-resize and encode, once each, at the size
      // and quality given, timed around those two calls alone (not the messages). It runs in a
      // worker, as the app's pipeline does, so that both run on the same kind of thread.
      const floorScript = `onmessage = async ({ data: { file, width, height, quality } }) => {
        const start = performance.now();
        const bitmap = await createImageBitmap(file, {
          resizeWidth: width, resizeHeight: height, resizeQuality: 'high', imageOrientation: 'from-image',
        });
        const canvas = new OffscreenCanvas(width, height);
        canvas.getContext('2d').drawImage(bitmap, 0, 0);
        bitmap.close();
        const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality });
        postMessage({ ms: performance.now() - start, jpeg });
      };`;
      const startFloorWorker = () => new Worker(URL.createObjectURL(new Blob([floorScript], { type: 'text/javascript' })));
      let floorWorker: Worker | undefined;
      const floor = async (name: string, width: number, height: number, quality: number) => {
        floorWorker ??= startFloorWorker();
        const worker = floorWorker;
        const done = new Promise<{ ms: number; jpeg: Blob }>((resolve) => {
          worker.onmessage = ({ data }) => resolve(data);
        });
        worker.postMessage({ file: files[name], width, height, quality });
        const { ms, jpeg } = await done;
        return { ms, jpeg: await base64(jpeg), width, height };
      };

      Object.assign(window, { benchCompressors: { app, bic, floor } });
    },
    { photos, bicModule: BIC_MODULE, bicScript: BIC_SCRIPT, bicOptions: BIC_OPTIONS },
  );
}

type Compressors = {
  app(name: string): Promise<Output>;
  bic(name: string): Promise<Output>;
  floor(name: string, width: number, height: number, quality: number): Promise<Output>;
};

export function compressWithApp(page: Page, name: string): Promise<Output> {
  return page.evaluate((name) => (window as unknown as { benchCompressors: Compressors }).benchCompressors.app(name), name);
}

export function compressWithBic(page: Page, name: string): Promise<Output> {
  return page.evaluate((name) => (window as unknown as { benchCompressors: Compressors }).benchCompressors.bic(name), name);
}

export function compressAtFloor(page: Page, name: string, width: number, height: number, quality: number): Promise<Output> {
  return page.evaluate(
    ({ name, width, height, quality }) =>
      (window as unknown as { benchCompressors: Compressors }).benchCompressors.floor(name, width, height, quality),
    { name, width, height, quality },
  );
}
