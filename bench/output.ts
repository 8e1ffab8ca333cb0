import { writeFileSync } from 'node:fs';

/** Hands a benchmark's figures to `cargo xtask bench`, which reads them as JSON. */
export function writeFigures(figures: unknown): void {
  const path = process.env.REPORT311_BENCH_OUTPUT;
  if (!path) throw new Error('REPORT311_BENCH_OUTPUT is not set: run with `cargo xtask bench`.');
  writeFileSync(path, JSON.stringify(figures, null, 2));
}

/** The median of `samples`. */
export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
