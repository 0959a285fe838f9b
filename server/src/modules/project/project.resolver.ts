import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, ObjectType, Query, Resolver, Root, Info } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { orNotFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { childPageLoader, listColumns, pageOf } from '../../common/listing';
import { Connection, PageArgs, toConnection, toPage } from '../../common/pagination';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { canEditProject, requireUser } from '../../auth/policy';
import { Region, regionById } from '../region';
import { Park, parkById } from '../park';
import { Parcel, parcelById, parcelsByProject } from '../parcel';
import { Enterprise, enterpriseById } from '../enterprise';
import { ChainNode, chainNodeById } from '../chain';
import { Official, officialById } from '../official';
import { TargetEnterprise, visibleTargetById } from '../target';
import { AssessmentCategory, AssessmentUnit, assessmentUnitById, categoryByCode } from '../unit';
import { FundArrival, Project, ProjectMilestone, ProjectStage, ProjectStageEvent } from './project.entity';
import { CreateProjectInput, ProjectFilter, RecordFundArrivalInput, UpdateProjectInput } from './project.inputs';
import {
  fundArrivalsByProject, fundsInPlaceByProject, milestonesByProject, parkFloorById, projectById, stageHistoryByProject,
} from './project.loader';
import { ProjectService } from './project.service';
import { allowedMoves, isSignedOrLater } from './project-stage';
import { PROJECTS_OF_CHAIN_NODE, PROJECTS_OF_INVESTOR, PROJECTS_OF_PARK, PROJECTS_OF_UNIT } from './project.sql';

@ObjectType()
export class ProjectConnection extends Connection(Project) {}

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { description: 'One project by id; NOT_FOUND if it does not exist.' })
  project(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return orNotFound(projectById(ctx).load(parseId('id', id)), 'Project', id);
  }

  @Query(() => ProjectConnection, { description: 'Projects matching the filter, by ascending id.' })
  async projects(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    requireUser(ctx.user);
    return toConnection(await new ProjectService(ctx.db).list(filter, pageOf(page, info), listColumns(ctx.db, Project, info)));
  }

  @Mutation(() => Project, { description: 'File a new project (starts as 线索 lead). Bureau/admin any unit; district officers their own unit; chain leaders their chains.' })
  createProject(@Arg('input', () => CreateProjectInput) input: CreateProjectInput, @Ctx() ctx: AtlasContext) {
    return new ProjectService(ctx.db).create(requireUser(ctx.user), input);
  }

  @Mutation(() => Project, { description: 'Edit a project (validated, audited).' })
  updateProject(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateProjectInput) input: UpdateProjectInput, @Ctx() ctx: AtlasContext) {
    return new ProjectService(ctx.db).update(requireUser(ctx.user), parseId('id', id), input);
  }

  @Mutation(() => Project, { description: 'Move a project to its next stage, or to 淘汰/终止, on a date not before its previous stage.' })
  moveProjectStage(
    @Arg('id', () => ID) id: string,
    @Arg('to', () => ProjectStage) to: ProjectStage,
    @Arg('on', () => LocalDateScalar, { description: 'The date the stage was entered.' }) on: string,
    @Ctx() ctx: AtlasContext,
  ) {
    return new ProjectService(ctx.db).moveStage(requireUser(ctx.user), parseId('id', id), to, on);
  }

  @Mutation(() => FundArrival, { description: 'Record funds in place (实际到位资金) with the voucher.' })
  recordFundArrival(@Arg('input', () => RecordFundArrivalInput) input: RecordFundArrivalInput, @Ctx() ctx: AtlasContext) {
    return new ProjectService(ctx.db).recordFundArrival(requireUser(ctx.user), input);
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: 'The investing enterprise.' })
  investor(@Root() p: Project, @Ctx() ctx: AtlasContext) { return p.investorId ? enterpriseById(ctx).load(p.investorId) : null; }

  @FieldResolver(() => AssessmentUnit, { description: '引荐单位: the one unit credited.' })
  introducingUnit(@Root() p: Project, @Ctx() ctx: AtlasContext) { return assessmentUnitById(ctx).load(p.introducingUnitId); }

  @FieldResolver(() => AssessmentCategory)
  category(@Root() p: Project, @Ctx() ctx: AtlasContext) { return categoryByCode(ctx).load(p.categoryCode); }

  @FieldResolver(() => Park, { nullable: true })
  park(@Root() p: Project, @Ctx() ctx: AtlasContext) { return p.parkId ? parkById(ctx).load(p.parkId) : null; }

  @FieldResolver(() => Parcel, { nullable: true })
  parcel(@Root() p: Project, @Ctx() ctx: AtlasContext) { return p.parcelId ? parcelById(ctx).load(p.parcelId) : null; }

  @FieldResolver(() => ChainNode, { nullable: true })
  chainNode(@Root() p: Project, @Ctx() ctx: AtlasContext) { return p.chainNodeId ? chainNodeById(ctx).load(p.chainNodeId) : null; }

  @FieldResolver(() => Region, { nullable: true, description: 'The region it is located in.' })
  region(@Root() p: Project, @Ctx() ctx: AtlasContext) { return p.regionId ? regionById(ctx).load(p.regionId) : null; }

  @FieldResolver(() => Official, { nullable: true, description: '包抓领导' })
  responsibleLeader(@Root() p: Project, @Ctx() ctx: AtlasContext) { return p.responsibleLeaderId ? officialById(ctx).load(p.responsibleLeaderId) : null; }

  @FieldResolver(() => Official, { nullable: true, description: '首席服务官' })
  serviceOfficer(@Root() p: Project, @Ctx() ctx: AtlasContext) { return p.serviceOfficerId ? officialById(ctx).load(p.serviceOfficerId) : null; }

  @FieldResolver(() => TargetEnterprise, { nullable: true, description: 'The recruitment target it came from (null for a chain leader when it is on another chain).' })
  targetEnterprise(@Root() p: Project, @Ctx() ctx: AtlasContext) {
    return p.targetEnterpriseId ? visibleTargetById(ctx).load(p.targetEnterpriseId) : null;
  }

  @FieldResolver(() => [ProjectStage], { description: 'Stages moveProjectStage accepts next: the following stage, or 淘汰 before signing / 终止 after; empty at a final stage.' })
  allowedMoves(@Root() p: Project) { return allowedMoves(p.stage); }

  @FieldResolver(() => Boolean, { description: 'Whether recordFundArrival accepts funds for it now (signed or later, or terminated).' })
  acceptsFundArrivals(@Root() p: Project) { return isSignedOrLater(p.stage); }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may edit it, move its stage and record its funds (the rule the mutations enforce).' })
  async viewerCanEdit(@Root() p: Project, @Ctx() ctx: AtlasContext) {
    const node = p.chainNodeId ? await chainNodeById(ctx).load(p.chainNodeId) : null;
    return canEditProject(ctx.user, { introducingUnitId: p.introducingUnitId, chainId: node?.chainId ?? null });
  }

  @FieldResolver(() => [ProjectStageEvent], { description: 'Every stage entered, oldest first.' })
  stageHistory(@Root() p: Project, @Ctx() ctx: AtlasContext) { return stageHistoryByProject(ctx).load(p.id); }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: 'The date it entered a stage, if it did.' })
  async enteredOn(@Root() p: Project, @Arg('stage', () => ProjectStage) stage: ProjectStage, @Ctx() ctx: AtlasContext) {
    return (await stageHistoryByProject(ctx).load(p.id)).find((e) => e.stage === stage)?.enteredOn ?? null;
  }

  @FieldResolver(() => [FundArrival], { description: 'Funds in place, oldest first.' })
  fundArrivals(@Root() p: Project, @Ctx() ctx: AtlasContext) { return fundArrivalsByProject(ctx).load(p.id); }

  @FieldResolver(() => Float, { description: '实际到位资金 in 万元, up to asOf (default: all recorded).' })
  async fundsInPlace(@Root() p: Project, @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | null, @Ctx() ctx: AtlasContext) {
    return Number((await fundsInPlaceByProject(ctx, asOf ?? null).load(p.id))?.amount ?? 0);
  }

  @FieldResolver(() => Float, { description: 'Foreign part of funds in place, 万美元, up to asOf.' })
  async foreignFundsInPlace(@Root() p: Project, @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | null, @Ctx() ctx: AtlasContext) {
    return Number((await fundsInPlaceByProject(ctx, asOf ?? null).load(p.id))?.foreign_amount ?? 0);
  }

  @FieldResolver(() => [ProjectMilestone], { description: '节点制 milestones.' })
  milestones(@Root() p: Project, @Ctx() ctx: AtlasContext) { return milestonesByProject(ctx).load(p.id); }

  @FieldResolver(() => Float, { nullable: true, description: '投资强度: fixed-asset investment ÷ land need, 万元/亩.' })
  investmentIntensity(@Root() p: Project) {
    return p.fixedAssetInvestment !== null && p.landNeedMu ? p.fixedAssetInvestment / p.landNeedMu : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'True when its intensity is under its park floor (seed 003: 180/280 万元/亩); null when unknown.' })
  async belowIntensityFloor(@Root() p: Project, @Ctx() ctx: AtlasContext) {
    if (!p.parkId || p.fixedAssetInvestment === null || !p.landNeedMu) return null;
    const floor = await parkFloorById(ctx).load(p.parkId);
    return floor === null ? null : p.fixedAssetInvestment / p.landNeedMu < floor;
  }
}

