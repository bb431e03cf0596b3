/** A one-line progress bar on a terminal: bytes read of the total, rows, rows per second. Silent when not a TTY. */

export interface ProgressTarget {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressBar {
  /** Bytes read so far; rows when known. Redraws at most every `intervalMs`. */
  update(bytes: number, rows?: number): void;
  /** Clears the line, so what is printed next starts clean. */
  done(): void;
}

const MB = 1024 * 1024;
const megabytes = (n: number) => `${(n / MB).toFixed(1)} MB`;
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

export function progressBar(target: ProgressTarget, totalBytes: number, options: { now?: () => number; intervalMs?: number } = {}): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 100;
  const started = now();
  let last = -Infinity;
  let rows = 0;
  let drawn = false;
  if (!target.isTTY) return { update: () => {}, done: () => {} };
  return {
    update(bytes, r) {
      if (r !== undefined) rows = r;
      const t = now();
      if (t - last < intervalMs) return;
      last = t;
      const share = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 0;
      const width = 24;
      const filled = Math.round(share * width);
      const seconds = Math.max((t - started) / 1000, 1e-3);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${megabytes(bytes)} / ${megabytes(totalBytes)}  ${thousands(rows)} rows  ${thousands(rows / seconds)} rows/s`;
      target.write(`\r${line.slice(0, Math.max(20, (target.columns ?? 100) - 1))}`);
      drawn = true;
    },
    done() {
      if (drawn) target.write('\r\x1b[2K');
    },
  };
}
