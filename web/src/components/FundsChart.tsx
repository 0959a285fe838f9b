import type { FundsChart_ProjectFragment } from '../graphql/generated/graphql';
import { useT } from '../i18n';

/** Funds in place against agreed investment, and each dated arrival as a bar. */
export function FundsChart({ project }: { project: FundsChart_ProjectFragment }) {
  const t = useT();
  const arrivals = [...project.fundArrivals].sort((a, b) => a.arrivedOn.localeCompare(b.arrivedOn));
  const total = project.fundsInPlace ?? arrivals.reduce((sum, a) => sum + a.amount, 0);
  const agreed = project.agreedInvestment;
  const rate = agreed ? total / agreed : null;
  const max = Math.max(...arrivals.map((a) => a.amount), 1);
  return (
    <section className="funds" data-testid="funds-chart">
      <h3>{t('field.fundsInPlace')}</h3>
      <p className="funds-summary" data-testid="funds-summary">
        {t('funds.ofAgreed', { funds: t.wanYuan(total), agreed: t.wanYuan(agreed) })}
        {rate != null && <span className="funds-rate"> · {t('funds.rate', { rate: t.pct(rate) })}</span>}
      </p>
      {agreed != null && agreed > 0 && (
        <div className="progress" role="progressbar" aria-label={t('field.fundsInPlace')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(Math.min(rate ?? 0, 1) * 100)}>
          <div className="progress-fill" style={{ width: `${Math.min(rate ?? 0, 1) * 100}%` }} />
        </div>
      )}
      <h4>{t('field.fundArrivals')}</h4>
      {arrivals.length === 0 ? (
        <p className="muted">{t('funds.none')}</p>
      ) : (
        <ul className="bars">
          {arrivals.map((a) => (
            <li key={a.id} data-testid="fund-arrival" title={`${t('field.evidence')}: ${a.evidenceRef}`}>
              <span className="bar-date">{a.arrivedOn}</span>
              <span className="bar-track">
                <span className="bar-fill" style={{ width: `${(a.amount / max) * 100}%` }} />
              </span>
              <span className="bar-value">{t.wanYuan(a.amount)}</span>
              <span className="bar-meta">
                {t.enum('fundKind', a.kind)}
                {a.foreignAmount > 0 && ` · ${t('funds.foreignPart', { amount: t.wanUsd(a.foreignAmount) })}`}
                {` · ${t('field.evidence')} ${a.evidenceRef}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
