import type { Projection } from '../../common/projection';
import { applyProjectFilter } from './project.service';
import { FundArrival, Project, ProjectStageEvent } from './project.entity';
import { INVESTMENT_INTENSITY } from './project.sql';

/**
 * Project fields a compiled read answers in SQL (common/projection.ts): the values ProjectResolver gives, the relations
 * in their loaders' order (stage history by date then stage, fund arrivals by date then id, parcels by id).
 */
export const PROJECT_PROJECTIONS: Projection[] = [
  {
    type: 'Project', entity: Project,
    columns: [
      'id', 'code', 'name', 'location', 'stage', 'agreedInvestment', 'plannedTotalInvestment', 'fixedAssetInvestment', 'foreignInvestment',
      'registeredCapital', 'landNeedMu', 'expectedAnnualOutput', 'expectedAnnualTax', 'companyUscc', 'companyRegisteredOn', 'qualityTags',
    ],
    fields: {
      investmentIntensity: { kind: 'value', sql: INVESTMENT_INTENSITY },
      investor: { kind: 'object', type: 'Enterprise', table: 'enterprise', on: (p, e) => `${e}.id = ${p}.investor_id` },
      introducingUnit: { kind: 'object', type: 'AssessmentUnit', table: 'assessment_unit', on: (p, u) => `${u}.id = ${p}.introducing_unit_id` },
      park: { kind: 'object', type: 'Park', table: 'park', on: (p, k) => `${k}.id = ${p}.park_id` },
      parcel: { kind: 'object', type: 'Parcel', table: 'parcel', on: (p, c) => `${c}.id = ${p}.parcel_id` },
      chainNode: { kind: 'object', type: 'ChainNode', table: 'chain_node', on: (p, n) => `${n}.id = ${p}.chain_node_id` },
      region: { kind: 'object', type: 'Region', table: 'region', on: (p, r) => `${r}.id = ${p}.region_id` },
      parcels: { kind: 'list', type: 'Parcel', from: 'parcel t', where: (p) => `t.project_id = ${p}.id`, orderBy: 't.id' },
      stageHistory: { kind: 'list', type: 'ProjectStageEvent', from: 'project_stage_event t', where: (p) => `t.project_id = ${p}.id`, orderBy: 't.entered_on, t.stage' },
      fundArrivals: { kind: 'list', type: 'FundArrival', from: 'fund_arrival t', where: (p) => `t.project_id = ${p}.id`, orderBy: 't.arrived_on, t.id' },
    },
  },
  { type: 'ProjectStageEvent', entity: ProjectStageEvent, columns: ['id', 'stage', 'enteredOn'] },
  { type: 'FundArrival', entity: FundArrival, columns: ['id', 'arrivedOn', 'amount', 'foreignAmount', 'kind', 'evidenceRef', 'evidenceNote'] },
  { type: 'Query', fields: { projects: { kind: 'connection', type: 'Project', table: 'project', filter: applyProjectFilter } } },
];
