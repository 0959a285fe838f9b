import { Router, type Request, type Response, type NextFunction } from 'express';
import type { DataSource } from 'typeorm';
import type { AuthService } from '../auth/auth.service';
import { AtlasError, ErrorCode } from '../common/errors';
import { SqlBuilder } from '../common/sql-builder';
import { BBOX_INTERSECTS } from '../common/spatial.sql';
import { COLLECTIONS, type FeatureCollectionSpec } from './ogc.collections';
import { COLLECTION_EXTENT, FEATURE_PAGE } from './ogc.sql';

const MAX_LIMIT = 10000;
const DEFAULT_LIMIT = 100;

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
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
      const q = req.query as Record<string, string | undefined>;
      const limit = q.limit === undefined ? DEFAULT_LIMIT : Number(q.limit);
      const offset = q.offset === undefined ? 0 : Number(q.offset);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new HttpError(400, ErrorCode.PAGE_TOO_LARGE, `limit must be an integer from 1 to ${MAX_LIMIT}`);
      if (!Number.isInteger(offset) || offset < 0) throw new HttpError(400, ErrorCode.INVALID_ARGUMENT, 'offset must be a non-negative integer');
      if (q.bbox) {
        const v = q.bbox.split(',').map(Number);
        if (v.length !== 4 || v.some((n) => !Number.isFinite(n)) || v[0] > v[2] || v[1] > v[3]) {
          throw new HttpError(400, ErrorCode.INVALID_ARGUMENT, 'bbox must be minLon,minLat,maxLon,maxLat in WGS 84');
        }
        b.and(BBOX_INTERSECTS(`t.${c.geometry}`, b.param(v[0]), b.param(v[1]), b.param(v[2]), b.param(v[3])));
      }
      for (const [name, f] of Object.entries(c.filters ?? {})) {
        if (q[name] !== undefined) b.and(`${f.column} = ${b.param(q[name])}::${f.cast}`);
      }
      const [row] = await db.query(FEATURE_PAGE(c.table, c.geometry, c.properties, b.where, b.param(limit), b.param(offset)), b.params);
      const features = row.features as unknown[];
      const links = [{ href: `${base(req)}${req.path}`, rel: 'self', type: 'application/geo+json' }];
      if (offset + features.length < row.matched) {
        const next = new URLSearchParams({ ...(q as Record<string, string>), limit: String(limit), offset: String(offset + limit) });
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
      const fid = Number(req.params.fid);
      if (!Number.isSafeInteger(fid)) throw new HttpError(400, ErrorCode.INVALID_ARGUMENT, 'feature id must be an integer');
      const b = new SqlBuilder();
      b.and(`t.id = ${b.param(fid)}`);
      const [row] = await db.query(FEATURE_PAGE(c.table, c.geometry, c.properties, b.where, b.param(1), b.param(0)), b.params);
      const [feature] = row.features as unknown[];
      if (!feature) throw new HttpError(404, ErrorCode.NOT_FOUND, `Feature ${fid} does not exist in ${c.id}`);
      res.type('application/geo+json').send(JSON.stringify(feature));
    } catch (e) { next(e); }
  });

  r.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) { res.status(err.status).json({ code: err.code, description: err.message }); return; }
    if (err instanceof AtlasError) { res.status(401).json({ code: err.extensions.code, description: err.message }); return; }
    if ((err as { driverError?: { code?: string } }).driverError?.code === '22P02') { res.status(400).json({ code: ErrorCode.INVALID_ARGUMENT, description: 'A filter value has the wrong format' }); return; }
    console.error('[atlas] OGC error', err);
    res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' });
  });
  return r;
}
