import { useQuery } from '@apollo/client/react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { Header } from '../components/Header';
import { ImportPageQueryDocument } from '../graphql/generated/graphql';
import { useAtlasConfig } from '../hooks/useAtlasConfig';
import { useT } from '../i18n';
import type { MessageKey } from '../i18n/zh';
import { bboxOf } from '../map/geometry';
import { localBaseStyle } from '../map/style';
import { importErrorText, uploadLandFile, type ImportKind, type ImportReport } from './importApi';
import './planner.css';
import { hrefFor, type PageProps } from './routes';

maplibregl.setWorkerUrl(workerUrl);

const ACTION_COLORS = { create: '#2e7d32', update: '#1565c0', unchanged: '#90a4ae', skip: '#c62828' } as const;


/** 导入地块 / 园区边界: upload with progress, a per-feature report and a map preview from a dry run, then commit. */
export function ImportPage({ viewer, onSignOut }: PageProps) {
  const t = useT();
  const { config } = useAtlasConfig();
  const parks = useQuery(ImportPageQueryDocument);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<ImportKind>('parcels');
  const [parkId, setParkId] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [gcj02, setGcj02] = useState(false);
  const [srid, setSrid] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setProgress(0);
    try {
      const r = await uploadLandFile(file, { kind, parkId, dryRun, skipInvalid, gcj02, srid }, setProgress);
      setReport(r);
    } catch (e) {
      setError(importErrorText(t, e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const canEdit = viewer.role === 'PLANNER' || viewer.role === 'ADMIN';
  const written = report && !report.dryRun && report.summary.written;
  return (
    <div className="map-page import-page">
      <Header viewer={viewer} demo={config?.demo ?? false} onSignOut={onSignOut} />
      <main className="import-main">
        <section className="panel-card import-card">
          <h2>{t('import.title')}</h2>
          <p className="muted small">{t('import.intro')}</p>
          {kind === 'parks' && <p className="muted small" data-testid="import-parks-intro">{t('import.parksIntro')}</p>}
          {!canEdit && <p className="warn">{t('import.readOnly')}</p>}
          <form className="action-form" onSubmit={(e) => { e.preventDefault(); void send(true); }}>
            <label>
              {t('import.file')}
              <input type="file" accept=".zip,.geojson,.json,.gpkg" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setReport(null); }} data-testid="import-file" />
            </label>
            <div className="form-grid">
              <label>
                {t('import.kind')}
                <select value={kind} onChange={(e) => { setKind(e.target.value as ImportKind); setReport(null); }} data-testid="import-kind">
                  <option value="parcels">{t('import.kind.parcels')}</option>
                  <option value="parks">{t('import.kind.parks')}</option>
                </select>
              </label>
              {kind === 'parcels' && <label>
                {t('import.park')}
                <select value={parkId} onChange={(e) => setParkId(e.target.value)} data-testid="import-park">
                  <option value="">{t('import.parkBySpace')}</option>
                  {parks.data?.parks.nodes.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                </select>
              </label>}
              <label>
                {t('import.srid')}
                <input value={srid} onChange={(e) => setSrid(e.target.value.replace(/\D/g, ''))} placeholder={t('import.sridAuto')} inputMode="numeric" data-testid="import-srid" />
              </label>
              <label className="inline wide"><input type="checkbox" checked={gcj02} onChange={(e) => setGcj02(e.target.checked)} data-testid="import-gcj02" />{t('import.gcj02')}</label>
              <label className="inline wide"><input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="import-skip" />{t('import.skipInvalid')}</label>
            </div>
            <div className="form-buttons">
              <button type="submit" className="btn secondary" disabled={!file || busy || !canEdit} data-testid="import-check">{t('import.check')}</button>
              <button type="button" className="btn primary" disabled={!file || busy || !canEdit || !report || !report.dryRun || (report.summary.invalid > 0 && !skipInvalid) || report.summary.valid === 0}
                onClick={() => void send(false)} data-testid="import-commit">{t('import.commit')}</button>
            </div>
            {progress !== null && (
              <div className="progress" role="progressbar" aria-valuenow={Math.round(progress * 100)} data-testid="import-progress">
                <div className="progress-fill" style={{ width: `${Math.round(progress * 100)}%` }} />
              </div>
            )}
            {error && <p className="form-error" role="alert" data-testid="import-error">{error}</p>}
          </form>
          {report && (
            <div className="import-report" data-testid="import-report" data-dry-run={String(report.dryRun)}>
              <p data-testid="import-summary">
                {written
                  ? t('import.done', { created: report.summary.created ?? 0, updated: report.summary.updated, unchanged: report.summary.unchanged, skipped: report.summary.skipped })
                  : t('import.checked', { total: report.summary.total, valid: report.summary.valid, invalid: report.summary.invalid })}
              </p>
              <p className="muted small">{report.format} · {report.crs?.label ?? '?'} · {report.encoding ?? '?'}</p>
              {written && <a className="btn secondary small" href={hrefFor('map')} data-testid="import-to-map">{t('import.toMap')}</a>}
              {report.problems.length > 0 && (
                <ul className="import-problems" data-testid="import-problems">
                  {report.problems.map((p, i) => (
                    <li key={i}>{p.feature ? t('import.feature', { n: p.feature }) : t('import.fileLevel')}{p.code ? ` ${p.code}` : ''}{p.field ? ` · ${p.field}` : ''}：{t(`import.problem.${p.problem}` as MessageKey)} — <span className="muted">{p.message}</span></li>
                  ))}
                </ul>
              )}
              <PreviewMap report={report} />
              <table className="import-table" data-testid="import-features">
                <thead>
                  {kind === 'parks'
                    ? <tr><th>#</th><th>{t('import.parkName')}</th><th>{t('field.area')}</th><th>{t('import.action')}</th></tr>
                    : <tr><th>#</th><th>{t('import.code')}</th><th>{t('field.landUse')}</th><th>{t('field.supplyStatus')}</th><th>{t('field.area')}</th><th>{t('import.action')}</th></tr>}
                </thead>
                <tbody>
                  {report.features.slice(0, 500).map((f) => (
                    <tr key={f.feature} className={`action-${f.action}`} data-testid="import-row" data-action={f.action}>
                      <td>{f.feature}</td><td>{f.code}</td>
                      {kind === 'parcels' && <><td>{f.landUse ?? ''}</td><td>{f.supplyStatus ? t.enum('supply', f.supplyStatus) : ''}</td></>}
                      <td>{f.areaMu != null ? t.mu(f.areaMu) : ''}</td><td>{t(`import.action.${f.action}` as MessageKey)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </main>
    </div>
  );
}

/** The features of a report on a small map, coloured by what the import does with them. */
function PreviewMap({ report }: { report: ImportReport }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const features = report.features.filter((f) => f.geometry).map((f) => ({ type: 'Feature' as const, properties: { code: f.code, action: f.action }, geometry: f.geometry! }));
    const map = new maplibregl.Map({ container: ref.current, style: localBaseStyle(), center: [115.65, 34.41], zoom: 9, attributionControl: false });
    (window as unknown as { __atlasPreviewMap?: maplibregl.Map }).__atlasPreviewMap = map;
    map.on('load', () => {
      map.addSource('preview', { type: 'geojson', data: { type: 'FeatureCollection', features } });
      const color = ['match', ['get', 'action'], ...Object.entries(ACTION_COLORS).flat(), '#757575'] as unknown as string;
      map.addLayer({ id: 'preview-fill', type: 'fill', source: 'preview', paint: { 'fill-color': color, 'fill-opacity': 0.5 } });
      map.addLayer({ id: 'preview-line', type: 'line', source: 'preview', paint: { 'line-color': color, 'line-width': 2 } });
      const box = bboxOf({ type: 'GeometryCollection', geometries: features.map((f) => f.geometry) });
      if (box) map.fitBounds([[box[0], box[1]], [box[2], box[3]]], { padding: 30, duration: 0, maxZoom: 17 });
    });
    return () => map.remove();
  }, [report]);
  return <div ref={ref} className="import-preview" data-testid="import-preview" />;
}
