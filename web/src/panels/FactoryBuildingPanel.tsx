import { useQuery } from '@apollo/client/react';
import { Facts } from '../components/Facts';
import { RelatedList } from '../components/RelatedList';
import { FactoryBuildingPanelQueryDocument } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { PanelFrame } from './PanelFrame';

export function FactoryBuildingPanel({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(FactoryBuildingPanelQueryDocument, { variables: { id } });
  const fb = data?.factoryBuilding;
  const vacancy = fb ? fb.vacancyRate : null;
  return (
    <PanelFrame kindKey="kind.FACTORY_BUILDING" title={fb?.name} loading={loading} error={error} onRetry={() => void refetch()} geometry={fb?.location}>
      {fb && (
        <>
          <Facts
            rows={[
              [t('field.floorArea'), t.m2(fb.floorAreaM2)],
              [t('field.vacantArea'), t.m2(fb.vacantFloorAreaM2)],
              [t('field.vacancy'), t.pct(vacancy)],
              [t('field.floors'), fb.floors != null ? t.num(fb.floors, 0) : null],
            ]}
          />
          {vacancy != null && (
            <div className="progress vacancy" title={t('field.vacancy')}>
              <div className="progress-fill" style={{ width: `${vacancy * 100}%` }} />
            </div>
          )}
          <RelatedList title={t('field.park')} testId="related-park" items={[{ key: fb.park.id, target: { kind: 'park', id: fb.park.id }, label: fb.park.name }]} />
        </>
      )}
    </PanelFrame>
  );
}
