import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AuthService, CredentialLookup } from '../auth/auth.service';
import { AtlasError, ErrorCode } from '../common/errors';
import { RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/availability';
import { queryRepeated } from '../db/prepared';
import { headerValue, type EarlyHandler } from './early';
import { encodeTile, tileBounds, validTile, type TileFeatureRow } from './tiles.encode';
import { TILE_LAYERS, TILE_MAX_ZOOM, propertyNames, propertyPairs, type TileLayerSpec } from './tiles.layers';
import {
  AREA_CELL_COUNT, AREA_CELL_LIMIT, AREA_FEATURES, AREA_MAX_ZOOM, AREA_OR_FEATURES_MVT, CALLER_LAYER_VERSION, CALLER_TILE_MVT, CLUSTER_BOX, CLUSTER_FEATURES, CLUSTER_MARGIN, CLUSTER_MAX_ZOOM, CLUSTER_TILE_MVT, LABEL_SUFFIX, LAYER_VERSION,
  KEPT_FIGURES_REFRESH, LIVE_CELLS, PARAM_BOX, PART_FILTER, PROBE_ST_ASMVT, SPAN_FILTER, STORED_CELLS, TILE_BUFFER, TILE_EXTENT, TILE_FEATURES, TILE_LAYER_EXTENT, TILE_MVT,
} from './tiles.sql';

/** Which encoder cuts the tiles: PostGIS ST_AsMVT, or geojson-vt + vt-pbf where ST_AsMVT is missing (PGlite). */
export type TileEncoder = 'st_asmvt' | 'geojson-vt';

const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
// Authenticated data: shared caches must not keep it, and browsers revalidate every time (the ETag makes that a 304).
const CACHE_CONTROL = 'private, no-cache';
const MEMORY_TILES = 512;

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

/** The tile endpoints: `router` answers every request under /tiles; `early` answers the commonest one before Express. */
export interface TileEndpoints {
  router: Router;
  early: EarlyHandler;
  /** Tiles answered by `early` since start (an operational figure; the tests read it to see which path answered). */
  readonly answeredEarly: number;
}

/**
 * Vector tiles and TileJSON 3 for the map layers, with the credentials GraphQL takes. Every response carries
 * the layer's version (a row in tile_layer_version bumped in the writing transaction) in its ETag, so a
 * cached tile is never served after its data changed, in this process or any other on the same database.
 */
export function tileEndpoints(db: DataSource, auth: AuthService, opts: { encoder?: TileEncoder } = {}): TileEndpoints {
  const r = Router();
  let encoder: Promise<TileEncoder> | null = opts.encoder ? Promise.resolve(opts.encoder) : null;
  // The encoder once the probe has answered (the early path needs it without waiting).
  let probed: TileEncoder | null = opts.encoder ?? null;
  const encoderFor = () => (encoder ??= db.query(PROBE_ST_ASMVT).then((): TileEncoder => 'st_asmvt', (): TileEncoder => 'geojson-vt')
    .then((e) => (probed = e)));
  // Tiles keyed by layer, version and address: a newer version is a different key, so no entry is ever stale.
  const memory = new Map<string, Buffer>();
  // Kept figures (park capacity, migration 0103): recomputed in the background once a layer shows a version they
  // were not computed for, one refresh at a time; tiles meanwhile read the live figures, so they are never stale.
  const kept = new Map<string, { version: string | null; running: boolean }>();
  const refreshKept = (layer: string, version: string | null) => {
    const statement = KEPT_FIGURES_REFRESH[layer];
    const state = kept.get(layer) ?? { version: null, running: false };
    kept.set(layer, state);
    if (!statement || state.running || (version !== null && state.version === version)) return;
    state.running = true;
    db.query(statement).then(([row]: { version: string | null }[]) => { state.version = row?.version ?? null; }, () => undefined)
      .finally(() => { state.running = false; });
  };

  const NO_CREDENTIALS = 'Send "Authorization: Bearer <token>" or "X-API-Key"';
  /** The caller, or 401: the credential check of every request that does not carry it in its own statement. */
  const authenticate = async (req: Request) => {
    const user = await auth.authenticate(req.get('authorization'), req.get('x-api-key'));
    if (!user) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, NO_CREDENTIALS);
    return user;
  };
  /** The credential lookup to embed at placeholder $param (the token's signature is checked here), or 401. */
  const lookupFor = async (req: IncomingMessage, param: number): Promise<CredentialLookup> => {
    const lookup = await auth.credentialLookup(headerValue(req, 'authorization'), headerValue(req, 'x-api-key'), param);
    if (!lookup) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, NO_CREDENTIALS);
    return lookup;
  };
  /**
   * Tiles of known layers on PostgreSQL check the caller inside their own statement (one round trip less per tile;
   * see CALLER_TILE_MVT). Every other request is authenticated here first.
   */
  const TILE_PATH = /^\/([^/]+)\/(\d+)\/(\d+)\/(\d+)\.mvt$/;
  const checksOwnCredentials = async (req: Request) => {
    const m = TILE_PATH.exec(req.path);
    return !!m && TILE_LAYERS.some((l) => l.id === m[1]) && validTile(Number(m[2]), Number(m[3]), Number(m[4]), TILE_MAX_ZOOM + 6)
      && (await encoderFor()) === 'st_asmvt';
  };

  r.use(async (req: Request, res: Response, next: NextFunction) => {
    res.locals.startedAt = process.hrtime.bigint();
    res.locals.dbMs = 0;
    try {
      if (await checksOwnCredentials(req)) res.locals.ownCredentials = true;
      else await authenticate(req);
      next();
    } catch (e) { next(e); }
  });

  const find = (id: string): TileLayerSpec => {
    const layer = TILE_LAYERS.find((l) => l.id === id);
    if (!layer) throw new HttpError(404, ErrorCode.NOT_FOUND, `Tile layer "${id}" does not exist; known: ${TILE_LAYERS.map((l) => l.id).join(', ')}`);
    return layer;
  };
  const version = async (layer: string): Promise<string> => {
    const [row] = await db.query(LAYER_VERSION, [layer]);
    return row?.version ?? '0';
  };
  /** Sends 304 when the client already holds this version; otherwise sets the caching headers. */
  const fresh = (req: Request, res: Response, etag: string): boolean => {
    res.set({ ETag: etag, 'Cache-Control': CACHE_CONTROL, Vary: 'Authorization, X-API-Key' });
    const held = req.get('if-none-match');
    if (held && held.split(',').map((s) => s.trim()).includes(etag)) { timing(res); res.status(304).end(); return true; }
    return false;
  };
  /** Awaits a database call, adding its time to the request's Server-Timing `db`. */
  const timed = async <T>(res: Response, work: Promise<T>): Promise<T> => {
    const t = process.hrtime.bigint();
    try { return await work; } finally { res.locals.dbMs = (res.locals.dbMs as number) + Number(process.hrtime.bigint() - t) / 1e6; }
  };
  const timing = (res: Response) => { res.set('Server-Timing', serverTiming(res.locals.startedAt as bigint, res.locals.dbMs as number)); };
  const remember = (etag: string, tile: Buffer) => {
    memory.set(etag, tile);
    if (memory.size > MEMORY_TILES) memory.delete(memory.keys().next().value!);
  };

  r.get('/:layer.json', async (req, res, next) => {
    try {
      const layer = find(req.params.layer);
      const filters = tileFilters(layer, req.query);
      const query = new URLSearchParams(filters).toString();
      const v = await version(layer.id);
      if (fresh(req, res, `"${layer.id}-v${v}-tilejson-${createHash('sha1').update(query).digest('hex').slice(0, 12)}"`)) return;
      // The extent of the features the filters let through (e.g. the districts of regions?level=district).
      const f = filterSql(layer, filters, 0);
      const [e] = await db.query(TILE_LAYER_EXTENT(layer.table, layer.geometry, f.sql), f.params).catch((err: unknown) => { throw badFilter(err); });
      const base = `${req.protocol}://${req.get('host')}${req.baseUrl}`;
      res.json({
        tilejson: '3.0.0', name: layer.title, description: layer.description, version: `1.0.${v}`, scheme: 'xyz',
        tiles: [`${base}/${layer.id}/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`], minzoom: layer.minzoom, maxzoom: layer.maxzoom,
        bounds: e?.minx == null ? [-180, -85.0511, 180, 85.0511] : [e.minx, e.miny, e.maxx, e.maxy],
        vector_layers: [layer.id, ...(layer.labels ? [`${layer.id}${LABEL_SUFFIX}`] : [])].map((id) => ({
          id, description: id === layer.id ? layer.description : `${layer.title}: one label point per feature, in the tile that holds it`,
          minzoom: layer.minzoom, maxzoom: layer.maxzoom,
          fields: {
            ...Object.fromEntries(propertyNames(layer).map((p) => [p, `as in /ogc/collections/${layer.id}`])),
            ...(layer.cluster ? { count: `below zoom ${CLUSTER_MAX_ZOOM + 1}: points of a cluster (a feature without id); lone points carry their own properties` } : {}),
          },
        })),
      });
    } catch (e) { next(e); }
  });

  r.get('/:layer/:z/:x/:y.mvt', async (req, res, next) => {
    try {
      const layer = find(req.params.layer);
      const [z, x, y] = [req.params.z, req.params.x, req.params.y].map(Number);
      if (!validTile(z, x, y, TILE_MAX_ZOOM + 6)) throw new HttpError(400, ErrorCode.INVALID_ARGUMENT, `z/x/y must name a tile: 0 ≤ z ≤ ${TILE_MAX_ZOOM + 6}, 0 ≤ x, y < 2^z`);
      const filters = await Promise.resolve().then(() => tileFilters(layer, req.query)).catch(async (e: unknown) => {
        if (res.locals.ownCredentials === true) await authenticate(req);
        throw e;
      });
      const query = new URLSearchParams(filters).toString();
      let shown = '';
      const etagOf = (v: string) => {
        shown = v;
        return tileEtag(layer, v, z, x, y, query);
      };
      const enc = await encoderFor();
      let etag: string;
      let tile: Buffer | undefined;
      if (res.locals.ownCredentials !== true) {
        // PGlite: authenticated above; version, then the tile from memory or the geojson-vt fallback. The version is read
        // before the tile, so a write landing in between yields newer data under the older version, never the reverse.
        etag = etagOf(await timed(res, version(layer.id)));
        if (fresh(req, res, etag)) return;
        tile = memory.get(etag);
        if (!tile) remember(etag, (tile = await timed(res, renderTile(db, enc, layer, z, x, y, filters))));
      } else if (req.get('if-none-match')) {
        // A revalidation: caller and version in one statement (a 304 costs no tile), then the tile if it changed.
        const lookup = await lookupFor(req, 2);
        const [row] = await timed(res, db.query(CALLER_LAYER_VERSION(lookup.sql), [layer.id, ...lookup.params]));
        lookup.accept(row?.who ?? undefined);
        etag = etagOf(row?.version ?? '0');
        if (fresh(req, res, etag)) return;
        tile = memory.get(etag);
        if (!tile) remember(etag, (tile = await timed(res, renderTile(db, enc, layer, z, x, y, filters))));
      } else {
        // A first request: caller, version and tile in one statement, from one snapshot.
        const r = await timed(res, renderCallerTile(db, layer, z, x, y, filters, (param) => lookupFor(req, param))).catch(async (e: unknown) => {
          // A refused filter value (400) is reported only to a caller who may ask (401 first, as everywhere).
          if (e instanceof HttpError && e.status === 400) await authenticate(req);
          throw e;
        });
        etag = etagOf(r.version);
        fresh(req, res, etag);
        tile = r.tile;
        remember(etag, tile);
      }
      sendTile(res, etag, tile, serverTiming(res.locals.startedAt as bigint, res.locals.dbMs as number));
      refreshKept(layer.id, shown);
    } catch (e) { next(e); }
  });

  r.use((_req, _res, next) => next(new HttpError(404, ErrorCode.NOT_FOUND, 'Tiles live at /tiles/{layer}/{z}/{x}/{y}.mvt and /tiles/{layer}.json')));
  r.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) { res.status(err.status).json({ code: err.code, description: err.message }); return; }
    if (err instanceof AtlasError) { res.status(401).json({ code: err.extensions.code, description: err.message }); return; }
    if (isDatabaseUnavailable(err) || (err as { extensions?: { code?: unknown } }).extensions?.code === ErrorCode.DATABASE_UNAVAILABLE) {
      res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({ code: ErrorCode.DATABASE_UNAVAILABLE, description: 'The database is not answering; retry in a few seconds' });
      return;
    }
    console.error('[atlas] tile error', err);
    res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' });
  });

  /**
   * The commonest request — a first, unfiltered tile of a known layer with a credential, on PostgreSQL — answered
   * before Express by the same statement the router's first-request branch runs (caller, version and tile in one), with
   * the same headers; Express's own per-request work was a fifth of a small tile's time. Anything else, and any refusal
   * or failure (nothing is written before the statement has answered), goes to the router, which answers it as always.
   */
  const early: EarlyHandler = (req, res, pass) => {
    const m = req.method === 'GET' && probed === 'st_asmvt' && !req.headers['if-none-match'] ? EARLY_TILE_PATH.exec(req.url ?? '') : null;
    const layer = m ? TILE_LAYERS.find((l) => l.id === m[1]) : undefined;
    const [z, x, y] = m ? [m[2], m[3], m[4]].map(Number) : [];
    if (!layer || !validTile(z, x, y, TILE_MAX_ZOOM + 6) || !(req.headers.authorization || req.headers['x-api-key'])) { pass(); return; }
    const startedAt = process.hrtime.bigint();
    renderCallerTile(db, layer, z, x, y, {}, (param) => lookupFor(req, param)).then(({ version: v, tile }) => {
      const dbMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      const etag = tileEtag(layer, v, z, x, y, '');
      remember(etag, tile);
      sendTile(res, etag, tile, serverTiming(startedAt, dbMs));
      answeredEarly++;
      refreshKept(layer.id, v);
    }, () => pass());
  };
  let answeredEarly = 0;
  return { router: r, early, get answeredEarly() { return answeredEarly; } };
}

