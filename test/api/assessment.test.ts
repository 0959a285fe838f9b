import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type TestApi } from '../support/api';

// Hand-computed fixtures in the year 2040 (previous year 2039), which the demo city never reaches, so the
// expected numbers below depend on nothing but the rows inserted here. Rule 2040: host share 0.5, ≥1亿 =
// 10000万元, weights 0.6 / 0.2 / 0.2, back-dated after 30 days; coefficients: manufacturing 1, hotel 0.7,
// infrastructure 0 (excluded).
//
// Units and 2040 targets (total 万元 / foreign 万美元 / count ≥1亿):
//   D1 测试甲县 (county A)  10000 / 100 / 2      D2 测试乙县 (county B)  4000 / 0 / 1
//   M1 测试商务局 (dept)      8000 /  50 / 1      M2 测试发改委 (dept)     2000 / 10 / 1
// Projects:
//   P1 D1 manufacturing, in A, agreed 12000, signed 2039-11-10, started 2040-02-01, company 2039-12-01;
//      arrivals 2039-12-20 1000 (previous year), 2040-01-15 2000 (foreign 100万美元), 2040-05-10 2000
//   P2 D1 hotel (70%), in A, agreed 15000, signed 2040-03-01, started 2040-06-15, no company; arrival 2040-04-01 4000
//   P3 D1 infrastructure (excluded), in A, agreed 20000, signed 2040-02-01, started 2040-03-15, company 2040-01-15; arrival 2040-03-01 5000
//   P4 M1 manufacturing, in county B, agreed 11000, signed 2040-01-20, company 2040-01-25, started 2040-03-10,
//      in production 2040-09-01; arrival 2040-02-10 6000 (foreign 50)
//   P5 M1 manufacturing, in county A, agreed 5000, signed 2040-04-01, terminated 2040-06-01; arrival 2040-04-20 1000
//   P6 M2 manufacturing, no location, agreed 10000, signed 2040-02-15, company 2040-02-20; arrivals 2040-03-01 2000,
//      and 2040-03-31 1500 recorded only on 2040-07-15 (back-dated: 106 days late)
//   P7 D2 manufacturing, in B, agreed 9000, signed 2040-05-01, company 2040-07-10; arrival 2040-06-01 500
//   P8 D2 lead since 2040-01-01 (no progress); P9 D2 negotiating since 2040-02-01 (no activity since) — never signed,
//      so outside every rate and credit; they only exercise the project list's 淘汰制 / 提醒制 flags.
// Everything else is recorded on its own date at 10:00 China time.

let api: TestApi;
const unit: Record<string, number> = {};
const region: Record<string, number> = {};
const project: Record<string, number> = {};

const at = (d: string, time = '10:00') => `${d} ${time}+08`;
const square = (lon: number) => `SRID=4326;MULTIPOLYGON(((${lon} 10,${lon + 0.1} 10,${lon + 0.1} 10.1,${lon} 10.1,${lon} 10)))`;

async function addProject(key: string, p: {
  unit: string; category: string; region?: string; agreed: number; stage: string; company?: string;
  events: [string, string][]; funds: { on: string; amount: number; foreign?: number; recorded?: string }[];
}) {
  const [{ id }] = await api.sql(
    `INSERT INTO project (code, name, introducing_unit_id, category_code, region_id, stage, agreed_investment, company_uscc, company_registered_on)
     VALUES ($1, $2, $3, $4, $5, $6::project_stage, $7, $8, $9) RETURNING id`,
    [`T2040-${key}`, `考核测试项目${key}`, unit[p.unit], p.category, p.region ? region[p.region] : null, p.stage, p.agreed,
      p.company ? `91411400MA4000000${key.slice(1)}` : null, p.company ?? null],
  );
  project[key] = id;
  for (const [stage, on] of p.events) {
    await api.sql(`INSERT INTO project_stage_event (project_id, stage, entered_on, recorded_at) VALUES ($1, $2::project_stage, $3, $4)`, [id, stage, on, at(on)]);
  }
  for (const f of p.funds) {
    await api.sql(
      `INSERT INTO fund_arrival (project_id, arrived_on, amount, foreign_amount, kind, evidence_ref, recorded_at) VALUES ($1, $2, $3, $4, 'fixed_asset', $5, $6)`,
      [id, f.on, f.amount, f.foreign ?? 0, `测试凭证-${key}-${f.on}`, f.recorded ?? at(f.on)],
    );
  }
}

