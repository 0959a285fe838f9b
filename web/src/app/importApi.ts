import type { Translator } from '../i18n/index';
import type { MessageKey } from '../i18n/zh';
import { authHeaders } from './session';

/** What a land data file brings in: parcels (matched by code) or park boundaries (matched by park id or name). */
export type ImportKind = 'parcels' | 'parks';

/** The server's per-feature import report (POST /api/import/parcels or /api/import/parks; park reports have no land use, status or creations). */
export interface ImportReport {
  dryRun: boolean;
  format: string;
  crs: { srid: number; source: string; label: string } | null;
  encoding: string | null;
  mapping: Record<string, string>;
  features: { feature: number; code: string | null; action: 'create' | 'update' | 'unchanged' | 'skip'; landUse?: string | null; supplyStatus?: string | null; areaMu: number | null; parkId: number | null; geometry: GeoJSON.Geometry | null }[];
  problems: { feature: number; code: string | null; field: string | null; problem: string; message: string }[];
  summary: { total: number; valid: number; invalid: number; imported: number; skipped: number; created?: number; updated: number; unchanged: number; written: boolean };
}

export interface ImportParams { kind: ImportKind; parkId?: string; dryRun: boolean; skipInvalid: boolean; srid?: string; gcj02: boolean }

export class ImportHttpError extends Error {
  constructor(readonly status: number, readonly code: string | null, message: string) { super(message); }
}

/** Uploads a land data file with progress (XHR: fetch has no upload progress) and resolves with the report. */
export function uploadLandFile(file: File, p: ImportParams, onProgress: (fraction: number) => void): Promise<ImportReport> {
  const q = new URLSearchParams({ filename: file.name, dryRun: String(p.dryRun), skipInvalid: String(p.skipInvalid), gcj02: String(p.gcj02) });
  if (p.parkId && p.kind === 'parcels') q.set('parkId', p.parkId);
  if (p.srid) q.set('srid', p.srid);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/import/${p.kind}?${q}`);
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status === 200 && body) resolve(body as ImportReport);
      else {
        const b = body as { code?: string; message?: string } | null;
        reject(new ImportHttpError(xhr.status, b?.code ?? null, b?.message ?? ''));
      }
    };
    xhr.onerror = () => reject(new ImportHttpError(0, null, ''));
    xhr.send(file);
  });
}

/** Downloads an export (GeoJSON, zipped Shapefile, XLSX) with the session token, as a file save. */
export async function downloadExport(query: Record<string, string>): Promise<void> {
  const res = await fetch(`/api/export/parcels?${new URLSearchParams(query)}`, { headers: authHeaders() });
  if (!res.ok) {
    const b = await res.json().catch(() => null) as { code?: string; message?: string } | null;
    throw new ImportHttpError(res.status, b?.code ?? null, b?.message ?? '');
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'parcels';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.dataset.testid = 'export-link';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An import/export failure in the UI language: the translated code, then the server's advice on what to fix. */
export function importErrorText(t: Translator, e: unknown): string {
  if (e instanceof ImportHttpError) {
    const key = `uiError.${e.code ?? (e.status === 0 ? 'network' : 'UNKNOWN')}` as MessageKey;
    const lead = t(key) === key ? t('uiError.UNKNOWN') : t(key);
    return e.message && e.status !== 0 && e.status !== 401 && e.status !== 403 ? `${lead}：${e.message}` : lead;
  }
  return t('uiError.network');
}