/** A plain tile address: no query string (filters), nothing encoded. */
const EARLY_TILE_PATH = /^\/tiles\/([a-z_]+)\/(\d{1,2})\/(\d{1,9})\/(\d{1,9})\.mvt$/;

/** The ETag of a tile: layer, version and address, and a hash of the filters when there are any. */
const tileEtag = (layer: TileLayerSpec, version: string, z: number, x: number, y: number, query: string) =>
  `"${layer.id}-v${version}-${z}-${x}-${y}${query ? `-${createHash('sha1').update(query).digest('hex').slice(0, 12)}` : ''}"`;

/** Server-Timing: time in database statements and in this server in all, so a client sees where a tile's time went. */
const serverTiming = (startedAt: bigint, dbMs: number) =>
  `db;dur=${dbMs.toFixed(2)}, total;dur=${(Number(process.hrtime.bigint() - startedAt) / 1e6).toFixed(2)}`;

/** A tile with its caching headers, written the same way by the router and the early path. */
function sendTile(res: ServerResponse, etag: string, tile: Buffer, timing: string): void {
  res.writeHead(200, {
    'Content-Type': MVT_TYPE, 'Content-Length': tile.length, ETag: etag, 'Cache-Control': CACHE_CONTROL,
    Vary: 'Authorization, X-API-Key', 'Server-Timing': timing,
  });
  res.end(tile);
}

