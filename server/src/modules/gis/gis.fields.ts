// Attribute tables of Chinese land data: which column holds what (the usual pinyin abbreviations), and how values read.

export type ParcelField = 'code' | 'landUse' | 'supplyStatus' | 'floorAreaRatio' | 'builtFar' | 'landPrice' | 'suppliedOn' | 'parkName';
export type FieldMapping = Partial<Record<ParcelField, string>>;

/** Column names, upper-cased, by field: pinyin initials (DKBH 地块编号, YDXZ 用地性质, DLMC 地类名称, ZT 状态, RJL 容积率…), Chinese, English. */
export const FIELD_ALIASES: Record<ParcelField, string[]> = {
  code: ['DKBH', 'DKDM', 'ZDBH', 'ZDDM', 'DKH', 'BH', 'CODE', 'PARCEL_CODE', 'PARCELCODE', '地块编号', '宗地编号', '地块代码', '编号'],
  landUse: ['YDXZ', 'YDLX', 'DLMC', 'DLBM', 'YDDM', 'TDYT', 'YT', 'LAND_USE', 'LANDUSE', '用地性质', '地类名称', '土地用途', '用途'],
  supplyStatus: ['ZT', 'GDZT', 'GYZT', 'STATUS', 'SUPPLY', 'SUPPLY_STATUS', '供地状态', '供应状态', '状态'],
  floorAreaRatio: ['RJL', 'GHRJL', 'FAR', 'FLOOR_AREA_RATIO', '容积率', '规划容积率'],
  builtFar: ['SJRJL', 'JCRJL', 'BUILT_FAR', 'BUILTFAR', '实际容积率', '建成容积率'],
  landPrice: ['CJJ', 'CRJ', 'DJ', 'JG', 'LAND_PRICE', 'PRICE', '成交价', '出让金', '地价'],
  suppliedOn: ['GDRQ', 'CRRQ', 'GYRQ', 'SUPPLIED_ON', 'SUPPLY_DATE', '供地日期', '出让日期'],
  parkName: ['YQMC', 'YQ', 'KFQ', 'PARK', 'PARK_NAME', '园区', '园区名称', '开发区'],
};

/** Column per field: the override first, then the first alias present in the file (case-insensitive). */
export function resolveMapping(columns: string[], override: FieldMapping = {}): FieldMapping {
  const byUpper = new Map(columns.map((c) => [c.trim().toUpperCase(), c]));
  const out: FieldMapping = {};
  for (const field of Object.keys(FIELD_ALIASES) as ParcelField[]) {
    const wanted = override[field];
    if (wanted) {
      out[field] = byUpper.get(wanted.trim().toUpperCase()) ?? wanted;
      continue;
    }
    const hit = FIELD_ALIASES[field].find((a) => byUpper.has(a.toUpperCase()));
    if (hit) out[field] = byUpper.get(hit.toUpperCase());
  }
  return out;
}

export type ParkField = 'parkId' | 'parkName';
export type ParkFieldMapping = Partial<Record<ParkField, string>>;

/** Park boundary files: our park id (a file exported from here) or the park's name (YQMC 园区名称…), which is unique. */
export const PARK_FIELD_ALIASES: Record<ParkField, string[]> = {
  parkId: ['PARK_ID', 'PARKID', 'YQID', 'YQ_ID', '园区ID'],
  parkName: ['YQMC', 'KFQMC', 'PARK_NAME', 'PARKNAME', 'NAME', 'MC', '园区名称', '开发区名称', '园区', '名称', 'YQ', 'KFQ', 'PARK'],
};

/** Column per park field: the override first, then the first alias present (case-insensitive). */
export function resolveParkMapping(columns: string[], override: ParkFieldMapping = {}): ParkFieldMapping {
  const byUpper = new Map(columns.map((c) => [c.trim().toUpperCase(), c]));
  const out: ParkFieldMapping = {};
  for (const field of Object.keys(PARK_FIELD_ALIASES) as ParkField[]) {
    const wanted = override[field];
    if (wanted) { out[field] = byUpper.get(wanted.trim().toUpperCase()) ?? wanted; continue; }
    const hit = PARK_FIELD_ALIASES[field].find((a) => byUpper.has(a.toUpperCase()));
    if (hit) out[field] = byUpper.get(hit.toUpperCase());
  }
  return out;
}

