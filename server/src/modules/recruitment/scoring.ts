// The transparent candidate score of DOMAIN.md "Chain gap analysis": every part is raw × weight, and the
// score is the sum of the parts exactly as shown (points are rounded before summing).

/** What the score needs to know about one outside enterprise for one node. */
export interface CandidateFacts {
  mappedToNode: boolean;
  industryCode: string;
  name: string;
  revenue: number | null;
  tags: string[];
  sourceRegion: string | null;
  /** Supplier/customer relations with local enterprises mapped to a node of the same chain. */
  links: number;
  droppedOnChain: boolean;
  openOnChain: boolean;
}

export interface NodeFacts { industryCode: string | null; keywords: string[] }

export interface ScorePart { factor: string; raw: number; weight: number; points: number }

export const MAX_LINKS = 3;
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Fit to the node: mapped 1, same industry class 0.8, a name keyword 0.6, same industry group (letter + 2 digits) 0.4, else 0. */
export function fitOf(c: Pick<CandidateFacts, 'mappedToNode' | 'industryCode' | 'name'>, n: NodeFacts): number {
  if (c.mappedToNode) return 1;
  if (n.industryCode && c.industryCode === n.industryCode) return 0.8;
  if (n.keywords.some((k) => k && c.name.includes(k))) return 0.6;
  if (n.industryCode && n.industryCode.length >= 3 && c.industryCode.slice(0, 3) === n.industryCode.slice(0, 3)) return 0.4;
  return 0;
}

/** Scale: log10 of revenue (万元) mapped linearly from 3 (1000万元) → 0 to 7 (1000亿元) → 1, clamped. */
export function scaleOf(revenue: number | null): number {
  if (!revenue || revenue <= 0) return 0;
  return round(Math.min(1, Math.max(0, (Math.log10(revenue) - 3) / 4)), 3);
}

/** The parts of one candidate's score under the given weights (factor → weight); zero parts are left out except fit and scale. */
export function scoreParts(c: CandidateFacts, n: NodeFacts, weights: ReadonlyMap<string, number>): ScorePart[] {
  const parts: ScorePart[] = [];
  const add = (factor: string, raw: number, weightKey = factor, always = false) => {
    const weight = weights.get(weightKey) ?? 0;
    if (!always && (raw === 0 || weight === 0)) return;
    parts.push({ factor, raw, weight, points: round(raw * weight, 2) });
  };
  add('fit', fitOf(c, n), 'fit', true);
  add('scale', scaleOf(c.revenue), 'scale', true);
  for (const tag of [...c.tags].sort()) add(`tag:${tag}`, 1);
  add('link', Math.min(c.links, MAX_LINKS));
  if (c.sourceRegion) add(`source:${c.sourceRegion}`, 1);
  add('dropped', c.droppedOnChain ? 1 : 0);
  add('in_pipeline', c.openOnChain ? 1 : 0);
  return parts;
}

/** The score: the sum of the shown points, rounded to 2 decimals. */
export const scoreOf = (parts: ScorePart[]) => round(parts.reduce((s, p) => s + p.points, 0), 2);
