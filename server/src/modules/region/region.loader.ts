import type { AtlasContext } from '../../graphql/context';
import { entityLoader } from '../../common/listing';
import { Region } from './region.entity';

export const regionById = (ctx: AtlasContext) => entityLoader(ctx, 'region', Region);