/** The collection's equality filters present in the query string (as in OGC API items, e.g. enterprises?isLocal=true), sorted. */
function tileFilters(layer: TileLayerSpec, query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(layer.filters ?? {}).sort()) {
    const v = query[name];
    if (typeof v === 'string') out[name] = v;
    else if (v !== undefined) throw new HttpError(400, ErrorCode.INVALID_ARGUMENT, `${name} must be given once`);
  }
  return out;
}

/** The filters as `AND column = $n::cast` clauses, numbered after the `first` fixed parameters; for a tile of zoom z, with the layer's span filter. */
function filterSql(layer: TileLayerSpec, filters: Record<string, string>, first: number, z?: number): { sql: string; params: string[] } {
  const names = Object.keys(filters);
  return {
    sql: [...names.map((n, i) => `AND ${layer.filters![n].column} = $${first + i + 1}::${layer.filters![n].cast}`), z === undefined ? '' : SPAN_FILTER(layer.span, z)].join(' '),
    params: names.map((n) => filters[n]),
  };
}

/** True when tiles of the layer at zoom z are clustered (point layers below zoom 16). */
export const clustered = (layer: TileLayerSpec, z: number): boolean => !!layer.cluster && z <= CLUSTER_MAX_ZOOM;

/**
 * The cells of a clustered tile: the kept cells when the request filters by nothing or only by the layer's partition
 * filter, else counted live from the rows with all filters ($5… the filter values; `box` the points' 4326 box).
 */
