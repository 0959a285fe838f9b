import type { MessageKey, Translator } from '../i18n';

// Labels and colours shared by the chain atlas, the node panel and the workspace.

export type NodeStatusName = 'STRONG' | 'WEAK' | 'MISSING' | 'EXTEND';

/** 强 green, 弱 amber, 缺 red, 延 violet: the colours of the 招商图谱. */
export const STATUS_COLOR: Record<NodeStatusName, string> = { STRONG: '#2e7d32', WEAK: '#f59f00', MISSING: '#c62828', EXTEND: '#7b4bb7' };
export const STATUS_FILL: Record<NodeStatusName, string> = { STRONG: '#e8f5e9', WEAK: '#fff8e1', MISSING: '#ffebee', EXTEND: '#f3e8fd' };

export const key = (prefix: string, value: string) => `${prefix}.${value}` as MessageKey;

/** A score factor in words: fit, scale, link, tag:<tag>, source:<region>, dropped, in_pipeline. */
export function factorLabel(t: Translator, factor: string): string {
  const [name, arg] = factor.split(':', 2);
  if (name === 'tag' && arg) return t('chain.factor.tag', { tag: t.enum('tag', arg) });
  if (name === 'source' && arg) return t('chain.factor.source', { region: arg });
  const k = key('chain.factor', name);
  const text = t(k);
  return text === k ? factor : text;
}

export const TARGET_STATUSES = ['LEAD', 'CONTACTED', 'SITE_VISIT', 'NEGOTIATING', 'SIGNED', 'DROPPED'] as const;
export const ACTIVITY_KINDS = ['VISIT', 'MEETING', 'CALL', 'INSPECTION', 'OTHER'] as const;
