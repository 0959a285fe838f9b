import { COLLECTIONS, type FeatureCollectionSpec } from './ogc.collections';

/** A vector tile layer: an OGC collection served as MVT under the same id and with the same properties. */
export interface TileLayerSpec extends FeatureCollectionSpec {
  minzoom: number;
  maxzoom: number;
  /** Also a "<id>-label" MVT layer of one point per feature, where the map writes the polygon's label. */
  labels: boolean;
  /**
   * For dense polygon layers: the feature's larger bbox side in degrees, over alias `t` (indexed, migration 0101).
   * Features spanning less than half a tile unit are left out of the tile (ST_AsMVTGeom would collapse them).
   */
  span?: string;
  /**
   * For point layers: clustered up to CLUSTER_MAX_ZOOM from cells kept by triggers (migration 0102). `part` names the
   * filter whose column partitions the kept cells (requests filtering by it alone read them too; other filters count live).
   */
  cluster?: { part?: string };
  /** For dense polygon layers: drawn as cells on tiles holding too many features (AREA_TILE_MVT); a cell's properties from its class `c.part`. */
  areaCells?: { props: string };
}

/** Tiles are cut up to this zoom; MapLibre over-zooms beyond it. */
export const TILE_MAX_ZOOM = 16;

/** Polygon layers the map labels (district and park names). */
const LABELLED = new Set(['regions', 'parks']);

/** Every tile layer: regions, parks, parcels, factory buildings, projects, enterprises. */
/** Dense polygon layers: the indexed bbox-span expression (db/migrations/0101_parcel_extent_index.sql). */
const SPAN: Record<string, string> = { parcels: 'greatest(ST_XMax(t.geom) - ST_XMin(t.geom), ST_YMax(t.geom) - ST_YMin(t.geom))' };

/** Point layers drawn as clusters at low zoom, and the filter their kept cells are partitioned by (migration 0102). */
const CLUSTERED: Record<string, { part?: string }> = { enterprises: { part: 'isLocal' }, projects: { part: 'stage' }, 'factory-buildings': {} };

/** Dense polygon layers drawn as cells where a tile holds too many: parcels, by land use and supply status ("M1/built", migration 0102). */
const AREA_CELLS: Record<string, { props: string }> = {
  parcels: { props: `'landUse', nullif(split_part(c.part, '/', 1), ''), 'supplyStatus', nullif(split_part(c.part, '/', 2), '')` },
};

export const TILE_LAYERS: TileLayerSpec[] = COLLECTIONS.map((c) => ({
  ...c, minzoom: 0, maxzoom: TILE_MAX_ZOOM, labels: LABELLED.has(c.id), span: SPAN[c.id], cluster: CLUSTERED[c.id], areaCells: AREA_CELLS[c.id],
}));

/** Property names of a layer, read from its `json_build_object` arguments (for TileJSON `vector_layers.fields`). */
export function propertyNames(spec: FeatureCollectionSpec): string[] {
  return propertyPairs(spec).map((p) => p.name);
}

/**
 * The (name, SQL expression) pairs of a layer's `json_build_object` arguments, split at their top-level commas
 * (not inside parentheses or quoted text). Tiles select them as columns named after the property.
 */
export function propertyPairs(spec: FeatureCollectionSpec): { name: string; sql: string }[] {
  let pairs = pairsOf.get(spec.properties);
  if (!pairs) pairsOf.set(spec.properties, (pairs = splitPairs(spec)));
  return pairs;
}
const pairsOf = new Map<string, { name: string; sql: string }[]>();

function splitPairs(spec: FeatureCollectionSpec): { name: string; sql: string }[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  const text = spec.properties;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === ',') { parts.push(text.slice(start, i).trim()); start = i + 1; }
  }
  parts.push(text.slice(start).trim());
  if (parts.length % 2) throw new Error(`properties of ${spec.id}: not name/value pairs`);
  const pairs: { name: string; sql: string }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const name = /^'([A-Za-z][A-Za-z0-9]*)'$/.exec(parts[i])?.[1];
    if (!name) throw new Error(`properties of ${spec.id}: ${parts[i]} is not a property name`);
    pairs.push({ name, sql: parts[i + 1] });
  }
  return pairs;
}