function cellsSql(layer: TileLayerSpec, filters: Record<string, string>, box: string): string {
  const names = Object.keys(filters);
  const part = layer.cluster?.part;
  if (names.length === 0) return STORED_CELLS();
  if (names.length === 1 && names[0] === part) return STORED_CELLS(PART_FILTER(5, layer.filters![part].cast));
  return LIVE_CELLS(layer.table, layer.geometry, box, filterSql(layer, filters, 4).sql);
}

/** True when tiles of the layer at zoom z with these filters may be drawn as cells (a dense polygon layer, unfiltered, up to AREA_MAX_ZOOM). */
export const mayDrawAreaCells = (layer: TileLayerSpec, z: number, filters: Record<string, string>): boolean =>
  !!layer.areaCells && z <= AREA_MAX_ZOOM && Object.keys(filters).length === 0;

/** The features statement of tile $1/$2/$3 of layer $4 at zoom z with the filter values at $5…: clusters or features. */
export function tileFeaturesMvtSql(layer: TileLayerSpec, z: number, filters: Record<string, string>): string {
  if (clustered(layer, z)) return CLUSTER_TILE_MVT(layer.table, layer.geometry, propertyPairs(layer), cellsSql(layer, filters, CLUSTER_BOX));
  return TILE_MVT(layer.table, layer.geometry, propertyPairs(layer), filterSql(layer, filters, 4, z).sql, layer.labels);
}

