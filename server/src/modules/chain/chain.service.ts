import type { DataSource } from 'typeorm';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { likePattern, SqlBuilder } from '../../common/sql-builder';
import { Chain } from './chain.entity';
import type { ChainFilter } from './chain.inputs';
import { CHAIN_TEXT_MATCH } from './chain.sql';

/** The list filter as SQL clauses over alias `t`; shared by the list and its compiled read (chain.projection.ts). */
export function applyChainFilter(b: SqlBuilder, filter: ChainFilter | undefined): void {
  const text = filter?.text?.trim();
  if (text) b.and(CHAIN_TEXT_MATCH(b.param(likePattern(text))));
}

/** Industrial chains: listing, and the gap analysis of their nodes. */
export class ChainService {
  constructor(private readonly db: DataSource) {}

  list(filter: ChainFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    applyChainFilter(b, filter);
    return listPage(this.db, Chain, 'chain', b, page, columns);
  }
}
