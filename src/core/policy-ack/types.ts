import type { Person, Role } from '../people.ts';
import type { RuleId, RuleSection, RuleValues } from './rules.ts';
import type { AckItem } from './versions.ts';

/** One rule as the company configured it. */
export interface RuleShown {
  id: RuleId;
  section: RuleSection;
  values: RuleValues;
  version: string;
  /** This person has acknowledged this version. */
  acknowledged: boolean;
}

/** `/policy`: every rule, and what this person has still to acknowledge. */
export interface PolicyShown {
  role: Role;
  rules: RuleShown[];
  pending: AckItem[];
}

/** `/policy ack`: what was acknowledged now (empty: nothing was pending). */
export interface PolicyAcknowledged {
  acknowledged: AckItem[];
  role: Role;
}

/** `/policy status`: who has not acknowledged the current version, and of what. */
export interface PolicyStatus {
  /** The region a regional manager sees; null: everyone (department manager). */
  region: string | null;
  covered: number;
  missing: { person: Person; pending: AckItem[] }[];
}
