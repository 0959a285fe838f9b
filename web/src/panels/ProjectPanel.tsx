import { useQuery } from '@apollo/client/react';
import { Facts } from '../components/Facts';
import { FundsChart } from '../components/FundsChart';
import { ProjectActions } from '../components/ProjectActions';
import { RelatedList, type RelatedItem } from '../components/RelatedList';
import { StageChip } from '../components/StageChip';
import { StageTimeline } from '../components/StageTimeline';
import { FitCheck } from '../components/FitCheck';
import { ProjectPanelQueryDocument } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { PanelFrame } from './PanelFrame';
import { hrefFor } from '../app/routes';

export function ProjectPanel({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(ProjectPanelQueryDocument, { variables: { id } });
  const project = data?.project;
  const related: RelatedItem[] = [];
  if (project?.park) related.push({ key: `park-${project.park.id}`, target: { kind: 'park', id: project.park.id }, label: project.park.name, detail: t('field.park') });
  if (project?.investor) related.push({ key: `ent-${project.investor.id}`, target: { kind: 'enterprise', id: project.investor.id }, label: project.investor.name, detail: t('field.investor') });
  return (
    <PanelFrame kindKey="kind.PROJECT" title={project?.name} loading={loading} error={error} onRetry={() => void refetch()} geometry={project?.location}
      subtitle={project && <><StageChip stage={project.stage} /> <span className="muted">{project.code}</span></>}>
      {project && (
        <>
          <Facts
            rows={[
              [t('field.introducingUnit'), project.introducingUnit.name],
              [t('project.chain'), project.chainNode ? (
                <a href={hrefFor('chains', project.chainNode.chain.id, project.chainNode.id)} data-testid="project-chain-node">{project.chainNode.chain.name} · {project.chainNode.name}</a>
              ) : null],
              [t('field.category'), project.category.name],
              [t('field.agreedInvestment'), t.wanYuan(project.agreedInvestment)],
              [t('field.fixedAssetInvestment'), t.wanYuan(project.fixedAssetInvestment)],
              [t('field.foreignInvestment'), project.foreignInvestment ? t.wanUsd(project.foreignInvestment) : null],
              [t('field.landNeed'), project.landNeedMu != null ? t.mu(project.landNeedMu) : null],
              [
                t('field.intensity'),
                project.investmentIntensity != null ? (
                  <span className={project.belowIntensityFloor ? 'flag-bad' : undefined} data-testid="project-intensity">
                    {`${t.num(project.investmentIntensity)} ${t('unit.wanYuanPerMu')}`}
                    {project.belowIntensityFloor && ` · ${t('flag.belowFloor')}`}
                  </span>
                ) : null,
              ],
              [t('field.qualityTags'), project.qualityTags.length > 0 ? project.qualityTags.map((q) => t.enum('quality', q)).join(' · ') : null],
            ]}
          />
          <ProjectActions project={project} />
          {related.length > 0 && <RelatedList title={`${t('field.park')} / ${t('field.investor')}`} testId="related-project-links" items={related} />}
          <FitCheck project={project} />
          <StageTimeline project={project} />
          <FundsChart project={project} />
        </>
      )}
    </PanelFrame>
  );
}
