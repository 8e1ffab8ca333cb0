import { expect, type Page } from '@playwright/test';

/** Opens the report form of a service with photos, where the app compresses what is chosen. */
export async function openPhotoForm(page: Page): Promise<void> {
  await page.goto('/report');
  await page.getByRole('link', { name: 'Pothole in Street', exact: true }).click();
  await expect(page.getByLabel('Choose photos')).toBeEnabled();
}
