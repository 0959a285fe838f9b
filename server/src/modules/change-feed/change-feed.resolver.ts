import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscriptionHandlerData } from 'type-graphql';
import { requireUser } from '../../auth/policy';
import type { AtlasContext } from '../../common/context';
import { ProjectStage } from '../project';
import { targetChainScope } from '../target';
import {
  ChangeTopic, FundArrivedEvent, ParcelChangedEvent, ParkChangedEvent, ProjectStageMovedEvent, TargetChangedEvent,
} from './change-feed.entity';

type Payload = Record<string, unknown>;
type Data<A = Record<string, unknown>> = SubscriptionHandlerData<Payload, A, AtlasContext>;

const same = (want: string | null | undefined, got: unknown) => want === undefined || want === null || String(got) === String(want);
/** Everyone signed in reads projects, parcels and parks (as over GraphQL); an event reaches only signed-in subscribers. */
const signedIn = (d: Data) => d.context.user !== null;

/** The change feed: GraphQL subscriptions over WebSocket (graphql-ws at /graphql), fed by PostgreSQL NOTIFY after commit. */
@Resolver()
export class ChangeFeedResolver {
  @Subscription(() => ProjectStageMovedEvent, {
    topics: ChangeTopic.PROJECT_STAGE_MOVED,
    description: 'Project stage moves (立项→签约→开工…), optionally for one project, unit or set of stages.',
    filter: (d: Data<{ projectId?: string; introducingUnitId?: string; stages?: ProjectStage[] }>) => signedIn(d)
      && same(d.args.projectId, d.payload.projectId) && same(d.args.introducingUnitId, d.payload.introducingUnitId)
      && (!d.args.stages?.length || d.args.stages.includes(d.payload.stage as ProjectStage)),
  })
  projectStageMoved(
    @Root() e: Payload,
    @Ctx() ctx: AtlasContext,
    @Arg('projectId', () => ID, { nullable: true }) _projectId?: string,
    @Arg('introducingUnitId', () => ID, { nullable: true }) _unit?: string,
    @Arg('stages', () => [ProjectStage], { nullable: true }) _stages?: ProjectStage[],
  ): ProjectStageMovedEvent {
    requireUser(ctx.user);
    return e as unknown as ProjectStageMovedEvent;
  }

  @Subscription(() => FundArrivedEvent, {
    topics: ChangeTopic.FUND_ARRIVED,
    description: 'Fund arrivals (资金到位), optionally for one project or unit.',
    filter: (d: Data<{ projectId?: string; introducingUnitId?: string }>) => signedIn(d)
      && same(d.args.projectId, d.payload.projectId) && same(d.args.introducingUnitId, d.payload.introducingUnitId),
  })
  fundArrived(
    @Root() e: Payload,
    @Ctx() ctx: AtlasContext,
    @Arg('projectId', () => ID, { nullable: true }) _projectId?: string,
    @Arg('introducingUnitId', () => ID, { nullable: true }) _unit?: string,
  ): FundArrivedEvent {
    requireUser(ctx.user);
    return e as unknown as FundArrivedEvent;
  }

  @Subscription(() => ParcelChangedEvent, {
    topics: ChangeTopic.PARCEL_CHANGED,
    description: 'Parcel changes (land use, supply status, geometry…), optionally within one park.',
    filter: (d: Data<{ parkId?: string }>) => signedIn(d) && same(d.args.parkId, d.payload.parkId),
  })
  parcelChanged(@Root() e: Payload, @Ctx() ctx: AtlasContext, @Arg('parkId', () => ID, { nullable: true }) _parkId?: string): ParcelChangedEvent {
    requireUser(ctx.user);
    return e as unknown as ParcelChangedEvent;
  }

  @Subscription(() => ParkChangedEvent, {
    topics: ChangeTopic.PARK_CHANGED,
    description: 'Park changes, optionally of one park.',
    filter: (d: Data<{ parkId?: string }>) => signedIn(d) && same(d.args.parkId, d.payload.parkId),
  })
  parkChanged(@Root() e: Payload, @Ctx() ctx: AtlasContext, @Arg('parkId', () => ID, { nullable: true }) _parkId?: string): ParkChangedEvent {
    requireUser(ctx.user);
    return e as unknown as ParkChangedEvent;
  }

  @Subscription(() => TargetChangedEvent, {
    topics: ChangeTopic.TARGET_CHANGED,
    description: 'Target enterprise changes and logged activities; a chain leader hears only the chains they lead.',
    filter: (d: Data<{ chainId?: string }>) => {
      if (!d.context.user) return false;
      const scope = targetChainScope(d.context.user);
      if (scope && !scope.includes(Number(d.payload.chainId))) return false;
      return same(d.args.chainId, d.payload.chainId);
    },
  })
  targetChanged(@Root() e: Payload, @Ctx() ctx: AtlasContext, @Arg('chainId', () => ID, { nullable: true }) _chainId?: string): TargetChangedEvent {
    requireUser(ctx.user);
    return e as unknown as TargetChangedEvent;
  }
}
