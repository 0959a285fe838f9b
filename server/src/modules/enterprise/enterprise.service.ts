import type { DataSource } from 'typeorm';
import { invalid } from '../../common/errors';
import { applySpatialFilter, parseId } from '../../common/filters';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { likePattern, SqlBuilder } from '../../common/sql-builder';
import { Enterprise } from './enterprise.entity';
import type { EnterpriseFilter } from './enterprise.inputs';
import { ENTERPRISE_FROM_REGION, ENTERPRISE_HAS_ANY_TAG, ENTERPRISE_INDUSTRY_LIKE, ENTERPRISE_IN_CITY, ENTERPRISE_IS_LOCAL, ENTERPRISE_ON_CHAIN, ENTERPRISE_ON_NODE, ENTERPRISE_WITH_USCC } from './enterprise.sql';

// GB/T 4754: a section letter A–T, then up to four digits (division, group, class).
const INDUSTRY_PREFIX = /^[A-T][0-9]{0,4}$/;

/** The list filter as SQL clauses over alias `t`; shared by the list and the aggregates. */
export function applyEnterpriseFilter(b: SqlBuilder, filter: EnterpriseFilter | undefined): void {
  applySpatialFilter(b, filter, 't.location', 't.name');
  if (filter?.isLocal !== undefined && filter.isLocal !== null) b.and(ENTERPRISE_IS_LOCAL(b.param(filter.isLocal)));
  if (filter?.tags?.length) b.and(ENTERPRISE_HAS_ANY_TAG(b.param(filter.tags)));
  if (filter?.industryCodePrefix !== undefined && filter.industryCodePrefix !== null) {
    const prefix = filter.industryCodePrefix.trim().toUpperCase();
    if (!INDUSTRY_PREFIX.test(prefix)) throw invalid('industryCodePrefix', `"${filter.industryCodePrefix}" is not a GB/T 4754 code prefix; use a section letter A–T and up to four digits, e.g. "C36"`);
    b.and(ENTERPRISE_INDUSTRY_LIKE(b.param(likePattern(prefix, 'prefix'))));
  }
  if (filter?.city?.trim()) b.and(ENTERPRISE_IN_CITY(b.param(filter.city.trim())));
  if (filter?.sourceRegion?.trim()) b.and(ENTERPRISE_FROM_REGION(b.param(filter.sourceRegion.trim())));
  if (filter?.uscc?.trim()) b.and(ENTERPRISE_WITH_USCC(b.param(filter.uscc.trim().toUpperCase())));
  if (filter?.chainNodeId !== undefined && filter.chainNodeId !== null) {
    b.and(ENTERPRISE_ON_NODE(b.param(parseId('chainNodeId', filter.chainNodeId))));
  }
  if (filter?.chainId !== undefined && filter.chainId !== null) {
    b.and(ENTERPRISE_ON_CHAIN(b.param(parseId('chainId', filter.chainId))));
  }
}

/** Enterprises: listing local firms and outside candidates by place, industry, tags and chain. */
export class EnterpriseService {
  constructor(private readonly db: DataSource) {}

  list(filter: EnterpriseFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    applyEnterpriseFilter(b, filter);
    return listPage(this.db, Enterprise, 'enterprise', b, page, columns);
  }
}
