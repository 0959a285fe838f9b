import type { GraphQLResolveInfo } from 'graphql';
import { listColumns } from '../../common/listing';
import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver, Info } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { orNotFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { Connection, PageArgs, toConnection, toPage } from '../../common/pagination';
import { requireUser } from '../../auth/policy';
import { Official } from './official.entity';
import { OfficialFilter } from './official.inputs';
import { officialById } from './official.loader';
import { OfficialService } from './official.service';

@ObjectType()
export class OfficialConnection extends Connection(Official) {}

@Resolver(() => Official)
export class OfficialResolver {
  @Query(() => Official, { description: 'One official by id; NOT_FOUND if it does not exist.' })
  official(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return orNotFound(officialById(ctx).load(parseId('id', id)), 'Official', id);
  }

  @Query(() => OfficialConnection, { description: 'Officials matching the filter, by ascending id.' })
  async officials(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => OfficialFilter, { nullable: true }) filter: OfficialFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    requireUser(ctx.user);
    return toConnection(await new OfficialService(ctx.db).list(filter, toPage(page), listColumns(ctx.db, Official, info)));
  }
}
