import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { invalid } from '../../common/errors';
import { requireUser } from '../../auth/policy';
import { likePattern } from '../../common/sql-builder';
import { SEARCH_BY_NAME } from './search.sql';

export enum SearchKind { PARK = 'PARK', ENTERPRISE = 'ENTERPRISE', PROJECT = 'PROJECT' }
registerEnumType(SearchKind, { name: 'SearchKind' });

@ObjectType({ description: 'A search hit with the box to fit the map to.' })
export class SearchHit {
  @Field(() => SearchKind) kind: SearchKind;
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) subtitle: string | null;
  @Field(() => [Float], { description: 'minLon, minLat, maxLon, maxLat' }) bbox: number[];
}

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], { description: 'Find parks, enterprises (also by USCC) and projects (also by code) by name.' })
  async search(@Arg('text', () => String) text: string, @Arg('limit', () => Int, { defaultValue: 10 }) limit: number, @Ctx() ctx: AtlasContext): Promise<SearchHit[]> {
    requireUser(ctx.user);
    const t = text.trim();
    if (!t) return [];
    if (limit < 1 || limit > 50) throw invalid('limit', 'must be between 1 and 50');
    const rows = await ctx.db.query(SEARCH_BY_NAME, [likePattern(t), limit, t, likePattern(t, 'prefix')]);
    return rows.slice(0, limit).map((r: Record<string, unknown>) => ({
      kind: r.kind as SearchKind, id: String(r.id), name: r.name as string, subtitle: (r.subtitle as string) ?? null,
      bbox: [Number(r.minx), Number(r.miny), Number(r.maxx), Number(r.maxy)],
    }));
  }
}
