import { useQuery } from '@apollo/client/react';
import { Facts } from '../components/Facts';
import { RelatedList } from '../components/RelatedList';
import { StageChip } from '../components/StageChip';
import { ParkPanelQueryDocument } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { ExportButtons } from '../components/ExportButtons';
import { MuYieldFacts } from './MuYieldFacts';
import { PanelFrame } from './PanelFrame';

export function ParkPanel({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(ParkPanelQueryDocument, { variables: { id } });
  const park = data?.park;
  return (
    <PanelFrame kindKey="kind.PARK" title={park?.name} loading={loading} error={error} onRetry={() => void refetch()} geometry={park?.boundary}
      subtitle={park && <>{t.enum('parkLevel', park.level)} · {t.enum('parkKind', park.kind)}</>}>
      {park && (
        <>
          <Facts
            rows={[
              [t('field.region'), park.region.name],
              [t('field.area'), t.mu(park.areaMu)],
              [t('field.intensityFloor'), `${t.num(park.intensityFloor)} ${t('unit.wanYuanPerMu')}`],
              [t('field.mainIndustries'), park.mainIndustries.join('、') || null],
              [t('field.infrastructure'), park.infrastructure.map((i) => t.enum('infra', i)).join(' · ') || null],
              [t('field.availableLand'), t.mu(park.landStats.availableMu)],
              [t('field.reserveLand'), t.mu(park.landStats.reserveMu)],
              [t('capacity.idle'), `${t.mu(park.capacity.idleMu)}（${t('capacity.parcels', { n: park.capacity.idleParcelCount })}）`],
              [t('capacity.lowBuild'), `${t.mu(park.capacity.lowBuildMu)}（${t('capacity.parcels', { n: park.capacity.lowBuildParcelCount })}）`],
              [t('capacity.largestSite'), t.mu(park.capacity.largestSiteMu)],
              [t('field.vacantFactory'), `${t.m2(park.landStats.vacantFactoryFloorM2)} / ${t.m2(park.landStats.factoryFloorM2)}`],
            ]}
          />
          {park.muYield && <MuYieldFacts y={park.muYield} />}
          <ExportButtons parkId={park.id} />
          {park.parentPark && (
            <RelatedList title={t('field.parentPark')} testId="related-parent-park"
              items={[{ key: park.parentPark.id, target: { kind: 'park', id: park.parentPark.id }, label: park.parentPark.name }]} />
          )}
          {park.subParks.length > 0 && (
            <RelatedList title={t('field.subParks')} testId="related-sub-parks"
              items={park.subParks.map((p) => ({ key: p.id, target: { kind: 'park', id: p.id }, label: p.name }))} />
          )}
          <RelatedList title={t('field.parcels')} testId="related-parcels" totalCount={park.parcels.totalCount}
            items={park.parcels.nodes.map((p) => ({
              key: p.id,
              target: { kind: 'parcel', id: p.id },
              label: p.code,
              detail: `${t.enum('landUse', p.landUse)} · ${t.enum('supply', p.supplyStatus)} · ${t.mu(p.areaMu)}`,
            }))} />
          <RelatedList title={t('field.projects')} testId="related-projects" totalCount={park.projects.totalCount}
            items={park.projects.nodes.map((p) => ({ key: p.id, target: { kind: 'project', id: p.id }, label: p.name, detail: <StageChip stage={p.stage} /> }))} />
          <RelatedList title={t('field.enterprises')} testId="related-enterprises" totalCount={park.enterprises.totalCount}
            items={park.enterprises.nodes.map((e) => ({ key: e.id, target: { kind: 'enterprise', id: e.id }, label: e.name }))} />
          <RelatedList title={t('field.factoryBuildings')} testId="related-factory-buildings"
            items={park.factoryBuildings.map((f) => ({
              key: f.id,
              target: { kind: 'factoryBuilding', id: f.id },
              label: f.name,
              detail: `${t('field.vacantArea')} ${t.m2(f.vacantFloorAreaM2)} / ${t.m2(f.floorAreaM2)}`,
            }))} />
        </>
      )}
    </PanelFrame>
  );
}
