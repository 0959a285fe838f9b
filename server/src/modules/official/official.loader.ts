import type { AtlasContext } from '../../common/context';
import { entityLoader } from '../../common/listing';
import { Official } from './official.entity';

export const officialById = (ctx: AtlasContext) => entityLoader(ctx, 'official', Official);
