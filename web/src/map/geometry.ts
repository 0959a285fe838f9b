import type { Geometry, Position } from 'geojson';

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** Bounding box of any GeoJSON geometry, or null when it has no positions. */
export function bboxOf(geometry: Geometry | null | undefined): Bbox | null {
  if (!geometry) return null;
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Position) => {
    box[0] = Math.min(box[0], p[0]);
    box[1] = Math.min(box[1], p[1]);
    box[2] = Math.max(box[2], p[0]);
    box[3] = Math.max(box[3], p[1]);
  };
  const walk = (g: Geometry) => {
    switch (g.type) {
      case 'Point': visit(g.coordinates); break;
      case 'MultiPoint':
      case 'LineString': g.coordinates.forEach(visit); break;
      case 'MultiLineString':
      case 'Polygon': g.coordinates.forEach((ring) => ring.forEach(visit)); break;
      case 'MultiPolygon': g.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(visit))); break;
      case 'GeometryCollection': g.geometries.forEach(walk); break;
    }
  };
  walk(geometry);
  return Number.isFinite(box[0]) ? box : null;
}

/** Accepts `[minLon, minLat, maxLon, maxLat]` from the API; anything else is null. */
export function asBbox(values: readonly number[] | null | undefined): Bbox | null {
  if (!values || values.length !== 4 || !values.every(Number.isFinite)) return null;
  return [values[0], values[1], values[2], values[3]];
}
