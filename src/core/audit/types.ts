import type { Person, Platform } from '../people.ts';

export type ActorPlatform = Platform | 'console' | 'system';

/** Who is acting, and through which platform (for the audit log). */
export interface Actor {
  person: Person;
  platform: ActorPlatform;
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
