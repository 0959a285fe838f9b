import { Router, type Request, type Response, type NextFunction } from 'express';
import type { DataSource } from 'typeorm';
import type { AuthService } from '../auth/auth.service';
import { AtlasError, ErrorCode, fromDatabaseError } from '../common/errors';
import { MAX_ID } from '../common/filters';
import { SqlBuilder } from '../common/sql-builder';
import { BBOX_INTERSECTS } from '../common/spatial.sql';
import { COLLECTIONS, type FeatureCollectionSpec } from './ogc.collections';
import { COLLECTION_EXTENT, FEATURE_ID_EQUALS, FEATURE_PAGE, PROPERTY_EQUALS } from './ogc.sql';

const MAX_LIMIT = 10000;
const DEFAULT_LIMIT = 100;
/** Deeper than this, page with bbox or filters instead; keeps OFFSET inside int range and cheap. */
const MAX_OFFSET = 1_000_000;

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

/** One query parameter as a single string: a repeated parameter (?bbox=…&bbox=…) or a nested one (?a[b]=…) is refused. */
function single(q: Request['query'], name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new HttpError(400, ErrorCode.INVALID_ARGUMENT, `${name} must be given once, as one value`);
  if (v.length > 200) throw new HttpError(400, ErrorCode.TEXT_TOO_LONG, `${name} is longer than 200 characters`);
  return v;
}

/** A whole number in plain digits within min … max, or a 400 naming the parameter and the range. */
function wholeNumber(name: string, v: string | undefined, dflt: number, min: number, max: number, code: string = ErrorCode.INVALID_ARGUMENT): number {
  if (v === undefined) return dflt;
  const n = /^[0-9]{1,10}$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) throw new HttpError(400, code, `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** OGC API - Features (Part 1 core, GeoJSON) over the same data and roles as GraphQL. */
export function ogcRouter(db: DataSource, auth: AuthService): Router {
  const r = Router();
  const base = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}`;

  // Every OGC request needs the same credentials as GraphQL.
  r.use(async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const user = await auth.authenticate(req.get('authorization'), req.get('x-api-key'));
      if (!user) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Send "Authorization: Bearer <token>" or "X-API-Key"');
      next();
    } catch (e) { next(e); }
  });

  r.get('/', (req, res) => {
    res.json({
      title: 'Invest Atlas 招商图谱 — OGC API Features',
      links: [
        { href: `${base(req)}/`, rel: 'self', type: 'application/json' },
        { href: `${base(req)}/conformance`, rel: 'conformance', type: 'application/json' },
        { href: `${base(req)}/collections`, rel: 'data', type: 'application/json' },
      ],
    });
  });

  r.get('/conformance', (_req, res) => {
    res.json({ conformsTo: ['http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson'] });
  });

  const describe = async (req: Request, c: FeatureCollectionSpec) => {
    const [e] = await db.query(COLLECTION_EXTENT(c.table, c.geometry));
    return {
      id: c.id, title: c.title, description: c.description, itemType: 'feature',
      crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'],
      extent: { spatial: { bbox: e?.minx == null ? [] : [[e.minx, e.miny, e.maxx, e.maxy]] } },
      links: [{ href: `${base(req)}/collections/${c.id}/items`, rel: 'items', type: 'application/geo+json' }],
    };
  };

  r.get('/collections', async (req, res, next) => {
    try { res.json({ collections: await Promise.all(COLLECTIONS.map((c) => describe(req, c))), links: [] }); } catch (e) { next(e); }
  });

  const find = (id: string) => {
    const c = COLLECTIONS.find((x) => x.id === id);
    if (!c) throw new HttpError(404, ErrorCode.NOT_FOUND, `Collection "${id}" does not exist; known: ${COLLECTIONS.map((x) => x.id).join(', ')}`);
    return c;
  };

  r.get('/collections/:id', async (req, res, next) => {
    try { res.json(await describe(req, find(req.params.id))); } catch (e) { next(e); }
  });

  r.get('/collections/:id/items', async (req, res, next) => {
    try {
      const c = find(req.params.id);
      const b = new SqlBuilder();
      const q = Object.fromEntries(['limit', 'offset', 'bbox', ...Object.keys(c.filters ?? {})].map((k) => [k, single(req.query, k)]));
      const limit = wholeNumber('limit', q.limit, DEFAULT_LIMIT, 1, MAX_LIMIT, ErrorCode.PAGE_TOO_LARGE);
      const offset = wholeNumber('offset', q.offset, 0, 0, MAX_OFFSET);
      if (q.bbox !== undefined) {
        const v = q.bbox.split(',').map((x) => (/^\s*-?[0-9]+(\.[0-9]+)?\s*$/.test(x) ? Number(x) : NaN));
        if (v.length !== 4 || v.some((n) => !Number.isFinite(n)) || v[0] > v[2] || v[1] > v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
          throw new HttpError(400, ErrorCode.INVALID_ARGUMENT, 'bbox must be minLon,minLat,maxLon,maxLat in WGS 84 (longitude −180…180, latitude −90…90)');
        }
        b.and(BBOX_INTERSECTS(`t.${c.geometry}`, b.param(v[0]), b.param(v[1]), b.param(v[2]), b.param(v[3])));
      }
      for (const [name, f] of Object.entries(c.filters ?? {})) {
        const v = q[name];
        if (v === undefined) continue;
        b.and(PROPERTY_EQUALS(f.column, b.param(f.cast === 'int' ? wholeNumber(name, v, 0, 1, MAX_ID) : v), f.cast));
      }
      const [row] = await db.query(FEATURE_PAGE(c.table, c.geometry, c.properties, b.where, b.param(limit), b.param(offset)), b.params);
      const features = row.features as unknown[];
      const links = [{ href: `${base(req)}${req.path}`, rel: 'self', type: 'application/geo+json' }];
      if (offset + features.length < row.matched) {
        const next = new URLSearchParams({ ...Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>, limit: String(limit), offset: String(offset + limit) });
        links.push({ href: `${base(req)}${req.path}?${next.toString()}`, rel: 'next', type: 'application/geo+json' });
      }
      res.type('application/geo+json').send(JSON.stringify({
        type: 'FeatureCollection', numberMatched: row.matched, numberReturned: features.length, timeStamp: new Date().toISOString(), features, links,
      }));
    } catch (e) { next(e); }
  });

  r.get('/collections/:id/items/:fid', async (req, res, next) => {
    try {
      const c = find(req.params.id);
      const fid = wholeNumber('feature id', String(req.params.fid), 0, 1, MAX_ID);
      const b = new SqlBuilder();
      b.and(FEATURE_ID_EQUALS(b.param(fid)));
      const [row] = await db.query(FEATURE_PAGE(c.table, c.geometry, c.properties, b.where, b.param(1), b.param(0)), b.params);
      const [feature] = row.features as unknown[];
      if (!feature) throw new HttpError(404, ErrorCode.NOT_FOUND, `Feature ${fid} does not exist in ${c.id}`);
      res.type('application/geo+json').send(JSON.stringify(feature));
    } catch (e) { next(e); }
  });

  r.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) { res.status(err.status).json({ code: err.code, description: err.message }); return; }
    if (err instanceof AtlasError) { res.status(401).json({ code: err.extensions.code, description: err.message }); return; }
    const db = fromDatabaseError(err);
    if (db) { res.status(400).json({ code: db.extensions.code, description: 'A parameter value has the wrong format or is out of range' }); return; }
    console.error('[atlas] OGC error', err);
    res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' });
  });
  return r;
}
