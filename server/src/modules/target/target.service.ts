import type { DataSource } from 'typeorm';
import { forbidden, notFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { SqlBuilder } from '../../common/sql-builder';
import { Role, type AuthUser } from '../../auth/auth-user';
import { TargetEnterprise, TargetStatus } from './target.entity';
import type { TargetFilter } from './target.inputs';
import { CHAIN_OF_TARGET, ON_CHAINS, TARGET_ON_NODE, TARGET_OVERDUE, TARGET_OWNED_BY, TARGET_STATUS_IN } from './target.sql';

/** The chains whose targets a caller may see: null for all; a chain leader (链长) only the chains they lead. */
export function targetChainScope(user: AuthUser): number[] | null {
  return user.role === Role.CHAIN_LEADER ? user.chainIds : null;
}

/** A date as YYYY-MM-DD whether the driver gave a string or a Date. */
const localDate = (d: string | Date) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));


/** Overdue: the next action was due before `asOf` and the target is neither signed nor dropped. */
export function isOverdue(t: Pick<TargetEnterprise, 'nextActionDue' | 'status'>, asOf: string): boolean {
  if (!t.nextActionDue || t.status === TargetStatus.SIGNED || t.status === TargetStatus.DROPPED) return false;
  return localDate(t.nextActionDue) < asOf;
}

/** Target enterprises (目标企业): the recruitment pipeline, scoped to a chain leader's chains. */
export class TargetService {
  constructor(private readonly db: DataSource) {}

  list(user: AuthUser, filter: TargetFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    const scope = targetChainScope(user);
    // A chain leader's list silently narrows to their chains, so shared dashboards work for every role.
    if (scope) b.and(ON_CHAINS(b.param(scope)));
    if (filter?.chainId !== undefined && filter.chainId !== null) b.and(ON_CHAINS(b.param([parseId('chainId', filter.chainId)])));
    if (filter?.chainNodeId !== undefined && filter.chainNodeId !== null) b.and(TARGET_ON_NODE(b.param(parseId('chainNodeId', filter.chainNodeId))));
    if (filter?.statuses?.length) b.and(TARGET_STATUS_IN(b.param(filter.statuses)));
    if (filter?.overdueAsOf) b.and(TARGET_OVERDUE(b.param(filter.overdueAsOf)));
    if (filter?.ownerOfficialId !== undefined && filter.ownerOfficialId !== null) b.and(TARGET_OWNED_BY(b.param(parseId('ownerOfficialId', filter.ownerOfficialId))));
    return listPage(this.db, TargetEnterprise, 'target_enterprise', b, page, columns);
  }

  /** One target; NOT_FOUND if it does not exist, FORBIDDEN for a chain leader when it is on another chain. */
  async get(user: AuthUser, id: number): Promise<TargetEnterprise> {
    const target = await this.db.getRepository(TargetEnterprise).findOneBy({ id });
    if (!target) throw notFound('TargetEnterprise', id);
    const scope = targetChainScope(user);
    if (scope) {
      const [row]: { chain_id: number }[] = await this.db.query(CHAIN_OF_TARGET, [id]);
      const chainId = Number(row.chain_id);
      if (!scope.includes(chainId)) {
        throw forbidden(`see target enterprise ${id}: it is on chain ${chainId}, and chain leaders see only the chains they lead (${scope.join(', ') || 'none'})`);
      }
    }
    return target;
  }
}
