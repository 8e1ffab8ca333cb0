import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test, expect } from '@playwright/test';
import { writeFigures } from './output';
import { BenchOrigin, photoNames } from './photo_origin';
import { compressAtFloor, compressWithApp, compressWithBic, installCompressors, type Output } from './compressors';
import { jpegQuality } from './jpeg_quality';
import { openPhotoForm } from './photo_form';

// Benchmark 2: each test photo compressed by the app, by browser-image-compression and at the
// floor, in one page, RUNS times each after one untimed round. The three are interleaved, each
// round in another of their six orders, so that the machine's noise falls on all alike and
// each follows each of the others equally often. The last outputs go to target/bench/photos/
// for the SSIM the Rust side computes.

// The service worker's precache would compete with the first photos for the network and CPU.
// The bench reads the app's compressed photo back from its `blob:` URL and runs the peer from
// a script it injects, both of which the app's Content-Security-Policy refuses to scripts.
test.use({ serviceWorkers: 'block', bypassCSP: true });

const RUNS = 12;
const TOOLS = ['app', 'bic', 'floor'] as const;
type Tool = (typeof TOOLS)[number];
const ORDERS: Tool[][] = [
  ['app', 'bic', 'floor'],
  ['app', 'floor', 'bic'],
  ['bic', 'app', 'floor'],
  ['bic', 'floor', 'app'],
  ['floor', 'app', 'bic'],
  ['floor', 'bic', 'app'],
];

interface Measured {
  ms: number[];
  output: string;
  width: number;
  height: number;
}

test('photo compression', async ({ context, page, baseURL }) => {
  const origin = await BenchOrigin.serve(context, baseURL!);
  const names = photoNames();
  expect(names.length, 'test photos beside the checkout').toBeGreaterThan(0);
  await openPhotoForm(page);
  await installCompressors(page, names);

  // The untimed round: starts the app's worker and warms every cache, and tells the floor the
  // size and quality the app chose for each photo.
  const floorArgs: Record<string, [number, number, number]> = {};
  for (const name of names) {
    const app = await compressWithApp(page, name);
    floorArgs[name] = [app.width, app.height, jpegQuality(Buffer.from(app.jpeg, 'base64'))];
    await compressWithBic(page, name);
  }
  const run = (tool: Tool, name: string): Promise<Output> =>
    tool === 'app' ? compressWithApp(page, name) : tool === 'bic' ? compressWithBic(page, name) : compressAtFloor(page, name, ...floorArgs[name]);

  const times: Record<string, Record<Tool, number[]>> = {};
  const last: Record<string, Partial<Record<Tool, Output>>> = {};
  for (let round = 0; round < RUNS; round++) {
    for (const name of names) {
      times[name] ??= { app: [], bic: [], floor: [] };
      last[name] ??= {};
      for (const tool of ORDERS[round % ORDERS.length]) {
        const output = await run(tool, name);
        times[name][tool].push(output.ms);
        last[name][tool] = output;
      }
    }
  }

  expect(origin.thirdParty, 'no request leaves for another host').toEqual([]);
  const bicCalls = names.length * (RUNS + 1);
  expect(origin.workerScriptFetches, 'browser-image-compression ran in its web workers, with its script from this origin').toBe(bicCalls);

  const outDir = join(dirname(process.env.REPORT311_BENCH_OUTPUT!), 'photos');
  mkdirSync(outDir, { recursive: true });
  const photos = names.map((name) => {
    const tools = Object.fromEntries(
      TOOLS.map((tool): [Tool, Measured] => {
        const output = last[name][tool]!;
        const file = join(outDir, `${name.replace(/\.jpe?g$/i, '')}.${tool}.jpg`);
        writeFileSync(file, Buffer.from(output.jpeg, 'base64'));
        return [tool, { ms: times[name][tool], output: file, width: output.width, height: output.height }];
      }),
    );
    return { name, quality: floorArgs[name][2], ...tools };
  });
  writeFigures({ runs: RUNS, third_party_requests: origin.thirdParty, photos });
});
