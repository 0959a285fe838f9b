export { AuditEntry } from './audit.entity';
export { AuditResolver, AuditEntryConnection } from './audit.resolver';
