import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A problem in an imported ledger, by row (1 = the header row) and column.' })
export class LedgerProblemType {
  @Field(() => Int) row: number;
  @Field(() => String) column: string;
  @Field(() => String) message: string;
}

@ObjectType({ description: 'What a ledger import found and (unless a dry run or any problem) wrote, all rows in one transaction.' })
export class LedgerReportType {
  @Field(() => Boolean) dryRun: boolean;
  @Field(() => Boolean, { description: 'True only when every row was written.' }) written: boolean;
  @Field(() => Int) rows: number;
  @Field(() => Int) projects: number;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) stageEventsAdded: number;
  @Field(() => Int) fundArrivalsAdded: number;
  @Field(() => [LedgerProblemType]) problems: LedgerProblemType[];
}

@ObjectType({ description: 'A column of the project ledger (项目台账).' })
export class LedgerColumnType {
  @Field(() => String) header: string;
  @Field(() => String) note: string;
  @Field(() => String) example: string;
}

@ObjectType({ description: 'A file for download.' })
export class DownloadFile {
  @Field(() => String) fileName: string;
  @Field(() => String) mimeType: string;
  @Field(() => String) contentBase64: string;
}
