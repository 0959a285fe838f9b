import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../server/src/modules/ledger/ledger.columns';
import { createTestApi, type TestApi } from '../support/api';

// "As published on a date": every input read as it had been recorded by the publication moment, rebuilt from the
// audit log. Hand-computed fixtures in 2021 (the demo city starts in 2024-12), each entry recorded on its own date, so
// the ranking of 2021 as of 2021-12-31 was published on 2022-01-10 00:00 China time. The edits below are made now,
// through the audited GraphQL mutations, i.e. after publication.
//
// Rule 2021: host share 0.5, ≥1亿 = 10000万元, weights 0.6 / 0.2 / 0.2. Coefficients: manufacturing 1, hotel 0.7,
// infrastructure 0. Targets 2021 (total 万元 / foreign 万美元 / count ≥1亿):
//   E1 测试丙县 (county C) 10000 / 100 / 1    E2 测试丁县 (county D) 5000 / 0 / 1
//   N1 测试工信局 (dept)     8000 /  50 / 1    N2 测试科技局 (dept)    2000 / 10 / 1
// Projects (signed in 2021, one arrival each):
//   Q1 E1 manufacturing, in C, agreed 12000, signed 03-01, company 03-15; arrival 04-01 4000 (foreign 40)
//   Q2 E2 manufacturing, in D, agreed  8000, signed 05-01, no company;    arrival 06-01 3000
//   Q3 N1 manufacturing, in C, agreed 10000, signed 02-01, no company;    arrival 03-01 6000 (foreign 50)
//   Q4 N2 hotel (70%), no location, agreed 5000, signed 04-01;            arrival 05-01 2000
// Edits after publication: Q1 becomes infrastructure (excluded); Q3 is handed from N1 to N2; Q2's agreed amount
// becomes 12000 and its company is registered on 2021-06-10; hotel's 2021 coefficient becomes 1; E2's target becomes
// 4000; the 2021 host share becomes 0.25.

let api: TestApi;
const unit: Record<string, number> = {};
const region: Record<string, number> = {};
const project: Record<string, number> = {};
const PUBLISHED = '2022-01-09T16:00:00Z'; // 2022-01-10 00:00 China time
const at = (d: string) => `${d} 10:00+08`;
const square = (lon: number) => `SRID=4326;MULTIPOLYGON(((${lon} 20,${lon + 0.1} 20,${lon + 0.1} 20.1,${lon} 20.1,${lon} 20)))`;

async function addProject(key: string, p: { unit: string; category: string; region?: string; agreed: number; signed: string; company?: string;
  arrival: { on: string; amount: number; foreign?: number } }) {
  const [{ id }] = await api.sql(
    `INSERT INTO project (code, name, introducing_unit_id, category_code, region_id, stage, agreed_investment, company_uscc, company_registered_on)
     VALUES ($1, $2, $3, $4, $5, 'signed', $6, $7, $8) RETURNING id`,
    [`T2021-${key}`, `补录测试项目${key}`, unit[p.unit], p.category, p.region ? region[p.region] : null, p.agreed,
      p.company ? `91411400MA4100000${key.slice(1)}` : null, p.company ?? null],
  );
  project[key] = id;
  await api.sql(`INSERT INTO project_stage_event (project_id, stage, entered_on, recorded_at) VALUES ($1, 'signed', $2, $3)`, [id, p.signed, at(p.signed)]);
  await api.sql(
    `INSERT INTO fund_arrival (project_id, arrived_on, amount, foreign_amount, kind, evidence_ref, recorded_at) VALUES ($1, $2, $3, $4, 'fixed_asset', $5, $6)`,
    [id, p.arrival.on, p.arrival.amount, p.arrival.foreign ?? 0, `补录测试凭证-${key}`, at(p.arrival.on)],
  );
}

const RANKING = `query($asOf: LocalDate, $recordedBy: DateTimeISO) {
  assessmentRanking(year: 2021, asOf: $asOf, recordedBy: $recordedBy) {
    rule { hostShare } districts { ...S } departments { ...S } } }
  fragment S on UnitScore { code rank targetTotal creditedTotal creditedOwn creditedHosted creditedForeign bigProjectCount score }`;

async function ranking(recordedBy?: string) {
  const r = await api.gql('bureau', RANKING, { asOf: '2021-12-31', recordedBy });
  expect(r.errors).toBeUndefined();
  const a = r.data.assessmentRanking;
  return { raw: a, by: Object.fromEntries([...a.districts, ...a.departments].map((x: any) => [x.code.slice(2), x])) as Record<string, any> };
}

