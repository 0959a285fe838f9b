import type { FitCheck_ProjectFragment } from '../graphql/generated/graphql';
import { useLang, useT } from '../i18n';
import type { MessageKey } from '../i18n/zh';

/** 落地评估: land, intensity floor and main industry of a project against its park, each pass/warn with the reason. */
export function FitCheck({ project }: { project: FitCheck_ProjectFragment }) {
  const t = useT();
  const [lang] = useLang();
  const fit = project.fitCheck;
  return (
    <section data-testid="fit-check" data-status={fit.status}>
      <h3>{t('fit.title')} <span className={`fit-status ${fit.status}`}>{t(`fit.${fit.status}` as MessageKey)}</span></h3>
      {fit.items.map((i) => (
        <div key={i.aspect} className="fit-item" data-testid={`fit-${i.aspect}`} data-status={i.status}>
          <span className={`fit-status ${i.status}`}>{t(`fit.${i.aspect}` as MessageKey)}</span>
          <span>{lang === 'en' ? i.reasonEn : i.reason}</span>
        </div>
      ))}
    </section>
  );
}
