import DataLoader from 'dataloader';

/** Per-request DataLoaders, created lazily by name so each module declares its own in `<d>.loader.ts`. */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /** `batch: false` loads one key per query: the N+1 baseline `pnpm bench` measures batching against. */
  constructor(private readonly options: { batch: boolean } = { batch: true }) {}

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>, cacheKeyFn?: (k: K) => K): DataLoader<K, V> {
    let l = this.loaders.get(name);
    if (!l) {
      // Dispatch on setImmediate, after every resolver of the current wave has asked, so batches do not split with timing.
      l = new DataLoader<K, V>(batch, { batch: this.options.batch, batchScheduleFn: (run) => setImmediate(run), ...(cacheKeyFn ? { cacheKeyFn } : {}) });
      this.loaders.set(name, l);
    }
    return l as DataLoader<K, V>;
  }
}

/** Orders rows to match the requested keys (DataLoader's contract); missing keys get `fallback`. */
export function byKey<K, R, V = R>(keys: readonly K[], rows: R[], keyOf: (r: R) => K, fallback: V | null = null): (R | V | null)[] {
  const m = new Map<K, R>();
  for (const r of rows) m.set(keyOf(r), r);
  return keys.map((k) => m.get(k) ?? fallback);
}

/** Groups rows under the requested keys (for one-to-many relations). */
export function groupByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (r: R) => K): R[][] {
  const m = new Map<K, R[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = m.get(k);
    if (list) list.push(r); else m.set(k, [r]);
  }
  return keys.map((k) => m.get(k) ?? []);
}
