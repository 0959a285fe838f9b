export { LedgerResolver, XLSX_MIME } from './ledger.resolver';
export { LedgerService, type LedgerReport } from './ledger.service';
export { LEDGER_COLUMNS } from './ledger.columns';
export { ledgerTemplate, workbookOf } from './ledger.file';
export { DownloadFile } from './ledger.entity';
