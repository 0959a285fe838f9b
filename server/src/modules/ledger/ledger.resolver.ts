import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { invalid } from '../../common/errors';
import { requireUser } from '../../auth/policy';
import { LEDGER_COLUMNS } from './ledger.columns';
import { DownloadFile, LedgerColumnType, LedgerReportType } from './ledger.entity';
import { ledgerTemplate } from './ledger.file';
import { LedgerService } from './ledger.service';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@Resolver()
export class LedgerResolver {
  @Query(() => [LedgerColumnType], { description: 'The columns of the project ledger, in template order.' })
  ledgerColumns(@Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return LEDGER_COLUMNS;
  }

  @Query(() => DownloadFile, { description: 'The ledger template (XLSX with the Chinese headers, an example row and a sheet explaining each column).' })
  async ledgerTemplate(@Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return { fileName: '项目台账模板.xlsx', mimeType: XLSX_MIME, contentBase64: (await ledgerTemplate()).toString('base64') };
  }

  @Mutation(() => LedgerReportType, { description: 'Imports a project ledger (XLSX or CSV, base64). dryRun (default) only reports; a real run writes every row or none.' })
  importProjectLedger(
    @Arg('fileName', () => String, { description: 'Ends in .xlsx or .csv.' }) fileName: string,
    @Arg('contentBase64', () => String) contentBase64: string,
    @Arg('dryRun', () => Boolean, { defaultValue: true }) dryRun: boolean,
    @Ctx() ctx: AtlasContext,
  ) {
    const user = requireUser(ctx.user);
    if (!/\.(xlsx|csv)$/i.test(fileName)) throw invalid('fileName', 'the ledger must be an .xlsx or .csv file');
    return new LedgerService(ctx.db).import(user, Buffer.from(contentBase64, 'base64'), fileName, dryRun);
  }
}
