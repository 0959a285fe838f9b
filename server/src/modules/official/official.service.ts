import type { DataSource } from 'typeorm';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { likePattern, SqlBuilder } from '../../common/sql-builder';
import { Official } from './official.entity';
import type { OfficialFilter } from './official.inputs';
import { OFFICIAL_TEXT_MATCH } from './official.sql';

/** Officials: 链长, 包抓领导, 首席服务官 and other named people. */
export class OfficialService {
  constructor(private readonly db: DataSource) {}

  list(filter: OfficialFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    const text = filter?.text?.trim();
    if (text) {
      const p = b.param(likePattern(text));
      b.and(OFFICIAL_TEXT_MATCH(p));
    }
    return listPage(this.db, Official, 'official', b, page, columns);
  }
}