const RATES = `query($groupBy: RateGroup!, $recordedBy: DateTimeISO) {
  assessmentRates(period: { year: 2021 }, groupBy: $groupBy, asOf: "2021-12-31", recordedBy: $recordedBy) {
    cohort fulfilled fundsInPlace agreed fulfilmentRate fundsRate unit { code } } }`;

const rates = async (groupBy: string, recordedBy?: string) => {
  const r = await api.gql('bureau', RATES, { groupBy, recordedBy });
  expect(r.errors).toBeUndefined();
  return r.data.assessmentRates.filter((x: any) => groupBy === 'CITY' || x.unit?.code?.startsWith('R-'));
};

// The figures as published, hand-computed from the state before the edits:
//   E1: own Q1 4000; hosted Q3 6000 × 0.5 = 3000 → 7000 / 10000 = 0.7; foreign 40 + 50 × 0.5 = 65 / 100 = 0.65; ≥1亿 Q1 → 1/1.
//       0.6 × 0.7 + 0.2 × 0.65 + 0.2 × 1 = 0.42 + 0.13 + 0.2 = 0.75, rank 1
//   E2: Q2 3000 / 5000 = 0.6; foreign target 0 (null, counts 0); Q2 8000 < 10000 → 0/1. 0.6 × 0.6 = 0.36, rank 2
//   N1: Q3 6000 / 8000 = 0.75; foreign 50/50 = 1; ≥1亿 Q3 (10000) → 1/1. 0.45 + 0.2 + 0.2 = 0.85, rank 1
//   N2: Q4 2000 × 0.7 = 1400 / 2000 = 0.7; foreign 0/10; Q4 5000 → 0/1. 0.6 × 0.7 = 0.42, rank 2
const AS_PUBLISHED = {
  E1: { rank: 1, targetTotal: 10000, creditedOwn: 4000, creditedHosted: 3000, creditedTotal: 7000, creditedForeign: 65, bigProjectCount: 1, score: 0.75 },
  E2: { rank: 2, targetTotal: 5000, creditedOwn: 3000, creditedHosted: 0, creditedTotal: 3000, creditedForeign: 0, bigProjectCount: 0, score: 0.36 },
  N1: { rank: 1, targetTotal: 8000, creditedOwn: 6000, creditedHosted: 0, creditedTotal: 6000, creditedForeign: 50, bigProjectCount: 1, score: 0.85 },
  N2: { rank: 2, targetTotal: 2000, creditedOwn: 1400, creditedHosted: 0, creditedTotal: 1400, creditedForeign: 0, bigProjectCount: 0, score: 0.42 },
};

beforeAll(async () => {
  api = await createTestApi();
  await api.sql(`INSERT INTO assessment_rule (year, host_share, big_project_threshold, weight_total, weight_foreign, weight_count) VALUES (2021, 0.5, 10000, 0.6, 0.2, 0.2)`);
  await api.sql(`INSERT INTO assessment_coefficient (year, category_code, coefficient, basis)
                 SELECT 2021, category_code, coefficient, basis FROM assessment_coefficient WHERE year = 2026`);
  for (const [k, code, lon] of [['C', '419811', 102], ['D', '419812', 103]] as const) {
    const [{ id }] = await api.sql(`INSERT INTO region (code, name, level, boundary) VALUES ($1, $2, 'district', $3::geometry) RETURNING id`, [code, `补录测试县${k}`, square(lon)]);
    region[k] = id;
  }
  for (const [k, name, kind, reg, total, foreign, count] of [
    ['E1', '测试丙县', 'district', 'C', 10000, 100, 1], ['E2', '测试丁县', 'district', 'D', 5000, 0, 1],
    ['N1', '测试工信局', 'department', null, 8000, 50, 1], ['N2', '测试科技局', 'department', null, 2000, 10, 1],
  ] as const) {
    const [{ id }] = await api.sql(`INSERT INTO assessment_unit (code, name, kind, region_id) VALUES ($1, $2, $3::unit_kind, $4) RETURNING id`, [`R-${k}`, name, kind, reg ? region[reg] : null]);
    unit[k] = id;
    await api.sql(`INSERT INTO annual_target (unit_id, year, total_amount, foreign_amount, big_project_count) VALUES ($1, 2021, $2, $3, $4)`, [id, total, foreign, count]);
  }
  await addProject('Q1', { unit: 'E1', category: 'manufacturing', region: 'C', agreed: 12000, signed: '2021-03-01', company: '2021-03-15', arrival: { on: '2021-04-01', amount: 4000, foreign: 40 } });
  await addProject('Q2', { unit: 'E2', category: 'manufacturing', region: 'D', agreed: 8000, signed: '2021-05-01', arrival: { on: '2021-06-01', amount: 3000 } });
  await addProject('Q3', { unit: 'N1', category: 'manufacturing', region: 'C', agreed: 10000, signed: '2021-02-01', arrival: { on: '2021-03-01', amount: 6000, foreign: 50 } });
  await addProject('Q4', { unit: 'N2', category: 'hotel', agreed: 5000, signed: '2021-04-01', arrival: { on: '2021-05-01', amount: 2000 } });
});
afterAll(() => api.close());

