import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { todayInChina } from '../../common/dates';
import { parseId } from '../../common/filters';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { requireUser } from '../../auth/policy';
import { Region, regionById } from '../region';
import { Park, parkById } from '../park';
import { Project, projectById } from '../project';
import { AnnualTarget, AssessmentCoefficient, AssessmentUnit, assessmentUnitById, assertYear } from '../unit';
import {
  AssessmentRanking, AssessmentRule, BackdatedArrival, CreditLine, LateEdit, LateEntry, MonthStartRate, RankingChange, RankingRevision,
  ProjectListPage, ProjectListRow, ProjectListSort, RateCohortEntry, RateGroup, RateRow, UnitScore,
} from './assessment.entity';
import { AnnualTargetInput, AssessmentCoefficientInput, AssessmentRuleInput, AssessmentUnitInput, PeriodInput, ProjectListFilter } from './assessment.inputs';
import { unitByRegion, unitRatesFor, unitScoreFor } from './assessment.loader';
import { DownloadFile, XLSX_MIME } from '../ledger';
import { AssessmentService } from './assessment.service';

const AS_OF = { nullable: true, description: 'Event date the figures are as of (default: today in China).' } as const;
const RECORDED_BY = { nullable: true, description: 'Count only entries recorded by this moment ("as published"); default: everything recorded.' } as const;

@Resolver()
export class AssessmentResolver {
  @Query(() => AssessmentRule, { description: 'The yearly rules of the assessment; NOT_FOUND when the year is not configured.' })
  assessmentRule(@Arg('year', () => Int) year: number, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return new AssessmentService(ctx.db).rule(year);
  }

  @Query(() => AssessmentRanking, { description: 'Credited amounts, completion, scores and ranks of every unit with a target in the year, as of a date.' })
  assessmentRanking(
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Arg('recordedBy', () => Date, RECORDED_BY) recordedBy: Date | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    requireUser(ctx.user);
    return new AssessmentService(ctx.db).ranking(year, { asOf, recordedBy });
  }

  @Query(() => [CreditLine], { description: 'Drill-down: the fund arrivals, coefficients and shares that make a unit\'s credited amounts.' })
  assessmentCreditLines(
    @Arg('unitId', () => ID) unitId: string,
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Arg('recordedBy', () => Date, RECORDED_BY) recordedBy: Date | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    requireUser(ctx.user);
    return new AssessmentService(ctx.db).creditLines(parseId('unitId', unitId), year, { asOf, recordedBy });
  }

  @Query(() => RankingRevision, { description: 'What changed in the ranking published at publishedAt because of entries and edits recorded after it.' })
  assessmentRevision(
    @Arg('year', () => Int) year: number,
    @Arg('publishedAt', () => Date) publishedAt: Date,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    requireUser(ctx.user);
    return new AssessmentService(ctx.db).revision(year, asOf, publishedAt);
  }

  @Query(() => [BackdatedArrival], { description: 'Fund arrivals of a year recorded long after the date they claim (default threshold: the year\'s backdateDays).' })
  backdatedFundArrivals(
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Arg('thresholdDays', () => Int, { nullable: true }) thresholdDays: number | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    requireUser(ctx.user);
    return new AssessmentService(ctx.db).backdated(year, asOf, thresholdDays);
  }

  @Query(() => [RateRow], { description: '履约率, 开工率, 投产率, 资金到位率 of the projects signed in the period, by as-of, grouped.' })
  assessmentRates(
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Arg('groupBy', () => RateGroup, { defaultValue: RateGroup.CITY }) groupBy: RateGroup,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Arg('recordedBy', () => Date, RECORDED_BY) recordedBy: Date | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    requireUser(ctx.user);
    return new AssessmentService(ctx.db).rates(period, { asOf, recordedBy }, groupBy);
  }

  @Query(() => [RateCohortEntry], { description: 'The cohort behind a rate row, project by project, with each rule met or missed.' })
  assessmentRateCohort(
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Arg('groupBy', () => RateGroup, { defaultValue: RateGroup.CITY }) groupBy: RateGroup,
    @Arg('groupId', () => ID, { nullable: true, description: 'Unit, region or park id (not for CITY).' }) groupId: string | undefined,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Arg('recordedBy', () => Date, RECORDED_BY) recordedBy: Date | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    requireUser(ctx.user);
    return new AssessmentService(ctx.db).cohort(period, { asOf, recordedBy }, groupBy, groupId);
  }

