import { CombinedGraphQLErrors } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Header } from '../components/Header';
import {
  AssessmentConfigQueryDocument, AssessmentConfigRuleQueryDocument, SaveAssessmentUnitMutationDocument, SetAnnualTargetMutationDocument,
  SetAssessmentCoefficientMutationDocument, SetAssessmentRuleMutationDocument,
  type AssessmentConfigQuery, type AssessmentConfig_RuleFragment, type UnitKind,
} from '../graphql/generated/graphql';
import { useAtlasConfig } from '../hooks/useAtlasConfig';
import { useT, type MessageKey } from '../i18n';
import { errorMessage } from '../app/apolloClient';
import { hrefFor, type PageProps } from '../app/routes';
import { shiftDecimal, unshiftDecimal } from './configNumbers';
import { todayInChina } from './download';
import './assessment.css';

type Unit = AssessmentConfigQuery['assessmentUnits']['nodes'][number];
type Region = AssessmentConfigQuery['regions']['nodes'][number];

/** Fields the server names in `extensions.field` that have a rule worded for people (config.field.* / config.err.*). */
const FIELDS = ['year', 'hostShare', 'weightTotal', 'weightForeign', 'weightCount', 'weights', 'bigProjectThreshold', 'reminderDays', 'eliminationDays',
  'backdateDays', 'startRateCurve', 'coefficient', 'totalAmount', 'foreignAmount', 'bigProjectCount', 'code', 'name', 'regionId'];
const REFETCH = { refetchQueries: ['AssessmentConfigQuery', 'AssessmentConfigRuleQuery'], awaitRefetchQueries: true };

/** 考核配置 (admin): units, annual targets, the coefficient table and the yearly rules; each save takes effect on the next query. */
export function AssessmentConfigPage({ viewer, onSignOut }: PageProps) {
  const t = useT();
  const { config } = useAtlasConfig();
  return (
    <div className="assessment-page">
      <Header viewer={viewer} demo={config?.demo ?? false} onSignOut={onSignOut} />
      <main className="assessment-main" data-testid="config-page">
        <div className="assessment-toolbar">
          <h1>{t('config.title')}</h1>
          <a className="btn secondary" href={hrefFor('assessment')} data-testid="config-to-dashboard">{t('config.toDashboard')}</a>
        </div>
        {viewer.role === 'ADMIN' ? <ConfigBody /> : <p className="muted" data-testid="config-admin-only">{t('config.adminOnly')}</p>}
      </main>
    </div>
  );
}

