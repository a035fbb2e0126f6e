import { describe, expect, it } from 'vitest';
import { parseCommand, parseFormSubmission, type Command } from '../../src/commands/registry.ts';
import { parseMonth, parseQuarter } from '../../src/grammar/values/period.ts';
import { translator } from '../../src/i18n/translate.ts';

const ctx = { today: '2026-11-26' };
const command = (text: string): Command => {
  const parsed = parseCommand(text, ctx);
  if (!parsed.ok) throw new Error(`expected ${text} to parse: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
};
const issues = (text: string) => {
  const parsed = parseCommand(text, ctx);
  if (parsed.ok) throw new Error(`expected ${text} to be refused, got ${JSON.stringify(parsed.value)}`);
  return parsed.issues.map((i) => `${i.code}:${i.field}`);
};
const perf = (text: string) => {
  const c = command(text);
  if (c.kind !== 'performance') throw new Error(`not a performance command: ${c.kind}`);
  return c.input;
};

describe('quarters and months as people write them', () => {
  it.each([
    ['2026Q3', '2026Q3'],
    ['2026q3', '2026Q3'],
    ['2026-Q3', '2026Q3'],
    ['2026年第3季度', '2026Q3'],
    ['2026年第三季度', '2026Q3'],
    ['Q2', '2026Q2'],
    ['第4季度', '2026Q4'],
  ])('%s is %s', (text, quarter) => expect(parseQuarter(text, ctx.today)).toEqual({ ok: true, value: quarter }));

  it.each(['2026Q5', 'Q0', 'next quarter', '2026'])('%s is not a quarter', (text) => expect(parseQuarter(text, ctx.today).ok).toBe(false));

  it.each([
    ['2026-12', '2026-12'],
    ['2026/1', '2026-01'],
    ['2026年12月', '2026-12'],
    ['12月', '2026-12'],
  ])('%s is %s', (text, month) => expect(parseMonth(text, ctx.today)).toEqual({ ok: true, value: month }));

  it.each(['2026-13', '13月', 'December'])('%s is not a month', (text) => expect(parseMonth(text, ctx.today).ok).toBe(false));
});

describe('/kpi (/业绩)', () => {
  it('reads mine, a person, and the team, with a quarter in English or Chinese', () => {
    expect(perf('/kpi')).toEqual({ action: 'kpi', query: { scope: 'me', quarter: null } });
    expect(perf('/业绩 季度:2026年第3季度')).toEqual({ action: 'kpi', query: { scope: 'me', quarter: '2026Q3' } });
    expect(perf('/kpi @zhangsan quarter:2026Q4')).toEqual({ action: 'kpi', query: { scope: 'person', personId: 'zhangsan', quarter: '2026Q4' } });
    expect(perf('/业绩 团队 区域：华东')).toEqual({ action: 'kpi', query: { scope: 'team', region: '华东', quarter: null } });
    expect(perf('kpi team')).toEqual({ action: 'kpi', query: { scope: 'team', region: null, quarter: null } });
  });

  it('names a bad quarter, a bad person and a region without team', () => {
    expect(issues('/kpi quarter:2026Q9')).toEqual(['choice_invalid:quarter']);
    expect(issues('/kpi 张三')).toEqual(['person_invalid:person']);
    expect(issues('/kpi region:华东')).toEqual(['unknown_key:null']);
  });
});

describe('/plan (/改进)', () => {
  it('takes the text, and alone opens the plan form', () => {
    expect(perf('/改进 每天增加两次电话拜访')).toEqual({ action: 'plan', text: '每天增加两次电话拜访' });
    expect(command('/plan')).toEqual({ kind: 'form', form: 'plan' });
    const submitted = parseFormSubmission('plan', { text: '目标：每周拜访5家' }, ctx);
    expect(submitted).toEqual({ ok: true, value: { kind: 'performance', input: { action: 'plan', text: '目标：每周拜访5家' } } });
  });
});

describe('/goal (/目标)', () => {
  it('sets a goal in English and Chinese', () => {
    expect(perf('/goal @zhangsan sales:400k clients:3 month:2026-12 note:focus on A-class')).toEqual({
      action: 'goal_set',
      input: { personId: 'zhangsan', salesFen: 40_000_000, newClients: 3, month: '2026-12', note: 'focus on A-class' },
    });
    expect(perf('/目标 @zhangsan 销售额：40万 新客户:3家 月份:12月')).toEqual({
      action: 'goal_set',
      input: { personId: 'zhangsan', salesFen: 40_000_000, newClients: 3, month: '2026-12', note: null },
    });
  });

  it('agrees, lists, and names every missing or wrong part at once', () => {
    expect(perf('/goal agree 2026-12')).toEqual({ action: 'goal_agree', month: '2026-12', version: null });
    expect(perf('/目标 同意')).toEqual({ action: 'goal_agree', month: null, version: null });
    expect(perf('/目标 确认 月份:2026年12月')).toEqual({ action: 'goal_agree', month: '2026-12', version: null });
    // The Agree button carries the version of the goal the person saw.
    expect(perf('/goal agree 2026-12 1795996800000')).toEqual({ action: 'goal_agree', month: '2026-12', version: 1795996800000 });
    expect(issues('/goal agree 2026-12 1795996800000 more')).toEqual(['unknown_key:null']);
    expect(perf('/goal')).toEqual({ action: 'goal_list' });
    expect(issues('/goal @zhangsan')).toEqual(['missing_field:sales', 'missing_field:clients']);
    expect(issues('/goal @zhangsan sales:lots clients:many month:soon')).toEqual(['amount_invalid:sales', 'choice_invalid:clients', 'choice_invalid:month']);
    expect(issues('/goal sales:5万 clients:3')).toEqual(['missing_field:person']);
  });
});

describe('/finance (/财务)', () => {
  it('checks and locks a month', () => {
    expect(perf('/finance')).toEqual({ action: 'finance_check', month: null });
    expect(perf('/财务 核对 2026-10')).toEqual({ action: 'finance_check', month: '2026-10' });
    expect(perf('/财务 锁定 2026-11')).toEqual({ action: 'finance_lock', month: '2026-11' });
    expect(perf('/finance lock month:2026-11')).toEqual({ action: 'finance_lock', month: '2026-11' });
  });

  it('wants a month to lock and a known verb', () => {
    expect(issues('/finance lock')).toEqual(['missing_field:month']);
    expect(issues('/财务 删除 2026-11')).toEqual(['choice_invalid:action']);
    expect(issues('/finance lock November')).toEqual(['choice_invalid:month']);
  });
});

describe('the year of a quarter or month comes from the company\'s today, never the host clock', () => {
  it('throws when a quarter or month is parsed without a context, as a date is', () => {
    expect(() => parseCommand('/kpi quarter:Q4')).toThrow(/no today/);
    expect(() => parseCommand('/finance lock 12月')).toThrow(/no today/);
    expect(() => parseCommand('/goal agree 2026-12')).toThrow(/no today/);
  });
});

describe('the help examples parse', () => {
  it.each(['zh-CN', 'en'] as const)('in %s', (locale) => {
    const t = translator(locale);
    for (const name of ['kpi', 'plan', 'goal', 'finance'] as const) {
      const parsed = parseCommand(t(`help.usage.${name}`), ctx);
      expect(parsed.ok && parsed.value.kind, name).toBe('performance');
    }
  });
});
