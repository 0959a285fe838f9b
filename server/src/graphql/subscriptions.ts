import type { Server } from 'node:http';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { AuthService } from '../auth/auth.service';
import type { Database } from '../db/database';
import { listenForNotifications, type NotificationListener } from '../db/listener';
import { createContext } from '../common/context';

// graphql-ws exposes its ws adapter only through its exports map, which our node10 resolution cannot type; Node resolves it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require('graphql-ws/use/ws') as {
  useServer(this: void, options: ServerOptions<Record<string, unknown>, { user?: AuthUser | null }>, ws: WebSocketServer): { dispose(): Promise<void> };
};

/** The NOTIFY channel the change-feed triggers (migration 0070) write to. */
export const CHANGE_CHANNEL = 'atlas_changes';

/** The in-process fan-out of committed changes to this process's subscribers; type-graphql subscribes to it by topic. */
export const createChangePubSub = () => createPubSub();
export type ChangePubSub = ReturnType<typeof createChangePubSub>;

/** Reads a credential from connectionParams however the client cased it. */
function param(params: Record<string, unknown> | undefined, ...names: string[]): string | undefined {
  if (!params) return undefined;
  for (const [k, v] of Object.entries(params)) if (names.includes(k.toLowerCase()) && typeof v === 'string') return v;
  return undefined;
}

/**
 * graphql-ws on the HTTP server's /graphql path, authenticated from connectionParams ({ authorization: "Bearer …" }
 * or { "X-API-Key": … }), fed by LISTEN on the database so a write committed by any API process reaches every subscriber.
 */
export async function attachChangeFeed(httpServer: Server, schema: GraphQLSchema, pubSub: ChangePubSub, database: Database, databaseUrl: string | null, auth: AuthService): Promise<{ stop(): Promise<void> }> {
  const listener: NotificationListener = await listenForNotifications(database, databaseUrl, [CHANGE_CHANNEL], (_ch, payload) => {
    try {
      const event = JSON.parse(payload) as { kind?: string };
      if (event.kind) pubSub.publish(event.kind, event);
    } catch (e) {
      console.warn('[atlas] ignoring an unreadable change notification', (e as Error).message);
    }
  });
  const ds: DataSource = database.ds;
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const server = useServer({
    schema,
    onConnect: async (ctx) => {
      const params = ctx.connectionParams;
      try {
        const user = await auth.authenticate(param(params, 'authorization'), param(params, 'x-api-key', 'apikey'));
        if (!user) return false;
        ctx.extra.user = user;
        return true;
      } catch {
        return false;
      }
    },
    context: (ctx) => createContext(ds, auth, ctx.extra.user ?? null),
  }, wss);
  return {
    stop: async () => {
      await server.dispose().catch(() => undefined);
      await listener.close();
    },
  };
}
