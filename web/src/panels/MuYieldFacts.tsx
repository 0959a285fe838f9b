import { Facts } from '../components/Facts';
import { useT } from '../i18n';

interface MuYield { outputPerMu: number; taxPerMu: number; grade: string; synthetic: boolean }

/** 亩均 figures and grade of a park or an enterprise. */
export function MuYieldFacts({ y }: { y: MuYield }) {
  const t = useT();
  return (
    <section data-testid="mu-yield">
      <h3>{t('muYield.title')}{y.synthetic && <span className="badge" style={{ marginLeft: 8 }}>{t('muYield.synthetic')}</span>}</h3>
      <Facts
        rows={[
          [t('muYield.grade'), <span className={`grade-chip grade-${y.grade}`} data-testid="mu-grade">{y.grade}</span>],
          [t('muYield.outputPerMu'), t('muYield.perMu', { v: t.num(y.outputPerMu, 1) })],
          [t('muYield.taxPerMu'), t('muYield.perMu', { v: t.num(y.taxPerMu, 2) })],
        ]}
      />
    </section>
  );
}