beforeAll(async () => {
  api = await createTestApi();
  await api.sql(`INSERT INTO assessment_rule (year, host_share, big_project_threshold, weight_total, weight_foreign, weight_count, backdate_days)
                 VALUES (2040, 0.5, 10000, 0.6, 0.2, 0.2, 30)`);
  await api.sql(`INSERT INTO assessment_coefficient (year, category_code, coefficient, basis)
                 SELECT 2040, category_code, coefficient, basis FROM assessment_coefficient WHERE year = 2026`);
  for (const [k, code, lon] of [['A', '419801', 100], ['B', '419802', 101]] as const) {
    const [{ id }] = await api.sql(`INSERT INTO region (code, name, level, boundary) VALUES ($1, $2, 'district', $3::geometry) RETURNING id`, [code, `测试县${k}`, square(lon)]);
    region[k] = id;
  }
  for (const [k, name, kind, reg, total, foreign, count] of [
    ['D1', '测试甲县', 'district', 'A', 10000, 100, 2], ['D2', '测试乙县', 'district', 'B', 4000, 0, 1],
    ['M1', '测试商务局', 'department', null, 8000, 50, 1], ['M2', '测试发改委', 'department', null, 2000, 10, 1],
  ] as const) {
    const [{ id }] = await api.sql(`INSERT INTO assessment_unit (code, name, kind, region_id) VALUES ($1, $2, $3::unit_kind, $4) RETURNING id`, [`T-${k}`, name, kind, reg ? region[reg] : null]);
    unit[k] = id;
    await api.sql(`INSERT INTO annual_target (unit_id, year, total_amount, foreign_amount, big_project_count) VALUES ($1, 2040, $2, $3, $4)`, [id, total, foreign, count]);
  }
  await addProject('P1', { unit: 'D1', category: 'manufacturing', region: 'A', agreed: 12000, stage: 'started', company: '2039-12-01',
    events: [['signed', '2039-11-10'], ['started', '2040-02-01']],
    funds: [{ on: '2039-12-20', amount: 1000 }, { on: '2040-01-15', amount: 2000, foreign: 100 }, { on: '2040-05-10', amount: 2000 }] });
  await addProject('P2', { unit: 'D1', category: 'hotel', region: 'A', agreed: 15000, stage: 'started',
    events: [['signed', '2040-03-01'], ['started', '2040-06-15']], funds: [{ on: '2040-04-01', amount: 4000 }] });
  await addProject('P3', { unit: 'D1', category: 'infrastructure', region: 'A', agreed: 20000, stage: 'started', company: '2040-01-15',
    events: [['signed', '2040-02-01'], ['started', '2040-03-15']], funds: [{ on: '2040-03-01', amount: 5000 }] });
  await addProject('P4', { unit: 'M1', category: 'manufacturing', region: 'B', agreed: 11000, stage: 'in_production', company: '2040-01-25',
    events: [['signed', '2040-01-20'], ['started', '2040-03-10'], ['completed', '2040-08-01'], ['in_production', '2040-09-01']],
    funds: [{ on: '2040-02-10', amount: 6000, foreign: 50 }] });
  await addProject('P5', { unit: 'M1', category: 'manufacturing', region: 'A', agreed: 5000, stage: 'terminated',
    events: [['signed', '2040-04-01'], ['terminated', '2040-06-01']], funds: [{ on: '2040-04-20', amount: 1000 }] });
  await addProject('P6', { unit: 'M2', category: 'manufacturing', agreed: 10000, stage: 'signed', company: '2040-02-20',
    events: [['signed', '2040-02-15']], funds: [{ on: '2040-03-01', amount: 2000 }, { on: '2040-03-31', amount: 1500, recorded: at('2040-07-15') }] });
  await addProject('P7', { unit: 'D2', category: 'manufacturing', region: 'B', agreed: 9000, stage: 'signed', company: '2040-07-10',
    events: [['signed', '2040-05-01']], funds: [{ on: '2040-06-01', amount: 500 }] });
  await addProject('P8', { unit: 'D2', category: 'manufacturing', agreed: 3000, stage: 'lead', events: [['lead', '2040-01-01']], funds: [] });
  await addProject('P9', { unit: 'D2', category: 'manufacturing', agreed: 4000, stage: 'negotiating', events: [['lead', '2040-01-01'], ['negotiating', '2040-02-01']], funds: [] });
});
afterAll(() => api.close());