describe('as published: attributes and configuration read as recorded by the publication moment', () => {
  it('before any edit, the published and the current figures agree', async () => {
    const now = await ranking();
    const then = await ranking(PUBLISHED);
    for (const k of ['E1', 'E2', 'N1', 'N2'] as const) {
      expect(now.by[k]).toMatchObject(AS_PUBLISHED[k]);
      expect(then.by[k]).toEqual(now.by[k]);
    }
  });

  it('edits after publication change the current figures and leave the published ones as they were', async () => {
    const [{ uscc }] = await api.sql(`SELECT uscc FROM enterprise WHERE uscc IS NOT NULL ORDER BY id LIMIT 1`);
    const UPDATE = `mutation($id: ID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { id } }`;
    const edits: [string, unknown][] = [
      [UPDATE, { id: String(project.Q1), i: { categoryCode: 'infrastructure' } }],
      [UPDATE, { id: String(project.Q3), i: { introducingUnitId: String(unit.N2) } }],
      [UPDATE, { id: String(project.Q2), i: { agreedInvestment: 12000, companyUscc: uscc, companyRegisteredOn: '2021-06-10' } }],
      [`mutation { setAssessmentCoefficient(input: { year: 2021, categoryCode: "hotel", coefficient: 1 }) { coefficient } }`, {}],
      [`mutation($u: ID!) { setAnnualTarget(input: { unitId: $u, year: 2021, totalAmount: 4000, foreignAmount: 0, bigProjectCount: 1 }) { year } }`, { u: String(unit.E2) }],
      [`mutation { setAssessmentRule(input: { year: 2021, hostShare: 0.25 }) { hostShare } }`, {}],
    ];
    for (const [q, v] of edits) expect((await api.gql('admin', q, v as Record<string, unknown>)).errors).toBeUndefined();

    const now = await ranking();
    expect(now.raw.rule.hostShare).toBe(0.25);
    // E1: Q1 excluded now (0%) → own 0; hosted Q3 6000 × 0.25 = 1500 → 1500 / 10000 = 0.15; foreign 50 × 0.25 = 12.5 / 100 = 0.125;
    //     ≥1亿: Q1 excluded → 0/1. 0.6 × 0.15 + 0.2 × 0.125 = 0.09 + 0.025 = 0.115
    expect(now.by.E1).toMatchObject({ creditedOwn: 0, creditedHosted: 1500, creditedTotal: 1500, creditedForeign: 12.5, bigProjectCount: 0, score: 0.115, rank: 2 });
    // E2: 3000 / 4000 (new target) = 0.75; Q2 now 12000 ≥ 10000 → 1/1. 0.6 × 0.75 + 0.2 × 1 = 0.45 + 0.2 = 0.65
    expect(now.by.E2).toMatchObject({ targetTotal: 4000, creditedTotal: 3000, bigProjectCount: 1, score: 0.65, rank: 1 });
    // N1 lost Q3: 0 credited, 0/1 → 0
    expect(now.by.N1).toMatchObject({ creditedTotal: 0, creditedForeign: 0, bigProjectCount: 0, score: 0, rank: 2 });
    // N2: Q3 6000 + Q4 2000 × 1 (hotel now 100%) = 8000 / 2000 = 4; foreign 50 / 10 = 5; ≥1亿 Q3 → 1/1.
    //     0.6 × 4 + 0.2 × 5 + 0.2 × 1 = 2.4 + 1 + 0.2 = 3.6
    expect(now.by.N2).toMatchObject({ creditedTotal: 8000, creditedForeign: 50, bigProjectCount: 1, score: 3.6, rank: 1 });

    const then = await ranking(PUBLISHED);
    expect(then.raw.rule.hostShare).toBe(0.5);
    for (const k of ['E1', 'E2', 'N1', 'N2'] as const) expect(then.by[k]).toMatchObject(AS_PUBLISHED[k]);
  });

  it('drill-down as published shows the old category and share; today the new ones', async () => {
    const Q = `query($u: ID!, $r: DateTimeISO) { assessmentCreditLines(unitId: $u, year: 2021, asOf: "2021-12-31", recordedBy: $r) {
      categoryCode coefficient share credited role project { code } } }`;
    const then = await api.gql('bureau', Q, { u: String(unit.E1), r: PUBLISHED });
    // Q3 (03-01) hosted 6000 × 1 × 0.5 = 3000; Q1 (04-01) manufacturing 4000 × 1 = 4000
    expect(then.data.assessmentCreditLines).toEqual([
      { categoryCode: 'manufacturing', coefficient: 1, share: 0.5, credited: 3000, role: 'HOST', project: { code: 'T2021-Q3' } },
      { categoryCode: 'manufacturing', coefficient: 1, share: 1, credited: 4000, role: 'OWN', project: { code: 'T2021-Q1' } },
    ]);
    const now = await api.gql('bureau', Q, { u: String(unit.E1) });
    // Q1 is infrastructure (0%): outside the assessment, no line; Q3 hosted 6000 × 0.25 = 1500
    expect(now.data.assessmentCreditLines).toEqual([
      { categoryCode: 'manufacturing', coefficient: 1, share: 0.25, credited: 1500, role: 'HOST', project: { code: 'T2021-Q3' } },
    ]);
  });

  it('rates as published read the old agreed amount, registration and unit', async () => {
    // Cohort Q1–Q4. Then: fulfilled (company + funds) Q1 only → 1/4 = 0.25; funds 4000 + 3000 + 6000 + 2000 = 15000 over
    // agreed 12000 + 8000 + 10000 + 5000 = 35000 → 0.428571
    expect(await rates('CITY', PUBLISHED)).toEqual([{ cohort: 4, fulfilled: 1, fundsInPlace: 15000, agreed: 35000, fulfilmentRate: 0.25, fundsRate: 0.428571, unit: null }]);
    // Now: Q2 registered 2021-06-10 → 2/4 = 0.5; agreed 12000 + 12000 + 10000 + 5000 = 39000 → 15000 / 39000 = 0.384615
    expect(await rates('CITY')).toEqual([{ cohort: 4, fulfilled: 2, fundsInPlace: 15000, agreed: 39000, fulfilmentRate: 0.5, fundsRate: 0.384615, unit: null }]);
    // By introducing unit: then N1 had Q3 (cohort 1), N2 Q4; now N2 has both and N1 none.
    const cohorts = (rows: any[]) => Object.fromEntries(rows.map((r) => [r.unit.code, r.cohort]));
    expect(cohorts(await rates('UNIT', PUBLISHED))).toEqual({ 'R-E1': 1, 'R-E2': 1, 'R-N1': 1, 'R-N2': 1 });
    expect(cohorts(await rates('UNIT'))).toEqual({ 'R-E1': 1, 'R-E2': 1, 'R-N2': 2 });
  });

  it('the revision names each unit that moved and every edit that moved it', async () => {
    const r = await api.gql('bureau', `query($p: DateTimeISO!) { assessmentRevision(year: 2021, asOf: "2021-12-31", publishedAt: $p) {
      changes { unit { code } rankThen rankNow scoreThen scoreNow creditedThen creditedNow }
      lateEntries { entityId }
      lateEdits { entity entityId field before after actorName project { code } } } }`, { p: PUBLISHED });
    expect(r.errors).toBeUndefined();
    const rev = r.data.assessmentRevision;
    // Today's order: districts E2, E1, then departments N2, N1 (figures above)
    expect(rev.changes).toEqual([
      { unit: { code: 'R-E2' }, rankThen: 2, rankNow: 1, scoreThen: 0.36, scoreNow: 0.65, creditedThen: 3000, creditedNow: 3000 },
      { unit: { code: 'R-E1' }, rankThen: 1, rankNow: 2, scoreThen: 0.75, scoreNow: 0.115, creditedThen: 7000, creditedNow: 1500 },
      { unit: { code: 'R-N2' }, rankThen: 2, rankNow: 1, scoreThen: 0.42, scoreNow: 3.6, creditedThen: 1400, creditedNow: 8000 },
      { unit: { code: 'R-N1' }, rankThen: 1, rankNow: 2, scoreThen: 0.85, scoreNow: 0, creditedThen: 6000, creditedNow: 0 },
    ]);
    // No arrival or stage date was recorded late: every change comes from an edit.
    expect(rev.lateEntries).toEqual([]);
    const edit = (entity: string, entityId: string, field: string, before: string | null, after: string | null, code: string | null = null) =>
      ({ entity, entityId, field, before, after, actorName: 'admin', project: code ? { code } : null });
    expect(rev.lateEdits).toEqual([
      edit('project', String(project.Q1), 'categoryCode', '制造业', '政府保障回报的基础设施和公益项目', 'T2021-Q1'),
      edit('project', String(project.Q3), 'introducingUnitId', '测试工信局', '测试科技局', 'T2021-Q3'),
      ...[['agreedInvestment', '8000', '12000'], ['companyRegisteredOn', null, '2021-06-10'], ['companyUscc', null, expect.any(String)]]
        .map(([f, b, a]) => edit('project', String(project.Q2), f as string, b as string | null, a as string, 'T2021-Q2')),
      edit('assessment_coefficient', '2021:hotel', 'coefficient', '0.7', '1'),
      edit('annual_target', `${unit.E2}:2021`, 'totalAmount', '5000', '4000'),
      edit('assessment_rule', '2021', 'hostShare', '0.5', '0.25'),
    ]);
  });

  it('a ledger re-import after publication (the import writes its own audit keys) is time-travelled too', async () => {
    const [q2] = await api.sql(`SELECT company_uscc AS uscc FROM project WHERE id = $1`, [project.Q2]);
    const keys = LEDGER_COLUMNS.map((c) => c.key);
    // Q2 as it is now, but in category 大型商贸 (large retail, 70%)
    const row: Record<string, string> = { code: 'T2021-Q2', name: '补录测试项目Q2', unit: 'R-E2', category: '大型商贸', region: '419812', agreed: '12000',
      uscc: q2.uscc, registeredOn: '2021-06-10', signed: '2021-05-01' };
    const file = '\uFEFF' + [LEDGER_COLUMNS.map((c) => c.header).join(','), keys.map((k) => row[k] ?? '').join(',')].join('\r\n');
    const IMPORT = `mutation($c: String!, $dry: Boolean!) { importProjectLedger(fileName: "q2.csv", contentBase64: $c, dryRun: $dry) { written updated problems { row column message } } }`;
    const r = await api.gql('bureau', IMPORT, { c: Buffer.from(file).toString('base64'), dry: false });
    expect(r.errors).toBeUndefined();
    expect(r.data.importProjectLedger).toEqual({ written: true, updated: 1, problems: [] });

    // Now E2: 3000 × 0.7 = 2100 / 4000 = 0.525; Q2 still ≥1亿 (12000, not excluded) → 1/1. 0.6 × 0.525 + 0.2 = 0.515
    expect((await ranking()).by.E2).toMatchObject({ creditedTotal: 2100, bigProjectCount: 1, score: 0.515, rank: 1 });
    // As published: Q2 manufacturing, agreed 8000 (the first change after publication, the mutation's, decides), no ≥1亿
    const then = await ranking(PUBLISHED);
    for (const k of ['E1', 'E2', 'N1', 'N2'] as const) expect(then.by[k]).toMatchObject(AS_PUBLISHED[k]);
    const rev = await api.gql('bureau', `query($p: DateTimeISO!) { assessmentRevision(year: 2021, asOf: "2021-12-31", publishedAt: $p) {
      lateEdits { field before after actorName project { code } } } }`, { p: PUBLISHED });
    expect(rev.data.assessmentRevision.lateEdits.at(-1)).toEqual({ field: 'categoryCode', before: '制造业', after: '大型商贸', actorName: 'bureau', project: { code: 'T2021-Q2' } });
  });

  it('a unit renamed after publication keeps its old name in the published ranking', async () => {
    const SAVE = `mutation($i: AssessmentUnitInput!) { saveAssessmentUnit(input: $i) { name } }`;
    const renamed = await api.gql('admin', SAVE, { i: { id: String(unit.N1), code: 'R-N1', name: '测试工业和信息化局', kind: 'DEPARTMENT' } });
    expect(renamed.errors).toBeUndefined();
    const NAMES = `query($r: DateTimeISO) { assessmentRanking(year: 2021, asOf: "2021-12-31", recordedBy: $r) { departments { code unit { id name } } } }`;
    const n1 = async (r?: string) => (await api.gql('bureau', NAMES, { r })).data.assessmentRanking.departments.find((d: any) => d.code === 'R-N1').unit;
    expect(await n1()).toEqual({ id: String(unit.N1), name: '测试工业和信息化局' });
    expect(await n1(PUBLISHED)).toEqual({ id: String(unit.N1), name: '测试工信局' });
  });
});
