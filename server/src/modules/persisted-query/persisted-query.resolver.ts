import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireUser } from '../../auth/policy';
import type { AtlasContext } from '../../common/context';
import { ApiKeyQueryPolicy, PersistedQuery } from './persisted-query.entity';
import { PersistedQueryService } from './persisted-query.service';

@Resolver()
export class PersistedQueryResolver {
  @Query(() => [PersistedQuery], { description: 'The persisted-query allow-list (admin).' })
  persistedQueries(@Ctx() ctx: AtlasContext) {
    return new PersistedQueryService(ctx.db).list(requireUser(ctx.user));
  }

  @Mutation(() => PersistedQuery, { description: 'Adds a document to the allow-list (admin); clients then send only its sha256.' })
  registerPersistedQuery(@Ctx() ctx: AtlasContext, @Arg('document', () => String) document: string, @Arg('name', () => String, { nullable: true }) name?: string) {
    return new PersistedQueryService(ctx.db).register(requireUser(ctx.user), document, name ?? null);
  }

  @Mutation(() => PersistedQuery, { description: 'Removes a document from the allow-list (admin).' })
  removePersistedQuery(@Ctx() ctx: AtlasContext, @Arg('sha256', () => String) sha256: string) {
    return new PersistedQueryService(ctx.db).remove(requireUser(ctx.user), sha256);
  }

  @Mutation(() => ApiKeyQueryPolicy, { description: 'Restricts an API key to persisted (allow-listed) documents, or lifts that (admin).' })
  setApiKeyPersistedOnly(@Ctx() ctx: AtlasContext, @Arg('keyName', () => String) keyName: string, @Arg('persistedOnly', () => Boolean) persistedOnly: boolean) {
    return new PersistedQueryService(ctx.db).setKeyPolicy(requireUser(ctx.user), keyName, persistedOnly);
  }
}
