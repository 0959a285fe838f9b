// Assessment units, their annual targets, and the category coefficients (seed 004), checked against SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type GqlResult, type TestApi } from '../support/api';

let api: TestApi;

beforeAll(async () => { api = await createTestApi(); });
afterAll(async () => { await api?.close(); });

const LIST = `query($first: Int, $after: String, $filter: AssessmentUnitFilter) {
  assessmentUnits(first: $first, after: $after, filter: $filter) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
}`;

async function sqlIds(where: string, params: unknown[] = []): Promise<number[]> {
  return (await api.sql(`SELECT t.id FROM assessment_unit t ${where} ORDER BY t.id`, params)).map((r) => Number(r.id));
}

async function listAll(filter: Record<string, unknown>): Promise<number[]> {
  const out: number[] = [];
  let after: string | null = null;
  for (;;) {
    const r: GqlResult = await api.gql('bureau', LIST, { first: 3, after, filter });
    expect(r.errors).toBeUndefined();
    const c = r.data.assessmentUnits;
    out.push(...c.nodes.map((n: { id: string }) => Number(n.id)));
    if (!c.pageInfo.hasNextPage) {
      expect(c.totalCount).toBe(out.length);
      return out;
    }
    after = c.pageInfo.endCursor;
  }
}

const target = (t: Record<string, unknown>) => ({
  year: Number(t.year), totalAmount: Number(t.total_amount), foreignAmount: Number(t.foreign_amount), bigProjectCount: Number(t.big_project_count),
});

