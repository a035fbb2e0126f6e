import type { AuditEntry } from './types.ts';

export interface AuditPort {
  record(entry: AuditEntry): Promise<void>;
}
