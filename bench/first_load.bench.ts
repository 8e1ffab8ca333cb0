import { test, expect, type Page } from '@playwright/test';
import { writeFigures } from './output';

// What a first visit downloads: the files the first screen cannot render without, and all the
// page fetches until the app runs. The service worker is blocked so that its precache, which
// starts after the first screen, is not counted with the page.
test.use({ serviceWorkers: 'block' });

/** What the page fetched from its own origin: the app's files by path, in order, and the
 * sizes of the city's answers (the catalogue a first visit saves for offline use). */
function recordFetches(page: Page, origin: string): { paths: string[]; answers: Promise<number>[] } {
  const paths: string[] = [];
  const answers: Promise<number>[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin || !response.ok()) return;
    if (url.pathname.startsWith('/open311/')) answers.push(response.body().then((body) => body.length));
    else paths.push(url.pathname);
  });
  return { paths, answers };
}

async function firstScreenShows(page: Page): Promise<boolean> {
  const heading = page.getByRole('heading', { level: 1, name: 'Report street problems to 311' });
  const start = page.getByRole('link', { name: 'Start a report' });
  try {
    await expect(heading).toBeVisible({ timeout: 5_000 });
    await expect(start).toBeVisible({ timeout: 1_000 });
    return true;
  } catch {
    return false;
  }
}

test('first load', async ({ browser, baseURL }) => {
  const origin = new URL(baseURL!).origin;

  // The first screen with every script and wasm module refused: what it still shows needs
  // none of them.
  const bare = await browser.newContext({ serviceWorkers: 'block' });
  const barePage = await bare.newPage();
  await barePage.route(/\.(js|wasm)$/, (route) => route.abort());
  const bareFetches = recordFetches(barePage, origin);
  await barePage.goto('/');
  const rendersWithoutScripts = await firstScreenShows(barePage);
  await bare.close();

  // The same visit with nothing refused, until the network is quiet.
  const full = await browser.newContext({ serviceWorkers: 'block' });
  const page = await full.newPage();
  const fetches = recordFetches(page, origin);
  await page.goto('/', { waitUntil: 'networkidle' });
  expect(await firstScreenShows(page), 'the first screen renders').toBe(true);
  const answers = await Promise.all(fetches.answers);
  await full.close();

  writeFigures({
    renders_without_scripts: rendersWithoutScripts,
    first_screen: rendersWithoutScripts ? bareFetches.paths : fetches.paths,
    page: fetches.paths,
    catalogue: { requests: answers.length, bytes: answers.reduce((sum, bytes) => sum + bytes, 0) },
  });
});
