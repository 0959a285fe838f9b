import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A real graphql-ws client over a WebSocket, collecting what a subscription delivers. */
export interface Subscriber {
  events: any[];
  /** Resolves with the first delivered event matching `pred` (already received or arriving within `ms`). */
  next(pred?: (e: any) => boolean, ms?: number): Promise<any>;
  errors: unknown[];
  close(): Promise<void>;
}

export function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/graphql`;
}

/** Opens a client with these connectionParams; rejects with the close event when the server refuses the connection. */
export async function connect(httpUrl: string, connectionParams: Record<string, string>): Promise<Client> {
  let fail: (e: unknown) => void = () => {};
  const refused = new Promise<never>((_, reject) => { fail = reject; });
  const client = createClient({ url: wsUrl(httpUrl), webSocketImpl: WebSocket, connectionParams, lazy: false, retryAttempts: 0, onNonLazyError: (e) => fail(e) });
  await Promise.race([new Promise<void>((resolve) => client.on('connected', () => resolve())), refused]);
  return client;
}

/** Subscribes and waits briefly so the server has registered the subscription before the test writes. */
export async function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Subscriber> {
  const events: any[] = [];
  const errors: unknown[] = [];
  const waiters: { pred: (e: any) => boolean; resolve: (e: any) => void }[] = [];
  const stop = client.subscribe({ query, variables }, {
    next: (r) => {
      if (r.errors) errors.push(r.errors);
      if (!r.data) return;
      events.push(r.data);
      for (const w of [...waiters]) if (w.pred(r.data)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(r.data); }
    },
    error: (e) => errors.push(e),
    complete: () => {},
  });
  await new Promise((r) => setTimeout(r, 300));
  return {
    events, errors,
    next: (pred = () => true, ms = 5000) => {
      const have = events.find(pred);
      if (have) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)} errors ${JSON.stringify(errors)}`)), ms);
        waiters.push({ pred, resolve: (e) => { clearTimeout(timer); resolve(e); } });
      });
    },
    close: async () => { stop(); },
  };
}
