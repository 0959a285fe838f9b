import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { AuthService } from './auth/auth.service';
import { apiKeyScopePlugin } from './auth/api-key-scope';
import { databaseAvailabilityPlugin } from './db/availability';
import { opsRouter } from './http/ops.router';
import type { AtlasConfig } from './config';
import type { Database } from './db/database';
import { HAS_DEMO_USERS } from './db/database.sql';
import { createContext, type AtlasContext } from './common/context';
import { formatError } from './graphql/format-error';
import { readOnlyGate } from './graphql/input-rules';
import { LIMITS, costLimitPlugin, limitRules } from './graphql/limits';
import { AtlasError, ErrorCode, requestError } from './common/errors';
import { httpErrorHandler, sendError } from './http/errors';
import { buildAtlasSchema } from './graphql/schema';
import { ogcRouter } from './http/ogc.router';
import { isClientRoute, webAssets } from './http/web-assets';
import { graphqlOverHttpStatus } from './graphql/http-status';
import { persistedQueries } from './graphql/persisted-queries';
import { ReadCompiler } from './common/projection';
import { callerPlugin, deferCaller } from './auth/caller';
import { PROJECTIONS } from './graphql/projections';
import { jitGateway } from './graphql/executor';
import { graphqlResponseBody } from './common/json-text';
import { KnownReads } from './graphql/known-reads';
import { attachChangeFeed, createChangePubSub } from './graphql/subscriptions';
import { tileEndpoints, type TileEndpoints } from './http/tiles.router';
import { earlyThen } from './http/early';
import { gisRouter } from './http/gis.router';

export interface Atlas {
  schema: GraphQLSchema;
  apollo: ApolloServer<AtlasContext>;
  auth: AuthService;
  httpServer: Server;
  /** Repeated compiled reads answered before Express and Apollo (graphql/known-reads.ts). */
  knownReads: KnownReads;
  /** Vector tiles (http/tiles.router.ts). */
  tiles: TileEndpoints;
  /** Builds a context for in-process calls (tests: `apollo.executeOperation(op, { contextValue })`). */
  contextFor(authorization?: string, apiKey?: string, clientAddress?: string): Promise<AtlasContext>;
  /** The context of an HTTP request: the account check deferred (auth/caller.ts), read with a compiled read or before execution. */
  requestContextFor(authorization?: string, apiKey?: string, clientAddress?: string): Promise<AtlasContext>;
  listen(port: number, host: string): Promise<string>;
  stop(): Promise<void>;
}

