import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { AtlasError, ErrorCode, orNotFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { todayInChina } from '../../common/dates';
import { requireUser } from '../../auth/policy';
import { Role } from '../../auth/auth-user';
import { Chain, ChainNode, chainById, chainNodeById } from '../chain';
import { Enterprise, enterpriseById } from '../enterprise';
import { Project, projectById } from '../project';
import { TargetActivity, TargetEnterprise, TargetStatus, targetChainScope, visibleTargetById } from '../target';
import {
  Candidate, CandidateWeight, ChainWorkspace, MappingSuggestion, PipelineCity, PipelineFlag, PipelineFlags, PipelineRule, PipelineRuleKey, TargetStatusCount, TargetStatusEvent,
  WorkspaceProjectPage, WorkspaceTargetPage, type TargetRow,
} from './recruitment.entity';
import { AddTargetInput, ConvertTargetInput, LogTargetActivityInput, MoveTargetStatusInput, WorkspaceTargetFilter } from './recruitment.inputs';
import { candidatesOfNode, destinationOfTarget, lastActivityOfTarget, projectCountsOfChain, projectIdOfTarget, statusEventsOfTarget, targetCountsOfChain } from './recruitment.loader';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { allowedTargetMoves, MAX_BOARD_PAGE, RecruitmentService } from './recruitment.service';

const MAX_CANDIDATES = 100;

/** May the caller write the pipeline of this chain? The web asks the server instead of repeating the rule. */
const canWriteChain = (ctx: AtlasContext, chainId: number) => {
  const u = ctx.user;
  if (!u) return false;
  return u.role === Role.ADMIN || u.role === Role.BUREAU || (u.role === Role.CHAIN_LEADER && u.chainIds.includes(chainId));
};

@Resolver()
export class RecruitmentResolver {
  @Query(() => [CandidateWeight], { description: 'The weights of the candidate score (data, editable by admin).' })
  candidateWeights(@Ctx() ctx: AtlasContext) { requireUser(ctx.user); return new RecruitmentService(ctx.db).weights(); }

  @Mutation(() => CandidateWeight, { description: 'Change one weight of the candidate score (admin; audited). Rankings change on the next query.' })
  setCandidateWeight(@Arg('factor', () => String) factor: string, @Arg('weight', () => Float) weight: number, @Ctx() ctx: AtlasContext) {
    return new RecruitmentService(ctx.db).setWeight(requireUser(ctx.user), factor, weight);
  }

  @Query(() => [PipelineRule], { description: '提醒制 / 淘汰制 day counts.' })
  pipelineRules(@Ctx() ctx: AtlasContext) { requireUser(ctx.user); return new RecruitmentService(ctx.db).ruleRows(); }

  @Mutation(() => PipelineRule, { description: 'Change a 提醒制 / 淘汰制 day count (admin; audited).' })
  setPipelineRule(@Arg('key', () => PipelineRuleKey) key: PipelineRuleKey, @Arg('days', () => Int) days: number, @Ctx() ctx: AtlasContext) {
    return new RecruitmentService(ctx.db).setRule(requireUser(ctx.user), key, days);
  }

  @Query(() => PipelineFlags, { description: '提醒制 reminders and 淘汰制 elimination proposals as of a date (default today), over the caller\'s chains or one chain.' })
  pipelineFlags(
    @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | undefined,
    @Arg('chainId', () => ID, { nullable: true }) chainId: string | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    const user = requireUser(ctx.user);
    return new RecruitmentService(ctx.db).flags(user, asOf ?? todayInChina(), chainId != null ? parseId('chainId', chainId) : null);
  }

  @Query(() => [MappingSuggestion], { description: 'Suggested firm-to-node mappings for local enterprises on no node of the chain (industry class or name keyword).' })
  async mappingSuggestions(@Arg('chainId', () => ID) chainId: string, @Arg('first', () => Int, { defaultValue: 50 }) first: number, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    const id = parseId('chainId', chainId);
    await orNotFound(chainById(ctx).load(id), 'Chain', id);
    return new RecruitmentService(ctx.db).mappingSuggestions(id, first);
  }

  @Mutation(() => ChainNode, { description: 'Confirm a local enterprise belongs to a node (counts toward its gap status). Chain leaders on their chains, bureau, admin.' })
  async confirmNodeMapping(
    @Arg('enterpriseId', () => ID) enterpriseId: string, @Arg('chainNodeId', () => ID) chainNodeId: string,
    @Arg('output', () => Float, { nullable: true, description: '万元/年 attributed to the node.' }) output: number | undefined, @Ctx() ctx: AtlasContext,
  ) {
    const r = await new RecruitmentService(ctx.db).confirmMapping(requireUser(ctx.user), enterpriseId, chainNodeId, output);
    return chainNodeById(ctx).load(r.chainNodeId);
  }

  @Mutation(() => ChainNode, { description: 'Reject a suggested mapping with a reason; it is not suggested again.' })
  async rejectNodeMapping(
    @Arg('enterpriseId', () => ID) enterpriseId: string, @Arg('chainNodeId', () => ID) chainNodeId: string,
    @Arg('reason', () => String) reason: string, @Ctx() ctx: AtlasContext,
  ) {
    const r = await new RecruitmentService(ctx.db).rejectMapping(requireUser(ctx.user), enterpriseId, chainNodeId, reason);
    return chainNodeById(ctx).load(r.chainNodeId);
  }

  @Mutation(() => TargetEnterprise, { description: 'Add an outside enterprise as a target (线索) of a node, with owner, next action and due date.' })
  addTarget(@Arg('input', () => AddTargetInput) input: AddTargetInput, @Ctx() ctx: AtlasContext) {
    return new RecruitmentService(ctx.db).addTarget(requireUser(ctx.user), input);
  }

  @Mutation(() => TargetActivity, { description: 'Log a 拜访 / 会谈 / 电话 / 来访考察 with a target (not in the future, not before it was created).' })
  logTargetActivity(@Arg('input', () => LogTargetActivityInput) input: LogTargetActivityInput, @Ctx() ctx: AtlasContext) {
    return new RecruitmentService(ctx.db).logActivity(requireUser(ctx.user), input);
  }

  @Mutation(() => TargetEnterprise, { description: 'Move a target forward (线索 → 接洽 → 考察 → 洽谈 → 签约) or drop it (淘汰, with a reason); never back.' })
  moveTargetStatus(@Arg('input', () => MoveTargetStatusInput) input: MoveTargetStatusInput, @Ctx() ctx: AtlasContext) {
    return new RecruitmentService(ctx.db).moveStatus(requireUser(ctx.user), input);
  }

  @Mutation(() => Project, { description: 'Turn a target at 洽谈 or 签约 into a project (investor, node, introducing unit, link back), in one transaction.' })
  async convertTargetToProject(@Arg('input', () => ConvertTargetInput) input: ConvertTargetInput, @Ctx() ctx: AtlasContext) {
    const id = await new RecruitmentService(ctx.db).convert(requireUser(ctx.user), input);
    return orNotFound(projectById(ctx).load(id), 'Project', id);
  }

  @Query(() => ChainWorkspace, { description: '我的链: the chains a chain leader leads (everyone else: all chains), with targets, visits, flags and projects.' })
  chainWorkspace(@Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | undefined, @Ctx() ctx: AtlasContext): Promise<ChainWorkspace> {
    return new RecruitmentService(ctx.db).workspace(requireUser(ctx.user), asOf ?? todayInChina());
  }
}

const firstOf = <T>(list: T[], first: number | undefined | null) => {
  if (first == null) return list;
  if (!Number.isInteger(first) || first < 0 || first > MAX_BOARD_PAGE) throw new AtlasError(ErrorCode.PAGE_TOO_LARGE, `firstEach must be between 0 and ${MAX_BOARD_PAGE}`, { field: 'firstEach', max: MAX_BOARD_PAGE });
  return list.slice(0, first);
};

const workspaceService = (ctx: AtlasContext) => new RecruitmentService(ctx.db);

@Resolver(() => ChainWorkspace)
export class ChainWorkspaceResolver {
  @FieldResolver(() => [Chain])
  async chains(@Root() w: ChainWorkspace, @Ctx() ctx: AtlasContext) { return (await chainById(ctx).loadMany(w.chainIds)).filter((c): c is Chain => c !== null && !(c instanceof Error)); }

  @FieldResolver(() => Int, { description: '拜访 and 来访考察 this month up to asOf.' })
  visitsThisMonth(@Root() w: ChainWorkspace, @Ctx() ctx: AtlasContext) { return workspaceService(ctx).visitsThisMonth(w); }

  @FieldResolver(() => Int, { description: 'Open targets whose next action is overdue.' })
  overdueCount(@Root() w: ChainWorkspace, @Ctx() ctx: AtlasContext) { return workspaceService(ctx).overdueCount(w); }

  @FieldResolver(() => [TargetStatusCount], { description: 'Every target on the chains per status (zero counts left out), in pipeline order.' })
  targetCounts(@Root() w: ChainWorkspace, @Ctx() ctx: AtlasContext) { return workspaceService(ctx).targetCounts(w); }

  @FieldResolver(() => PipelineFlags, { description: '提醒制 / 淘汰制 as of asOf; with firstEach, only the longest-idle of each list (the counts stay whole).' })
  async flags(@Root() w: ChainWorkspace, @Arg('firstEach', () => Int, { nullable: true }) firstEach: number | undefined, @Ctx() ctx: AtlasContext) {
    const f = await workspaceService(ctx).flags(w.user, w.asOf, null);
    return { ...f, reminders: firstOf(f.reminders, firstEach), eliminations: firstOf(f.eliminations, firstEach) };
  }

  @FieldResolver(() => WorkspaceTargetPage, { description: 'The target board: one page of the targets matching the filter, overdue next actions first, with totals and counts per status over all matching targets.' })
  targetBoard(
    @Root() w: ChainWorkspace,
    @Arg('filter', () => WorkspaceTargetFilter, { nullable: true }) filter: WorkspaceTargetFilter | undefined,
    @Arg('first', () => Int, { defaultValue: 50, description: `Page size, at most ${MAX_BOARD_PAGE}.` }) first: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Ctx() ctx: AtlasContext,
  ) { return workspaceService(ctx).targetBoard(w, filter, first, offset); }

  @FieldResolver(() => [String], { description: 'Every owner on the board as it shows them (official\'s name, else team), for the owner filter.' })
  targetOwners(@Root() w: ChainWorkspace, @Ctx() ctx: AtlasContext) { return workspaceService(ctx).targetOwners(w); }

  @FieldResolver(() => WorkspaceProjectPage, { description: 'Signed-or-later projects out of the chains, newest first: one page, with totals over all of them.' })
  async projectPage(
    @Root() w: ChainWorkspace,
    @Arg('first', () => Int, { defaultValue: 20, description: `Page size, at most ${MAX_BOARD_PAGE}.` }) first: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Ctx() ctx: AtlasContext,
  ) {
    const page = await workspaceService(ctx).projectPage(w, first, offset);
    return { ...page, nodes: (await projectById(ctx).loadMany(page.projectIds)).filter((x): x is Project => x instanceof Project) };
  }

  @FieldResolver(() => [PipelineCity], { description: 'The China-scale map: open targets per home city, and where they would come to.' })
  pipelineMap(@Root() w: ChainWorkspace, @Ctx() ctx: AtlasContext) { return workspaceService(ctx).pipelineMap(w); }

  @FieldResolver(() => [TargetEnterprise], { deprecationReason: 'Unpaged: use targetBoard.', description: 'Every target on the chains, overdue next actions first, then by due date; dropped last.' })
  async targets(@Root() w: ChainWorkspace, @Ctx() ctx: AtlasContext) {
    return (await visibleTargetById(ctx).loadMany(await workspaceService(ctx).allTargetIds(w))).filter((t): t is TargetEnterprise => t instanceof TargetEnterprise);
  }

  @FieldResolver(() => [Project], { deprecationReason: 'Unpaged: use projectPage.', description: 'Signed-or-later projects out of the chains, newest first.' })
  async projects(@Root() w: ChainWorkspace, @Ctx() ctx: AtlasContext) {
    return (await projectById(ctx).loadMany(await workspaceService(ctx).allProjectIds(w))).filter((p): p is Project => p instanceof Project);
  }
}

@Resolver(() => ChainNode)
export class ChainNodeCandidatesResolver {
  @FieldResolver(() => [Candidate], { description: 'Outside enterprises that could fill this node, ranked by score with its parts shown.' })
  async candidates(@Root() n: ChainNode, @Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: AtlasContext) {
    if (first < 0 || first > MAX_CANDIDATES) throw new AtlasError(ErrorCode.PAGE_TOO_LARGE, `first must be between 0 and ${MAX_CANDIDATES}`, { field: 'first', max: MAX_CANDIDATES });
    return (await candidatesOfNode(ctx).load(n.id)).slice(0, first);
  }

  @FieldResolver(() => Boolean, { description: 'May the caller add targets and mappings on this node?' })
  canEditPipeline(@Root() n: ChainNode, @Ctx() ctx: AtlasContext) { return canWriteChain(ctx, n.chainId); }
}

@Resolver(() => Chain)
export class ChainPipelineResolver {
  @FieldResolver(() => Boolean, { description: 'May the caller run the recruitment pipeline of this chain?' })
  canEditPipeline(@Root() c: Chain, @Ctx() ctx: AtlasContext) { return canWriteChain(ctx, c.id); }

  @FieldResolver(() => [TargetStatusCount], { description: 'Targets on this chain per status (zero counts left out), in pipeline order; none for a chain leader on a chain they do not lead.' })
  targetCounts(@Root() c: Chain, @Ctx() ctx: AtlasContext) {
    const scope = targetChainScope(requireUser(ctx.user));
    return scope && !scope.includes(c.id) ? [] : targetCountsOfChain(ctx).load(c.id);
  }

  @FieldResolver(() => Int, { description: 'Projects out of this chain now at 签约.' })
  async signedProjectCount(@Root() c: Chain, @Ctx() ctx: AtlasContext) { return (await projectCountsOfChain(ctx).load(c.id)).signed; }

  @FieldResolver(() => Int, { description: 'Projects out of this chain at 开工 or later (not terminated).' })
  async startedProjectCount(@Root() c: Chain, @Ctx() ctx: AtlasContext) { return (await projectCountsOfChain(ctx).load(c.id)).started; }
}

@Resolver(() => Candidate)
export class CandidateResolver {
  @FieldResolver(() => Enterprise)
  enterprise(@Root() c: Candidate, @Ctx() ctx: AtlasContext) { return orNotFound(enterpriseById(ctx).load(c.enterpriseId), 'Enterprise', c.enterpriseId); }

  @FieldResolver(() => TargetEnterprise, { nullable: true, description: 'The target it already is for this node, if any.' })
  existingTarget(@Root() c: Candidate, @Ctx() ctx: AtlasContext) { return c.existingTargetId ? visibleTargetById(ctx).load(c.existingTargetId) : null; }
}

@Resolver(() => MappingSuggestion)
export class MappingSuggestionResolver {
  @FieldResolver(() => Enterprise)
  enterprise(@Root() s: MappingSuggestion, @Ctx() ctx: AtlasContext) { return orNotFound(enterpriseById(ctx).load(s.enterpriseId), 'Enterprise', s.enterpriseId); }

  @FieldResolver(() => ChainNode)
  chainNode(@Root() s: MappingSuggestion, @Ctx() ctx: AtlasContext) { return orNotFound(chainNodeById(ctx).load(s.chainNodeId), 'ChainNode', s.chainNodeId); }
}

@Resolver(() => PipelineFlag)
export class PipelineFlagResolver {
  @FieldResolver(() => TargetEnterprise, { nullable: true })
  target(@Root() f: PipelineFlag, @Ctx() ctx: AtlasContext) { return f.targetId ? visibleTargetById(ctx).load(f.targetId) : null; }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() f: PipelineFlag, @Ctx() ctx: AtlasContext) { return f.projectId ? projectById(ctx).load(f.projectId) : null; }
}

