import { useState } from 'react';
import { downloadExport, importErrorText } from '../app/importApi';
import { useT } from '../i18n';

/** 导出地块: the parcels of a park or of a list (a search result) as GeoJSON, zipped Shapefile (CGCS2000 / WGS 84) or XLSX. */
export function ExportButtons({ parkId, ids }: { parkId?: string; ids?: string[] }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scope: Record<string, string> = parkId ? { parkId } : { ids: (ids ?? []).join(',') };
  const go = async (format: string, srid: string) => {
    setBusy(true);
    setError(null);
    try {
      await downloadExport({ ...scope, format, srid });
    } catch (e) {
      setError(importErrorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section data-testid="export-parcels">
      <h3>{t('export.title')}</h3>
      <div className="export-buttons">
        <button type="button" className="btn secondary small" disabled={busy} onClick={() => void go('geojson', '4326')} data-testid="export-geojson">{t('export.geojson')}</button>
        <button type="button" className="btn secondary small" disabled={busy} onClick={() => void go('shp', '4490')} data-testid="export-shp-cgcs">{t('export.shpCgcs')}</button>
        <button type="button" className="btn secondary small" disabled={busy} onClick={() => void go('shp', '4326')} data-testid="export-shp-wgs">{t('export.shpWgs')}</button>
        <button type="button" className="btn secondary small" disabled={busy} onClick={() => void go('xlsx', '4326')} data-testid="export-xlsx">{t('export.xlsx')}</button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  );
}