/** Wires GraphQL, OGC API Features, the config endpoint and the built web app onto one HTTP server. */
export async function createAtlas(config: AtlasConfig, database: Database): Promise<Atlas> {
  const changes = createChangePubSub();
  const schema = await buildAtlasSchema(changes);
  const auth = new AuthService(database.ds, config.tokenSecret, config.tokenTtlHours, {
    throttle: config.signInThrottle, listDemoAccounts: !config.production || config.seed === 'demo',
  });
  const app = express();
  // The hottest requests are answered before Express when they can be: plain first tiles, and request bodies one
  // compiled statement answered before (http/early.ts). Everything else, and every refusal, goes to Express.
  const knownReads = new KnownReads(database.ds, auth);
  const tiles = tileEndpoints(database.ds, auth);
  const httpServer = createServer(earlyThen([tiles.early, knownReads.early], app));
  const apollo = new ApolloServer<AtlasContext>({
    // The schema comes through the gateway interface, which carries the graphql-jit executor (graphql/executor.ts).
    gateway: jitGateway(schema, new ReadCompiler(schema, database.ds, PROJECTIONS)),
    // GeoJSON read as text is written into the response as is (common/json-text.ts).
    stringifyResult: graphqlResponseBody,
    formatError,
    introspection: true,
    // Integrators see codes and messages, never server stack traces.
    includeStacktraceInErrorResponses: false,
    // The landing page is HTML; this endpoint answers JSON only.
    // A GET carrying a credential header is preflighted by browsers, so it is no CSRF risk (persisted queries by GET).
    csrfPrevention: { requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', 'authorization', 'x-api-key'] },
    // Cache control is off: no field carries a cache hint, and its plugin would wrap every resolver to look for them.
    plugins: [callerPlugin, ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), readOnlyGate, costLimitPlugin, graphqlOverHttpStatus(), apiKeyScopePlugin(), databaseAvailabilityPlugin()],
    validationRules: limitRules,
    parseOptions: { maxTokens: LIMITS.tokens },
  });
  await apollo.start();

  const contextFor = async (authorization?: string, apiKey?: string, clientAddress?: string) =>
    createContext(database.ds, auth, await auth.authenticate(authorization, apiKey), clientAddress);
  // An HTTP request's context: the credential's signature is checked now, its account read later (auth/caller.ts).
  const requestContextFor = async (authorization?: string, apiKey?: string, clientAddress?: string) => {
    const lookup = await auth.credentialLookup(authorization, apiKey);
    const ctx = Object.assign(createContext(database.ds, auth, null, clientAddress), { compiledReads: true });
    return lookup ? deferCaller(ctx, lookup) : ctx;
  };

  app.disable('x-powered-by');
  app.use('/api', opsRouter(database));
  app.get('/api/config', async (_req, res, next) => {
    try {
      const [{ demo }] = await database.ds.query(HAS_DEMO_USERS);
      res.json({ basemapStyleUrl: config.basemapStyleUrl, basemapCrs: config.basemapCrs, database: database.kind, demo });
    } catch (e) { next(e); }
  });
  app.use('/graphql', graphqlHttpGuard, express.json({ limit: LIMITS.bodyBytes, type: ['application/json', 'application/*+json'] }), persistedQueries(database.ds), expressMiddleware(apollo, {
    context: async ({ req, res }) => {
      try {
        const ctx = await requestContextFor(req.get('authorization'), req.get('x-api-key'), req.socket.remoteAddress);
        knownReads.learnFrom(req, res, ctx);
        return ctx;
      } catch (e) {
        // A failed credential refuses the whole request: 401, not Apollo's default 500 for a failed context.
        if (e instanceof AtlasError && e.extensions.code === ErrorCode.UNAUTHENTICATED) throw requestError(ErrorCode.UNAUTHENTICATED, e.message);
        throw e;
      }
    },
  }));
  app.use('/ogc', ogcRouter(database.ds, auth));
  app.use('/tiles', tiles.router);
  // Subscriptions (graphql-ws) share the HTTP server and path; events come from PostgreSQL NOTIFY after commit.
  const changeFeed = await attachChangeFeed(httpServer, schema, changes, database, config.databaseUrl, auth);
  app.use('/api', gisRouter(database.ds, auth));
  if (config.webDist) {
    const dist = config.webDist;
    app.use(webAssets(dist));
    // The web app routes on the client: unknown non-API paths get its index.html.
    app.get(/.*/, (req, res, next) => {
      if (!isClientRoute(req.path)) { next(); return; }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(dist, 'index.html'));
    });
  }
  app.use((req: Request, res: Response) => { sendError(res, ErrorCode.NOT_FOUND, `No such path: ${req.method} ${req.path.slice(0, 200)}`, 404); });
  app.use(httpErrorHandler);

  return {
    schema, apollo, auth, httpServer, knownReads, tiles, contextFor, requestContextFor,
    listen: (port, host) => new Promise((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, host, () => {
        const a = httpServer.address();
        resolve(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${typeof a === 'object' && a ? a.port : port}`);
      });
    }),
    stop: async () => { await changeFeed.stop(); await apollo.stop(); },
  };
}

/** /graphql speaks GET and POST with a JSON body; anything else is refused with a coded JSON error before parsing. */
function graphqlHttpGuard(req: Request, res: Response, next: NextFunction) {
  if (req.method === 'GET' || req.method === 'HEAD') { next(); return; }
  if (req.method !== 'POST') {
    res.set('Allow', 'GET, POST');
    sendError(res, ErrorCode.METHOD_NOT_ALLOWED, `${req.method.slice(0, 20)} is not supported on /graphql; use POST with a JSON body (or GET for queries)`);
    return;
  }
  if (!req.is(['application/json', 'application/*+json'])) {
    sendError(res, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'POST /graphql needs "Content-Type: application/json" and a JSON body {"query": …, "variables": …}');
    return;
  }
  next();
}
