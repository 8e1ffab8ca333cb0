import { defineConfig } from '@playwright/test';
import { launchOptions } from './tests/e2e/browser';

// The suite runs against a server that `cargo xtask test` starts; REPORT311_BASE_URL says where.
const baseURL = process.env.REPORT311_BASE_URL;
if (!baseURL) {
  throw new Error('REPORT311_BASE_URL is not set: run the suite with `cargo xtask test`.');
}

export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './target/e2e/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: './target/e2e/results.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    // A control that is not there fails the test in seconds, not at the test's time limit.
    actionTimeout: 10_000,
    launchOptions,
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } },
  ],
});
