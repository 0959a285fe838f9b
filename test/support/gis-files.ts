// Land data files built inside the tests: Shapefiles in CGCS2000 Gauss-Krüger zones with UTF-8 or GBK tables, GeoJSON.
// The projection here is an independent Transverse Mercator (Krüger series, Karney 2011) so the import's PROJ
// reprojection is checked against a second implementation, not against itself.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const req = createRequire(resolve(dirname(fileURLToPath(import.meta.url)), '../../server/package.json'));
const iconv = req('iconv-lite') as { encode(s: string, enc: string): Buffer };
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- a CommonJS require typed by its module
const JSZip = req('jszip') as typeof import('jszip');
const gcoord = req('gcoord') as { transform(p: [number, number], from: unknown, to: unknown): [number, number]; WGS84: unknown; GCJ02: unknown };
const shpWrite = req('@mapbox/shp-write/src/write') as (rows: unknown[], type: string, g: unknown[], cb: (e: unknown, f: { shp: DataView; shx: DataView }) => void) => void;

// GRS80 / CGCS2000 ellipsoid.
const A = 6378137, F = 1 / 298.257222101;
const N = F / (2 - F);
const A1 = (A / (1 + N)) * (1 + N ** 2 / 4 + N ** 4 / 64 + N ** 6 / 256);
const ALPHA = [
  N / 2 - (2 / 3) * N ** 2 + (5 / 16) * N ** 3 + (41 / 180) * N ** 4 - (127 / 288) * N ** 5 + (7891 / 37800) * N ** 6,
  (13 / 48) * N ** 2 - (3 / 5) * N ** 3 + (557 / 1440) * N ** 4 + (281 / 630) * N ** 5 - (1983433 / 1935360) * N ** 6,
  (61 / 240) * N ** 3 - (103 / 140) * N ** 4 + (15061 / 26880) * N ** 5 + (167603 / 181440) * N ** 6,
  (49561 / 161280) * N ** 4 - (179 / 168) * N ** 5 + (6601661 / 7257600) * N ** 6,
  (34729 / 80640) * N ** 5 - (3418889 / 1995840) * N ** 6,
  (212378941 / 319334400) * N ** 6,
];

/** Gauss-Krüger (TM, k0 = 1) easting/northing of a WGS 84/CGCS2000 lon/lat, central meridian cm, false easting fe. */
export function gaussKruger(lon: number, lat: number, cm: number, fe: number): [number, number] {
  const e = Math.sqrt(F * (2 - F));
  const phi = (lat * Math.PI) / 180, lam = ((lon - cm) * Math.PI) / 180;
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
  const xi0 = Math.atan2(t, Math.cos(lam)), eta0 = Math.atanh(Math.sin(lam) / Math.sqrt(1 + t * t));
  let xi = xi0, eta = eta0;
  ALPHA.forEach((a, j) => {
    const k = 2 * (j + 1);
    xi += a * Math.sin(k * xi0) * Math.cosh(k * eta0);
    eta += a * Math.cos(k * xi0) * Math.sinh(k * eta0);
  });
  return [fe + A1 * eta, A1 * xi];
}

export const ESRI_GK_PRJ = (cm: number, withZone: boolean) =>
  `PROJCS["CGCS2000_3_Degree_GK_${withZone ? `Zone_${cm / 3}` : `CM_${cm}E`}",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${withZone ? (cm / 3) * 1e6 + 500000 : 500000}.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

export interface TestFeature { props: Record<string, string | number | null>; rings: number[][][] }

/** A dBASE III table with text fields in the given encoding ('utf8' or 'gbk'). */
export function testDbf(fields: string[], rows: Record<string, string | number | null>[], encoding: 'utf8' | 'gbk'): Buffer {
  const enc = (s: string) => (encoding === 'gbk' ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8'));
  const len = fields.map((f) => Math.max(1, ...rows.map((r) => enc(String(r[f] ?? '')).length)));
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + len.reduce((a, b) => a + b, 0);
  const out = Buffer.alloc(headerLength + rows.length * recordLength + 1, 0x20);
  out.fill(0, 0, headerLength);
  out.writeUInt8(3, 0);
  out.writeUInt32LE(rows.length, 4);
  out.writeUInt16LE(headerLength, 8);
  out.writeUInt16LE(recordLength, 10);
  fields.forEach((f, i) => {
    out.write(f, 32 + i * 32, 10, 'latin1');
    out.write('C', 32 + i * 32 + 11, 1, 'latin1');
    out.writeUInt8(len[i], 32 + i * 32 + 16);
  });
  out.writeUInt8(0x0d, headerLength - 1);
  rows.forEach((r, ri) => {
    let off = headerLength + ri * recordLength + 1;
    fields.forEach((f, i) => { enc(String(r[f] ?? '')).copy(out, off); off += len[i]; });
  });
  out.writeUInt8(0x1a, out.length - 1);
  return out;
}

/** A zipped Shapefile of polygons; prj and cpg are optional. */
export async function shapefileZip(stem: string, features: TestFeature[], opts: { prj?: string; cpg?: string; encoding: 'utf8' | 'gbk' }): Promise<Buffer> {
  const files = await new Promise<{ shp: DataView; shx: DataView }>((res, rej) =>
    shpWrite([], 'POLYGON', features.map((f) => [f.rings]), (e, f) => (e ? rej(e instanceof Error ? e : new Error('shapefile writer failed')) : res(f))));
  const fields = [...new Set(features.flatMap((f) => Object.keys(f.props)))];
  const zip = new JSZip();
  zip.file(`${stem}.shp`, Buffer.from(files.shp.buffer));
  zip.file(`${stem}.shx`, Buffer.from(files.shx.buffer));
  zip.file(`${stem}.dbf`, testDbf(fields, features.map((f) => f.props), opts.encoding));
  if (opts.prj) zip.file(`${stem}.prj`, opts.prj);
  if (opts.cpg) zip.file(`${stem}.cpg`, opts.cpg);
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A lon/lat rectangle w×h metres with its south-west corner at (lon, lat), as a closed ring (clockwise, as Shapefiles want). */
export function lonLatRect(lon: number, lat: number, w: number, h: number): number[][] {
  const mx = 111320 * Math.cos((lat * Math.PI) / 180), my = 110950;
  const [x1, y1] = [lon + w / mx, lat + h / my];
  return [[lon, lat], [lon, y1], [x1, y1], [x1, lat], [lon, lat]];
}

/** Where a GCJ-02 basemap (AMap, Tencent) draws a WGS 84 position: what a person clicking on such a map captures. */
export const toGcj02 = (lon: number, lat: number): [number, number] => gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02);
export const fromGcj02 = (lon: number, lat: number): [number, number] => gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84);
