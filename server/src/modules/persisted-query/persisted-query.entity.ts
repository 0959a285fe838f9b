import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A GraphQL document on the allow-list, sent by its hash as extensions.persistedQuery.sha256Hash.' })
export class PersistedQuery {
  @Field(() => String, { description: 'sha256 of the document text, lowercase hex.' }) sha256: string;
  @Field(() => String) document: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => ID, { nullable: true }) registeredBy: string | null;
  @Field(() => Date) registeredAt: Date;
}

@ObjectType({ description: 'Whether an API key may send arbitrary documents or only persisted (allow-listed) ones.' })
export class ApiKeyQueryPolicy {
  @Field(() => String, { description: 'The key name: the username of the integrator account holding the key.' }) keyName: string;
  @Field(() => Boolean) persistedOnly: boolean;
}
