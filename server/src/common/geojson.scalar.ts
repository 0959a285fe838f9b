import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import type { Geometry, Position } from 'geojson';
import { AtlasError, ErrorCode } from './errors';
import { JsonText } from './json-text';

const TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const;
export type GeometryType = (typeof TYPES)[number];

const fail = (message: string): never => {
  throw new AtlasError(ErrorCode.INVALID_GEOMETRY, `GeoJSON ${message}`);
};

/** Vertices one geometry may have (a detailed park boundary has a few thousand). */
export const MAX_VERTICES = 10_000;

// Validation is synchronous, so one counter reset per validateGeoJson call is enough.
let vertices = 0;

function checkPosition(p: unknown, path: string): void {
  if (++vertices > MAX_VERTICES) {
    throw new AtlasError(ErrorCode.TOO_MANY_VERTICES, `GeoJSON has more than ${MAX_VERTICES} vertices; simplify it (e.g. ST_Simplify) before sending`, { limit: MAX_VERTICES });
  }
  if (Array.isArray(p) && p.length === 3) fail(`${path} has a third coordinate (height); the API stores 2D positions [longitude, latitude] only — drop the height`);
  if (!Array.isArray(p) || p.length !== 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    fail(`${path} must be a position [longitude, latitude] of finite numbers`);
  }
  const [lon, lat] = p as number[];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    const projected = Math.abs(lon) > 1000 || Math.abs(lat) > 1000;
    fail(`${path} [${lon}, ${lat}] is outside longitude −180…180 / latitude −90…90` +
      (projected ? '; it looks like projected metres (e.g. CGCS2000 Gauss-Krüger): reproject to EPSG:4326 longitude/latitude' : ''));
  }
}

function checkRing(ring: unknown, path: string): void {
  if (!Array.isArray(ring) || ring.length < 4) fail(`${path} must be a closed ring of at least 4 positions`);
  (ring as unknown[]).forEach((p, i) => checkPosition(p, `${path}[${i}]`));
  const r = ring as Position[];
  const [a, b] = [r[0], r[r.length - 1]];
  if (a[0] !== b[0] || a[1] !== b[1]) fail(`${path} is not closed: its last position must repeat the first`);
}

const checkPolygon = (rings: unknown, path: string) => {
  if (!Array.isArray(rings) || rings.length === 0) fail(`${path} must be an array of linear rings`);
  (rings as unknown[]).forEach((r, i) => checkRing(r, `${path}[${i}]`));
};

/** Checks RFC 7946 structure and WGS 84 ranges; returns the geometry or throws INVALID_GEOMETRY. Topology (self-intersection) is PostGIS's job. */
export function validateGeoJson(value: unknown): Geometry {
  vertices = 0;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('must be a geometry object such as {"type":"Point","coordinates":[115.65,34.41]}');
  const g = value as { type?: unknown; coordinates?: unknown; crs?: unknown };
  if (g.type === 'Feature' || g.type === 'FeatureCollection') fail(`must be a bare geometry, not a ${g.type}; pass its "geometry" member`);
  if (!TYPES.includes(g.type as GeometryType)) fail(`type must be one of ${TYPES.join(', ')}; got ${JSON.stringify(g.type)}`);
  if (g.crs !== undefined) {
    const name = JSON.stringify(g.crs);
    if (!/EPSG::?4326|CRS84|EPSG::?4490/.test(name)) fail(`crs ${name} is not WGS 84: RFC 7946 geometry must be EPSG:4326 longitude/latitude; reproject it first`);
  }
  const c = g.coordinates;
  const arr = (x: unknown, what: string) => { if (!Array.isArray(x) || x.length === 0) fail(`coordinates of a ${g.type as GeometryType} must be ${what}`); return x as unknown[]; };
  switch (g.type as GeometryType) {
    case 'Point': checkPosition(c, 'coordinates'); break;
    case 'MultiPoint': arr(c, 'an array of positions').forEach((p, i) => checkPosition(p, `coordinates[${i}]`)); break;
    case 'LineString': {
      const l = arr(c, 'an array of at least 2 positions');
      if (l.length < 2) fail('a LineString needs at least 2 positions');
      l.forEach((p, i) => checkPosition(p, `coordinates[${i}]`));
      break;
    }
    case 'MultiLineString': arr(c, 'an array of line strings').forEach((l, i) => arr(l, 'line strings').forEach((p, j) => checkPosition(p, `coordinates[${i}][${j}]`))); break;
    case 'Polygon': checkPolygon(c, 'coordinates'); break;
    case 'MultiPolygon': arr(c, 'an array of polygons').forEach((p, i) => checkPolygon(p, `coordinates[${i}]`)); break;
  }
  return { type: g.type, coordinates: c } as Geometry;
}

/** RFC 7946 GeoJSON geometry in WGS 84 longitude/latitude. */
export const GeoJSONScalar = new GraphQLScalarType<Geometry, unknown>({
  name: 'GeoJSON',
  description: 'An RFC 7946 GeoJSON geometry object in WGS 84 (EPSG:4326) longitude/latitude.',
  // GeoJSON text read from PostGIS (ST_AsGeoJSON) passes through as text and is spliced into the response unparsed.
  serialize: (v) => (typeof v === 'string' ? new JsonText(v) : v),
  parseValue: validateGeoJson,
  parseLiteral: (ast, variables) => {
    if (ast.kind !== Kind.OBJECT) fail('must be given as an object literal or a variable');
    return validateGeoJson(valueFromASTUntyped(ast, variables));
  },
});
