import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { AuthService } from '../auth/auth.service';
import { AtlasError, ErrorCode } from '../common/errors';
import { exportParcels, importParcels, importParkBoundaries, type ExportFormat, type FieldMapping, type ParkFieldMapping } from '../modules/gis';

const MAX_UPLOAD = '200mb';

const intParam = (v: unknown, name: string): number | null => {
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new AtlasError(ErrorCode.INVALID_ARGUMENT, `${name}: "${String(v)}" is not a positive whole number`, { field: name });
  return n;
};
const flag = (v: unknown) => v === '1' || v === 'true';

/**
 * Land data in and out over HTTP: POST /api/import/parcels (the file as the raw body, ?filename=…&parkId=&dryRun=&skipInvalid=
 * &srid=&gcj02=&mapping={json}) and POST /api/import/parks (park boundaries, same options but parkId) return the per-feature report; GET /api/export/parcels?format=geojson|shp|xlsx&srid=&parkId=&ids=.
 */
export function gisRouter(db: DataSource, auth: AuthService): Router {
  const r = Router();
  // Only these routes: other /api paths belong to other routers.
  const authed = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const user = await auth.authenticate(req.get('authorization'), req.get('x-api-key'));
      if (!user) throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'Send "Authorization: Bearer <token>" or "X-API-Key"');
      res.locals.user = user;
      next();
    } catch (e) { next(e); }
  };

  // The upload's name, mapping and body, checked the same way for parcels and park boundaries.
  const upload = (req: Request) => {
    const name = String(req.query.filename ?? '');
    if (!name) throw new AtlasError(ErrorCode.INVALID_ARGUMENT, 'filename: give the file name (it tells the format: .zip, .geojson, .gpkg)', { field: 'filename' });
    let mapping: Record<string, string> | undefined;
    if (req.query.mapping) {
      try { mapping = JSON.parse(String(req.query.mapping)); } catch { throw new AtlasError(ErrorCode.INVALID_ARGUMENT, 'mapping: must be a JSON object such as {"code":"DKBH"}', { field: 'mapping' }); }
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (body.length === 0) throw new AtlasError(ErrorCode.INVALID_ARGUMENT, 'the request body is empty: send the file as the body', { field: 'file' });
    return { name, body, mapping, dryRun: flag(req.query.dryRun), skipInvalid: flag(req.query.skipInvalid), srid: intParam(req.query.srid, 'srid'), gcj02: flag(req.query.gcj02) };
  };

  r.post('/import/parcels', authed, express.raw({ type: () => true, limit: MAX_UPLOAD }), async (req, res, next) => {
    try {
      const { name, body, mapping, ...opts } = upload(req);
      res.json(await importParcels(db, res.locals.user, name, body, { ...opts, mapping: mapping as FieldMapping | undefined, parkId: intParam(req.query.parkId, 'parkId') }));
    } catch (e) { next(e); }
  });

  r.post('/import/parks', authed, express.raw({ type: () => true, limit: MAX_UPLOAD }), async (req, res, next) => {
    try {
      const { name, body, mapping, ...opts } = upload(req);
      res.json(await importParkBoundaries(db, res.locals.user, name, body, { ...opts, mapping: mapping as ParkFieldMapping | undefined }));
    } catch (e) { next(e); }
  });

  r.get('/export/parcels', authed, async (req, res, next) => {
    try {
      const format = String(req.query.format ?? 'geojson') as ExportFormat;
      if (!['geojson', 'shp', 'xlsx'].includes(format)) throw new AtlasError(ErrorCode.INVALID_ARGUMENT, 'format: geojson, shp or xlsx', { field: 'format' });
      const ids = req.query.ids ? String(req.query.ids).split(',').map((v) => intParam(v, 'ids')!) : null;
      const file = await exportParcels(db, { parkId: intParam(req.query.parkId, 'parkId'), ids, format, srid: intParam(req.query.srid, 'srid') ?? 4326 });
      res.setHeader('content-type', file.contentType);
      res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
      res.send(file.body);
    } catch (e) { next(e); }
  });

  // Errors as JSON with the stable code, like GraphQL's extensions.code.
  r.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AtlasError) {
      const code = String(err.extensions.code);
      const status = code === ErrorCode.UNAUTHENTICATED ? 401 : code === ErrorCode.FORBIDDEN ? 403 : code === ErrorCode.NOT_FOUND ? 404 : 400;
      res.status(status).json({ code, message: err.message });
      return;
    }
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.too.large') { res.status(413).json({ code: 'TOO_LARGE', message: `the file is larger than ${MAX_UPLOAD}` }); return; }
    console.error('[atlas] gis', err);
    res.status(500).json({ code: 'INTERNAL', message: 'the import or export failed on the server' });
  });
  return r;
}
