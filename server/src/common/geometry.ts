import type { Geometry } from 'geojson';
import type { EntityManager, DataSource } from 'typeorm';
import { AtlasError, ErrorCode } from './errors';
import { GEOMETRY_VALIDITY } from './spatial.sql';

/** Asks PostGIS whether a (structurally valid) GeoJSON geometry is topologically valid and of an allowed type. */
export async function assertValidGeometry(db: DataSource | EntityManager, field: string, g: Geometry, allowed: string[]): Promise<string> {
  if (!allowed.includes(g.type)) {
    throw new AtlasError(ErrorCode.INVALID_GEOMETRY, `${field}: must be a ${allowed.join(' or ')}; got ${g.type}`, { field });
  }
  const text = JSON.stringify(g);
  const [row] = await db.query(GEOMETRY_VALIDITY, [text]);
  if (row.reason !== 'Valid Geometry') {
    throw new AtlasError(ErrorCode.INVALID_GEOMETRY, `${field}: ${row.reason} — fix the ring (e.g. a self-intersection) and send it again`, { field, reason: row.reason });
  }
  return text;
}
