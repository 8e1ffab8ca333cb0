import { defineConfig } from '@playwright/test';
import { launchOptions } from '../tests/e2e/browser';

// `cargo xtask bench` runs each benchmark file against a server it starts; the figures go to
// the JSON file REPORT311_BENCH_OUTPUT names, not to assertions.
const baseURL = process.env.REPORT311_BASE_URL;
if (!baseURL) {
  throw new Error('REPORT311_BASE_URL is not set: run the benchmarks with `cargo xtask bench`.');
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../target/bench/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30 * 60_000,
  reporter: [['list']],
  use: { baseURL, launchOptions },
  projects: [
    { name: 'phone', use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } },
  ],
});
