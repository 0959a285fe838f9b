import type { Projection } from '../../common/projection';
import { Region } from './region.entity';

/** Region fields a compiled read answers in SQL (common/projection.ts). */
export const REGION_PROJECTIONS: Projection[] = [{ type: 'Region', entity: Region, columns: ['id', 'code', 'name', 'level', 'boundary'] }];
