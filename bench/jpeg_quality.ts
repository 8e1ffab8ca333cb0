// The quality a JPEG was encoded at, read back from its luminance quantisation table. Browsers
// encode with libjpeg(-turbo), which scales the standard table of the JPEG specification
// (Annex K) by the quality as the IJG's `jpeg_quality_scaling` does; Chromium passes it the
// `quality` argument of `convertToBlob` times 100, rounded.

const STANDARD_LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
  14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
  49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/** The table libjpeg writes for `quality` (1 to 100), sorted: the comparison ignores order. */
function scaledTable(quality: number): number[] {
  const scale = quality < 50 ? Math.floor(5000 / quality) : 200 - 2 * quality;
  return STANDARD_LUMINANCE.map((q) => Math.min(255, Math.max(1, Math.floor((q * scale + 50) / 100)))).sort((a, b) => a - b);
}

/** The first quantisation table (the luminance one) of a baseline JPEG, sorted. */
function luminanceTable(jpeg: Uint8Array): number[] {
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1];
    const length = (jpeg[at + 2] << 8) | jpeg[at + 3];
    if (marker === 0xda) break;
    if (marker === 0xdb) {
      let table = at + 4;
      while (table < at + 2 + length) {
        const precision = jpeg[table] >> 4;
        const id = jpeg[table] & 0x0f;
        const size = precision === 0 ? 64 : 128;
        if (id === 0 && precision === 0) return Array.from(jpeg.subarray(table + 1, table + 65)).sort((a, b) => a - b);
        table += 1 + size;
      }
    }
    at += 2 + length;
  }
  throw new Error('no 8-bit luminance quantisation table before the image data');
}

/** The quality, 0.01 to 1, whose table the JPEG carries; throws if none does exactly. */
export function jpegQuality(jpeg: Uint8Array): number {
  const table = luminanceTable(jpeg).join();
  for (let quality = 1; quality <= 100; quality++) {
    if (scaledTable(quality).join() === table) return quality / 100;
  }
  throw new Error('the quantisation table is not a scaled standard one');
}
