export { AggregateResolver } from './aggregate.resolver';
export { AggregateService } from './aggregate.service';
