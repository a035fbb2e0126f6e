import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { parsePolicyFile } from '../../src/config/policy-file.ts';
import { chainRoles } from '../../src/core/approvals/chain.ts';
import { gradeForPurchase } from '../../src/core/clients/grade.ts';
import { termBreaches } from '../../src/core/contracts/terms.ts';
import { DEFAULT_POLICY, percentToBp, yuanToFen } from '../../src/core/policy.ts';

/**
 * The policy file writes money in yuan and the Policy holds fen (and
 * basis points for the percents the core compares them with), converted once
 * when the file is read. These tests put a rule's threshold in a file and
 * judge amounts one fen either side of it, so a conversion forgotten, or done
 * twice, fails them: 100 times off either way.
 */

const policyOf = (text: string) => parsePolicyFile(text, 'policy.yaml');

const errorOf = (text: string): string => {
  try {
    policyOf(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected the policy file to be refused');
};

describe('policy money in fen', () => {
  it('yuan become fen and percents basis points, refusing what has no exact fen', () => {
    expect(yuanToFen(500_000)).toBe(50_000_000);
    expect(yuanToFen(500_000.01)).toBe(50_000_001);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(0)).toBe(0);
    expect(percentToBp(5)).toBe(500);
    expect(percentToBp(2.25)).toBe(225);
    expect(() => yuanToFen(1.005)).toThrow(new RangeError('1.005 yuan has more than 2 decimals; fen are whole'));
    expect(() => yuanToFen(0.001)).toThrow('more than 2 decimals');
    expect(() => yuanToFen(Number.NaN)).toThrow(new RangeError('NaN yuan is not a finite number'));
    expect(() => yuanToFen(Number.POSITIVE_INFINITY)).toThrow('Infinity yuan is not a finite number');
    expect(() => yuanToFen(Number.MAX_SAFE_INTEGER)).toThrow('too large to count in whole fen');
    expect(() => percentToBp(2.555)).toThrow(new RangeError('2.555 percent has more than 2 decimals; basis points are whole'));
  });

  it("the defaults are policy.md's yuan and percents, in fen and basis points", () => {
    expect(DEFAULT_POLICY.clients).toMatchObject({ gradeAAboveFen: 500_000_000, gradeBAboveFen: 100_000_000 });
    expect(DEFAULT_POLICY.expenses).toMatchObject({ regionalManagerUpToFen: 1_000_000, departmentManagerUpToFen: 5_000_000, eventBenchmarkFen: 3_500_000 });
    expect(DEFAULT_POLICY.incentives.travelFundAmountFen).toBe(2_000_000);
    expect(DEFAULT_POLICY.kpi).toMatchObject({ quarterlySalesTargetFen: 100_000_000, collectionRateBp: 9500 });
    expect(DEFAULT_POLICY.contracts.penaltyBp).toBe(500);
  });

  it('every money key of the file is read as yuan, every basis-point key as percent', () => {
    const policy = policyOf(
      [
        'clients: {grade_a_above: 700001, grade_b_above: 300002}',
        'incentives: {travel_fund_amount: 12345}',
        'kpi: {quarterly_sales_target: 800003, collection_rate_percent: 92.5}',
        'contracts: {penalty_percent: 2.25}',
        'expenses: {regional_manager_up_to: 8004, department_manager_up_to: 40005, event_benchmark: 30006}',
      ].join('\n'),
    );
    expect(policy.clients).toMatchObject({ gradeAAboveFen: 70_000_100, gradeBAboveFen: 30_000_200 });
    expect(policy.incentives.travelFundAmountFen).toBe(1_234_500);
    expect(policy.kpi).toMatchObject({ quarterlySalesTargetFen: 80_000_300, collectionRateBp: 9250 });
    expect(policy.contracts.penaltyBp).toBe(225);
    expect(policy.expenses).toMatchObject({ regionalManagerUpToFen: 800_400, departmentManagerUpToFen: 4_000_500, eventBenchmarkFen: 3_000_600 });
  });

  it('CLI-1: with grade A above 500,000 yuan, 500,000.01 yuan is A and 500,000.00 is not', () => {
    const policy = policyOf('clients: {grade_a_above: 500000, grade_b_above: 100000}');
    expect(policy.clients.gradeAAboveFen).toBe(50_000_000);
    expect(gradeForPurchase(policy, 50_000_001)).toBe('A');
    expect(gradeForPurchase(policy, 50_000_000)).toBe('B');
    expect(gradeForPurchase(policy, 10_000_001)).toBe('B');
    expect(gradeForPurchase(policy, 10_000_000)).toBe('C');
  });

  it('EXP-1: the chain grows one fen above each threshold the file sets in yuan', () => {
    const policy = policyOf('expenses: {regional_manager_up_to: 8000, department_manager_up_to: 40000}');
    expect(chainRoles(policy, 'expense', 800_000)).toEqual(['regional_manager']);
    expect(chainRoles(policy, 'expense', 800_001)).toEqual(['regional_manager', 'department_manager']);
    expect(chainRoles(policy, 'expense', 4_000_000)).toEqual(['regional_manager', 'department_manager']);
    expect(chainRoles(policy, 'expense', 4_000_001)).toEqual(['regional_manager', 'department_manager', 'finance']);
  });

  it("CON-1: a contract's penalty in basis points meets the file's percent", () => {
    const policy = policyOf('contracts: {penalty_percent: 2.5}');
    const penaltyBreach = (penaltyBp: number) => termBreaches(policy, { penaltyBp }, '2026-01-01').filter((b) => b.kind === 'penalty_not_policy');
    expect(penaltyBreach(250)).toEqual([]);
    expect(penaltyBreach(25_000)).toEqual([{ kind: 'penalty_not_policy', penaltyBp: 25_000, policyBp: 250 }]);
  });

  it('the file keeps its units: whole yuan, percents with at most 2 decimals, and no fen keys', () => {
    expect(errorOf('clients: {grade_a_above: 5000000.5}')).toBe(
      'POLICY_FILE policy.yaml: clients.grade_a_above: must be a whole number of yuan, 0 or more (e.g. 50000), got 5000000.5',
    );
    expect(errorOf('expenses: {event_benchmark: .inf}')).toContain('expenses.event_benchmark: must be a whole number of yuan, 0 or more (e.g. 50000), got Infinity');
    expect(errorOf('kpi: {quarterly_sales_target: 9007199254740991}')).toContain('kpi.quarterly_sales_target: must be a whole number of yuan');
    expect(errorOf('contracts: {penalty_percent: 2.555}')).toBe(
      'POLICY_FILE policy.yaml: contracts.penalty_percent: must be a percent with at most 2 decimals (e.g. 2.5 or 2.25), got 2.555',
    );
    expect(errorOf('kpi: {collection_rate_percent: 101}')).toContain('kpi.collection_rate_percent: must be a percent from 0 to 100, got 101');
    expect(errorOf('clients: {grade_a_above_fen: 500000}')).toBe(
      'POLICY_FILE policy.yaml: clients.grade_a_above_fen: unknown key; known keys here are grade_a_above, grade_b_above, a_class_visits_per_quarter, follow_up_every_months, ticket_response_hours',
    );
    expect(errorOf('contracts: {penalty_bp: 500}')).toContain('contracts.penalty_bp: unknown key; known keys here are max_payment_term_days, penalty_percent');
  });
});
