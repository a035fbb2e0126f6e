import type { Person, Role } from '../../src/core/people.ts';
import { importOrg } from '../../src/store/import-org.ts';
import type { BotFixture } from './bot-fixture.ts';

/** A person for a test org, in 华东 unless told. */
export const person = (id: string, name: string, role: Role, managerId: string | null, region = '华东'): Person => ({
  id, name, role, region, managerId, slackId: null, feishuId: null, locale: null, monthlySalaryFen: null,
});

/**
 * The example org plus the people a test needs: 总经理 (an admin outside the
 * department, the policy's top approver where a test names him), a second
 * person in finance, legal and marketing review.
 */
export const EXTRA = {
  ceo: person('zongjingli', '总经理', 'admin', null),
  finance2: person('sunli', '孙丽', 'finance', 'wangwu'),
  legal2: person('fawu2', '法务二', 'legal', 'wangwu'),
  reviewer2: person('shenhe2', '审核二', 'marketing_reviewer', 'wangwu'),
};

/** Loads the example org with these extra people into the fixture's database (people left out are deactivated). */
export async function withPeople(f: BotFixture, extra: Person[]): Promise<void> {
  await importOrg(f.database.db, { regions: f.org.regions, people: [...f.org.people, ...extra] });
}

/** One of the extra people acting on the console. */
export const actor = (p: Person) => ({ person: p, platform: 'console' as const });
