import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WITHIN_METERS } from '../../server/src/common/spatial.sql';
import { createTestApi, type TestApi } from '../support/api';

// The `near` filter's own SQL must be able to use an index on every geographic table (migration 0071).
let api: TestApi;
beforeAll(async () => { api = await createTestApi(); });
afterAll(async () => { await api?.close(); });

describe('near filters', () => {
  it.each([['project', 'location'], ['factory_building', 'location'], ['parcel', 'geom'], ['park', 'boundary'], ['region', 'boundary'], ['enterprise', 'location']])(
    '%s.%s is searched through a geography GiST index', async (table, column) => {
      const plan: { 'QUERY PLAN': string }[] = await api.db.ds.transaction(async (em) => {
        // Small tables would be scanned anyway; forbidding the scan shows whether an index can serve the predicate at all.
        await em.query('SET LOCAL enable_seqscan = off');
        return em.query(`EXPLAIN SELECT t.id FROM ${table} t WHERE ${WITHIN_METERS(`t.${column}`, '$1', '$2', '$3')}`, [115.65, 34.41, 2000]);
      });
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index Scan|Bitmap Index Scan/);
      expect(text).not.toMatch(/Seq Scan/);
    });
});