/**
 * The ST_AsMVT statement of tile $1/$2/$3 of layer $4 at zoom z with the filter values at $5…: clusters or features,
 * or for a dense polygon layer cells or features, chosen by the statement itself (AREA_OR_FEATURES_MVT).
 */
export function tileMvtSql(layer: TileLayerSpec, z: number, filters: Record<string, string>): string {
  const features = tileFeaturesMvtSql(layer, z, filters);
  return mayDrawAreaCells(layer, z, filters) ? AREA_OR_FEATURES_MVT(layer.areaCells!.props, features) : features;
}

/** For the geojson-vt fallback: whether tile z/x/y is drawn as cells, by the count AREA_OR_FEATURES_MVT makes. */
async function drawsAreaCells(db: DataSource, layer: TileLayerSpec, z: number, x: number, y: number, filters: Record<string, string>): Promise<boolean> {
  if (!mayDrawAreaCells(layer, z, filters)) return false;
  const [row]: { n: number }[] = await db.query(AREA_CELL_COUNT, [z, x, y, layer.id]);
  return row.n > AREA_CELL_LIMIT;
}

/** ST_AsMVT tile with the layer version it shows and the caller's credential check, in one statement. */
async function renderCallerTile(
  db: DataSource, layer: TileLayerSpec, z: number, x: number, y: number, filters: Record<string, string>,
  lookupAt: (param: number) => Promise<CredentialLookup>,
): Promise<{ version: string; tile: Buffer }> {
  const f = filterSql(layer, filters, 4, z);
  const lookup = await lookupAt(5 + f.params.length);
  let row: { who: unknown; version: string | null; tile: Buffer | null } | undefined;
  // A named prepared statement (db/prepared.ts): a tile's statement differs only by layer, zoom band and filters, and
  // planning was a third to a half of a small tile's statement time.
  try {
    [row] = await queryRepeated(db, CALLER_TILE_MVT(lookup.sql, tileMvtSql(layer, z, filters)), [z, x, y, layer.id, ...f.params, ...lookup.params]);
  } catch (e) {
    throw badFilter(e);
  }
  lookup.accept(row?.who ?? undefined);
  return { version: row?.version ?? '0', tile: row?.tile ? (Buffer.isBuffer(row.tile) ? row.tile : Buffer.from(row.tile)) : Buffer.alloc(0) };
}

