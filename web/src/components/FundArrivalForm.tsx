import { useState, type FormEvent } from 'react';
import type { FundKind, ProjectActions_ProjectFragment } from '../graphql/generated/graphql';
import { useRecordFundArrivalMutation } from '../hooks/useRecordFundArrivalMutation';
import { useT } from '../i18n';
import { parseNumber } from './formNumbers';
import { MutationError } from './MutationError';
import { todayInChina } from '../app/dates';

const KINDS: FundKind[] = ['LAND_TRANSFER', 'FIXED_ASSET', 'REGISTERED_CAPITAL', 'OTHER'];

interface Props {
  project: ProjectActions_ProjectFragment;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** 登记到位资金: a dated arrival with its voucher (资金到帐凭证), never before signing or in the future. */
export function FundArrivalForm({ project, onDone, onCancel }: Props) {
  const t = useT();
  const today = todayInChina();
  const signedOn = project.stageHistory.find((e) => e.stage === 'SIGNED')?.enteredOn ?? null;
  const [arrivedOn, setArrivedOn] = useState(today);
  const [amount, setAmount] = useState('');
  const [foreign, setForeign] = useState('');
  const [kind, setKind] = useState<FundKind>('FIXED_ASSET');
  const [voucher, setVoucher] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [record, { loading }] = useRecordFundArrivalMutation();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = parseNumber(amount);
    const foreignValue = parseNumber(foreign);
    if (!arrivedOn) return setError(t('form.dateRequired'));
    if (arrivedOn > today) return setError(t('form.dateFuture'));
    if (signedOn && arrivedOn < signedOn) return setError(t('funds.beforeSigning', { date: signedOn }));
    if (value === null || !Number.isFinite(value) || value <= 0) return setError(t('funds.amountPositive'));
    if (foreignValue !== null && (!Number.isFinite(foreignValue) || foreignValue < 0)) return setError(t('form.notNegative', { field: t('funds.foreignAmount') }));
    if (!voucher.trim()) return setError(t('funds.voucherRequired'));
    setError(null);
    try {
      await record({
        projectId: project.id,
        arrivedOn,
        amount: value,
        foreignAmount: foreignValue ?? undefined,
        kind,
        evidenceRef: voucher.trim(),
        evidenceNote: note.trim() || undefined,
      });
      onDone(t('funds.done', { amount: t.wanYuan(value), date: arrivedOn }));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="action-form" onSubmit={submit} onChange={() => setError(null)} data-testid="fund-arrival-form" noValidate>
      <h4>{t('actions.recordFunds')}</h4>
      <fieldset className="form-grid" disabled={loading}>
        <label>
          {t('funds.arrivedOn')}
          <input type="date" value={arrivedOn} min={signedOn ?? undefined} max={today} onChange={(e) => setArrivedOn(e.target.value)} required data-testid="fund-date" />
        </label>
        <label>
          {t('funds.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as FundKind)} data-testid="fund-kind">
            {KINDS.map((k) => <option key={k} value={k}>{t.enum('fundKind', k)}</option>)}
          </select>
        </label>
        <label>
          {t('funds.amount')}
          <input type="number" inputMode="decimal" min="0" step="any" value={amount} onChange={(e) => setAmount(e.target.value)} required data-testid="fund-amount" />
        </label>
        <label>
          {t('funds.foreignAmount')}
          <input type="number" inputMode="decimal" min="0" step="any" value={foreign} onChange={(e) => setForeign(e.target.value)} placeholder={t('form.optional')} data-testid="fund-foreign" />
        </label>
        <label className="wide">
          {t('funds.voucher')}
          <input value={voucher} onChange={(e) => setVoucher(e.target.value)} required placeholder={t('funds.voucherPlaceholder')} data-testid="fund-voucher" />
        </label>
        <label className="wide">
          {t('funds.note')}
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('form.optional')} data-testid="fund-note" />
        </label>
      </fieldset>
      <MutationError error={error} testId="fund-error" />
      <div className="form-buttons">
        <button type="submit" className="btn primary" disabled={loading} data-testid="fund-submit">
          {loading ? t('form.saving') : t('funds.submit')}
        </button>
        <button type="button" className="btn secondary" onClick={onCancel} disabled={loading}>{t('form.cancel')}</button>
      </div>
    </form>
  );
}
