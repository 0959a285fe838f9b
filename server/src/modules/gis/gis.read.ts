// Reading land data files: zipped Shapefile (.shp/.dbf/.prj/.cpg), GeoJSON and GeoPackage, with the attribute
// table's encoding (UTF-8 or GBK: a .cpg when there is one, else detected). Geometry stays in the file's CRS here.
import { extname } from 'node:path';
import type { Geometry } from 'geojson';
import JSZip from 'jszip';
import * as shapefile from 'shapefile';
import initSqlJs from 'sql.js';
import { sridFromCoordinates, sridFromName, sridFromWkt, type CrsGuess } from './gis.crs';
import { GPKG_PROBE, GPKG_FEATURE_TABLE, GPKG_TABLE_ROWS } from './gis.sql';

/** One feature as read: its 1-based position, attributes, and geometry (GeoJSON, or WKB hex from a GeoPackage). */
export interface RawFeature {
  index: number;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
  wkbHex?: string;
}

export interface ReadResult {
  format: 'shapefile' | 'geojson' | 'geopackage';
  features: RawFeature[];
  columns: string[];
  crs: CrsGuess | null;
  encoding: string | null;
  /** File-level problems (no .shp in the zip, unknown .cpg, unreadable JSON…). */
  problems: string[];
}

/** The files of one import: a name and its bytes; a zip is opened, a .shp may come with its siblings. */
export type FileSet = Map<string, Buffer>;

const CPG: Record<string, string> = {
  'UTF-8': 'utf-8', UTF8: 'utf-8', '65001': 'utf-8', GBK: 'gbk', CP936: 'gbk', '936': 'gbk', GB2312: 'gbk', GB18030: 'gb18030', 'ANSI 936': 'gbk',
};

/** Reads one uploaded or named file: .zip, .shp (with siblings in `extra`), .geojson/.json, .gpkg. */
export async function readLandFile(name: string, bytes: Buffer, extra: FileSet = new Map()): Promise<ReadResult> {
  const ext = extname(name).toLowerCase();
  if (ext === '.zip') return readZip(bytes);
  if (ext === '.shp') return readShapefile(new Map([...extra, [name, bytes]]));
  if (ext === '.geojson' || ext === '.json') return readGeoJson(bytes);
  if (ext === '.gpkg') return readGeoPackage(bytes);
  return empty('shapefile', [`unsupported file type "${ext || name}": send a zipped Shapefile (.zip), GeoJSON (.geojson) or GeoPackage (.gpkg)`]);
}

const empty = (format: ReadResult['format'], problems: string[]): ReadResult => ({ format, features: [], columns: [], crs: null, encoding: null, problems });

async function readZip(bytes: Buffer): Promise<ReadResult> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return empty('shapefile', ['the file is not a readable zip archive']);
  }
  const files = Object.values(zip.files).filter((f) => !f.dir && !/(^|\/)(__MACOSX|\.)/.test(f.name));
  const gj = files.find((f) => /\.(geo)?json$/i.test(f.name));
  const gpkg = files.find((f) => /\.gpkg$/i.test(f.name));
  const shp = files.filter((f) => /\.shp$/i.test(f.name));
  if (shp.length === 0) {
    if (gpkg) return readGeoPackage(Buffer.from(await gpkg.async('uint8array')));
    if (gj) return readGeoJson(Buffer.from(await gj.async('uint8array')));
    return empty('shapefile', ['the zip holds no .shp, .geojson or .gpkg file']);
  }
  if (shp.length > 1) return empty('shapefile', [`the zip holds ${shp.length} shapefiles (${shp.map((f) => f.name).join(', ')}); send one at a time`]);
  const stem = shp[0].name.replace(/\.shp$/i, '');
  const set: FileSet = new Map();
  for (const f of files) {
    if (f.name.slice(0, stem.length).toLowerCase() === stem.toLowerCase() && f.name.length - stem.length <= 4) {
      set.set(f.name, Buffer.from(await f.async('uint8array')));
    }
  }
  return readShapefile(set);
}

const sibling = (set: FileSet, ext: string) => [...set.entries()].find(([n]) => n.toLowerCase().endsWith(ext))?.[1];

/** Picks the DBF text encoding: a .cpg when present, else UTF-8 when every record decodes as UTF-8, else GBK. */
export function dbfEncoding(dbf: Buffer, cpg: string | undefined): { encoding: string | null; problem?: string } {
  if (cpg !== undefined) {
    const key = cpg.trim().toUpperCase();
    const enc = CPG[key];
    if (enc) return { encoding: enc };
    return { encoding: null, problem: `the .cpg names encoding "${cpg.trim()}", which the import cannot read (UTF-8 or GBK)` };
  }
  const headerLength = dbf.readUInt16LE(8);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(headerLength));
    return { encoding: 'utf-8' };
  } catch {
    return { encoding: 'gbk' };
  }
}

async function readShapefile(set: FileSet): Promise<ReadResult> {
  const shp = sibling(set, '.shp');
  const dbf = sibling(set, '.dbf');
  const prj = sibling(set, '.prj');
  const cpg = sibling(set, '.cpg');
  if (!shp) return empty('shapefile', ['no .shp file']);
  if (!dbf) return empty('shapefile', ['the .dbf attribute table is missing beside the .shp']);
  const { encoding, problem } = dbfEncoding(dbf, cpg?.toString('latin1'));
  if (!encoding) return { ...empty('shapefile', [problem!]), encoding: null };
  const features: RawFeature[] = [];
  const source = await shapefile.open(toArrayBuffer(shp), toArrayBuffer(dbf), { encoding });
  for (let i = 1; ; i++) {
    const r = await source.read();
    if (r.done) break;
    features.push({ index: i, properties: (r.value.properties ?? {}), geometry: r.value.geometry });
  }
  const columns = dbfColumns(dbf);
  let crs = prj ? sridFromWkt(prj.toString('utf8')) : null;
  const problems: string[] = [];
  if (prj && !crs) problems.push('the .prj describes a coordinate system the import does not accept; expected WGS 84, CGCS2000 or CGCS2000 3° Gauss-Krüger');
  if (!prj) crs = guessFromFeatures(features);
  return { format: 'shapefile', features, columns, crs, encoding, problems };
}

