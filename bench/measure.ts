/** Timing helpers: warm up, run several times, keep the median. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function timeSync(fn: () => unknown, runs: number, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Several functions timed in alternating blocks (`rounds` × `block` runs each, after a warm-up); the median of each. */
export function interleaved(fns: (() => unknown)[], rounds: number, block: number, warmup = 3): number[] {
  for (const fn of fns) for (let i = 0; i < warmup; i++) fn();
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, k) => {
      for (let i = 0; i < block; i++) {
        const t0 = performance.now();
        fn();
        times[k].push(performance.now() - t0);
      }
    });
  }
  return times.map(median);
}

export async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export interface Metric {
  value: number;
  unit: string;
  target: number;
  pass: boolean;
}

export function metric(value: number, unit: string, target: number): Metric {
  const rounded = Math.round(value * 1000) / 1000;
  return { value: rounded, unit, target, pass: rounded <= target };
}
