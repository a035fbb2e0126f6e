import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

/** `npm run policy -- ARGS`, as an operator runs it (tsx on the CLI's entry point); ORG_FILE set, so no .env changes it. */
async function policy(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/policy.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ORG_FILE: 'examples/org.yaml', ...env },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const fileWith = (text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'policy-file-')), 'policy.yaml');
  writeFileSync(path, text);
  return path;
};

describe('npm run policy -- check', () => {
  it('passes a valid file and prints each key it changes, default → file value, in yuan and percent as written', async () => {
    const file = fileWith(
      [
        'leads: {daily_target: 6}',
        'contracts: {penalty_percent: 2.5}',
        'expenses: {event_benchmark: 30000, regional_manager_up_to: 10000}', // the second is the default: no change
        'reminders: {leads_nudge: "16:00"}',
        'kpi: {bonus_tiers: [{top_percent: 10, salary_multiple: 2}]}',
        'calendar: {extra_holidays: [2027-01-01]}',
      ].join('\n'),
    );
    const result = await policy(['check', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        `POLICY_FILE ${file}: valid; 6 keys differ from the defaults (default → this file):`,
        '  leads.daily_target: 5 → 6',
        '  contracts.penalty_percent: 5 → 2.5',
        '  kpi.bonus_tiers: [{top_percent: 5, salary_multiple: 3}, {top_percent: 10, salary_multiple: 2}, {top_percent: 20, salary_multiple: 1}] → [{top_percent: 10, salary_multiple: 2}]',
        '  expenses.event_benchmark: 35000 → 30000',
        '  reminders.leads_nudge: "16:30" → "16:00"',
        '  calendar.extra_holidays: [] → ["2027-01-01"]',
        '',
      ].join('\n'),
    );
  }, 30_000);

  it('says a file of defaults only is the same as the defaults', async () => {
    const result = await policy(['check', 'examples/policy.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('valid; 3 keys differ from the defaults');
    const plain = await policy(['check', fileWith('leads:\n  # daily_target: 6\nclients: {grade_a_above: 5000000}\n')]);
    expect(plain.stdout).toMatch(/: valid; the same as the defaults\n$/);
  }, 30_000);

  it('refuses a file with several errors, naming each key in the sentences the bot says at start, and exits 1', async () => {
    const file = fileWith(
      [
        'leads: {daily_target: five, dailyTarget: 6}',
        'clients: {grade_a_above: -1}',
        'contracts: {penalty_percent: 2.555}',
        'reminders: {leads_nudge: "25:00"}',
        'calendar: {extra_holidays: [2027-02-30]}',
      ].join('\n'),
    );
    const result = await policy(['check', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        `POLICY_FILE ${file}: 6 problems; the bot would not start with this file:`,
        '  leads.dailyTarget: unknown key; keys are written in snake_case: daily_target',
        '  leads.daily_target: must be a whole number above 0, got "five"',
        '  clients.grade_a_above: must be a whole number of yuan, 0 or more (e.g. 50000), got -1',
        '  contracts.penalty_percent: must be a percent with at most 2 decimals (e.g. 2.5 or 2.25), got 2.555',
        '  reminders.leads_nudge: must be a 24-hour time HH:MM in quotes (e.g. "16:30"), got "25:00"',
        '  calendar.extra_holidays[0]: must be a real date YYYY-MM-DD (e.g. 2027-01-01), got "2027-02-30"',
        '',
      ].join('\n'),
    );
  }, 30_000);

  it('refuses an unknown key with the keys that exist there, and a crossed threshold with the key the file set', async () => {
    const unknown = await policy(['check', fileWith('leads: {daly_target: 6}\nleeds: {}\n')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('2 problems');
    expect(unknown.stderr).toContain('  leads.daly_target: unknown key; known keys here are daily_target, company_name_max_length, region_by_place\n');
    expect(unknown.stderr).toContain('  leeds: unknown key; known keys here are leads, clients, pipeline,');
    const crossed = await policy(['check', fileWith('clients: {grade_b_above: 6000000}\n')]);
    expect(crossed.code).toBe(1);
    expect(crossed.stderr).toContain('1 problem;');
    expect(crossed.stderr).toContain('  clients.grade_b_above: must be below clients.grade_a_above (5000000), got 6000000\n');
  }, 30_000);

  it('looks the top approver up in ORG_FILE, as at start', async () => {
    const missing = await policy(['check', fileWith('expenses: {top_approver: nobody}\n')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/ {2}expenses\.top_approver: no person "nobody" in ORG_FILE examples\/org\.yaml\n/);
    const org = fileWith('regions: [华东]\npeople:\n  - {id: zongjingli, name: 总经理, role: department_manager, region: 华东}\n');
    const found = await policy(['check', fileWith('expenses: {top_approver: zongjingli}\n')], { ORG_FILE: org });
    expect(found.code).toBe(0);
    expect(found.stdout).toContain('  expenses.top_approver: null → "zongjingli"\n');
    expect(found.stdout).toContain(`expenses.top_approver: a person of ORG_FILE ${org}`);
  }, 30_000);

  it('names a file it cannot read, and says how it is used', async () => {
    const gone = await policy(['check', '/nonexistent/policy.yaml']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^POLICY_FILE \/nonexistent\/policy\.yaml: cannot read the file/);
    const usage = await policy(['chekc', 'policy.yaml']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/^usage: npm run policy -- check <policy.yaml>/);
  }, 30_000);

  it('prints the JSON Schema that examples/policy.schema.json publishes', async () => {
    const result = await policy(['schema']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'examples/policy.schema.json'), 'utf8'));
  }, 30_000);
});
