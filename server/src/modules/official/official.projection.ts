import type { Projection } from '../../common/projection';
import { Official } from './official.entity';

/** Official fields a compiled read answers in SQL (common/projection.ts). */
export const OFFICIAL_PROJECTIONS: Projection[] = [{ type: 'Official', entity: Official, columns: ['id', 'name', 'title', 'department', 'phone'] }];
