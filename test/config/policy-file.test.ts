import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { camelToSnake, checkPolicyAgainstOrg, fileKeyOf, loadPolicy, parsePolicyFile, snakeToCamel } from '../../src/config/policy-file.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';

/** The ConfigError message a bad policy text produces. */
const errorOf = (text: string): string => {
  try {
    parsePolicyFile(text, 'policy.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected the policy file to be refused');
};

describe('the policy file', () => {
  it('examples/policy.yaml loads and overrides what it says', () => {
    const policy = loadPolicy('examples/policy.yaml');
    expect(policy.leads.dailyTarget).toBe(6);
    expect(policy.expenses.eventBenchmarkFen).toBe(3_000_000);
    expect(policy.calendar.extraHolidays).toEqual(['2027-01-01', '2027-01-02']);
    expect(policy.expenses.regionalManagerUpToFen).toBe(DEFAULT_POLICY.expenses.regionalManagerUpToFen);
  });

  it('examples/policy.yaml mentions every key an admin can set', () => {
    const text = readFileSync('examples/policy.yaml', 'utf8');
    const missing: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return walk(node[0]);
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (!/^[A-C]$/.test(key) && !text.includes(`${fileKeyOf(key)}:`)) missing.push(fileKeyOf(key));
        walk(value);
      }
    };
    walk(DEFAULT_POLICY);
    expect(missing).toEqual([]);
  });

  it('no file means the defaults, and an empty file too', () => {
    expect(loadPolicy(undefined)).toEqual(DEFAULT_POLICY);
    expect(parsePolicyFile('# nothing set\n', 'policy.yaml')).toEqual(DEFAULT_POLICY);
    expect(parsePolicyFile('leads:\n  # daily_target: 6\n', 'policy.yaml')).toEqual(DEFAULT_POLICY);
  });

  it('overrides merge deeply and keep the other defaults', () => {
    const policy = parsePolicyFile(
      [
        'leads: {daily_target: 6}',
        'expenses: {event_benchmark: 30000}',
        'reminders: {leads_nudge: "16:00"}',
        'incentives: {new_client_reward_percent: {A: 2.5}}',
        'kpi: {bonus_tiers: [{top_percent: 10, salary_multiple: 2}]}',
      ].join('\n'),
      'policy.yaml',
    );
    expect(policy.leads).toEqual({ ...DEFAULT_POLICY.leads, dailyTarget: 6 });
    expect(policy.expenses).toEqual({ ...DEFAULT_POLICY.expenses, eventBenchmarkFen: 3_000_000 });
    expect(policy.reminders).toEqual({ ...DEFAULT_POLICY.reminders, leadsNudge: '16:00' });
    expect(policy.incentives.newClientRewardPercent).toEqual({ A: 2.5, B: 2, C: 1 });
    expect(policy.incentives.travelFundAmountFen).toBe(DEFAULT_POLICY.incentives.travelFundAmountFen);
    // A list replaces the default list, it is not appended to.
    expect(policy.kpi.bonusTiers).toEqual([{ topPercent: 10, salaryMultiple: 2 }]);
    expect(policy.kpi.quarterlySalesTargetFen).toBe(DEFAULT_POLICY.kpi.quarterlySalesTargetFen);
    expect(policy.clients).toEqual(DEFAULT_POLICY.clients);
  });

  it('parsing never changes DEFAULT_POLICY', () => {
    const before = structuredClone(DEFAULT_POLICY);
    const policy = parsePolicyFile('calendar: {extra_holidays: [2027-01-01]}', 'policy.yaml');
    policy.calendar.extraWorkdays.push('2027-01-09');
    policy.leads.dailyTarget = 99;
    expect(DEFAULT_POLICY).toEqual(before);
  });

  it('dates are accepted as plain YAML dates, quoted strings and YAML 1.1 timestamps, and stored as strings', () => {
    expect(parsePolicyFile('calendar: {extra_holidays: [2027-01-01, "2027-02-10"]}', 'p').calendar.extraHolidays).toEqual(
      ['2027-01-01', '2027-02-10'],
    );
    const yaml11 = '%YAML 1.1\n---\ncalendar:\n  extra_workdays: [2027-01-09]\n';
    expect(parsePolicyFile(yaml11, 'p').calendar.extraWorkdays).toEqual(['2027-01-09']);
  });

  it('an unknown key is refused with its dotted key and the keys that exist there', () => {
    const message = errorOf('leads:\n  daly_target: 6\n');
    expect(message).toBe(
      'POLICY_FILE policy.yaml: leads.daly_target: unknown key; known keys here are daily_target, company_name_max_length, region_by_place',
    );
    expect(errorOf('leeds: {daily_target: 6}')).toContain('POLICY_FILE policy.yaml: leeds: unknown key');
  });

  it('a camelCase key is refused and the snake_case spelling suggested', () => {
    expect(errorOf('leads: {dailyTarget: 6}')).toBe(
      'POLICY_FILE policy.yaml: leads.dailyTarget: unknown key; keys are written in snake_case: daily_target',
    );
  });

  it('a wrong type names the key, what it must be and what it got', () => {
    expect(errorOf('leads: {daily_target: five}')).toBe(
      'POLICY_FILE policy.yaml: leads.daily_target: must be a whole number above 0, got "five"',
    );
    expect(errorOf('leads: {daily_target: 0}')).toContain('leads.daily_target: must be a whole number above 0, got 0');
    expect(errorOf('pipeline: {needs_questions: 11}')).toBe(
      'POLICY_FILE policy.yaml: pipeline.needs_questions: must be a whole number from 1 to 10 (the needs checklist has questions q1 to q10), got 11',
    );
    expect(errorOf('leads: {daily_target: 2.5}')).toContain('leads.daily_target: must be a whole number above 0, got 2.5');
    expect(errorOf('expenses: {event_benchmark: 3万}')).toContain(
      'expenses.event_benchmark: must be a whole number of yuan, 0 or more (e.g. 50000), got "3万"',
    );
    expect(errorOf('contracts: {penalty_percent: 120}')).toContain(
      'contracts.penalty_percent: must be a percent from 0 to 100, got 120',
    );
    expect(errorOf('leads: 5')).toContain('POLICY_FILE policy.yaml: leads: must be a mapping of keys, got 5');
    expect(errorOf('kpi: {bonus_tiers: [{top_percent: 5, salary_multiple: 0}]}')).toContain(
      'kpi.bonus_tiers[0].salary_multiple: must be a whole number of monthly salaries above 0 (e.g. 2), got 0',
    );
    // The review stores the multiple as a whole number, and salary × multiple must be whole fen (KPI-5).
    expect(errorOf('kpi: {bonus_tiers: [{top_percent: 5, salary_multiple: 1.5}]}')).toContain(
      'kpi.bonus_tiers[0].salary_multiple: must be a whole number of monthly salaries above 0 (e.g. 2), got 1.5',
    );
  });

  it('a bad time names the key', () => {
    expect(errorOf('reminders: {leads_nudge: "25:00"}')).toBe(
      'POLICY_FILE policy.yaml: reminders.leads_nudge: must be a 24-hour time HH:MM in quotes (e.g. "16:30"), got "25:00"',
    );
    expect(errorOf('reminders: {leads_morning: "9:00"}')).toContain('reminders.leads_morning: must be a 24-hour time');
  });

  it('a bad date names the key and its place in the list', () => {
    expect(errorOf('calendar: {extra_holidays: [2027-01-01, 2027-02-30]}')).toBe(
      'POLICY_FILE policy.yaml: calendar.extra_holidays[1]: must be a real date YYYY-MM-DD (e.g. 2027-01-01), got "2027-02-30"',
    );
    expect(errorOf('calendar: {extra_workdays: 2027-01-09}')).toContain(
      'calendar.extra_workdays: must be a list, got "2027-01-09"',
    );
  });

  it('crossed thresholds name the key the file set', () => {
    expect(errorOf('clients: {grade_b_above: 6000000}')).toBe(
      'POLICY_FILE policy.yaml: clients.grade_b_above: must be below clients.grade_a_above (5000000), got 6000000',
    );
    expect(errorOf('clients: {grade_a_above: 800000}')).toBe(
      'POLICY_FILE policy.yaml: clients.grade_a_above: must be above clients.grade_b_above (1000000), got 800000',
    );
    expect(errorOf('expenses: {regional_manager_up_to: 50000}')).toContain(
      'expenses.regional_manager_up_to: must be below expenses.department_manager_up_to (50000), got 50000',
    );
    expect(errorOf('reminders: {quiet_before: "21:00"}')).toContain(
      'reminders.quiet_before: must be below reminders.quiet_after ("20:00"), got "21:00"',
    );
    expect(errorOf('kpi: {bonus_top_percent: 10}')).toContain(
      'kpi.bonus_tiers[2].top_percent: must not be above kpi.bonus_top_percent (10), got 20',
    );
    expect(
      errorOf('calendar: {extra_holidays: [2027-01-09], extra_workdays: [2027-01-09]}'),
    ).toContain('calendar.extra_workdays: 2027-01-09 is also in calendar.extra_holidays');
  });

  it('a YAML syntax error names the line', () => {
    const message = errorOf('leads:\n  daily_target: 6\n expenses: [1\n');
    expect(message).toMatch(/^POLICY_FILE policy\.yaml: line 3, column \d+: YAML syntax error: /);
    expect(errorOf('leads: {daily_target: 6}\nleads: {daily_target: 7}\n')).toMatch(
      /^POLICY_FILE policy\.yaml: line 2, column 1: YAML syntax error: Map keys must be unique/,
    );
  });

  it('every problem is listed on one line', () => {
    const message = errorOf('leads: {daily_target: five, extra: 1}\nreminders: {followups: noon}\n');
    expect(message).not.toContain('\n');
    expect(message.startsWith('POLICY_FILE policy.yaml: ')).toBe(true);
    const lines = message.split(' | ');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain('leads.daily_target');
    expect(lines.join('\n')).toContain('leads.extra: unknown key');
    expect(lines.join('\n')).toContain('reminders.followups');
  });

  it("names EXP-1's top approver by a person id, or none, and refuses one the org file does not have", () => {
    expect(DEFAULT_POLICY.expenses.topApprover).toBeNull();
    const policy = parsePolicyFile('expenses: {top_approver: zongjingli}\n', 'policy.yaml');
    expect(policy.expenses.topApprover).toBe('zongjingli');
    expect(parsePolicyFile('expenses: {top_approver: null}\n', 'policy.yaml').expenses.topApprover).toBeNull();
    expect(errorOf('expenses: {top_approver: 总经理}\n')).toBe('POLICY_FILE policy.yaml: expenses.top_approver: must be a person id of the org file (e.g. zongjingli), or null, got "总经理"');
    expect(() => checkPolicyAgainstOrg(policy, ['wangwu'], 'policy.yaml', 'org.yaml')).toThrow('POLICY_FILE policy.yaml: expenses.top_approver: no person "zongjingli" in ORG_FILE org.yaml');
    expect(() => checkPolicyAgainstOrg(policy, ['wangwu', 'zongjingli'], 'policy.yaml', 'org.yaml')).not.toThrow();
  });

  it('a file that cannot be read is named', () => {
    expect(() => loadPolicy('/nonexistent/policy.yaml')).toThrow(/^POLICY_FILE \/nonexistent\/policy\.yaml: cannot read/);
  });

  it('loadPolicy reads a file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const path = join(dir, 'p.yaml');
    writeFileSync(path, 'pipeline: {needs_questions: 8}\n');
    expect(loadPolicy(path).pipeline.needsQuestions).toBe(8);
  });

  it('the key converter maps both ways and keeps grade letters', () => {
    expect(camelToSnake('newClientRewardPercent')).toBe('new_client_reward_percent');
    expect(camelToSnake('aClassVisitsPerQuarter')).toBe('a_class_visits_per_quarter');
    expect(camelToSnake('gradeAAbove')).toBe('grade_a_above');
    expect(camelToSnake('A')).toBe('A');
    expect(snakeToCamel('grade_a_above')).toBe('gradeAAbove');
    expect(snakeToCamel('A')).toBe('A');
    expect(camelToSnake(snakeToCamel('travel_fund_a_clients'))).toBe('travel_fund_a_clients');
  });

  it("spells a Policy key in the file's units: fen keys without Fen (yuan), basis-point keys as _percent", () => {
    expect(fileKeyOf('gradeAAboveFen')).toBe('grade_a_above');
    expect(fileKeyOf('travelFundAmountFen')).toBe('travel_fund_amount');
    expect(fileKeyOf('penaltyBp')).toBe('penalty_percent');
    expect(fileKeyOf('collectionRateBp')).toBe('collection_rate_percent');
    expect(fileKeyOf('dailyTarget')).toBe('daily_target');
    expect(fileKeyOf('A')).toBe('A');
  });
});
