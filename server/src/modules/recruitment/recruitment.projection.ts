import type { Projection } from '../../common/projection';
import { ENUM_VALUE } from '../../common/projection.sql';
import { CALLER_SEES_TARGETS_OF } from '../target';
import { CAN_WRITE_CHAIN, CHAIN_PROJECT_COUNT, TARGET_COUNTS_OF_CHAINS } from './recruitment.sql';

/**
 * The chain page's pipeline fields a compiled read answers in SQL (common/projection.ts), as ChainPipelineResolver does:
 * whether the caller may run the chain's pipeline, its targets per status within the caller's target scope (none on a
 * chain a chain leader does not lead), in pipeline order, and its signed / started project counts.
 */
export const RECRUITMENT_PROJECTIONS: Projection[] = [
  {
    type: 'Chain',
    fields: {
      canEditPipeline: { kind: 'value', sql: (c, caller) => CAN_WRITE_CHAIN(`${c}.id`, caller) },
      signedProjectCount: { kind: 'value', sql: (c) => CHAIN_PROJECT_COUNT(`${c}.id`, 'signed') },
      startedProjectCount: { kind: 'value', sql: (c) => CHAIN_PROJECT_COUNT(`${c}.id`, 'started') },
      targetCounts: {
        kind: 'list', type: 'TargetStatusCount', orderBy: 't.status',
        from: (c, caller) => `(${TARGET_COUNTS_OF_CHAINS(`n.chain_id = ${c}.id AND ${CALLER_SEES_TARGETS_OF(`${c}.id`, caller)}`)}) t`,
      },
    },
  },
  { type: 'TargetStatusCount', fields: { status: { kind: 'value', sql: (r) => ENUM_VALUE(`${r}.status`) }, count: { kind: 'value', sql: (r) => `${r}.n` } } },
];
