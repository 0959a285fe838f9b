import { useQuery } from '@apollo/client/react';
import { Facts } from '../components/Facts';
import { RelatedList } from '../components/RelatedList';
import { RegionPanelQueryDocument } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { PanelFrame } from './PanelFrame';
import { UnitAssessmentFacts } from '../assessment/UnitAssessmentFacts';
import { todayInChina } from '../assessment/download';

export function RegionPanel({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(RegionPanelQueryDocument, { variables: { id, asOf: todayInChina() } });
  const region = data?.region;
  return (
    <PanelFrame kindKey="kind.REGION" title={region?.name} loading={loading} error={error} onRetry={() => void refetch()} geometry={region?.boundary}
      subtitle={region && t.enum('regionLevel', region.level)}>
      {region && (
        <>
          <Facts
            rows={[
              [t('field.code'), region.code],
              [t('field.area'), t.mu(region.areaMu)],
            ]}
          />
          {region.parent && (
            <RelatedList title={t('field.parent')} testId="related-parent-region"
              items={[{ key: region.parent.id, target: { kind: 'region', id: region.parent.id }, label: region.parent.name }]} />
          )}
          {region.assessmentUnit && <UnitAssessmentFacts unit={region.assessmentUnit} />}
        </>
      )}
    </PanelFrame>
  );
}
