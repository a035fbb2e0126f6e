/** A person's id: typed in commands as @id, so plain lower-case letters, digits and . _ - */
export const PERSON_ID_SOURCE = '[a-z0-9][a-z0-9._-]{0,62}';

/** Roles of policy.md ("Roles (岗位)"). */
export const ROLES = [
  'sales',
  'promotion',
  'account_manager',
  'regional_manager',
  'department_manager',
  'marketing_reviewer',
  'legal',
  'finance',
  'partner',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type Platform = 'slack' | 'feishu';

export interface Person {
  id: string;
  name: string;
  role: Role;
  region: string;
  managerId: string | null;
  slackId: string | null;
  feishuId: string | null;
  locale: Locale | null;
  /** Integer fen; only for KPI-5 bonus estimates. */
  monthlySalaryFen: number | null;
  /**
   * The person's own IANA zone (org file `timezone:`): their reminders come at
   * the policy's times there, outside its quiet hours. Absent: the company's
   * zone. Working days (China calendar) and periods stay the company's.
   */
  timezone?: string;
}

/** Roles that carry the LEAD-1 daily target (policy.md LEAD-1: sales and account managers; promotion staff have their own KPI-1 target instead). */
export const hasLeadTarget = (role: Role): boolean => role === 'sales' || role === 'account_manager';

/** Roles that may report leads and hold clients (promotion staff: "as sales", policy.md Roles). */
export const mayOwnClients = (role: Role): boolean =>
  role === 'sales' || role === 'promotion' || role === 'account_manager' || role === 'regional_manager' || role === 'department_manager';

export const isManagerRole = (role: Role): boolean =>
  role === 'regional_manager' || role === 'department_manager';