/** A filter value the column's type rejects (invalid text representation / enum value) is the caller's mistake. */
function badFilter(e: unknown): unknown {
  const code = (e as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (e as { code?: string }).code;
  return code === '22P02' || code === '22023' ? new HttpError(400, ErrorCode.INVALID_ARGUMENT, 'A filter value has the wrong format') : e;
}

/** One tile of one layer, by ST_AsMVT or by the geojson-vt fallback over the same features and properties. */
export async function renderTile(db: DataSource, encoder: TileEncoder, layer: TileLayerSpec, z: number, x: number, y: number, filters: Record<string, string> = {}): Promise<Buffer> {
  const f = filterSql(layer, filters, 4, z);
  try {
    if (encoder === 'st_asmvt') {
      const [row] = await db.query(tileMvtSql(layer, z, filters), [z, x, y, layer.id, ...f.params]);
      return row?.tile ? Buffer.from(row.tile) : Buffer.alloc(0);
    }
    if (clustered(layer, z)) {
      // The box of the live cells follows the filter values: $5… filters, then minLon, minLat, maxLon, maxLat.
      const cells = cellsSql(layer, filters, PARAM_BOX(5 + f.params.length));
      const box = cells.includes(`$${5 + f.params.length}`) ? tileBounds(z, x, y, CLUSTER_MARGIN * TILE_EXTENT) : [];
      const rows: TileFeatureRow[] = await db.query(CLUSTER_FEATURES(layer.table, layer.geometry, layer.properties, cells), [z, x, y, layer.id, ...f.params, ...box]);
      return encodeTile(layer.id, z, x, y, rows, false);
    }
    if (await drawsAreaCells(db, layer, z, x, y, filters)) {
      return encodeTile(layer.id, z, x, y, await db.query(AREA_FEATURES(layer.areaCells!.props), [z, x, y, layer.id]), false);
    }
    const rows: TileFeatureRow[] =
      await db.query(TILE_FEATURES(layer.table, layer.geometry, layer.properties, f.sql, layer.labels), [...tileBounds(z, x, y, TILE_BUFFER), ...f.params]);
    return encodeTile(layer.id, z, x, y, rows, layer.labels);
  } catch (e) {
    throw badFilter(e);
  }
}
