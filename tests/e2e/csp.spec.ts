import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';

// The server sends a Content-Security-Policy with every file of the app. `cargo xtask test`
// fails if a browser reports any violation during the suite, except on this test's page.

test('the policy allows no inline script and the browser reports what it blocks', async ({ page }) => {
  const response = await page.goto('/csp-probe');
  const policy = response!.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).not.toContain('unsafe-inline');
  // The app starts under it.
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();

  const blocked = await page.evaluate(
    () =>
      new Promise((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (event) => resolve({ directive: event.effectiveDirective, ran: (window as any).probeRan === true }),
          { once: true },
        );
        const script = document.createElement('script');
        script.textContent = 'window.probeRan = true';
        document.body.append(script);
      }),
  );
  expect(blocked).toEqual({ directive: 'script-src-elem', ran: false });
  await expect
    .poll(() => readFileSync(process.env.REPORT311_SERVER_LOG!, 'utf8').includes('csp-probe'), { timeout: 10_000 })
    .toBe(true);
});

test('workers and the service worker run under the same policy', async ({ request }) => {
  for (const path of ['/', '/outbox', '/sw.js', '/photo_worker_loader.js', '/photo_worker.js', '/sync_worker.js']) {
    const response = await request.get(path);
    expect(response.headers()['content-security-policy'], path).toContain("default-src 'self'");
  }
});