function ConfigBody() {
  const t = useT();
  const [year, setYear] = useState(() => Number(todayInChina().slice(0, 4)));
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  const { data, error } = useQuery(AssessmentConfigQueryDocument, { variables: { year }, skip: !valid, fetchPolicy: 'cache-and-network' });
  const rule = useQuery(AssessmentConfigRuleQueryDocument, { variables: { year }, skip: !valid, fetchPolicy: 'cache-and-network' });
  const units = data?.assessmentUnits.nodes ?? [];
  return (
    <>
      <div className="assessment-toolbar">
        <label>{t('config.year')} <input type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="config-year" /></label>
        <span className="muted small">{t('config.effect')}</span>
      </div>
      {error && <ConfigError error={error} />}
      <section className="assessment-card" data-testid="config-rule">
        <h2>{t('config.rule', { year })}</h2>
        {rule.data ? <RuleForm key={`${year}`} rule={rule.data.assessmentRule} />
          : rule.error && (/NOT_FOUND/.test(JSON.stringify(rule.error)) ? <NewYear year={year} /> : <ConfigError error={rule.error} />)}
      </section>
      {data && (
        <div className="assessment-grid">
          <section className="assessment-card" data-testid="config-coefficients">
            <h2>{t('config.coefficients', { year })}</h2>
            <table className="data-table">
              <thead><tr><th>{t('projects.category')}</th><th>{t('config.coefficient')}</th><th /></tr></thead>
              <tbody>
                {data.assessmentCategories.map((c) => (
                  <CoefficientRow key={`${year}-${c.code}`} year={year} code={c.code} name={c.name}
                    coefficient={data.assessmentCoefficients.find((x) => x.categoryCode === c.code)?.coefficient ?? null} />
                ))}
              </tbody>
            </table>
          </section>
          <section className="assessment-card" data-testid="config-targets">
            <h2>{t('config.targets', { year })}</h2>
            <table className="data-table">
              <thead><tr><th>{t('assess.unit')}</th><th>{t('config.targetTotal')}</th><th>{t('config.targetForeign')}</th><th>{t('config.targetCount')}</th><th /></tr></thead>
              <tbody>{units.map((u) => <TargetRow key={`${year}-${u.id}`} year={year} unit={u} />)}</tbody>
            </table>
          </section>
        </div>
      )}
      {data && (
        <section className="assessment-card" data-testid="config-units">
          <h2>{t('config.units')}</h2>
          <table className="data-table">
            <thead><tr><th>{t('config.code')}</th><th>{t('config.name')}</th><th>{t('config.kind')}</th><th>{t('config.region')}</th><th /></tr></thead>
            <tbody>
              {units.map((u) => <UnitRow key={u.id} unit={u} regions={data.regions.nodes} />)}
              <UnitRow key="new" unit={null} regions={data.regions.nodes} />
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

/** A save button with what happened to the last save: saved, or the error in the UI language. */
function useSave() {
  const [state, setState] = useState<{ saved: boolean; error: unknown }>({ saved: false, error: null });
  const run = async (f: () => Promise<unknown>) => {
    setState({ saved: false, error: null });
    try {
      await f();
      setState({ saved: true, error: null });
    } catch (error) {
      setState({ saved: false, error });
    }
  };
  return { ...state, run, fail: (error: string) => setState({ saved: false, error }) };
}

function SaveStatus({ save, testId }: { save: ReturnType<typeof useSave>; testId: string }) {
  const t = useT();
  return (
    <>
      {save.saved && <span className="muted small" data-testid={`${testId}-saved`}>{t('config.saved')}</span>}
      <ConfigError error={save.error} testId={`${testId}-error`} />
    </>
  );
}

/** A refused save: the rule the field breaks, worded in the UI language from the error's code and field. */
function ConfigError({ error, testId = 'config-error' }: { error: unknown; testId?: string }) {
  const t = useT();
  if (error == null || error === '') return null;
  if (typeof error === 'string') return <p className="error form-error" role="alert" data-testid={testId}>{error}</p>;
  const first = CombinedGraphQLErrors.is(error) ? error.errors[0] : undefined;
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
  const field = typeof first?.extensions?.field === 'string' ? first.extensions.field : undefined;
  const text = code === 'FORBIDDEN' ? t('config.err.forbidden')
    : code === 'CONFLICT' ? t('config.err.conflict')
      : field && FIELDS.includes(field) ? ruleText(t, field)
        : `${t('config.err.other')} ${errorMessage(error)}`;
  return (
    <p className="error form-error" role="alert" data-testid={testId} data-code={code}>
      {text}{code && <code className="error-code">{code}</code>}
    </p>
  );
}

/** "Field: the rule it breaks", in the UI language. */
const ruleText = (t: ReturnType<typeof useT>, field: string) => `${t(`config.field.${field}` as MessageKey)}：${t(`config.err.${field}` as MessageKey)}`;

/** Numbers from the form, or the first field that is not a number. */
function readNumbers<K extends string>(t: ReturnType<typeof useT>, fields: [K, string, number][]): { values: Record<K, number | null> } | { error: string } {
  const values = {} as Record<K, number | null>;
  for (const [key, text, places] of fields) {
    const v = shiftDecimal(text, places);
    if (v !== null && Number.isNaN(v)) return { error: t('config.err.notNumber', { field: t(`config.field.${key}` as MessageKey) }) };
    values[key] = v;
  }
  return { values };
}

function NewYear({ year }: { year: number }) {
  const t = useT();
  const [setRule] = useMutation(SetAssessmentRuleMutationDocument, REFETCH);
  const save = useSave();
  return (
    <div>
      <p className="muted">{t('config.noRule', { year })}</p>
      <button type="button" className="btn primary" onClick={() => void save.run(() => setRule({ variables: { input: { year } } }))} data-testid="config-new-year">{t('config.createYear', { year })}</button>
      <SaveStatus save={save} testId="config-new-year" />
    </div>
  );
}

const RULE_PERCENT = ['hostShare', 'weightTotal', 'weightForeign', 'weightCount'] as const;
const RULE_DAYS = ['reminderDays', 'eliminationDays', 'backdateDays'] as const;

function RuleForm({ rule }: { rule: AssessmentConfig_RuleFragment }) {
  const t = useT();
  const [setRule] = useMutation(SetAssessmentRuleMutationDocument, REFETCH);
  const save = useSave();
  const [text, setText] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(RULE_PERCENT.map((k) => [k, unshiftDecimal(rule[k], -2)])),
    ...Object.fromEntries(RULE_DAYS.map((k) => [k, String(rule[k])])),
    bigProjectThreshold: unshiftDecimal(rule.bigProjectThreshold, 4),
  }));
  const [curve, setCurve] = useState(() => rule.startRateCurve.map((p) => ({ month: String(p.month), rate: unshiftDecimal(p.rate, -2) })));
  const field = (k: string, suffix: string) => (
    <label key={k} className="config-field">
      <span>{t(`config.field.${k}` as MessageKey)}</span>
      <input value={text[k]} onChange={(e) => setText({ ...text, [k]: e.target.value })} data-testid={`rule-${k}`} inputMode="decimal" />
      <span className="muted small">{suffix}</span>
    </label>
  );
  const submit = () => {
    const read = readNumbers(t, [
      ...RULE_PERCENT.map((k) => [k, text[k], -2] as [string, string, number]),
      ...RULE_DAYS.map((k) => [k, text[k], 0] as [string, string, number]),
      ['bigProjectThreshold', text.bigProjectThreshold, 4],
    ]);
    if ('error' in read) return save.fail(read.error);
    const fraction = RULE_DAYS.find((k) => read.values[k] !== null && !Number.isInteger(read.values[k]));
    if (fraction) return save.fail(ruleText(t, fraction));
    const points = curve.filter((p) => p.month.trim() || p.rate.trim()).map((p) => ({ month: Number(p.month), rate: shiftDecimal(p.rate, -2) }));
    if (points.some((p) => !Number.isInteger(p.month) || p.rate === null || Number.isNaN(p.rate))) {
      return save.fail(t('config.err.notNumber', { field: t('config.field.startRateCurve') }));
    }
    const v = read.values;
    const input = {
      year: rule.year, hostShare: v.hostShare, weightTotal: v.weightTotal, weightForeign: v.weightForeign, weightCount: v.weightCount,
      reminderDays: v.reminderDays, eliminationDays: v.eliminationDays, backdateDays: v.backdateDays, bigProjectThreshold: v.bigProjectThreshold,
      startRateCurve: points.map((p) => ({ month: p.month, rate: p.rate! })),
    };
    void save.run(() => setRule({ variables: { input } }));
  };
  return (
    <form className="config-form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <div className="config-fields">
        {RULE_PERCENT.map((k) => field(k, '%'))}
        {field('bigProjectThreshold', t('config.yi'))}
        {RULE_DAYS.map((k) => field(k, t('config.days')))}
      </div>
      <fieldset className="config-curve">
        <legend>{t('config.field.startRateCurve')}</legend>
        {curve.map((p, i) => (
          <span key={i} className="config-point">
            <input aria-label={t('config.month')} value={p.month} size={3} onChange={(e) => setCurve(curve.map((q, j) => (j === i ? { ...q, month: e.target.value } : q)))} data-testid={`curve-month-${i}`} />
            {t('config.monthEnd')}
            <input aria-label={t('config.field.startRateCurve')} value={p.rate} size={4} onChange={(e) => setCurve(curve.map((q, j) => (j === i ? { ...q, rate: e.target.value } : q)))} data-testid={`curve-rate-${i}`} />%
            <button type="button" className="btn secondary small" onClick={() => setCurve(curve.filter((_, j) => j !== i))}>{t('config.remove')}</button>
          </span>
        ))}
        <button type="button" className="btn secondary small" onClick={() => setCurve([...curve, { month: '', rate: '' }])}>{t('config.addPoint')}</button>
      </fieldset>
      <button type="submit" className="btn primary" data-testid="rule-save">{t('config.save')}</button>
      <SaveStatus save={save} testId="rule" />
    </form>
  );
}

function CoefficientRow({ year, code, name, coefficient }: { year: number; code: string; name: string; coefficient: number | null }) {
  const t = useT();
  const [setCoefficient] = useMutation(SetAssessmentCoefficientMutationDocument, REFETCH);
  const save = useSave();
  const [text, setText] = useState(unshiftDecimal(coefficient, -2));
  const submit = () => {
    const read = readNumbers(t, [['coefficient', text, -2]]);
    if ('error' in read) return save.fail(read.error);
    if (read.values.coefficient === null) return save.fail(t('config.err.notNumber', { field: t('config.field.coefficient') }));
    void save.run(() => setCoefficient({ variables: { input: { year, categoryCode: code, coefficient: read.values.coefficient! } } }));
  };
  return (
    <tr data-testid={`coef-row-${code}`}>
      <td>{name}</td>
      <td><input value={text} size={5} onChange={(e) => setText(e.target.value)} aria-label={`${name} ${t('config.coefficient')}`} data-testid={`coef-input-${code}`} />%</td>
      <td>
        <button type="button" className="btn secondary small" onClick={submit} data-testid={`coef-save-${code}`}>{t('config.save')}</button>
        <SaveStatus save={save} testId={`coef-${code}`} />
      </td>
    </tr>
  );
}

function TargetRow({ year, unit }: { year: number; unit: Unit }) {
  const t = useT();
  const [setTarget] = useMutation(SetAnnualTargetMutationDocument, REFETCH);
  const save = useSave();
  const [total, setTotal] = useState(unshiftDecimal(unit.target?.totalAmount, 4));
  const [foreign, setForeign] = useState(unit.target ? String(unit.target.foreignAmount) : '');
  const [count, setCount] = useState(unit.target ? String(unit.target.bigProjectCount) : '');
  const submit = () => {
    const read = readNumbers(t, [['totalAmount', total, 4], ['foreignAmount', foreign, 0], ['bigProjectCount', count, 0]]);
    if ('error' in read) return save.fail(read.error);
    const v = read.values;
    if (v.bigProjectCount !== null && !Number.isInteger(v.bigProjectCount)) return save.fail(ruleText(t, 'bigProjectCount'));
    const input = { unitId: unit.id, year, totalAmount: v.totalAmount ?? 0, foreignAmount: v.foreignAmount ?? 0, bigProjectCount: v.bigProjectCount ?? 0 };
    void save.run(() => setTarget({ variables: { input } }));
  };
  return (
    <tr data-testid={`target-row-${unit.code}`}>
      <td>{unit.name}<div className="muted small">{t(`config.kind.${unit.kind}` as MessageKey)}</div></td>
      <td><input value={total} size={7} onChange={(e) => setTotal(e.target.value)} aria-label={t('config.targetTotal')} data-testid={`target-total-${unit.code}`} /></td>
      <td><input value={foreign} size={7} onChange={(e) => setForeign(e.target.value)} aria-label={t('config.targetForeign')} data-testid={`target-foreign-${unit.code}`} /></td>
      <td><input value={count} size={3} onChange={(e) => setCount(e.target.value)} aria-label={t('config.targetCount')} data-testid={`target-count-${unit.code}`} /></td>
      <td>
        <button type="button" className="btn secondary small" onClick={submit} data-testid={`target-save-${unit.code}`}>{t('config.save')}</button>
        <SaveStatus save={save} testId={`target-${unit.code}`} />
      </td>
    </tr>
  );
}

function UnitRow({ unit, regions }: { unit: Unit | null; regions: Region[] }) {
  const t = useT();
  const [saveUnit] = useMutation(SaveAssessmentUnitMutationDocument, REFETCH);
  const save = useSave();
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [kind, setKind] = useState<UnitKind>(unit?.kind ?? 'DISTRICT');
  const [regionId, setRegionId] = useState(unit?.region?.id ?? '');
  const id = unit ? unit.code : 'new';
  const submit = () => void save.run(async () => {
    await saveUnit({ variables: { input: { id: unit?.id, code, name, kind, regionId: regionId || null } } });
    if (!unit) { setCode(''); setName(''); setRegionId(''); }
  });
  return (
    <tr data-testid={`unit-row-${id}`}>
      <td><input value={code} size={8} onChange={(e) => setCode(e.target.value)} aria-label={t('config.code')} data-testid={`unit-code-${id}`} /></td>
      <td><input value={name} onChange={(e) => setName(e.target.value)} aria-label={t('config.name')} data-testid={`unit-name-${id}`} /></td>
      <td>
        <select value={kind} onChange={(e) => setKind(e.target.value as UnitKind)} aria-label={t('config.kind')} data-testid={`unit-kind-${id}`}>
          <option value="DISTRICT">{t('config.kind.DISTRICT')}</option>
          <option value="DEPARTMENT">{t('config.kind.DEPARTMENT')}</option>
        </select>
      </td>
      <td>
        <select value={regionId} onChange={(e) => setRegionId(e.target.value)} aria-label={t('config.region')} data-testid={`unit-region-${id}`}>
          <option value="">{t('config.noRegion')}</option>
          {regions.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </select>
      </td>
      <td>
        <button type="button" className="btn secondary small" onClick={submit} data-testid={`unit-save-${id}`}>{unit ? t('config.save') : t('config.addUnit')}</button>
        <SaveStatus save={save} testId={`unit-${id}`} />
      </td>
    </tr>
  );
}
