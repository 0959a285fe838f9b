import type { Projection } from '../../common/projection';
import { AssessmentUnit } from './unit.entity';

/** Assessment-unit fields a compiled read answers in SQL (common/projection.ts). */
export const UNIT_PROJECTIONS: Projection[] = [{ type: 'AssessmentUnit', entity: AssessmentUnit, columns: ['id', 'code', 'name', 'kind'] }];
