import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { hrefFor } from '../app/routes';
import { TargetConvertOptionsQueryDocument, type ActivityKind, type TargetActions_TargetFragment, type TargetStatus } from '../graphql/generated/graphql';
import { useConvertTargetMutation, useLogTargetActivityMutation, useMoveTargetStatusMutation } from '../hooks/usePipelineMutations';
import { useT } from '../i18n';
import { ACTIVITY_KINDS, key } from './chainLabels';
import { MutationError } from './MutationError';
import { todayInChina } from '../app/dates';

type Mode = 'log' | 'move' | 'convert' | null;

/** 记录走访 / 推进状态 / 转为项目 for one target; shown only when the server says the viewer may edit it. */
export function TargetActions({ target }: { target: TargetActions_TargetFragment }) {
  const t = useT();
  const [mode, setMode] = useState<Mode>(null);
  const [done, setDone] = useState<string | null>(null);
  const projectLink = target.project && (
    <a href={hrefFor('map', 'project', target.project.id)} className="small" data-testid="open-project">{t('chain.actions.openProject')} · {target.project.code}</a>
  );
  if (!target.canEdit) return projectLink || null;
  const open = target.status !== 'DROPPED';
  const convertible = (target.status === 'NEGOTIATING' || target.status === 'SIGNED') && !target.project;
  const finish = (message: string) => { setMode(null); setDone(message); };
  return (
    <div className="target-actions" data-testid="target-actions" data-target-id={target.id}>
      <div className="target-action-buttons">
        {open && <button type="button" className="btn secondary small" onClick={() => { setDone(null); setMode('log'); }} data-testid="action-log">{t('chain.actions.log')}</button>}
        {target.allowedMoves.length > 0 && <button type="button" className="btn secondary small" onClick={() => { setDone(null); setMode('move'); }} data-testid="action-move">{t('chain.actions.move')}</button>}
        {convertible && <button type="button" className="btn primary small" onClick={() => { setDone(null); setMode('convert'); }} data-testid="action-convert">{t('chain.actions.convert')}</button>}
      </div>
      {projectLink}
      {done && <p className="muted small" role="status" data-testid="action-done">{done}</p>}
      {mode === 'log' && <LogForm target={target} onDone={finish} onCancel={() => setMode(null)} />}
      {mode === 'move' && <MoveForm target={target} onDone={finish} onCancel={() => setMode(null)} />}
      {mode === 'convert' && <ConvertForm target={target} onDone={finish} onCancel={() => setMode(null)} />}
    </div>
  );
}

interface FormProps { target: TargetActions_TargetFragment; onDone: (message: string) => void; onCancel: () => void }

function Buttons({ loading, onCancel, testId }: { loading: boolean; onCancel: () => void; testId: string }) {
  const t = useT();
  return (
    <div className="form-buttons">
      <button type="submit" className="btn primary" disabled={loading} data-testid={testId}>{loading ? t('chain.form.saving') : t('chain.form.save')}</button>
      <button type="button" className="btn secondary" onClick={onCancel} disabled={loading}>{t('chain.form.cancel')}</button>
    </div>
  );
}

