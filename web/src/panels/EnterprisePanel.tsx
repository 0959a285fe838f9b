import { useQuery } from '@apollo/client/react';
import { Facts } from '../components/Facts';
import { RelatedList } from '../components/RelatedList';
import { StageChip } from '../components/StageChip';
import { EnterprisePanelQueryDocument } from '../graphql/generated/graphql';
import { hrefFor } from '../app/routes';
import { key } from '../components/chainLabels';
import { useT } from '../i18n';
import { MuYieldFacts } from './MuYieldFacts';
import { PanelFrame } from './PanelFrame';

export function EnterprisePanel({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(EnterprisePanelQueryDocument, { variables: { id } });
  const e = data?.enterprise;
  // Outside candidates sit in other cities: the panel shows them without moving the city map away.
  return (
    <PanelFrame kindKey="kind.ENTERPRISE" title={e?.name} loading={loading} error={error} onRetry={() => void refetch()} geometry={e?.isLocal ? e.location : null}
      subtitle={e && (e.tags.length > 0 ? <span className="tags">{e.tags.map((tag) => <span key={tag} className="tag">{t.enum('tag', tag)}</span>)}</span> : null)}>
      {e && (
        <>
          <Facts
            rows={[
              [t('field.uscc'), e.uscc],
              [t('field.industryCode'), e.industryCode],
              [t('field.city'), e.city],
              [t('field.region'), e.region?.name],
              [t('field.address'), e.address],
              [t('field.local'), e.isLocal ? t('common.yes') : t('common.no')],
              [t('field.registeredCapital'), e.registeredCapital != null ? t.wanYuan(e.registeredCapital) : null],
              [t('field.revenue'), e.revenue != null ? t.wanYuan(e.revenue) : null],
              [t('field.employees'), e.employees != null ? `${t.num(e.employees, 0)} ${t('unit.people')}` : null],
            ]}
          />
          {e.muYield && <MuYieldFacts y={e.muYield} />}
          {e.park && (
            <RelatedList title={t('field.park')} testId="related-park" items={[{ key: e.park.id, target: { kind: 'park', id: e.park.id }, label: e.park.name }]} />
          )}
          {(!e.isLocal || e.targets.length > 0) && (
            <section data-testid="enterprise-pipeline">
              <h3>{t('enterprise.pipeline')}</h3>
              {e.targets.length === 0 ? <p className="muted small">{t('enterprise.pipelineNone')}</p> : e.targets.map((tg) => {
                const last = tg.activities.at(-1);
                return (
                  <div key={tg.id} className="enterprise-target" data-testid="enterprise-target">
                    <a href={hrefFor('chains', tg.chainNode.chain.id, tg.chainNode.id)}>{tg.chainNode.chain.name} · {tg.chainNode.name}</a>{' '}
                    <strong>{t(key('chain.target', tg.status))}</strong>
                    <div className="muted small">
                      {[tg.owner?.name, tg.ownerTeam].filter(Boolean).join(' · ')}
                      {tg.nextAction && ` · ${tg.nextAction}`}{tg.nextActionDue && ` · ${tg.nextActionDue}`}{tg.isOverdue && ` · ${t('ws.overdueBadge')}`}
                    </div>
                    {last && <div className="muted small">{last.occurredOn} {t(key('chain.activity', last.kind))}：{last.note}</div>}
                  </div>
                );
              })}
            </section>
          )}
          <RelatedList title={t('field.projects')} testId="related-projects" totalCount={e.projects.totalCount}
            items={e.projects.nodes.map((p) => ({ key: p.id, target: { kind: 'project', id: p.id }, label: p.name, detail: <StageChip stage={p.stage} /> }))} />
        </>
      )}
    </PanelFrame>
  );
}
