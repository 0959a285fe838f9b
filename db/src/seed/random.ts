// Seeded randomness and calendar arithmetic: the seed must never depend on Math.random or the clock.

/** mulberry32: tiny, fast and good enough for synthetic data; identical on every JS engine. */
export class Rng {
  private state: number;
  private readonly origin: number;

  constructor(seed: number) {
    this.state = this.origin = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * An independent stream named by `label`, derived from this stream's seed (not its position), so adding
   * draws in one step never reshuffles another.
   */
  fork(label: string): Rng {
    let h = 0x811c9dc5 ^ this.origin;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    return new Rng(Math.imul(h ^ (h >>> 13), 0x27d4eb2d) ^ (h >>> 15));
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** Spreads amounts over orders of magnitude the way real investment sizes are spread. */
  logUniform(min: number, max: number): number {
    return Math.exp(this.float(Math.log(min), Math.log(max)));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }

  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, Math.min(n, items.length)));
  }
}

/** Splits `total` integer units by `weights` so the parts sum exactly to `total` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]]++;
  return parts;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;

// Dates are whole days since 1970-01-01 (UTC); only fixed dates are ever converted, never "now".
const MS_PER_DAY = 86_400_000;

export function day(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function isoDate(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** A fixed local (UTC+8) office-hours timestamp on that day, for created_at / recorded_at columns. */
export function stamp(dayNumber: number, rng: Rng): string {
  const h = rng.int(8, 17);
  const m = rng.int(0, 59);
  return `${isoDate(dayNumber)} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08`;
}
