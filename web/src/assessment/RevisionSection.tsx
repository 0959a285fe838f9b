import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { AssessmentRevisionQueryDocument } from '../graphql/generated/graphql';
import { useT, type MessageKey } from '../i18n';
import { errorMessage } from '../app/apolloClient';
import { hrefFor } from '../app/routes';

/** "As published": what changed in the ranking since a publication moment because of entries and edits recorded later. */
export function RevisionSection({ year, asOf }: { year: number; asOf: string }) {
  const t = useT();
  const [published, setPublished] = useState('');
  // The input is China local time; the API takes an instant.
  const publishedAt = published ? new Date(`${published}:00+08:00`).toISOString() : null;
  const { data, error } = useQuery(AssessmentRevisionQueryDocument, { variables: { year, asOf, publishedAt: publishedAt ?? '' }, skip: !publishedAt });
  const rev = data?.assessmentRevision;
  const when = (at: string) => new Date(at).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en-US', { timeZone: 'Asia/Shanghai' });
  return (
    <section className="assessment-card" data-testid="assess-revision">
      <h2>{t('assess.revision')}</h2>
      <label>{t('assess.publishedAt')} <input type="datetime-local" value={published} onChange={(e) => setPublished(e.target.value)} data-testid="assess-published-at" /></label>
      {error && <p className="error">{errorMessage(error)}</p>}
      {rev && (rev.changes.length === 0 && rev.lateEdits.length === 0 ? <p className="muted">{t('assess.noChanges')}</p> : (
        <>
          {rev.changes.length === 0 ? <p className="muted">{t('assess.noRankChange')}</p> : (
          <table className="data-table">
            <thead><tr><th>{t('assess.unit')}</th><th>{t('assess.rankThenNow')}</th><th>{t('assess.creditedThenNow')}</th><th>{t('assess.scoreThenNow')}</th></tr></thead>
            <tbody>
              {rev.changes.map((c) => (
                <tr key={c.unit.id}>
                  <td>{c.unit.name}</td><td>{c.rankThen ?? '—'} → {c.rankNow ?? '—'}</td>
                  <td className="num">{t.num(c.creditedThen)} → {t.num(c.creditedNow)}</td>
                  <td className="num">{t.num((c.scoreThen ?? 0) * 100, 1)} → {t.num((c.scoreNow ?? 0) * 100, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          )}
          <h3 className="small">{t('assess.lateEntries')}</h3>
          <ul className="plain-list" data-testid="assess-late-entries">
            {rev.lateEntries.map((e) => (
              <li key={`${e.entity}-${e.entityId}`}>
                <a href={hrefFor('map', 'project', e.project.id)}>{e.project.code} {e.project.name}</a>{' '}
                <span className="muted">{e.unit.name} · {e.stage ? t.enum('stage', e.stage) : t.wanYuan(e.amount)} · {e.effectiveOn} · </span>
                <strong className="flag">{t('assess.recordedOn', { at: when(e.recordedAt) })}</strong>
              </li>
            ))}
          </ul>
          {rev.lateEdits.length > 0 && (
            <>
              <h3 className="small">{t('assess.lateEdits')}</h3>
              <ul className="plain-list" data-testid="assess-late-edits">
                {rev.lateEdits.map((e, i) => (
                  <li key={`${e.entity}-${e.entityId}-${e.field}-${i}`}>
                    {e.project ? <a href={hrefFor('map', 'project', e.project.id)}>{e.project.code} {e.project.name}</a> : <span>{t(`assess.entity.${e.entity}` as MessageKey, { id: e.entityId })}</span>}{' '}
                    <span>{t(`assess.field.${e.field}` as MessageKey)}：{e.before ?? '—'} → {e.after ?? '—'}</span>{' '}
                    <span className="muted">· {e.actorName} · </span>
                    <strong className="flag">{t('assess.recordedOn', { at: when(e.recordedAt) })}</strong>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ))}
    </section>
  );
}