/** The reverse relations: projects of a park, an investor, a unit, a chain node. */
@Resolver(() => Park)
export class ParkProjectsResolver {
  @FieldResolver(() => ProjectConnection, { description: 'Projects located in this park.' })
  async projects(@Root() park: Park, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AtlasContext) {
    return projectPage(ctx, 'park.projects', PROJECTS_OF_PARK, park.id, page);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseProjectsResolver {
  @FieldResolver(() => ProjectConnection, { description: 'Projects this enterprise invests in.' })
  async projects(@Root() e: Enterprise, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AtlasContext) {
    return projectPage(ctx, 'enterprise.projects', PROJECTS_OF_INVESTOR, e.id, page);
  }
}

@Resolver(() => AssessmentUnit)
export class UnitProjectsResolver {
  @FieldResolver(() => ProjectConnection, { description: 'Projects credited to this unit.' })
  async projects(@Root() u: AssessmentUnit, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AtlasContext) {
    return projectPage(ctx, 'unit.projects', PROJECTS_OF_UNIT, u.id, page);
  }
}

@Resolver(() => ChainNode)
export class ChainNodeProjectsResolver {
  @FieldResolver(() => ProjectConnection, { description: 'Projects filling this chain node.' })
  async projects(@Root() n: ChainNode, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AtlasContext) {
    return projectPage(ctx, 'chainNode.projects', PROJECTS_OF_CHAIN_NODE, n.id, page);
  }
}

async function projectPage(ctx: AtlasContext, name: string, membership: string, parent: number, args: PageArgs) {
  const page = toPage(args);
  const r = await childPageLoader(ctx, name, membership, page).load(parent);
  const nodes = (await projectById(ctx).loadMany(r.ids)).filter((x): x is Project => x !== null && !(x instanceof Error));
  return toConnection({ nodes, totalCount: r.totalCount, hasNextPage: r.hasNextPage });
}

/** Parcel.project and Project.parcels: the project module owns both directions, so parcel never imports project. */
@Resolver(() => Parcel)
export class ParcelProjectResolver {
  @FieldResolver(() => Project, { nullable: true, description: 'The project on it.' })
  project(@Root() p: Parcel, @Ctx() ctx: AtlasContext) { return p.projectId ? projectById(ctx).load(p.projectId) : null; }
}

/** Project.parcels: the parcels whose project_id points at the project. */
@Resolver(() => Project)
export class ProjectParcelsResolver {
  @FieldResolver(() => [Parcel], { description: 'Parcels the project stands on.' })
  parcels(@Root() p: Project, @Ctx() ctx: AtlasContext) { return parcelsByProject(ctx).load(p.id); }
}
