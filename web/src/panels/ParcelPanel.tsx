import { useQuery } from '@apollo/client/react';
import { Facts } from '../components/Facts';
import { RelatedList } from '../components/RelatedList';
import { StageChip } from '../components/StageChip';
import { ParcelPanelQueryDocument } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { PanelFrame } from './PanelFrame';

export function ParcelPanel({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(ParcelPanelQueryDocument, { variables: { id } });
  const parcel = data?.parcel;
  return (
    <PanelFrame kindKey="kind.PARCEL" title={parcel?.code} loading={loading} error={error} onRetry={() => void refetch()} geometry={parcel?.geom}
      subtitle={parcel && t.enum('landUse', parcel.landUse)}>
      {parcel && (
        <>
          <Facts
            rows={[
              [t('field.landUse'), t.enum('landUse', parcel.landUse)],
              [t('field.supplyStatus'), t.enum('supply', parcel.supplyStatus)],
              [t('field.area'), `${t.mu(parcel.areaMu)}（${t.num(parcel.areaHectares, 2)} ha）`],
              [t('field.floorAreaRatio'), parcel.floorAreaRatio != null ? t.num(parcel.floorAreaRatio) : null],
              [t('field.builtFar'), parcel.builtFar != null ? t.num(parcel.builtFar) : null],
              [t('field.suppliedOn'), parcel.suppliedOn],
              [t('field.landPrice'), parcel.landPrice != null ? t.wanYuan(parcel.landPrice) : null],
              [t('parcel.flags'), <span data-testid="parcel-flags" className={parcel.landFlags.idle || parcel.landFlags.lowBuild ? 'flag-bad' : ''}>
                {[parcel.landFlags.idle && t('parcel.flagIdle'), parcel.landFlags.lowBuild && t('parcel.flagLowBuild')].filter(Boolean).join('、') || t('parcel.flagOk')}
              </span>],
            ]}
          />
          {parcel.park && (
            <RelatedList title={t('field.park')} testId="related-park" items={[{ key: parcel.park.id, target: { kind: 'park', id: parcel.park.id }, label: parcel.park.name }]} />
          )}
          {parcel.project && (
            <RelatedList title={t('field.project')} testId="related-project"
              items={[{ key: parcel.project.id, target: { kind: 'project', id: parcel.project.id }, label: parcel.project.name, detail: <StageChip stage={parcel.project.stage} /> }]} />
          )}
        </>
      )}
    </PanelFrame>
  );
}
