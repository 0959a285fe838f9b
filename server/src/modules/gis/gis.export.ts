import type { Geometry, MultiPolygon } from 'geojson';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { DataSource } from 'typeorm';
import { invalid } from '../../common/errors';
import { M2_PER_MU } from '../../common/numeric';
import { isGkSrid } from './gis.crs';
import { EXPORT_PARCELS, SRS_WKT } from './gis.sql';

// shp-write's low-level writer handles the .shp/.shx geometry records; the DBF is written here so text is UTF-8 (with a .cpg).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const shpWrite: (rows: unknown[], type: string, geometries: unknown[], cb: (err: unknown, files: { shp: DataView; shx: DataView }) => void) => void = require('@mapbox/shp-write/src/write');

export type ExportFormat = 'geojson' | 'shp' | 'xlsx';

export interface ExportRow {
  id: number; code: string; park_name: string | null; land_use: string; supply_status: string; area_m2: number; far: number | null;
  built_far: number | null; land_price: number | null; supplied_on: string | null; is_idle: boolean; is_low_build: boolean;
  lon: number; lat: number; geometry: Geometry;
}

export interface ExportFile { fileName: string; contentType: string; body: Buffer }

/** Parcels of a park or a list of ids, as GeoJSON (WGS 84), a zipped Shapefile (WGS 84, CGCS2000 or a CGCS2000 GK zone) or XLSX. */
export async function exportParcels(db: DataSource, q: { parkId: number | null; ids: number[] | null; format: ExportFormat; srid: number }): Promise<ExportFile> {
  if (!(q.srid === 4326 || q.srid === 4490 || isGkSrid(q.srid))) throw invalid('srid', 'must be 4326 (WGS 84), 4490 (CGCS2000) or 4513–4554 (CGCS2000 GK)');
  const srid = q.format === 'shp' ? q.srid : 4326;
  const rows: ExportRow[] = await db.query(EXPORT_PARCELS, [q.parkId, q.ids, srid]);
  const stem = `parcels${q.parkId ? `-park${q.parkId}` : ''}`;
  if (q.format === 'geojson') {
    const fc = {
      type: 'FeatureCollection',
      features: rows.map((r) => ({ type: 'Feature', id: r.id, geometry: r.geometry, properties: attributes(r) })),
    };
    return { fileName: `${stem}.geojson`, contentType: 'application/geo+json', body: Buffer.from(JSON.stringify(fc)) };
  }
  if (q.format === 'xlsx') return { fileName: `${stem}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await xlsx(rows) };
  const [{ srtext }] = await db.query(SRS_WKT, [srid]);
  const zip = new JSZip();
  const files = await new Promise<{ shp: DataView; shx: DataView }>((resolve, reject) =>
    shpWrite([], 'POLYGON', rows.map((r) => polygons(r.geometry)), (err, f) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(f))));
  const name = `${stem}-${srid}`;
  zip.file(`${name}.shp`, Buffer.from(files.shp.buffer));
  zip.file(`${name}.shx`, Buffer.from(files.shx.buffer));
  zip.file(`${name}.dbf`, dbf(rows));
  zip.file(`${name}.prj`, srtext);
  zip.file(`${name}.cpg`, 'UTF-8');
  return { fileName: `${name}.zip`, contentType: 'application/zip', body: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) };
}

/** The attribute names use the import's pinyin aliases, so an export imports again as it is. */
function attributes(r: ExportRow) {
  return {
    DKBH: r.code, YQMC: r.park_name, YDXZ: r.land_use, ZT: r.supply_status, MJ_MU: Math.round((r.area_m2 / M2_PER_MU) * 100) / 100,
    RJL: r.far, SJRJL: r.built_far, CJJ: r.land_price, GDRQ: r.supplied_on,
  };
}

function polygons(g: Geometry): number[][][][] {
  if (g.type === 'Polygon') return [(g).coordinates];
  return (g as MultiPolygon).coordinates;
}

type DbfField = { name: string; type: 'C' | 'N'; length: number; decimals: number; value: (r: ExportRow) => string | number | null };

/** dBASE III table, text in UTF-8 (declared by the .cpg), numbers right-aligned. */
export function dbf(rows: ExportRow[]): Buffer {
  const text = (name: string, value: DbfField['value']): DbfField => ({
    name, type: 'C', decimals: 0, value,
    length: Math.min(254, Math.max(1, ...rows.map((r) => Buffer.byteLength(String(value(r) ?? ''), 'utf8')))),
  });
  const number = (name: string, decimals: number, value: DbfField['value']): DbfField => ({ name, type: 'N', length: 18, decimals, value });
  const a = (r: ExportRow) => attributes(r);
  const fields: DbfField[] = [
    text('DKBH', (r) => a(r).DKBH), text('YQMC', (r) => a(r).YQMC), text('YDXZ', (r) => a(r).YDXZ), text('ZT', (r) => a(r).ZT),
    number('MJ_MU', 2, (r) => a(r).MJ_MU), number('RJL', 2, (r) => a(r).RJL), number('SJRJL', 2, (r) => a(r).SJRJL),
    number('CJJ', 2, (r) => a(r).CJJ), text('GDRQ', (r) => a(r).GDRQ),
  ];
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const out = Buffer.alloc(headerLength + rows.length * recordLength + 1, 0x20);
  out.fill(0, 0, headerLength);
  const now = new Date();
  out.writeUInt8(0x03, 0);
  out.writeUInt8(now.getUTCFullYear() - 1900, 1);
  out.writeUInt8(now.getUTCMonth() + 1, 2);
  out.writeUInt8(now.getUTCDate(), 3);
  out.writeUInt32LE(rows.length, 4);
  out.writeUInt16LE(headerLength, 8);
  out.writeUInt16LE(recordLength, 10);
  out.writeUInt8(0x4d, 29); // language driver: none meaningful for UTF-8; the .cpg says UTF-8
  fields.forEach((f, i) => {
    const off = 32 + i * 32;
    out.write(f.name, off, 10, 'latin1');
    out.write(f.type, off + 11, 1, 'latin1');
    out.writeUInt8(f.length, off + 16);
    out.writeUInt8(f.decimals, off + 17);
  });
  out.writeUInt8(0x0d, headerLength - 1);
  rows.forEach((r, ri) => {
    let off = headerLength + ri * recordLength;
    out.writeUInt8(0x20, off++);
    for (const f of fields) {
      const v = f.value(r);
      if (f.type === 'C') {
        const b = Buffer.from(String(v ?? ''), 'utf8').subarray(0, f.length);
        b.copy(out, off);
      } else if (v !== null && v !== undefined) {
        const s = Number(v).toFixed(f.decimals).slice(0, f.length).padStart(f.length, ' ');
        out.write(s, off, f.length, 'latin1');
      }
      off += f.length;
    }
  });
  out.writeUInt8(0x1a, out.length - 1);
  return out;
}

async function xlsx(rows: ExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Invest Atlas 招商图谱';
  const ws = wb.addWorksheet('地块 Parcels');
  ws.columns = [
    { header: '地块编号 code', key: 'code', width: 18 }, { header: '园区 park', key: 'park', width: 28 }, { header: '用地性质 land use', key: 'use', width: 12 },
    { header: '供地状态 status', key: 'status', width: 14 }, { header: '面积(亩) mu', key: 'mu', width: 12 }, { header: '面积(公顷) ha', key: 'ha', width: 12 },
    { header: '容积率 FAR', key: 'far', width: 10 }, { header: '实际容积率 built FAR', key: 'bfar', width: 12 }, { header: '地价(万元)', key: 'price', width: 12 },
    { header: '供地日期 supplied on', key: 'date', width: 14 }, { header: '闲置 idle', key: 'idle', width: 8 }, { header: '圈大建小 under-built', key: 'low', width: 10 },
    { header: '经度 lon', key: 'lon', width: 12 }, { header: '纬度 lat', key: 'lat', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow({
      code: r.code, park: r.park_name, use: r.land_use, status: r.supply_status, mu: Math.round((r.area_m2 / M2_PER_MU) * 100) / 100,
      ha: Math.round(r.area_m2 / 100) / 100, far: r.far, bfar: r.built_far, price: r.land_price, date: r.supplied_on,
      idle: r.is_idle ? '是' : '', low: r.is_low_build ? '是' : '', lon: Number(r.lon.toFixed(7)), lat: Number(r.lat.toFixed(7)),
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