function LogForm({ target, onDone, onCancel }: FormProps) {
  const t = useT();
  const today = todayInChina();
  const [kind, setKind] = useState<ActivityKind>('VISIT');
  const [on, setOn] = useState(today);
  const [participants, setParticipants] = useState('');
  const [note, setNote] = useState('');
  const [nextAction, setNextAction] = useState(target.nextAction ?? '');
  const [due, setDue] = useState(target.nextActionDue && target.nextActionDue >= today ? target.nextActionDue : '');
  const [error, setError] = useState<unknown>(null);
  const [log, { loading }] = useLogTargetActivityMutation();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!note.trim()) return setError(t('chain.form.noteRequired'));
    setError(null);
    try {
      await log({ variables: { input: { targetId: target.id, kind, occurredOn: on, participants: participants || null, note, nextAction: nextAction || null, ...(due ? { nextActionDue: due } : {}) } } });
      onDone(`${t('chain.actions.done')}: ${t(key('chain.activity', kind))} ${on}`);
    } catch (err) { setError(err); }
  }
  return (
    <form className="action-form" onSubmit={submit} data-testid="log-form" noValidate>
      <h4>{t('chain.actions.log')} · {target.enterprise.name}</h4>
      <label>{t('chain.form.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as ActivityKind)} data-testid="log-kind">
          {ACTIVITY_KINDS.map((k) => <option key={k} value={k}>{t(key('chain.activity', k))}</option>)}
        </select>
      </label>
      <label>{t('chain.form.date')}<input type="date" value={on} min={target.createdOn} max={today} onChange={(e) => setOn(e.target.value)} data-testid="log-date" /></label>
      <label>{t('chain.form.participants')}<input value={participants} onChange={(e) => setParticipants(e.target.value)} data-testid="log-participants" /></label>
      <label>{t('chain.form.note')}<input value={note} onChange={(e) => setNote(e.target.value)} data-testid="log-note" /></label>
      <label>{t('chain.form.nextAction')}<input value={nextAction} onChange={(e) => setNextAction(e.target.value)} /></label>
      <label>{t('chain.form.due')}<input type="date" value={due} min={today} onChange={(e) => setDue(e.target.value)} /></label>
      <MutationError error={error} testId="log-error" />
      <Buttons loading={loading} onCancel={onCancel} testId="log-submit" />
    </form>
  );
}

function MoveForm({ target, onDone, onCancel }: FormProps) {
  const t = useT();
  const today = todayInChina();
  const [to, setTo] = useState<TargetStatus>(target.allowedMoves[0]);
  const [on, setOn] = useState(today);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [move, { loading }] = useMoveTargetStatusMutation();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (to === 'DROPPED' && !reason.trim()) return setError(t('chain.form.reasonRequired'));
    setError(null);
    try {
      await move({ variables: { input: { targetId: target.id, to, on, reason: reason || null } } });
      onDone(`${t('chain.actions.done')}: ${t(key('chain.target', to))} ${on}`);
    } catch (err) { setError(err); }
  }
  return (
    <form className="action-form" onSubmit={submit} data-testid="move-form" noValidate>
      <h4>{t('chain.actions.move')} · {t(key('chain.target', target.status))} →</h4>
      <label>{t('chain.form.to')}
        <select value={to} onChange={(e) => setTo(e.target.value as TargetStatus)} data-testid="move-to">
          {target.allowedMoves.map((s) => <option key={s} value={s}>{t(key('chain.target', s))}</option>)}
        </select>
      </label>
      <label>{t('chain.form.date')}<input type="date" value={on} min={target.createdOn} max={today} onChange={(e) => setOn(e.target.value)} data-testid="move-date" /></label>
      {to === 'DROPPED' && <label>{t('chain.form.reason')}<input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="move-reason" /></label>}
      <MutationError error={error} testId="move-error" />
      <Buttons loading={loading} onCancel={onCancel} testId="move-submit" />
    </form>
  );
}

function ConvertForm({ target, onDone, onCancel }: FormProps) {
  const t = useT();
  const { data } = useQuery(TargetConvertOptionsQueryDocument);
  const [unitId, setUnitId] = useState('');
  const [parkId, setParkId] = useState('');
  const [agreed, setAgreed] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [convert, { loading }] = useConvertTargetMutation();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!unitId) return setError(t('chain.form.unitRequired'));
    setError(null);
    try {
      const r = await convert({ variables: { input: { targetId: target.id, introducingUnitId: unitId, parkId: parkId || null, agreedInvestment: agreed === '' ? null : Number(agreed) } } });
      const p = r.data?.convertTargetToProject;
      if (p) onDone(t('chain.actions.converted', { code: p.code }));
    } catch (err) { setError(err); }
  }
  return (
    <form className="action-form" onSubmit={submit} data-testid="convert-form" noValidate>
      <h4>{t('chain.actions.convert')} · {target.enterprise.name}</h4>
      <label>{t('chain.form.unit')}
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="convert-unit">
          <option value="">—</option>
          {data?.assessmentUnits.nodes.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </label>
      <label>{t('chain.form.park')}
        <select value={parkId} onChange={(e) => setParkId(e.target.value)} data-testid="convert-park">
          <option value="">—</option>
          {data?.parks.nodes.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <label>{t('chain.form.agreed')}<input type="number" min={0} value={agreed} onChange={(e) => setAgreed(e.target.value)} data-testid="convert-agreed" /></label>
      <MutationError error={error} testId="convert-error" />
      <Buttons loading={loading} onCancel={onCancel} testId="convert-submit" />
    </form>
  );
}
