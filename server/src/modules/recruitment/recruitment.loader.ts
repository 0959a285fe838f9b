import type { AtlasContext } from '../../common/context';
import { byKey, groupByKey } from '../../common/loaders';
import type { Candidate, TargetStatusCount } from './recruitment.entity';
import type { TargetStatus } from '../target';
import { scoreOf, scoreParts, type CandidateFacts } from './scoring';
import { CHAIN_PROJECT_COUNTS, CHAIN_TARGET_COUNTS, LAST_ACTIVITY, CANDIDATE_FACTS, CANDIDATE_WEIGHTS, NODE_FACTS, PROJECT_OF_TARGET, STATUS_EVENTS, TARGET_DESTINATIONS } from './recruitment.sql';
import type { Geometry } from 'geojson';
import { TargetStatusEvent } from './recruitment.entity';

interface FactRow {
  node_id: number; enterprise_id: number; name: string; industry_code: string; revenue: number | null; tags: string[];
  source_region: string | null; mapped: boolean; links: number; dropped: boolean; open: boolean; target_id: number | null;
}

/** The score weights, read once per request (a weight change shows on the next query). */
export const candidateWeights = (ctx: AtlasContext) =>
  ctx.loaders.get<'all', Map<string, number>>('candidate.weights', async (keys) => {
    const rows: { factor: string; weight: number }[] = await ctx.db.query(CANDIDATE_WEIGHTS);
    const m = new Map(rows.map((r) => [r.factor, Number(r.weight)]));
    return keys.map(() => m);
  });

/** Every candidate of each node, ranked by score (then id), all nodes of a request in one statement. */
export const candidatesOfNode = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Candidate[]>('chain_node.candidates', async (ids) => {
    const [weights, facts, nodes] = await Promise.all([
      candidateWeights(ctx).load('all'),
      ctx.db.query<FactRow[]>(CANDIDATE_FACTS, [ids]),
      ctx.db.query<{ id: number; industry_code: string | null; keywords: string[] }[]>(NODE_FACTS, [ids]),
    ]);
    const nodeById = new Map(nodes.map((n) => [Number(n.id), { industryCode: n.industry_code, keywords: n.keywords ?? [] }]));
    const scored = facts.map((r) => {
      const c: CandidateFacts = {
        mappedToNode: r.mapped, industryCode: r.industry_code, name: r.name, revenue: r.revenue === null ? null : Number(r.revenue),
        tags: r.tags ?? [], sourceRegion: r.source_region, links: Number(r.links), droppedOnChain: r.dropped, openOnChain: r.open,
      };
      const parts = scoreParts(c, nodeById.get(Number(r.node_id))!, weights);
      return { enterpriseId: Number(r.enterprise_id), chainNodeId: Number(r.node_id), existingTargetId: r.target_id === null ? null : Number(r.target_id), parts, score: scoreOf(parts), rank: 0 };
    });
    const grouped = groupByKey(ids, scored, (c) => c.chainNodeId);
    for (const list of grouped) {
      list.sort((a, b) => b.score - a.score || a.enterpriseId - b.enterpriseId);
      list.forEach((c, i) => (c.rank = i + 1));
    }
    return grouped;
  });

/** The status history of each target, oldest first. */
export const statusEventsOfTarget = (ctx: AtlasContext) =>
  ctx.loaders.get<number, TargetStatusEvent[]>('target.statusEvents', async (ids) => {
    const rows: { id: number; target_id: number; status: string; entered_on: string; reason: string | null }[] = await ctx.db.query(STATUS_EVENTS, [ids]);
    const events = rows.map((r) => Object.assign(new TargetStatusEvent(), { id: Number(r.id), targetId: Number(r.target_id), status: r.status, enteredOn: r.entered_on, reason: r.reason, actorId: null }));
    return groupByKey(ids, events, (e) => e.targetId);
  });

/** The project each target became, if any. */
export const projectIdOfTarget = (ctx: AtlasContext) =>
  ctx.loaders.get<number, number | null>('target.project', async (ids) => {
    const rows: { target_id: number; id: number }[] = await ctx.db.query(PROJECT_OF_TARGET, [ids]);
    return byKey(ids, rows, (r) => Number(r.target_id)).map((r) => (r ? Number(r.id) : null));
  });

/** Where each target would come to: its project's point, else its node cluster, else its chain's. */
export const destinationOfTarget = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Geometry | null>('target.destination', async (ids) => {
    const rows: { target_id: number; geom: Geometry | null }[] = await ctx.db.query(TARGET_DESTINATIONS, [ids]);
    return byKey(ids, rows, (r) => Number(r.target_id)).map((r) => r?.geom ?? null);
  });

/** Signed and started-or-later project counts of each chain, for the chain page's summary bar. */
export const projectCountsOfChain = (ctx: AtlasContext) =>
  ctx.loaders.get<number, { signed: number; started: number }>('chain.projectCounts', async (ids) => {
    const rows: { chain_id: number; signed: number; started: number }[] = await ctx.db.query(CHAIN_PROJECT_COUNTS, [ids]);
    return byKey(ids, rows, (r) => Number(r.chain_id)).map((r) => ({ signed: r?.signed ?? 0, started: r?.started ?? 0 }));
  });

/** The date of each target's latest activity, or null. */
export const lastActivityOfTarget = (ctx: AtlasContext) =>
  ctx.loaders.get<number, string | null>('target.lastActivity', async (ids) => {
    const rows: { target_id: number; on: string }[] = await ctx.db.query(LAST_ACTIVITY, [ids]);
    return byKey(ids, rows, (r) => Number(r.target_id)).map((r) => r?.on ?? null);
  });

/** Targets per status of each chain, counted in SQL (the chain page's summary bar). */
export const targetCountsOfChain = (ctx: AtlasContext) =>
  ctx.loaders.get<number, TargetStatusCount[]>('chain.targetCounts', async (ids) => {
    const rows = await ctx.db.query<{ chain_id: number; status: TargetStatus; n: number }[]>(CHAIN_TARGET_COUNTS, [ids]);
    return groupByKey(ids, rows, (r) => Number(r.chain_id)).map((list) => list.map((r) => ({ status: r.status, count: r.n })));
  });
