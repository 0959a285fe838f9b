export { ChangeFeedResolver } from './change-feed.resolver';
export { ChangeTopic, ChangeOp } from './change-feed.entity';