export type LandUseValue = 'M1' | 'M2' | 'M3' | 'W' | 'B' | 'R' | 'A' | 'G' | 'reserve';
export type SupplyValue = 'reserve' | 'available' | 'supplied' | 'under_construction' | 'built' | 'idle';

/**
 * 用地性质 from a planning code (GB 50137: M1, W2, B1…), a land-survey code (GB/T 21010: 0601 工业, 0508 物流仓储…)
 * or a Chinese name. Unclassed industrial land (工业用地, 0601) reads as M1. Null when unknown.
 */
export function normaliseLandUse(raw: unknown): LandUseValue | null {
  const s = String(raw ?? '').trim().toUpperCase().replace(/\s+/g, '');
  if (!s) return null;
  if (/^M[123]$/.test(s)) return s as LandUseValue;
  if (/^M$/.test(s)) return 'M1';
  if (/^W[0-9]?$/.test(s)) return 'W';
  if (/^B[0-9]{0,2}$/.test(s)) return 'B';
  if (/^R[0-9]{0,2}$/.test(s)) return 'R';
  if (/^A[0-9]{0,2}$/.test(s)) return 'A';
  if (/^G[0-9]?$/.test(s)) return 'G';
  if (s === 'RESERVE' || s === '储备' || s === '储备用地' || s === '未规划' || s === '未利用地') return 'reserve';
  const table: [RegExp, LandUseValue][] = [
    [/^(0601|06)$/, 'M1'], [/^(0508)$/, 'W'], [/^(05|050[1-7])$/, 'B'], [/^(07|070[1-2])$/, 'R'], [/^(08|080[1-9]|0810)$/, 'A'], [/^(0810A?|1401)$/, 'G'],
    [/一类工业/, 'M1'], [/二类工业/, 'M2'], [/三类工业/, 'M3'], [/^工业(用地)?$/, 'M1'],
    [/物流|仓储/, 'W'], [/商业|商服|商务/, 'B'], [/居住|住宅/, 'R'], [/公共管理|公共服务|公服/, 'A'], [/绿地|广场/, 'G'],
  ];
  return table.find(([re]) => re.test(s))?.[1] ?? null;
}

/** 供地状态 from Chinese or English words. Null when unknown. */
export function normaliseStatus(raw: unknown): SupplyValue | null {
  const s = String(raw ?? '').trim().toLowerCase().replace(/\s+/g, '');
  if (!s) return null;
  const table: [RegExp, SupplyValue][] = [
    [/^(reserve|储备|收储)/, 'reserve'], [/^(available|可供|待供|未供|拟供)/, 'available'], [/^(idle|闲置)/, 'idle'],
    [/^(under_?construction|在建|开工)/, 'under_construction'], [/^(built|建成|已建|竣工|投产)/, 'built'],
    [/^(supplied|已供|已出让|出让|划拨|已划拨)/, 'supplied'],
  ];
  return table.find(([re]) => re.test(s))?.[1] ?? null;
}

/** A number from a cell ("1.5", "1,200", 1.5); null when empty; NaN when not a number. */
export function readNumber(raw: unknown): number | null {
  if (raw === null || raw === undefined || String(raw).trim() === '') return null;
  if (typeof raw === 'number') return raw;
  return Number(String(raw).replace(/,/g, '').trim());
}

/** A date from a cell (Date, "2021-03-04", "2021/3/4", "20210304"); null when empty; undefined when unreadable. */
export function readDate(raw: unknown): string | null | undefined {
  if (raw === null || raw === undefined || String(raw).trim() === '') return null;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10);
  const s = String(raw).trim();
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}