  @Query(() => [MonthStartRate], { description: 'Start rate at each month end of the year (up to as-of) against the target curve.' })
  startRateByMonth(
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Arg('recordedBy', () => Date, RECORDED_BY) recordedBy: Date | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    requireUser(ctx.user);
    return new AssessmentService(ctx.db).startRateByMonth(year, { asOf, recordedBy });
  }

  @Query(() => DownloadFile, { description: 'The ranking, the rates and every credit line as an XLSX workbook.' })
  async assessmentWorkbook(
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Arg('recordedBy', () => Date, RECORDED_BY) recordedBy: Date | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    requireUser(ctx.user);
    const f = await new AssessmentService(ctx.db).workbook(year, { asOf, recordedBy });
    return { fileName: f.fileName, mimeType: XLSX_MIME, contentBase64: f.content.toString('base64') };
  }

  @Query(() => ProjectListPage, { description: 'The bureau\'s project list: filters, 五项制度 flags, totals, sorted and paginated on the server.' })
  projectList(
    @Arg('filter', () => ProjectListFilter, { nullable: true }) filter: ProjectListFilter | undefined,
    @Arg('sort', () => ProjectListSort, { defaultValue: ProjectListSort.CODE }) sort: ProjectListSort,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    requireUser(ctx.user);
    return new AssessmentService(ctx.db).projectList(filter, sort, limit, offset, asOf);
  }

  @Query(() => DownloadFile, { description: 'Every project the list filter matches, as XLSX.' })
  async projectListWorkbook(
    @Arg('filter', () => ProjectListFilter, { nullable: true }) filter: ProjectListFilter | undefined,
    @Arg('sort', () => ProjectListSort, { defaultValue: ProjectListSort.CODE }) sort: ProjectListSort,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    requireUser(ctx.user);
    const f = await new AssessmentService(ctx.db).projectListWorkbook(filter, sort, asOf);
    return { fileName: f.fileName, mimeType: XLSX_MIME, contentBase64: f.content.toString('base64') };
  }

  @Mutation(() => AssessmentRule, { description: 'Admin: set the yearly rules (creates the year with defaults when new). Audited.' })
  setAssessmentRule(@Arg('input', () => AssessmentRuleInput) input: AssessmentRuleInput, @Ctx() ctx: AtlasContext) {
    return new AssessmentService(ctx.db).setRule(requireUser(ctx.user), input);
  }

  @Mutation(() => AssessmentCoefficient, { description: 'Admin: set a category coefficient for a year (0 excludes it). Audited.' })
  setAssessmentCoefficient(@Arg('input', () => AssessmentCoefficientInput) input: AssessmentCoefficientInput, @Ctx() ctx: AtlasContext) {
    return new AssessmentService(ctx.db).setCoefficient(requireUser(ctx.user), input);
  }

  @Mutation(() => AnnualTarget, { description: 'Admin: set a unit\'s annual target (total in 万元). Audited.' })
  setAnnualTarget(@Arg('input', () => AnnualTargetInput) input: AnnualTargetInput, @Ctx() ctx: AtlasContext) {
    return new AssessmentService(ctx.db).setTarget(requireUser(ctx.user), input);
  }

  @Mutation(() => AssessmentUnit, { description: 'Admin: create (no id) or change an assessment unit. Audited.' })
  async saveAssessmentUnit(@Arg('input', () => AssessmentUnitInput) input: AssessmentUnitInput, @Ctx() ctx: AtlasContext) {
    const id = await new AssessmentService(ctx.db).saveUnit(requireUser(ctx.user), input);
    return ctx.db.getRepository(AssessmentUnit).findOneByOrFail({ id });
  }
}

@Resolver(() => UnitScore)
export class UnitScoreResolver {
  @FieldResolver(() => AssessmentUnit)
  unit(@Root() s: UnitScore, @Ctx() ctx: AtlasContext) { return s.unit ?? assessmentUnitById(ctx).load(s.unitId); }
}

@Resolver(() => CreditLine)
export class CreditLineResolver {
  @FieldResolver(() => Project)
  project(@Root() l: CreditLine, @Ctx() ctx: AtlasContext) { return projectById(ctx).load(l.projectId); }
}

@Resolver(() => BackdatedArrival)
export class BackdatedArrivalResolver {
  @FieldResolver(() => Project)
  project(@Root() l: BackdatedArrival, @Ctx() ctx: AtlasContext) { return projectById(ctx).load(l.projectId); }
  @FieldResolver(() => AssessmentUnit, { description: 'The introducing unit.' })
  unit(@Root() l: BackdatedArrival, @Ctx() ctx: AtlasContext) { return assessmentUnitById(ctx).load(l.unitId); }
}

