import { In } from 'typeorm';
import type { AtlasContext } from '../../common/context';
import { byKey, groupByKey } from '../../common/loaders';
import { requireUser } from '../../auth/policy';
import { TargetActivity, TargetEnterprise } from './target.entity';
import { targetChainScope } from './target.service';
import { ON_CHAINS } from './target.sql';

/** Targets per enterprise or per chain node, narrowed to the caller's chains when they are a chain leader. */
const scopedTargets = (ctx: AtlasContext, name: string, key: 'enterpriseId' | 'chainNodeId') =>
  ctx.loaders.get<number, TargetEnterprise[]>(name, async (ids) => {
    const scope = targetChainScope(requireUser(ctx.user));
    const q = ctx.db.getRepository(TargetEnterprise).createQueryBuilder('t').where({ [key]: In([...ids]) });
    if (scope) q.andWhere(ON_CHAINS(':scope'), { scope });
    const rows = await q.orderBy('t.id', 'ASC').getMany();
    return groupByKey(ids, rows, (t) => t[key]);
  });

/** Targets by id for nested fields: null when a chain leader may not see them (hidden, like the scoped lists). */
export const visibleTargetById = (ctx: AtlasContext) =>
  ctx.loaders.get<number, TargetEnterprise | null>('target.visibleById', async (ids) => {
    const scope = targetChainScope(requireUser(ctx.user));
    const q = ctx.db.getRepository(TargetEnterprise).createQueryBuilder('t').where({ id: In([...ids]) });
    if (scope) q.andWhere(ON_CHAINS(':scope'), { scope });
    return byKey(ids, await q.getMany(), (t) => t.id);
  });

/** Where each enterprise is a target. */
export const targetsOfEnterprise = (ctx: AtlasContext) => scopedTargets(ctx, 'enterprise.targets', 'enterpriseId');

/** The targets chosen for each chain node. */
export const targetsOfNode = (ctx: AtlasContext) => scopedTargets(ctx, 'chain_node.targets', 'chainNodeId');

/** The activity log of each target, oldest first. */
export const activitiesOfTarget = (ctx: AtlasContext) =>
  ctx.loaders.get<number, TargetActivity[]>('target.activities', async (ids) => {
    const rows = await ctx.db.getRepository(TargetActivity).find({ where: { targetId: In([...ids]) }, order: { occurredOn: 'ASC', id: 'ASC' } });
    return groupByKey(ids, rows, (a) => a.targetId);
  });
