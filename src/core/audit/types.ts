import type { Person, Platform } from '../people.ts';

export type ActorPlatform = Platform | 'console' | 'system';

/** Who is acting, and through which platform (for the audit log). */
export interface Actor {
  person: Person;
  platform: ActorPlatform;
  /** Where the person asked, where the adapter knows: a one-to-one chat or a group or channel (SEC-2: exports only in a direct message). Unset: direct (the console). */
  conversation?: 'direct' | 'group';
}

export interface AuditEntry {
  at: Date;
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  platform: ActorPlatform;
  details?: Record<string, string | number | boolean | null>;
}