const RANKING = `query($year: Int!, $asOf: LocalDate, $recordedBy: DateTimeISO) {
  assessmentRanking(year: $year, asOf: $asOf, recordedBy: $recordedBy) {
    asOf rule { hostShare }
    districts { ...S } departments { ...S } bottomDistricts { code } bottomDepartments { code }
  } }
  fragment S on UnitScore { code rank unitsRanked targetTotal targetTotalYi creditedTotal creditedOwn creditedHosted creditedForeign bigProjectCount
    completionTotal completionForeign completionCount score unit { name } }`;

const ranking = async (asOf: string, recordedBy?: string) => {
  const r = await api.gql('bureau', RANKING, { year: 2040, asOf, recordedBy });
  expect(r.errors).toBeUndefined();
  const rows = [...r.data.assessmentRanking.districts, ...r.data.assessmentRanking.departments];
  return { raw: r.data.assessmentRanking, by: Object.fromEntries(rows.map((x: any) => [x.code.slice(2), x])) as Record<string, any> };
};

describe('assessment: credited amounts, scores and ranking (hand-computed)', () => {
  it('as of 2040-06-30', async () => {
    const { raw, by } = await ranking('2040-06-30');
    // D1: own P1 2000 + 2000 (the 2039 arrival counts in 2039) + P2 4000 × 0.7 = 2800 → 6800; P3 excluded (0%);
    //     hosted P5 (M1's project in county A) 1000 × 0.5 = 500 → 7300; foreign P1 100; ≥1亿: P2 (15000, signed 2040) → 1
    //     (P1 signed 2039, P3 excluded). Score 0.6 × 7300/10000 + 0.2 × 100/100 + 0.2 × 1/2 = 0.438 + 0.2 + 0.1 = 0.738
    expect(by.D1).toMatchObject({ creditedOwn: 6800, creditedHosted: 500, creditedTotal: 7300, creditedForeign: 100, bigProjectCount: 1,
      completionTotal: 0.73, completionForeign: 1, completionCount: 0.5, score: 0.738, rank: 1, targetTotal: 10000, targetTotalYi: 1 });
    // D2: own P7 500; hosted P4 6000 × 0.5 = 3000 → 3500; foreign 50 × 0.5 = 25 (target 0 → completion null);
    //     ≥1亿: P7 is 9000 → 0. Score 0.6 × 3500/4000 = 0.525
    expect(by.D2).toMatchObject({ creditedOwn: 500, creditedHosted: 3000, creditedTotal: 3500, creditedForeign: 25, bigProjectCount: 0,
      completionTotal: 0.875, completionForeign: null, completionCount: 0, score: 0.525, rank: 2 });
    // M1: P4 6000 + P5 1000 (terminated, but its money arrived) = 7000, all its own; foreign 50; ≥1亿: P4 → 1 (P5 5000, terminated).
    //     Score 0.6 × 7000/8000 + 0.2 × 50/50 + 0.2 × 1/1 = 0.525 + 0.2 + 0.2 = 0.925
    expect(by.M1).toMatchObject({ creditedTotal: 7000, creditedHosted: 0, creditedForeign: 50, bigProjectCount: 1, completionTotal: 0.875, score: 0.925, rank: 2 });
    // M2: P6 2000 + 1500 = 3500 (uncapped: 3500/2000 = 1.75); foreign 0/10 = 0; ≥1亿: P6 (10000 ≥ 10000) → 1.
    //     Score 0.6 × 1.75 + 0 + 0.2 = 1.25
    expect(by.M2).toMatchObject({ creditedTotal: 3500, completionTotal: 1.75, completionForeign: 0, completionCount: 1, score: 1.25, rank: 1 });
    // Ranked separately (分级考核): only units with a 2040 target, two of each kind.
    expect(raw.districts.map((x: any) => x.code)).toEqual(['T-D1', 'T-D2']);
    expect(raw.departments.map((x: any) => x.code)).toEqual(['T-M2', 'T-M1']);
    expect(raw.districts[0].unitsRanked).toBe(2);
    expect(raw.bottomDistricts.map((x: any) => x.code)).toEqual(['T-D2', 'T-D1']);
  });

  it('as of 2040-03-31 the districts swap places', async () => {
    const { by } = await ranking('2040-03-31');
    // D1: P1 2000 only (P2's money arrives in April) → 0.6 × 0.2 + 0.2 × 100/100 + 0.2 × 1/2 (P2 signed 03-01) = 0.12 + 0.2 + 0.1 = 0.42
    expect(by.D1).toMatchObject({ creditedTotal: 2000, creditedForeign: 100, bigProjectCount: 1, score: 0.42, rank: 2 });
    // D2: hosted P4 3000 → 0.6 × 3000/4000 = 0.45
    expect(by.D2).toMatchObject({ creditedTotal: 3000, score: 0.45, rank: 1 });
    // M1: P4 6000 → 0.6 × 0.75 + 0.2 + 0.2 = 0.85; M2: 3500 (both March arrivals are dated by 03-31) → 1.25
    expect(by.M1).toMatchObject({ creditedTotal: 6000, score: 0.85 });
    expect(by.M2).toMatchObject({ creditedTotal: 3500, score: 1.25 });
  });

  it('as published on 2040-07-01, without the back-dated arrival, and what changed since', async () => {
    const published = '2040-06-30T16:00:00Z'; // 2040-07-01 00:00 China time
    const { by } = await ranking('2040-06-30', published);
    // M2 then: only 2000 recorded (the 03-31 arrival was entered on 07-15) → 0.6 × 1 + 0 + 0.2 = 0.8, below M1's 0.925
    expect(by.M2).toMatchObject({ creditedTotal: 2000, score: 0.8, rank: 2 });
    expect(by.M1).toMatchObject({ score: 0.925, rank: 1 });
    const r = await api.gql('bureau', `query($p: DateTimeISO!) { assessmentRevision(year: 2040, asOf: "2040-06-30", publishedAt: $p) {
      changes { unit { code } rankThen rankNow scoreThen scoreNow creditedThen creditedNow }
      lateEntries { entity effectiveOn amount project { code } unit { code } } } }`, { p: published });
    expect(r.errors).toBeUndefined();
    expect(r.data.assessmentRevision.changes).toEqual([
      { unit: { code: 'T-M2' }, rankThen: 2, rankNow: 1, scoreThen: 0.8, scoreNow: 1.25, creditedThen: 2000, creditedNow: 3500 },
      { unit: { code: 'T-M1' }, rankThen: 1, rankNow: 2, scoreThen: 0.925, scoreNow: 0.925, creditedThen: 7000, creditedNow: 7000 },
    ]);
    expect(r.data.assessmentRevision.lateEntries).toEqual([
      { entity: 'fund_arrival', effectiveOn: '2040-03-31', amount: 1500, project: { code: 'T2040-P6' }, unit: { code: 'T-M2' } },
    ]);
  });

  it('flags the back-dated arrival and drills a credited figure down to its arrivals and coefficients', async () => {
    const b = await api.gql('bureau', `{ backdatedFundArrivals(year: 2040, asOf: "2040-12-31") { arrivedOn amount recordedAfterDays project { code } unit { code } } }`);
    // 2040-03-31 → 2040-07-15: 30 (Apr) + 31 (May) + 30 (Jun) + 15 = 106 days > 30
    expect(b.data.backdatedFundArrivals).toEqual([{ arrivedOn: '2040-03-31', amount: 1500, recordedAfterDays: 106, project: { code: 'T2040-P6' }, unit: { code: 'T-M2' } }]);
    const d = await api.gql('bureau', `query($u: ID!) { assessmentCreditLines(unitId: $u, year: 2040, asOf: "2040-06-30") {
      arrivedOn amount coefficient share credited creditedForeign role backdated project { code } } }`, { u: String(unit.D1) });
    expect(d.errors).toBeUndefined();
    expect(d.data.assessmentCreditLines).toEqual([
      { arrivedOn: '2040-01-15', amount: 2000, coefficient: 1, share: 1, credited: 2000, creditedForeign: 100, role: 'OWN', backdated: false, project: { code: 'T2040-P1' } },
      { arrivedOn: '2040-04-01', amount: 4000, coefficient: 0.7, share: 1, credited: 2800, creditedForeign: 0, role: 'OWN', backdated: false, project: { code: 'T2040-P2' } },
      { arrivedOn: '2040-04-20', amount: 1000, coefficient: 1, share: 0.5, credited: 500, creditedForeign: 0, role: 'HOST', backdated: false, project: { code: 'T2040-P5' } },
      { arrivedOn: '2040-05-10', amount: 2000, coefficient: 1, share: 1, credited: 2000, creditedForeign: 0, role: 'OWN', backdated: false, project: { code: 'T2040-P1' } },
    ]);
    // 2000 + 2800 + 500 + 2000 = 7300, D1's credited total
    expect(d.data.assessmentCreditLines.reduce((a: number, l: any) => a + l.credited, 0)).toBe(7300);
  });

  it('host share 0 turns the placement rule off on the next query; the change is audited; only admin may make it', async () => {
    const SET = `mutation($i: AssessmentRuleInput!) { setAssessmentRule(input: $i) { year hostShare } }`;
    expect(codes(await api.gql('bureau', SET, { i: { year: 2040, hostShare: 0 } }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql('admin', SET, { i: { year: 2040, hostShare: 1.5 } }))).toEqual(['INVALID_ARGUMENT']);
    const set = await api.gql('admin', SET, { i: { year: 2040, hostShare: 0 } });
    expect(set.data.setAssessmentRule).toEqual({ year: 2040, hostShare: 0 });
    const { by } = await ranking('2040-06-30');
    // D1 without the 500 hosted: 6800 → 0.6 × 0.68 + 0.2 + 0.1 = 0.708; D2 without 3000: 500 → 0.6 × 500/4000 = 0.075
    expect(by.D1).toMatchObject({ creditedTotal: 6800, creditedHosted: 0, score: 0.708 });
    expect(by.D2).toMatchObject({ creditedTotal: 500, creditedForeign: 0, score: 0.075 });
    // Departments keep 100% of their own projects either way.
    expect(by.M1).toMatchObject({ creditedTotal: 7000 });
    const [audit] = await api.sql(`SELECT before->>'hostShare' AS b, after->>'hostShare' AS a FROM audit_log WHERE entity = 'assessment_rule' AND entity_id = '2040' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ b: '0.5', a: '0' });
    await api.gql('admin', SET, { i: { year: 2040, hostShare: 0.5 } });
    expect((await ranking('2040-06-30')).by.D1.creditedTotal).toBe(7300);
  });

  it('coefficients and targets are data: a changed coefficient or target changes the next ranking', async () => {
    const COEF = `mutation($i: AssessmentCoefficientInput!) { setAssessmentCoefficient(input: $i) { year categoryCode coefficient } }`;
    expect(codes(await api.gql('admin', COEF, { i: { year: 2040, categoryCode: 'hotel', coefficient: 1.2 } }))).toEqual(['INVALID_ARGUMENT']);
    await api.gql('admin', COEF, { i: { year: 2040, categoryCode: 'hotel', coefficient: 1 } });
    // P2 at 100%: D1 own 2000 + 2000 + 4000 = 8000, + 500 hosted = 8500
    expect((await ranking('2040-06-30')).by.D1.creditedTotal).toBe(8500);
    await api.gql('admin', COEF, { i: { year: 2040, categoryCode: 'hotel', coefficient: 0.7 } });
    const TARGET = `mutation($i: AnnualTargetInput!) { setAnnualTarget(input: $i) { year totalAmount totalAmountYi } }`;
    expect(codes(await api.gql('admin', TARGET, { i: { unitId: String(unit.D2), year: 2040, totalAmount: 3500.123, foreignAmount: 0, bigProjectCount: 1 } }))).toEqual(['INVALID_AMOUNT']);
    const t = await api.gql('admin', TARGET, { i: { unitId: String(unit.D2), year: 2040, totalAmount: 3500, foreignAmount: 0, bigProjectCount: 1 } });
    expect(t.data.setAnnualTarget).toEqual({ year: 2040, totalAmount: 3500, totalAmountYi: 0.35 });
    // D2: 3500 / 3500 = 1 → 0.6
    expect((await ranking('2040-06-30')).by.D2).toMatchObject({ completionTotal: 1, score: 0.6 });
    await api.gql('admin', TARGET, { i: { unitId: String(unit.D2), year: 2040, totalAmount: 4000, foreignAmount: 0, bigProjectCount: 1 } });
  });

  it('a unit shows its own line (district panel) and an unconfigured year is a coded error', async () => {
    const r = await api.gql('liangyuan', `query($id: ID!) { assessmentUnit(id: $id) { assessment(year: 2040, asOf: "2040-06-30") { creditedTotal rank score } } }`, { id: String(unit.D1) });
    expect(r.data.assessmentUnit.assessment).toEqual({ creditedTotal: 7300, rank: 1, score: 0.738 });
    // The district panel: county A's unit is D1, with its line of the ranking and its rates (cohort P2, P3, see below).
    const g = await api.gql('bureau', `query($id: ID!) { region(id: $id) { assessmentUnit { name assessment(asOf: "2040-06-30") { rank creditedTotal }
      rates(asOf: "2040-06-30") { cohort startRate fundsRate } } } }`, { id: String(region.A) });
    expect(g.data.region.assessmentUnit).toEqual({ name: '测试甲县', assessment: { rank: 1, creditedTotal: 7300 }, rates: { cohort: 2, startRate: 1, fundsRate: 0.257143 } });
    expect(codes(await api.gql('bureau', `{ assessmentRanking(year: 2099, asOf: "2099-01-01") { year } }`))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(null, `{ assessmentRanking(year: 2040) { year } }`))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('assessment: the four rates (hand-computed)', () => {
  const RATES = `query($period: PeriodInput!, $groupBy: RateGroup!, $asOf: LocalDate, $recordedBy: DateTimeISO) {
    assessmentRates(period: $period, groupBy: $groupBy, asOf: $asOf, recordedBy: $recordedBy) {
      groupId cohort fulfilled started producing terminated fundsInPlace agreed fulfilmentRate startRate productionRate fundsRate
      unit { code } region { code } } }`;

  it('for the city, year 2040 as of 2040-06-30', async () => {
    const r = await api.gql('bureau', RATES, { period: { year: 2040 }, groupBy: 'CITY', asOf: '2040-06-30' });
    expect(r.errors).toBeUndefined();
    // Cohort: signed in 2040 by 06-30 → P2 P3 P4 P5 P6 P7 = 6 (P1 signed in 2039). Terminated P5 stays in.
    // 履约 (company by as-of and any funds): P3, P4, P6 → 3/6 = 0.5 (P2, P5 no company; P7 registered 07-10)
    // 开工 by 06-30: P2 (06-15), P3 (03-15), P4 (03-10) → 0.5;  投产: P4 only on 09-01 → 0
    // 资金到位率: (4000 + 5000 + 6000 + 1000 + 3500 + 500) / (15000 + 20000 + 11000 + 5000 + 10000 + 9000) = 20000 / 70000 = 0.285714
    expect(r.data.assessmentRates).toEqual([{ groupId: null, cohort: 6, fulfilled: 3, started: 3, producing: 0, terminated: 1,
      fundsInPlace: 20000, agreed: 70000, fulfilmentRate: 0.5, startRate: 0.5, productionRate: 0, fundsRate: 0.285714, unit: null, region: null }]);
    // As published on 2040-07-01: P6's back-dated 1500 was not yet recorded → 18500 / 70000 = 0.264286
    const pub = await api.gql('bureau', RATES, { period: { year: 2040 }, groupBy: 'CITY', asOf: '2040-06-30', recordedBy: '2040-06-30T16:00:00Z' });
    expect(pub.data.assessmentRates[0]).toMatchObject({ fundsInPlace: 18500, fundsRate: 0.264286 });
  });

  it('by introducing unit and by location, with the cohort listed project by project', async () => {
    const byUnit = await api.gql('bureau', RATES, { period: { year: 2040 }, groupBy: 'UNIT', asOf: '2040-06-30' });
    const d1 = byUnit.data.assessmentRates.find((x: any) => x.unit?.code === 'T-D1');
    // D1 cohort P2, P3: fulfilled P3 → 0.5; started both → 1; funds (4000 + 5000) / (15000 + 20000) = 0.257143
    expect(d1).toMatchObject({ cohort: 2, fulfilled: 1, started: 2, fulfilmentRate: 0.5, startRate: 1, fundsRate: 0.257143 });
    const byRegion = await api.gql('bureau', RATES, { period: { year: 2040 }, groupBy: 'REGION', asOf: '2040-06-30' });
    const a = byRegion.data.assessmentRates.find((x: any) => x.region?.code === '419801');
    // Located in county A: P2, P3 and M1's P5 → 3; fulfilled P3 → 0.333333; started P2, P3 → 0.666667;
    // funds (4000 + 5000 + 1000) / (15000 + 20000 + 5000) = 0.25; P5 terminated
    expect(a).toMatchObject({ cohort: 3, fulfilled: 1, started: 2, terminated: 1, fulfilmentRate: 0.333333, startRate: 0.666667, fundsRate: 0.25 });
    const c = await api.gql('bureau', `query($id: ID!) { assessmentRateCohort(period: { year: 2040 }, groupBy: UNIT, groupId: $id, asOf: "2040-06-30") {
      project { code } signedOn registered fundsInPlace fulfilled started producing startedOn } }`, { id: String(unit.D1) });
    expect(c.data.assessmentRateCohort).toEqual([
      { project: { code: 'T2040-P3' }, signedOn: '2040-02-01', registered: true, fundsInPlace: 5000, fulfilled: true, started: true, producing: false, startedOn: '2040-03-15' },
      { project: { code: 'T2040-P2' }, signedOn: '2040-03-01', registered: false, fundsInPlace: 4000, fulfilled: false, started: true, producing: false, startedOn: '2040-06-15' },
    ]);
  });

  it('for the first quarter as of year end, and a coded error for a bad period', async () => {
    const r = await api.gql('bureau', RATES, { period: { year: 2040, quarter: 1 }, groupBy: 'CITY', asOf: '2040-12-31' });
    // Signed in Q1 (Jan–Mar): P4, P3, P6, P2 → 4; fulfilled P3, P4, P6 → 0.75; started by year end P2, P3, P4 → 0.75;
    // producing P4 → 0.25; funds (4000 + 5000 + 6000 + 3500) / (15000 + 20000 + 11000 + 10000) = 18500 / 56000 = 0.330357
    expect(r.data.assessmentRates[0]).toMatchObject({ cohort: 4, fulfilmentRate: 0.75, startRate: 0.75, productionRate: 0.25, fundsRate: 0.330357 });
    expect(codes(await api.gql('bureau', RATES, { period: { year: 2040, quarter: 5 }, groupBy: 'CITY' }))).toEqual(['INVALID_ARGUMENT']);
  });

  it('start rate month by month against the target curve', async () => {
    const r = await api.gql('bureau', `{ startRateByMonth(year: 2040, asOf: "2040-06-30") { month asOf cohort started rate target } }`);
    expect(r.data.startRateByMonth).toEqual([
      { month: 1, asOf: '2040-01-31', cohort: 1, started: 0, rate: 0, target: 0.1 },          // P4 signed 01-20
      { month: 2, asOf: '2040-02-29', cohort: 3, started: 0, rate: 0, target: 0.2 },          // + P3, P6 (leap year)
      { month: 3, asOf: '2040-03-31', cohort: 4, started: 2, rate: 0.5, target: 0.3 },        // + P2; P4, P3 started
      { month: 4, asOf: '2040-04-30', cohort: 5, started: 2, rate: 0.4, target: 0.466667 },   // + P5; 0.3 + 0.5/3
      { month: 5, asOf: '2040-05-31', cohort: 6, started: 2, rate: 0.333333, target: 0.633333 }, // + P7
      { month: 6, asOf: '2040-06-30', cohort: 6, started: 3, rate: 0.5, target: 0.8 },        // P2 started 06-15
    ]);
  });
});

describe('money is exact', () => {
  it('refuses more than 2 decimals with INVALID_AMOUNT and returns what the database holds', async () => {
    const FUND = `mutation($input: RecordFundArrivalInput!) { recordFundArrival(input: $input) { amount } }`;
    const [p] = await api.sql(`SELECT id FROM project WHERE stage = 'started' AND code NOT LIKE 'T2040%' ORDER BY id LIMIT 1`);
    const bad = await api.gql('bureau', FUND, { input: { projectId: String(p.id), arrivedOn: '2026-01-05', amount: 1.005, kind: 'FIXED_ASSET', evidenceRef: '测试' } });
    expect(codes(bad)).toEqual(['INVALID_AMOUNT']);
    const [{ n }] = await api.sql(`SELECT count(*)::int AS n FROM fund_arrival WHERE amount = 1.01 AND evidence_ref = '测试'`);
    expect(n).toBe(0);
    // 0.1 + 0.2 in floating point is 0.30000000000000004: sums are exact numeric in SQL, so three 0.1 arrivals read back as 0.3.
    const [{ s }] = await api.sql(`SELECT round(sum(x), 2)::float8 AS s FROM (VALUES (0.1::numeric), (0.2::numeric)) v(x)`);
    expect(s).toBe(0.3);
  });
});

describe('assessment export', () => {
  it('writes the ranking, rates and credit lines to XLSX', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const r = await api.gql('bureau', `{ assessmentWorkbook(year: 2040, asOf: "2040-06-30") { fileName contentBase64 } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.assessmentWorkbook.fileName).toBe('考核-2040-2040-06-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.data.assessmentWorkbook.contentBase64, 'base64') as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['区县排名', '市直部门排名', '四率', '计分明细']);
    // Row 1 title, row 2 header, row 3 the first district: 测试甲县 with 7300 credited and 0.738
    const first = wb.getWorksheet('区县排名')!.getRow(3).values as unknown[];
    expect(first.slice(1, 5)).toEqual([1, '测试甲县', 1, 7300]);
    expect(first[14]).toBe(0.738);
    // D1 4 + D2 2 (P7, hosted P4) + M1 2 + M2 2 = 10 credit lines
    expect(wb.getWorksheet('计分明细')!.rowCount).toBe(2 + 10);
  });
});

describe('the bureau\'s project list', () => {
  const LIST = `query($f: ProjectListFilter, $sort: ProjectListSort, $limit: Int, $offset: Int) {
    projectList(filter: $f, sort: $sort, limit: $limit, offset: $offset, asOf: "2040-06-30") {
      totalCount totalAgreed totalFundsInPlace rows { project { code } fundsInPlace signedOn reminder elimination } } }`;

  it('filters, totals over every match, sorts and pages on the server', async () => {
    const r = await api.gql('bureau', LIST, { f: { unitId: String(unit.D1) }, sort: 'AGREED_DESC', limit: 2, offset: 0 });
    expect(r.errors).toBeUndefined();
    // D1: P1 12000 + P2 15000 + P3 20000 = 47000 agreed; funds by 06-30: P1 1000 + 2000 + 2000 = 5000, P2 4000, P3 5000 → 14000
    expect(r.data.projectList).toMatchObject({ totalCount: 3, totalAgreed: 47000, totalFundsInPlace: 14000 });
    expect(r.data.projectList.rows.map((x: any) => x.project.code)).toEqual(['T2040-P3', 'T2040-P2']);
    const p2 = await api.gql('bureau', LIST, { f: { unitId: String(unit.D1) }, sort: 'AGREED_DESC', limit: 2, offset: 2 });
    expect(p2.data.projectList).toMatchObject({ totalCount: 3, totalAgreed: 47000, rows: [{ project: { code: 'T2040-P1' }, fundsInPlace: 5000, signedOn: '2039-11-10' }] });
  });

  it('flags 淘汰制 and 提醒制 candidates with the year\'s days', async () => {
    // P8: a lead since 01-01, 181 days > 90 elimination days; P9: negotiating since 02-01, 150 days > 30 reminder days
    const e = await api.gql('bureau', LIST, { f: { unitId: String(unit.D2), elimination: true } });
    expect(e.data.projectList.rows.map((x: any) => x.project.code)).toEqual(['T2040-P8']);
    const m = await api.gql('bureau', LIST, { f: { unitId: String(unit.D2), reminder: true } });
    expect(m.data.projectList.rows.map((x: any) => x.project.code)).toEqual(['T2040-P9']);
    const s = await api.gql('bureau', LIST, { f: { unitId: String(unit.D2), stages: ['SIGNED'] } });
    expect(s.data.projectList).toMatchObject({ totalCount: 1, totalAgreed: 9000, rows: [{ project: { code: 'T2040-P7' } }] });
    expect(codes(await api.gql('bureau', LIST, { limit: 5000 }))).toEqual(['PAGE_TOO_LARGE']);
  });
});
