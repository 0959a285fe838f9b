import type { AtlasContext } from '../../graphql/context';
import { entityLoader } from '../../common/listing';
import { Official } from './official.entity';

export const officialById = (ctx: AtlasContext) => entityLoader(ctx, 'official', Official);