describe('assessmentUnit(id)', () => {
  it('returns a district unit with its region and every annual target', async () => {
    const [u] = await api.sql(`SELECT u.*, r.name AS region_name FROM assessment_unit u JOIN region r ON r.id = u.region_id
                               WHERE u.kind = 'district' AND EXISTS (SELECT 1 FROM annual_target t WHERE t.unit_id = u.id) ORDER BY u.id LIMIT 1`);
    expect(u, 'the seed has district units with targets').toBeDefined();
    const targets = (await api.sql('SELECT * FROM annual_target WHERE unit_id = $1 ORDER BY year', [u.id])).map(target);
    const r = await api.gql('bureau', `query($id: ID!, $year: Int!) { assessmentUnit(id: $id) {
      id code name kind region { id name } targets { year totalAmount foreignAmount bigProjectCount unit { id } }
      target(year: $year) { year totalAmount foreignAmount bigProjectCount } none: target(year: 2001) { year } } }`,
    { id: String(u.id), year: targets[0].year });
    expect(r.errors).toBeUndefined();
    const a = r.data.assessmentUnit;
    expect(a).toMatchObject({ id: String(u.id), code: u.code, name: u.name, kind: 'DISTRICT', region: { id: String(u.region_id), name: u.region_name } });
    expect(a.targets.map(({ unit, ...t }: { unit: { id: string } }) => { expect(unit.id).toBe(String(u.id)); return t; })).toEqual(targets);
    expect(a.target).toEqual(targets[0]);
    expect(a.none).toBeNull();
  });

  it('gives a municipal department no region', async () => {
    const [u] = await api.sql(`SELECT id, region_id FROM assessment_unit WHERE kind = 'department' ORDER BY id LIMIT 1`);
    expect(u, 'the seed has department units').toBeDefined();
    const r = await api.gql('chainlead', '{ assessmentUnit(id: "' + u.id + '") { kind region { id } } }');
    expect(r.data.assessmentUnit).toEqual({ kind: 'DEPARTMENT', region: u.region_id === null ? null : { id: String(u.region_id) } });
  });

  it('rejects unknown and malformed ids, an out-of-range year and an anonymous caller', async () => {
    expect(codes(await api.gql('bureau', '{ assessmentUnit(id: "99999999") { id } }'))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql('bureau', '{ assessmentUnit(id: "1.5") { id } }'))).toEqual(['INVALID_ARGUMENT']);
    const [{ id }] = await api.sql('SELECT id FROM assessment_unit ORDER BY id LIMIT 1');
    const bad = await api.gql('bureau', `{ assessmentUnit(id: "${id}") { target(year: 1999) { year } } }`);
    expect(codes(bad)).toEqual(['INVALID_ARGUMENT']);
    expect(bad.errors![0].extensions?.field).toBe('year');
    expect(codes(await api.gql(null, '{ assessmentUnits { totalCount } }'))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('assessmentUnits(first, after, filter)', () => {
  it('pages through every unit, and filters by kind and by name or code text', async () => {
    const all = await sqlIds('');
    expect(all.length).toBeGreaterThan(3);
    expect(await listAll({})).toEqual(all);
    const districts = await sqlIds(`WHERE t.kind = 'district'`);
    const departments = await sqlIds(`WHERE t.kind = 'department'`);
    expect(districts.length).toBeGreaterThan(0);
    expect(departments.length).toBeGreaterThan(0);
    expect(await listAll({ kind: 'DISTRICT' })).toEqual(districts);
    expect(await listAll({ kind: 'DEPARTMENT' })).toEqual(departments);

    const [u] = await api.sql(`SELECT name, code FROM assessment_unit WHERE kind = 'department' ORDER BY id LIMIT 1`);
    const word = (u.name as string).slice(1, 3);
    const byName = await sqlIds(`WHERE t.name ILIKE '%' || $1 || '%' OR t.code ILIKE '%' || $1 || '%'`, [word]);
    expect(byName.length).toBeGreaterThan(0);
    expect(await listAll({ text: word })).toEqual(byName);
    const code = (u.code as string).toLowerCase();
    expect(await listAll({ text: code })).toEqual(await sqlIds(`WHERE t.name ILIKE '%' || $1 || '%' OR t.code ILIKE '%' || $1 || '%'`, [code]));
    expect(await listAll({ text: word, kind: 'DISTRICT' })).toEqual(byName.filter((id) => districts.includes(id)));
    expect(await listAll({ text: '%' })).toEqual([]);
  });

  it('answers the ranking view (units with region and one year\'s target) in a fixed number of statements', async () => {
    const [{ year }] = await api.sql('SELECT max(year) AS year FROM annual_target');
    const q = `query($n: Int, $year: Int!) { assessmentUnits(first: $n) { nodes { name region { name } targets { year unit { name } } target(year: $year) { totalAmount } } } }`;
    const small = await api.gqlCounted('bureau', q, { n: 2, year });
    const large = await api.gqlCounted('bureau', q, { n: 50, year });
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.assessmentUnits.nodes.length).toBe(Math.min(50, (await sqlIds('')).length));
    expect(large.statements).toBe(small.statements);
    const rows = await api.sql(`SELECT u.id, t.total_amount FROM assessment_unit u LEFT JOIN annual_target t ON t.unit_id = u.id AND t.year = $1 ORDER BY u.id LIMIT 50`, [year]);
    expect(large.result.data.assessmentUnits.nodes.map((n: any) => n.target?.totalAmount ?? null))
      .toEqual(rows.map((r) => (r.total_amount === null ? null : Number(r.total_amount))));
  });
});

describe('assessment categories and coefficients (seed 004, data per year)', () => {
  it('lists every category by code', async () => {
    const rows = await api.sql('SELECT code, name, description FROM assessment_category ORDER BY code');
    const r = await api.gql('integrator', '{ assessmentCategories { code name description } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.assessmentCategories).toEqual(rows);
    expect(rows.length).toBeGreaterThanOrEqual(14);
  });

  it('gives each category its coefficient for the year asked, null for a year not configured', async () => {
    const r = await api.gql('bureau', `{ assessmentCategories { code
      y25: coefficient(year: 2025) { year categoryCode coefficient basis category { code } }
      y27: coefficient(year: 2027) { coefficient }
      none: coefficient(year: 2099) { coefficient } } }`);
    expect(r.errors).toBeUndefined();
    const rows = await api.sql(`SELECT c.code, k25.coefficient::float8 AS c25, k25.basis AS b25, k27.coefficient::float8 AS c27
      FROM assessment_category c
      LEFT JOIN assessment_coefficient k25 ON k25.category_code = c.code AND k25.year = 2025
      LEFT JOIN assessment_coefficient k27 ON k27.category_code = c.code AND k27.year = 2027 ORDER BY c.code`);
    expect(r.data.assessmentCategories).toEqual(rows.map((x) => ({
      code: x.code,
      y25: x.c25 === null ? null : { year: 2025, categoryCode: x.code, coefficient: x.c25, basis: String(x.b25).toUpperCase(), category: { code: x.code } },
      y27: x.c27 === null ? null : { coefficient: x.c27 },
      none: null,
    })));
    // The published defaults: manufacturing 100%, hotels 70%, government-guaranteed infrastructure excluded, finance on registered capital.
    const byCode = Object.fromEntries(r.data.assessmentCategories.map((c: any) => [c.code, c.y25]));
    expect(byCode.manufacturing.coefficient).toBe(1);
    expect(byCode.hotel.coefficient).toBe(0.7);
    expect(byCode.infrastructure.coefficient).toBe(0);
    expect(byCode.finance.basis).toBe('REGISTERED_CAPITAL');
  });

  it('lists the coefficients of one year', async () => {
    const rows = await api.sql(`SELECT k.year, k.category_code, k.coefficient::float8 AS coefficient, k.basis, c.name
                                FROM assessment_coefficient k JOIN assessment_category c ON c.code = k.category_code
                                WHERE k.year = 2026 ORDER BY k.category_code`);
    const r = await api.gql('liangyuan', '{ assessmentCoefficients(year: 2026) { year categoryCode coefficient basis category { name } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.assessmentCoefficients).toEqual(rows.map((x) => ({
      year: 2026, categoryCode: x.category_code, coefficient: x.coefficient, basis: String(x.basis).toUpperCase(), category: { name: x.name },
    })));
    expect(rows.length).toBeGreaterThan(0);
    expect((await api.gql('bureau', '{ assessmentCoefficients(year: 2099) { year } }')).data.assessmentCoefficients).toEqual([]);
    expect(codes(await api.gql('bureau', '{ assessmentCoefficients(year: 1850) { year } }'))).toEqual(['INVALID_ARGUMENT']);
    expect(codes(await api.gql(null, '{ assessmentCoefficients(year: 2026) { year } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('batches coefficients: one statement per year asked, not per category', async () => {
    const one = await api.gqlCounted('bureau', '{ assessmentCategories { coefficient(year: 2025) { coefficient category { name } } } }');
    const two = await api.gqlCounted('bureau', '{ assessmentCategories { coefficient(year: 2025) { coefficient category { name } } b: coefficient(year: 2026) { coefficient category { name } } } }');
    expect(one.result.errors).toBeUndefined();
    expect(two.result.errors).toBeUndefined();
    // the caller's account, the categories, the 2025 coefficients, the categories behind them — and one more for the second year
    expect(one.statements).toBeLessThanOrEqual(4);
    expect(two.statements).toBe(one.statements + 1);
  });
});
