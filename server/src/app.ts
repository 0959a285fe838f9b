import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, Kind, type DocumentNode, type GraphQLSchema, type SelectionNode } from 'graphql';
import { AuthService } from './auth/auth.service';
import type { AtlasConfig } from './config';
import type { Database } from './db/database';
import { createContext, type AtlasContext } from './graphql/context';
import { formatError } from './graphql/format-error';
import { buildAtlasSchema } from './graphql/schema';
import { ogcRouter } from './http/ogc.router';
import { gisRouter } from './http/gis.router';

export interface Atlas {
  schema: GraphQLSchema;
  apollo: ApolloServer<AtlasContext>;
  auth: AuthService;
  httpServer: Server;
  /** Builds a context for in-process calls (tests: `apollo.executeOperation(op, { contextValue })`). */
  contextFor(authorization?: string, apiKey?: string): Promise<AtlasContext>;
  listen(port: number, host: string): Promise<string>;
  stop(): Promise<void>;
}

const MAX_QUERY_DEPTH = 12;

/** Wires GraphQL, OGC API Features, the config endpoint and the built web app onto one HTTP server. */
export async function createAtlas(config: AtlasConfig, database: Database): Promise<Atlas> {
  const schema = await buildAtlasSchema();
  const auth = new AuthService(database.ds, config.tokenSecret, config.tokenTtlHours);
  const app = express();
  const httpServer = createServer(app);
  const apollo = new ApolloServer<AtlasContext>({
    schema,
    formatError,
    introspection: true,
    // Integrators see codes and messages, never server stack traces.
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), depthLimit(MAX_QUERY_DEPTH)],
  });
  await apollo.start();

  const contextFor = async (authorization?: string, apiKey?: string) =>
    createContext(database.ds, auth, await auth.authenticate(authorization, apiKey));

  app.disable('x-powered-by');
  app.get('/api/health', (_req, res) => { res.json({ ok: true, database: database.kind }); });
  app.get('/api/config', async (_req, res, next) => {
    try {
      const [{ demo }] = await database.ds.query('SELECT EXISTS (SELECT 1 FROM app_user WHERE is_demo) AS demo');
      res.json({ basemapStyleUrl: config.basemapStyleUrl, database: database.kind, demo });
    } catch (e) { next(e); }
  });
  app.use('/graphql', express.json({ limit: '5mb' }), expressMiddleware(apollo, {
    context: async ({ req }) => contextFor(req.get('authorization'), req.get('x-api-key')),
  }));
  app.use('/ogc', ogcRouter(database.ds, auth));
  app.use('/api', gisRouter(database.ds, auth));
  if (config.webDist) {
    const dist = config.webDist;
    app.use(express.static(dist, { index: 'index.html', maxAge: '1h' }));
    // The web app routes on the client: unknown non-API paths get its index.html.
    app.get(/^\/(?!graphql|ogc|api).*/, (_req, res) => { res.sendFile(join(dist, 'index.html')); });
  }

  return {
    schema, apollo, auth, httpServer, contextFor,
    listen: (port, host) => new Promise((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, host, () => {
        const a = httpServer.address();
        resolve(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${typeof a === 'object' && a ? a.port : port}`);
      });
    }),
    stop: async () => { await apollo.stop(); },
  };
}

/** Rejects queries nested deeper than `max` levels so one request cannot fan out without bound. */
function depthLimit(max: number) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document }: { document: DocumentNode }) {
          const depth = (sel: readonly SelectionNode[] | undefined, d: number): number =>
            (sel ?? []).reduce((m, s) => Math.max(m, s.kind === Kind.FIELD ? (s.selectionSet ? depth(s.selectionSet.selections, d + 1) : d) : 'selectionSet' in s ? depth(s.selectionSet.selections, d) : d), d);
          for (const def of document.definitions) {
            if (def.kind === Kind.OPERATION_DEFINITION && depth(def.selectionSet.selections, 0) > max) {
              throw new GraphQLError(`Query is nested deeper than ${max} levels; split it into several queries`, { extensions: { code: 'QUERY_TOO_DEEP' } });
            }
          }
        },
      };
    },
  };
}
