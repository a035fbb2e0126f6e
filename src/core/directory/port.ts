import type { Person, Platform, Role } from '../people.ts';

/** Who is who: the people of the org file (people.ts), as the store keeps them. */
export interface DirectoryPort {
  personById(id: string): Promise<Person | null>;
  /** The active ones of these people, in one read, in no particular order; someone not found is left out. */
  peopleByIds(ids: readonly string[]): Promise<Person[]>;
  personByPlatform(platform: Platform, platformId: string): Promise<Person | null>;
  regions(): Promise<string[]>;
  /** Every active person, by name: the people a form's person picker offers. */
  everyone(): Promise<Person[]>;
  /** Active people of a role, in id order; of one region when given. */
  withRole(role: Role, region?: string): Promise<Person[]>;
  /** The manager, the manager's manager, … up to the top. */
  managerChain(personId: string): Promise<Person[]>;
}
