import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';

// What the photo benchmarks add to the app's origin, all answered by the browser context
// itself under /bench/: the test photos, browser-image-compression from node_modules (never a
// CDN), and a blank page. Every request for another host is refused and recorded, so that a
// peer quietly loading code from elsewhere fails the benchmark instead of flattering it.

export const FIXTURES = join(__dirname, '..', '..', 'shared', 'fixtures', 'photos');
const BIC_DIST = join(__dirname, '..', 'node_modules', 'browser-image-compression', 'dist');

/** The library as a module, for the page. */
export const BIC_MODULE = '/bench/browser-image-compression.mjs';
/** The library as a classic script, which its web workers import (its `libURL` option). */
export const BIC_SCRIPT = '/bench/browser-image-compression.js';
export const BLANK_PAGE = '/bench/blank.html';

/** The test photos' file names. */
export function photoNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => /\.jpe?g$/i.test(name))
    .sort();
}

export function photoUrl(name: string): string {
  return `/bench/photos/${encodeURIComponent(name)}`;
}

export class BenchOrigin {
  /** URLs the pages asked of any other host (refused). */
  readonly thirdParty: string[] = [];
  /** How many times the library's workers fetched their script. */
  workerScriptFetches = 0;

  private constructor(readonly origin: string) {}

  static async serve(context: BrowserContext, baseURL: string): Promise<BenchOrigin> {
    const served = new BenchOrigin(new URL(baseURL).origin);
    await context.route(
      (url) => url.origin !== served.origin && url.protocol.startsWith('http'),
      (route) => {
        served.thirdParty.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    const files: Record<string, () => { body: Buffer | string; contentType: string }> = {
      [BIC_MODULE]: () => ({ body: readFileSync(join(BIC_DIST, 'browser-image-compression.mjs')), contentType: 'text/javascript' }),
      [BIC_SCRIPT]: () => {
        served.workerScriptFetches += 1;
        return { body: readFileSync(join(BIC_DIST, 'browser-image-compression.js')), contentType: 'text/javascript' };
      },
      [BLANK_PAGE]: () => ({ body: '<!DOCTYPE html><title>Benchmark</title>', contentType: 'text/html' }),
    };
    for (const name of photoNames()) {
      files[photoUrl(name)] = () => ({ body: readFileSync(join(FIXTURES, name)), contentType: 'image/jpeg' });
    }
    await context.route(`${served.origin}/bench/**`, (route) => {
      const file = files[new URL(route.request().url()).pathname];
      return file ? route.fulfill({ status: 200, ...file() }) : route.fulfill({ status: 404 });
    });
    return served;
  }
}