@Resolver(() => LateEntry)
export class LateEntryResolver {
  @FieldResolver(() => Project)
  project(@Root() l: LateEntry, @Ctx() ctx: AtlasContext) { return projectById(ctx).load(l.projectId); }
  @FieldResolver(() => AssessmentUnit, { description: 'The introducing unit.' })
  unit(@Root() l: LateEntry, @Ctx() ctx: AtlasContext) { return assessmentUnitById(ctx).load(l.unitId); }
}

@Resolver(() => LateEdit)
export class LateEditResolver {
  @FieldResolver(() => Project, { nullable: true, description: 'The edited project (null for configuration edits).' })
  project(@Root() e: LateEdit, @Ctx() ctx: AtlasContext) { return e.projectId ? projectById(ctx).load(e.projectId) : null; }
}

@Resolver(() => RankingChange)
export class RankingChangeResolver {
  @FieldResolver(() => AssessmentUnit)
  unit(@Root() c: RankingChange, @Ctx() ctx: AtlasContext) { return assessmentUnitById(ctx).load(c.unitId); }
}

@Resolver(() => RateRow)
export class RateRowResolver {
  @FieldResolver(() => ID, { nullable: true, description: 'Id of the unit, region or park; null for CITY.' })
  groupId(@Root() r: RateRow) { return r.groupId; }
  @FieldResolver(() => RateGroup)
  group(@Root() r: RateRow) { return r.group; }
  @FieldResolver(() => AssessmentUnit, { nullable: true })
  unit(@Root() r: RateRow, @Ctx() ctx: AtlasContext) { return r.group === RateGroup.UNIT && r.groupId ? assessmentUnitById(ctx).load(r.groupId) : null; }
  @FieldResolver(() => Region, { nullable: true })
  region(@Root() r: RateRow, @Ctx() ctx: AtlasContext) { return r.group === RateGroup.REGION && r.groupId ? regionById(ctx).load(r.groupId) : null; }
  @FieldResolver(() => Park, { nullable: true })
  park(@Root() r: RateRow, @Ctx() ctx: AtlasContext) { return r.group === RateGroup.PARK && r.groupId ? parkById(ctx).load(r.groupId) : null; }
}

@Resolver(() => RateCohortEntry)
export class RateCohortEntryResolver {
  @FieldResolver(() => Project)
  project(@Root() e: RateCohortEntry, @Ctx() ctx: AtlasContext) { return projectById(ctx).load(e.projectId); }
}

@Resolver(() => AssessmentUnit)
export class UnitAssessmentResolver {
  @FieldResolver(() => UnitScore, { nullable: true, description: 'This unit\'s credited amounts, completion, score and rank (null without a target that year).' })
  assessment(
    @Root() u: AssessmentUnit,
    @Arg('year', () => Int, { nullable: true, description: 'Default: the year of asOf.' }) year: number | undefined,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    const when = asOf ?? todayInChina();
    return unitScoreFor(ctx, assertYear(year ?? Number(when.slice(0, 4))), when).load(u.id);
  }

  @FieldResolver(() => RateRow, { nullable: true, description: 'The four rates of the projects this unit introduced, signed in the year (null when none).' })
  rates(
    @Root() u: AssessmentUnit,
    @Arg('year', () => Int, { nullable: true, description: 'Default: the year of asOf.' }) year: number | undefined,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | undefined,
    @Ctx() ctx: AtlasContext,
  ) {
    const when = asOf ?? todayInChina();
    return unitRatesFor(ctx, assertYear(year ?? Number(when.slice(0, 4))), when).load(u.id);
  }
}

@Resolver(() => Region)
export class RegionAssessmentUnitResolver {
  @FieldResolver(() => AssessmentUnit, { nullable: true, description: 'The district/county assessment unit of this region, if it is one.' })
  async assessmentUnit(@Root() r: Region, @Ctx() ctx: AtlasContext) {
    const id = await unitByRegion(ctx).load(r.id);
    return id === null ? null : assessmentUnitById(ctx).load(id);
  }
}

@Resolver(() => ProjectListRow)
export class ProjectListRowResolver {
  @FieldResolver(() => Project)
  project(@Root() r: ProjectListRow, @Ctx() ctx: AtlasContext) { return projectById(ctx).load(r.id); }
}
