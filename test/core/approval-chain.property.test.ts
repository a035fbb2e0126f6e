import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveChain } from '../../src/core/approvals/chain.ts';
import type { ApprovalKind } from '../../src/core/approvals/types.ts';
import type { Person, Role } from '../../src/core/people.ts';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy.ts';
import { ok } from '../../src/core/result.ts';
import type { OpenedDatabase } from '../../src/store/connect.ts';
import { importOrg } from '../../src/store/import-org.ts';
import { kyselyStore } from '../../src/store/kysely-store.ts';
import { Keyring } from '../../src/crypto/keyring.ts';
import { TEST_KEY } from '../support/bot-fixture.ts';
import { person } from '../support/approval-org.ts';
import { backends } from '../support/test-database.ts';

const REGIONS = ['华东', '华南', '华北'];
const ROLES: Role[] = ['sales', 'sales', 'regional_manager', 'regional_manager', 'department_manager', 'finance', 'legal', 'marketing_reviewer', 'admin'];
const ROLE_STEPS = new Set<string>(['finance', 'legal', 'marketing_reviewer']);

/** A random org chart: person i reports to someone before them (a tree), or to nobody. */
const orgChart = fc.integer({ min: 2, max: 10 }).chain((n) =>
  fc.tuple(
    fc.array(fc.constantFrom(...ROLES), { minLength: n, maxLength: n }),
    fc.array(fc.constantFrom(...REGIONS), { minLength: n, maxLength: n }),
    fc.array(fc.nat(), { minLength: n, maxLength: n }),
    fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  ).map(([roles, regions, bosses, tops]) =>
    roles.map((role, i) => person(`p${i}`, `人${i}`, role, i === 0 || tops[i]! && i % 4 === 0 ? null : `p${bosses[i]! % i}`, regions[i]!)),
  ),
);

const scenario = orgChart.chain((people) =>
  fc.record({
    people: fc.constant(people),
    requester: fc.constantFrom(...people),
    kind: fc.constantFrom<ApprovalKind>('expense', 'promotion', 'contract'),
    amountFen: fc.integer({ min: 1, max: 20_000_000 }),
    top: fc.option(fc.constantFrom(...people.map((p) => p.id)), { nil: null }),
  }),
);

/** Subordinates from the chart itself, not from the code under test. */
function isBelow(people: Person[], personId: string, requesterId: string): boolean {
  const byId = new Map(people.map((p) => [p.id, p]));
  for (let m = byId.get(personId)?.managerId; m; m = byId.get(m)?.managerId) if (m === requesterId) return true;
  return false;
}

describe.each(backends)('every approval chain over random org charts and amounts on $name', (backend) => {
  let database: OpenedDatabase;
  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(() => database.close());

  it('never holds the requester, a person twice, or only subordinates of the requester, and gives role steps to that role only', async () => {
    const store = kyselyStore(database.db, new Keyring(TEST_KEY));
    await fc.assert(
      fc.asyncProperty(scenario, async ({ people, requester, kind, amountFen, top }) => {
        await importOrg(database.db, { regions: REGIONS, people });
        const policy: Policy = { ...DEFAULT_POLICY, expenses: { ...DEFAULT_POLICY.expenses, topApprover: top } };
        const result = await store.transaction(async (tx) => ok(await resolveChain(tx, policy, requester, kind, amountFen)));
        if (!result.ok) throw new Error('the transaction failed');
        const chain = result.value;
        if (!chain.ok) {
          expect(['no_approver', 'top_approver_needed']).toContain(chain.code);
          return;
        }
        const holders = chain.value.map((s) => s.approverId);
        expect(holders).not.toContain(requester.id);
        expect(new Set(holders).size).toBe(holders.length);
        expect(holders.length).toBeGreaterThan(0);
        expect(holders.every((id) => isBelow(people, id, requester.id))).toBe(false);
        for (const step of chain.value) {
          if (ROLE_STEPS.has(step.role)) expect(people.find((p) => p.id === step.approverId)?.role).toBe(step.role);
        }
      }),
      { numRuns: backend.name === 'postgres' ? 40 : 80 },
    );
  }, 240_000);
});
