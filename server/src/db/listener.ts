import { Client } from 'pg';
import { getPGliteInstance } from 'typeorm-pglite';
import type { Database } from './database';

/** A dedicated LISTEN connection; PostgreSQL delivers NOTIFY only after the sending transaction commits. */
export interface NotificationListener {
  close(): Promise<void>;
}

type Handler = (channel: string, payload: string) => void;
const RECONNECT_MS = 1000;

/**
 * Listens on `channels`: on PostgreSQL with its own client (not a pool connection, which would be handed
 * to queries), reconnecting if the connection drops; on the embedded PGlite with its in-process LISTEN.
 */
export async function listenForNotifications(database: Database, databaseUrl: string | null, channels: string[], onNotify: Handler): Promise<NotificationListener> {
  if (database.kind === 'pglite') {
    const pg = await getPGliteInstance();
    const stops = await Promise.all(channels.map((ch) => pg.listen(ch, (payload) => onNotify(ch, payload))));
    return { close: async () => { await Promise.all(stops.map((stop) => stop().catch(() => undefined))); } };
  }
  let closed = false;
  let client: Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const c = new Client({ connectionString: databaseUrl! });
    c.on('notification', (m) => onNotify(m.channel, m.payload ?? ''));
    c.on('error', (err) => {
      console.warn('[atlas] change-feed connection lost, reconnecting:', err.message);
      c.end().catch(() => undefined);
      if (!closed && client === c) { client = null; retry = setTimeout(() => { connect().catch(() => undefined); }, RECONNECT_MS); }
    });
    await c.connect();
    for (const ch of channels) await c.query(`LISTEN "${ch.replace(/"/g, '')}"`);
    client = c;
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
