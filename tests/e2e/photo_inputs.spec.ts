import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { fixturePhoto, openService } from './flows';

// Every kind of file a person may pick as a photo: what the browser can decode becomes a
// small JPEG; anything else is refused with a sentence that says what to do, and the rest of
// the report is kept.

const PHOTO = readFileSync(fixturePhoto('phone-12mp-orient1.jpg'));

/** A JPEG whose header claims `width`×`height`: the app must judge it by its header alone. */
function jpegClaiming(width: number, height: number): Buffer {
  const bytes = Buffer.from(PHOTO);
  for (let at = 2; at < bytes.length - 9; ) {
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xc2) {
      bytes.writeUInt16BE(height, at + 5);
      bytes.writeUInt16BE(width, at + 7);
      return bytes;
    }
    at += 2 + length;
  }
  throw new Error('the fixture has no frame header');
}

/** An image of `width`×`height` encoded by the browser as `type`, half of it transparent. */
async function drawn(page: Page, type: string, width: number, height: number): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ({ type, width, height }) => {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#c0392b';
      context.fillRect(0, 0, width, Math.ceil(height / 2));
      const blob = await canvas.convertToBlob({ type });
      return [...new Uint8Array(await blob.arrayBuffer())];
    },
    { type, width, height },
  );
  return Buffer.from(bytes);
}

// The smallest GIF: one transparent pixel.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
// The start of an iPhone photo: an ISO box of type `ftyp` with the brand `heic`.
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic'), Buffer.alloc(64)]);

async function choose(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.getByLabel('Choose photos').setInputFiles({ name, mimeType, buffer });
}

async function expectRefused(page: Page, sentence: string | RegExp) {
  const alert = page.getByRole('alert').filter({ hasText: 'Photo 1 was not added.' });
  await expect(alert).toContainText(sentence, { timeout: 30_000 });
  await expect(page.getByRole('radio', { name: 'Traffic lane' }), 'the rest of the report is kept').toBeChecked();
  await page.getByRole('button', { name: 'Dismiss photo 1' }).click();
  await expect(alert).toHaveCount(0);
}

/**
 * The photo is in the tray, and the app made of it a JPEG no longer than 1600 px a side; its
 * bottom row, transparent in the drawn images, is `bottom` (the RGB of its middle pixel).
 */
async function expectAccepted(page: Page, longEdge: number, bottom?: number[]) {
  const tray = page.getByRole('list', { name: 'Photos in this report' });
  const img = tray.getByRole('img', { name: 'Photo 1' });
  await expect(img).toBeVisible({ timeout: 30_000 });
  const size = await img.evaluate(async (element: HTMLImageElement) => {
    await element.decode();
    const blob = await (await fetch(element.src)).blob();
    const canvas = new OffscreenCanvas(element.naturalWidth, element.naturalHeight);
    const context = canvas.getContext('2d')!;
    context.drawImage(element, 0, 0);
    const pixel = context.getImageData(Math.floor(element.naturalWidth / 2), element.naturalHeight - 1, 1, 1).data;
    return { width: element.naturalWidth, height: element.naturalHeight, type: blob.type, bottom: [...pixel.slice(0, 3)] };
  });
  expect(size.type).toBe('image/jpeg');
  expect(Math.max(size.width, size.height)).toBe(longEdge);
  if (bottom) {
    size.bottom.forEach((channel, n) => expect(Math.abs(channel - bottom[n]), `bottom pixel ${size.bottom}`).toBeLessThan(12));
  }
  await page.getByRole('button', { name: 'Remove photo 1' }).click();
  await expect(tray.getByRole('listitem')).toHaveCount(0);
}

// The tray's photo is read back from its blob: URL, which the app's policy keeps from scripts.
test.use({ bypassCSP: true });

test('files that are not photos, or not photos this browser opens, are refused with a sentence', async ({ page }) => {
  await openService(page, 'Pothole in Street');
  await page.getByRole('radio', { name: 'Traffic lane' }).check();

  await choose(page, 'empty.jpg', 'image/jpeg', Buffer.alloc(0));
  await expectRefused(page, 'This file is empty. Choose another photo.');
  await choose(page, 'scan.jpg', 'image/jpeg', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'));
  await expectRefused(page, 'This file is a PDF, not a photo.');
  await choose(page, 'IMG_0001.HEIC', 'image/heic', HEIC);
  await expectRefused(page, /HEIC format, which this browser cannot open/);
  await choose(page, 'huge.jpg', 'image/jpeg', jpegClaiming(8000, 6250));
  await expectRefused(page, 'This photo is too large (50 megapixels).');
  await choose(page, 'cut.jpg', 'image/jpeg', PHOTO.subarray(0, 4096));
  await expectRefused(page, 'This photo could not be read: the file is damaged or incomplete.');
});

test('a JPEG damaged in the middle of its picture data is still a photo, as the browser decodes it', async ({ page }) => {
  await openService(page, 'Pothole in Street');
  const damaged = Buffer.from(PHOTO);
  // Noise over a tenth of the picture data, from its middle: its headers are intact.
  const middle = Math.floor(damaged.length / 2);
  for (let at = middle; at < middle + damaged.length / 10; at++) damaged[at] = (at * 7919) & 0xfe;
  await choose(page, 'damaged.jpg', 'image/jpeg', damaged);
  await expectAccepted(page, 1600);
});

test('PNG with transparency, GIF, WebP and a 1×20000 strip become small JPEGs', async ({ page }) => {
  await openService(page, 'Pothole in Street');
  await choose(page, 'sign.png', 'image/png', await drawn(page, 'image/png', 2400, 1800));
  await expectAccepted(page, 1600, [255, 255, 255]);
  await choose(page, 'pixel.gif', 'image/gif', GIF);
  await expectAccepted(page, 1);
  await choose(page, 'sign.webp', 'image/webp', await drawn(page, 'image/webp', 800, 600));
  await expectAccepted(page, 800);
  await choose(page, 'strip.png', 'image/png', await drawn(page, 'image/png', 1, 20000));
  await expectAccepted(page, 1600);
});
