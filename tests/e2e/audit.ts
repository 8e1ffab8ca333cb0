import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * axe-core finds no violation of WCAG 2.1 A and AA rules on the screen, and its HTML shows
 * neither the app's API key (the app holds it to file reports, from config.json) nor the
 * server's admin token.
 */
export async function checkScreen(page: Page, screen: string) {
  const html = await page.content();
  for (const secret of [process.env.REPORT311_API_KEY!, process.env.REPORT311_ADMIN_TOKEN!]) {
    expect(html.includes(secret), `${screen} shows a credential`).toBe(false);
  }
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `${screen} at ${page.viewportSize()?.width}px`).toEqual([]);
}