@Resolver(() => TargetEnterprise)
export class TargetPipelineResolver {
  @FieldResolver(() => [TargetStatusEvent], { description: 'Every status it entered, oldest first.' })
  statusHistory(@Root() t: TargetEnterprise, @Ctx() ctx: AtlasContext) { return statusEventsOfTarget(ctx).load(t.id); }

  @FieldResolver(() => [TargetStatus], { description: 'Statuses it may move to next.' })
  allowedMoves(@Root() t: TargetEnterprise) { return allowedTargetMoves(t.status); }

  @FieldResolver(() => Project, { nullable: true, description: 'The project it became.' })
  async project(@Root() t: TargetEnterprise, @Ctx() ctx: AtlasContext) {
    const id = await projectIdOfTarget(ctx).load(t.id);
    return id ? projectById(ctx).load(id) : null;
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: 'The date of its latest activity.' })
  lastActivityOn(@Root() t: TargetEnterprise, @Ctx() ctx: AtlasContext) { return lastActivityOfTarget(ctx).load(t.id); }

  @FieldResolver(() => GeoJSONScalar, { nullable: true, description: 'Where it would come to (Point): its project once converted, else the centroid of the local enterprises on its node, else on its chain.' })
  destination(@Root() t: TargetEnterprise, @Ctx() ctx: AtlasContext) { return destinationOfTarget(ctx).load(t.id); }

  @FieldResolver(() => Boolean, { description: 'May the caller log, move or convert it?' })
  async canEdit(@Root() t: TargetEnterprise | TargetRow, @Ctx() ctx: AtlasContext) {
    if ('chainId' in t) return canWriteChain(ctx, t.chainId);
    const node = await chainNodeById(ctx).load(t.chainNodeId);
    return node ? canWriteChain(ctx, node.chainId) : false;
  }
}

