import type { CommandFamily } from '../family.ts';
import type { Parsed } from '../../grammar/issues.ts';
import { PERFORMANCE_KEYS, type PerformanceKey } from './performance-keys.ts';
import { buildFinance, buildGoal, buildKpi, buildPlan, type PerformanceCommand } from './read-performance.ts';
import { runPerformance } from './run-performance.ts';

export type PerformanceFamilyCommand = { kind: 'performance'; input: PerformanceCommand };

const performance = (parsed: Parsed<PerformanceCommand>): Parsed<PerformanceFamilyCommand> =>
  parsed.ok ? { ok: true, value: { kind: 'performance', input: parsed.value } } : parsed;

/** `/kpi`, `/plan`, `/goal`, `/finance` (KPI-1..7): attainment, improvement plans, monthly goals, and finance's locked months. */
export const performanceFamily = {
  name: 'performance',
  keys: PERFORMANCE_KEYS,
  commands: {
    kpi: { words: { en: ['kpi'], 'zh-CN': ['业绩'] }, keys: ['quarter', 'region', 'page'], read: (raw, ctx) => performance(buildKpi(raw, ctx)) },
    plan: { words: { en: ['plan'], 'zh-CN': ['改进'] }, keys: [], freeWords: true, read: (raw) => performance(buildPlan(raw)) },
    goal: {
      words: { en: ['goal'], 'zh-CN': ['目标'] },
      keys: ['sales', 'clients', 'month', 'note'],
      freeText: ['note'],
      read: (raw, ctx) => performance(buildGoal(raw, ctx)),
    },
    finance: { words: { en: ['finance'], 'zh-CN': ['财务'] }, keys: ['month'], read: (raw, ctx) => performance(buildFinance(raw, ctx)) },
  },
  forms: {
    /** `/plan` alone (KPI-4): the plan as one text, so a `word:` inside it is text, not a key. */
    plan: { command: 'plan', fields: [{ key: 'text', required: true, kind: 'multiline', positional: true }] },
  },
  kinds: ['performance'],
  run: (command, env) => runPerformance(command.input, env),
} satisfies CommandFamily<PerformanceFamilyCommand, PerformanceKey>;