/** Field names from the DBF header (32-byte descriptors until 0x0D). */
function dbfColumns(dbf: Buffer): string[] {
  const out: string[] = [];
  for (let off = 32; off + 32 <= dbf.length && dbf[off] !== 0x0d; off += 32) {
    const raw = dbf.subarray(off, off + 11);
    const end = raw.indexOf(0);
    out.push(new TextDecoder('utf-8').decode(end >= 0 ? raw.subarray(0, end) : raw).trim());
  }
  return out;
}

const toArrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

function positions(g: Geometry | null, xs: number[], ys: number[]): void {
  if (!g || !('coordinates' in g)) return;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') { xs.push(c[0]); ys.push(c[1] as number); } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(g.coordinates);
}

function guessFromFeatures(features: RawFeature[]): CrsGuess | null {
  const xs: number[] = [], ys: number[] = [];
  for (const f of features.slice(0, 200)) positions(f.geometry, xs, ys);
  return sridFromCoordinates(xs, ys);
}

function readGeoJson(bytes: Buffer): ReadResult {
  let doc: { type?: string; features?: unknown[]; crs?: { properties?: { name?: string } }; geometry?: unknown };
  try {
    doc = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return empty('geojson', [`the GeoJSON is not valid JSON: ${(e as Error).message}`]);
  }
  const list = doc.type === 'FeatureCollection' ? doc.features ?? [] : doc.type === 'Feature' ? [doc] : [];
  if (list.length === 0 && doc.type !== 'FeatureCollection') return empty('geojson', ['the GeoJSON holds no Feature or FeatureCollection']);
  const features: RawFeature[] = list.map((f, i) => {
    const feat = f as { properties?: Record<string, unknown>; geometry?: Geometry | null };
    return { index: i + 1, properties: feat.properties ?? {}, geometry: feat.geometry ?? null };
  });
  const columns = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const named = doc.crs?.properties?.name ? sridFromName(doc.crs.properties.name) : null;
  const crs: CrsGuess | null = named
    ? { srid: named, source: 'geojson-crs', label: `EPSG:${named}` }
    : guessFromFeatures(features) ?? { srid: 4326, source: 'default', label: 'WGS 84 (RFC 7946 default)' };
  return { format: 'geojson', features, columns, crs, encoding: 'utf-8', problems: [] };
}

/** GeoPackage: the first feature table; geometry blobs are a GP header then standard WKB, which PostGIS reads. */
async function readGeoPackage(bytes: Buffer): Promise<ReadResult> {
  const SQL = await initSqlJs();
  let db: InstanceType<typeof SQL.Database>;
  try {
    db = new SQL.Database(new Uint8Array(bytes));
    db.exec(GPKG_PROBE);
  } catch {
    return empty('geopackage', ['the file is not a readable GeoPackage (no gpkg_contents table)']);
  }
  try {
    const t = db.exec(GPKG_FEATURE_TABLE);
    if (!t.length || !t[0].values.length) return empty('geopackage', ['the GeoPackage holds no feature table']);
    const [table, geomCol, srsId, org, orgId, definition] = t[0].values[0] as [string, string, number, string | null, number | null, string | null];
    let crs: CrsGuess | null = null;
    if (org && org.toUpperCase() === 'EPSG' && orgId) crs = { srid: Number(orgId), source: 'gpkg-srs', label: `EPSG:${orgId}` };
    else if (definition) crs = sridFromWkt(definition);
    const rows = db.exec(GPKG_TABLE_ROWS(table));
    const columns = rows.length ? rows[0].columns.filter((c) => c !== geomCol) : [];
    const features: RawFeature[] = [];
    if (rows.length) {
      const gi = rows[0].columns.indexOf(geomCol);
      rows[0].values.forEach((v, i) => {
        const props: Record<string, unknown> = {};
        rows[0].columns.forEach((c, j) => { if (j !== gi && c.toLowerCase() !== 'fid') props[c] = v[j]; });
        const blob = v[gi] as Uint8Array | null;
        features.push({ index: i + 1, properties: props, geometry: null, wkbHex: blob ? gpkgWkb(blob) ?? undefined : undefined });
      });
    }
    const problems = crs ? [] : [`the GeoPackage's coordinate system (srs_id ${srsId}) is not one the import accepts`];
    return { format: 'geopackage', features, columns: columns.filter((c) => c.toLowerCase() !== 'fid'), crs, encoding: 'utf-8', problems };
  } finally {
    db.close();
  }
}

/** The WKB inside a GeoPackage geometry blob (OGC 12-128: "GP", version, flags, srs_id, envelope), as hex. */
export function gpkgWkb(blob: Uint8Array): string | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) return null;
  const flags = blob[3];
  if (flags & 0x10) return null; // empty geometry
  const envelope = [0, 32, 48, 48, 64][(flags >> 1) & 0x07] ?? 0;
  return Buffer.from(blob.subarray(8 + envelope)).toString('hex');
}
