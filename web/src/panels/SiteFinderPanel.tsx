import { useLazyQuery } from '@apollo/client/react';
import type { Geometry } from 'geojson';
import { useId, useState, type FormEvent } from 'react';
import { parseNumber } from '../components/formNumbers';
import { SiteFinderQueryDocument, type Infrastructure, type LandUse, type ParkLevel, type SiteFinderQuery } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { ExportButtons } from '../components/ExportButtons';
import { uiErrorMessage } from './uiError';

export type FoundSite = SiteFinderQuery['findSites']['sites'][number];

interface Props {
  /** All parcels of the listed sites, to light on the map. */
  onResults: (parcelIds: string[]) => void;
  /** The chosen site: its outline on the map. */
  onChoose: (site: FoundSite | null, outline: Geometry | null) => void;
  onOpenPark: (id: string) => void;
  onClose: () => void;
  chosen: FoundSite | null;
}

const USES: LandUse[] = ['M1', 'M2', 'M3', 'W'];
const ALL_INFRA: Infrastructure[] = ['ROAD', 'POWER', 'WATER', 'DRAINAGE', 'GAS', 'TELECOM', 'HEAT', 'LEVELLED'];
const LEVELS: ParkLevel[] = ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY'];

/** 选址: criteria in, ranked single parcels and contiguous groups out, lit on the map. */
export function SiteFinderPanel({ onResults, onChoose, onOpenPark, onClose, chosen }: Props) {
  const t = useT();
  const titleId = useId();
  const [need, setNeed] = useState('300');
  const [uses, setUses] = useState<LandUse[]>(['M1', 'M2']);
  const [level, setLevel] = useState('');
  const [industry, setIndustry] = useState('');
  const [fai, setFai] = useState('');
  const [ready, setReady] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [find, { data, loading, error }] = useLazyQuery(SiteFinderQueryDocument, { fetchPolicy: 'network-only' });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const landNeedMu = parseNumber(need);
    if (landNeedMu === null || !(landNeedMu > 0)) {
      setFormError(t('site.needRequired'));
      return;
    }
    const investment = fai.trim() ? parseNumber(fai) : null;
    if (fai.trim() && (investment === null || investment < 0)) {
      setFormError(t('site.faiInvalid'));
      return;
    }
    setFormError(null);
    onChoose(null, null);
    const r = await find({
      variables: {
        criteria: {
          landNeedMu, landUses: uses.length ? uses : null, parkLevels: level ? [level as ParkLevel] : null,
          industry: industry.trim() || null, fixedAssetInvestment: investment, infrastructure: ready ? ALL_INFRA : null, first: 30,
        },
      },
    });
    onResults([...new Set((r.data?.findSites.sites ?? []).flatMap((s) => s.parcelIds))]);
  };

  const sites = data?.findSites.sites ?? [];
  return (
    <aside className="side-panel panel-card site-finder" role="dialog" aria-modal="false" aria-labelledby={titleId} data-testid="site-finder">
      <header className="panel-header">
        <div className="panel-heading">
          <span className="panel-kind">{t('site.kind')}</span>
          <h2 id={titleId}>{t('site.title')}</h2>
        </div>
        <button type="button" className="icon-btn" onClick={onClose} title={t('panel.close')} aria-label={t('panel.close')} data-testid="site-finder-close">×</button>
      </header>
      <div className="panel-body">
        <form className="action-form" onSubmit={(e) => void submit(e)} noValidate data-testid="site-finder-form">
          <div className="form-grid">
            <label>
              {t('site.need')}
              <input value={need} onChange={(e) => setNeed(e.target.value)} inputMode="decimal" required data-testid="site-need" />
            </label>
            <label>
              {t('site.fai')}
              <input value={fai} onChange={(e) => setFai(e.target.value)} inputMode="decimal" placeholder={t('site.optional')} data-testid="site-fai" />
            </label>
            <fieldset className="wide site-uses">
              <legend>{t('field.landUse')}</legend>
              {USES.map((u) => (
                <label key={u} className="inline">
                  <input type="checkbox" checked={uses.includes(u)} onChange={(e) => setUses((l) => (e.target.checked ? [...l, u] : l.filter((x) => x !== u)))} data-testid={`site-use-${u}`} />
                  {u}
                </label>
              ))}
            </fieldset>
            <label>
              {t('site.parkLevel')}
              <select value={level} onChange={(e) => setLevel(e.target.value)} data-testid="site-level">
                <option value="">{t('site.any')}</option>
                {LEVELS.map((l) => <option key={l} value={l}>{t.enum('parkLevel', l)}</option>)}
              </select>
            </label>
            <label>
              {t('site.industry')}
              <input value={industry} onChange={(e) => setIndustry(e.target.value)} placeholder={t('site.optional')} data-testid="site-industry" />
            </label>
            <label className="wide inline">
              <input type="checkbox" checked={ready} onChange={(e) => setReady(e.target.checked)} data-testid="site-ready" />
              {t('site.infraReady')}
            </label>
          </div>
          {formError && <p className="form-error" role="alert">{formError}</p>}
          <div className="form-buttons">
            <button type="submit" className="btn primary" disabled={loading} data-testid="site-find">{loading ? t('site.finding') : t('site.find')}</button>
          </div>
        </form>
        {error && <p className="form-error" role="alert">{uiErrorMessage(t, error)}</p>}
        {data && (
          <section data-testid="site-results">
            <h3>{t('site.results', { n: data.findSites.totalCount })}</h3>
            {sites.length === 0 && <p className="muted">{t('site.none')}</p>}
            <ol className="site-list">
              {sites.map((s) => {
                const key = s.parcelIds.join('-');
                const active = chosen && chosen.parcelIds.join('-') === key;
                return (
                  <li key={key}>
                    <button type="button" className={`site-item${active ? ' active' : ''}`} onClick={() => onChoose(s, s.outline)}
                      data-testid="site-result" data-kind={s.kind} data-parcels={s.parcelIds.length}>
                      <span className="site-rank">{s.rank}</span>
                      <span className="site-main">
                        <strong>{s.park?.name ?? t('site.noPark')}</strong>
                        <span className="muted small">
                          {s.kind === 'GROUP' ? t('site.group', { n: s.parcelIds.length }) : t('site.single')} · {t.mu(s.areaMu)}
                          {s.distanceM != null && ` · ${t.num(s.distanceM / 1000, 1)} km`}
                        </span>
                        {!s.meetsIntensityFloor && (
                          <span className="warn small" data-testid="site-floor-warn">
                            {t('site.belowFloor', { v: t.num(s.intensity ?? 0, 0), floor: t.num(s.intensityFloor ?? 0, 0) })}
                          </span>
                        )}
                      </span>
                    </button>
                    {active && (
                      <div className="site-detail" data-testid="site-detail">
                        <span>{t('site.total', { mu: t.num(s.areaMu, 1), ha: t.num(s.areaHectares, 2) })}</span>
                        {s.park && <button type="button" className="link" onClick={() => onOpenPark(s.park!.id)}>{t('site.openPark')}</button>}
                      </div>
                    )}
                  </li>
                );
              })}
            </ol>
            {sites.length > 0 && <ExportButtons ids={[...new Set(sites.flatMap((s) => s.parcelIds))]} />}
          </section>
        )}
      </div>
    </aside>
  );
}
