import type { GraphQLResolveInfo } from 'graphql';
import { listColumns } from '../../common/listing';
import { Arg, Args, Ctx, ObjectType, Query, Resolver, Info } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { Connection, PageArgs, toConnection, toPage } from '../../common/pagination';
import { requireUser } from '../../auth/policy';
import { AuditEntry } from './audit.entity';
import { AuditFilter } from './audit.inputs';
import { AuditService } from './audit.service';

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntry) {}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'The audit trail, oldest first. Admin and bureau see all writes; other editors their own; integrators none.' })
  async auditLog(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return toConnection(await new AuditService(ctx.db).list(requireUser(ctx.user), filter, toPage(page), listColumns(ctx.db, AuditEntry, info)));
  }
}
