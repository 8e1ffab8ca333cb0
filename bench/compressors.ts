import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  const source = readFileSync(join(__dirname, 'compressors.page.js'), 'utf8');
  const config = { photos, bicModule: BIC_MODULE, bicScript: BIC_SCRIPT, bicOptions: BIC_OPTIONS };
  await page.evaluate(`(${source.trim().replace(/;$/, '')})(${JSON.stringify(config)})`);
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
