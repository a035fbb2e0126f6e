/**
 * POLICY_FILE: a YAML file of overrides of DEFAULT_POLICY (policy.md).
 *
 * The file uses snake_case keys that mirror the Policy object one to one
 * (`leads.daily_target` is `policy.leads.dailyTarget`); every key is optional
 * and the file is deep-merged over the defaults (lists replace, not append).
 * Money is written in whole yuan and read into the Policy's fen, here and
 * nowhere else (`clients.grade_a_above: 5000000` is
 * `policy.clients.gradeAAboveFen`, 500000000); the percents the core
 * compares with basis points likewise (`contracts.penalty_percent: 5` is
 * `policy.contracts.penaltyBp`, 500). See fileKeyOf.
 * A bad file throws ConfigError with one line per problem:
 *   POLICY_FILE policy.yaml: leads.daily_target: must be a whole number above 0, got "five"
 * so the bot never starts half-configured.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { NEEDS_QUESTIONS_WRITTEN } from '../core/deals/types.ts';
import { PERSON_ID_SOURCE } from '../core/people.ts';
import { DEFAULT_POLICY, percentToBp, type Policy, yuanToFen } from '../core/policy.ts';
import { ConfigError, oneLine } from './config-error.ts';

// ---------------------------------------------------------------------------
// Key mapping: file keys are the Policy keys in snake_case.

/** `dailyTarget` → `daily_target`, `gradeAAbove` → `grade_a_above`; a lone `A` stays `A`. */
export const camelToSnake = (key: string): string =>
  key.replace(/(?<=.)[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `daily_target` → `dailyTarget`; `A` stays `A`. */
export const snakeToCamel = (key: string): string =>
  key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A Policy key as the file spells it: in snake_case, and in the file's units,
 * so a `…Fen` key (money, in fen) is the same key without it (in yuan) and a
 * `…Bp` key (basis points) ends in `_percent`:
 * `gradeAAboveFen` → `grade_a_above`, `penaltyBp` → `penalty_percent`.
 */
export const fileKeyOf = (policyKey: string): string =>
  camelToSnake(policyKey.replace(/(?<=.)Fen$/, '').replace(/(?<=.)Bp$/, 'Percent'));

/** A path into the Policy object as the file spells it: `kpi.bonus_tiers[0].top_percent`. */
export const policyKeyPath = (path: readonly PropertyKey[]): string => {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += (out === '' ? '' : '.') + fileKeyOf(String(seg));
  }
  return out === '' ? '(top level)' : out;
};

// ---------------------------------------------------------------------------
// Leaf values, each with the sentence an admin reads when it is wrong, and
// what an editor is told about it: the leaf's JSON Schema (policy-schema.ts
// builds examples/policy.schema.json from this table, so the schema and the
// reader cannot drift apart) and, for a leaf whose Policy unit is not the
// file's, the way back from the Policy's value to the file's (fen → yuan).

/** A JSON Schema (draft-07) fragment. */
export type JsonSchema = { [keyword: string]: unknown };

export interface PolicyLeaf {
  /** What an editor checks while the file is written; the reader may be stricter (see policy-schema.test.ts). */
  json: JsonSchema;
  /** The Policy's value as the file writes it; none when the units are the same. */
  toFile?: (policyValue: never) => unknown;
}

/** Every leaf of the schema below, with its JSON Schema. */
export const POLICY_LEAVES = z.registry<PolicyLeaf>();

/** How a bad value is shown in a message. */
const show = (v: unknown): string => {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid date' : v.toISOString();
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
};

const leaf = <T>(expected: string, accept: (v: unknown) => T | undefined, json: JsonSchema, toFile?: (v: T) => unknown) =>
  z
    .unknown()
    .transform((v, ctx): T => {
      const out = accept(v);
      if (out === undefined) {
        ctx.addIssue({ code: 'custom', message: `must be ${expected}, got ${show(v)}` });
        return z.NEVER;
      }
      return out;
    })
    .register(POLICY_LEAVES, { json: { description: `must be ${expected}`, ...json }, ...(toFile && { toFile }) });

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Positive whole number: days, hours, counts. */
const count = leaf(
  'a whole number above 0',
  (v) => (isNumber(v) && Number.isSafeInteger(v) && v > 0 ? v : undefined),
  { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
);
/** The most yuan that are still a safe integer of fen. */
const MAX_YUAN = Math.floor(Number.MAX_SAFE_INTEGER / 100);
/** Whole non-negative yuan in the file, integer fen in the Policy: the one conversion of policy money. */
const yuanAsFen = leaf(
  'a whole number of yuan, 0 or more (e.g. 50000)',
  (v) => {
    if (!isNumber(v) || !Number.isSafeInteger(v) || v < 0) return undefined;
    try {
      return yuanToFen(v);
    } catch {
      return undefined; // too large to count in fen
    }
  },
  { type: 'integer', minimum: 0, maximum: MAX_YUAN },
  (fen: number) => fen / 100,
);
/** PIPE-2: at most the questions the checklist has (q1..q10), or no deal could leave needs research. */
const needsQuestions = leaf(
  `a whole number from 1 to ${NEEDS_QUESTIONS_WRITTEN} (the needs checklist has questions q1 to q${NEEDS_QUESTIONS_WRITTEN})`,
  (v) => (isNumber(v) && Number.isSafeInteger(v) && v > 0 && v <= NEEDS_QUESTIONS_WRITTEN ? v : undefined),
  { type: 'integer', minimum: 1, maximum: NEEDS_QUESTIONS_WRITTEN },
);
const inPercentRange = (v: unknown): v is number => isNumber(v) && v >= 0 && v <= 100;
const percent = leaf('a percent from 0 to 100', (v) => (inPercentRange(v) ? v : undefined), {
  type: 'number',
  minimum: 0,
  maximum: 100,
});
/**
 * A percent in the file, basis points in the Policy (5 → 500), for the
 * percents the core compares with basis points: at most 2 decimals, as a
 * basis point is the smallest step the core counts.
 */
const percentAsBp = z
  .unknown()
  .transform((v, ctx): number => {
    if (!inPercentRange(v)) {
      ctx.addIssue({ code: 'custom', message: `must be a percent from 0 to 100, got ${show(v)}` });
      return z.NEVER;
    }
    try {
      return percentToBp(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be a percent with at most 2 decimals (e.g. 2.5 or 2.25), got ${show(v)}` });
      return z.NEVER;
    }
  })
  .register(POLICY_LEAVES, {
    // No multipleOf 0.01: validators compute it in floating point and would refuse 2.55.
    json: { description: 'must be a percent from 0 to 100 with at most 2 decimals (e.g. 2.5)', type: 'number', minimum: 0, maximum: 100 },
    toFile: (bp: number) => bp / 100,
  });
/**
 * Months of salary as bonus (KPI-5): whole, so the review stores it as an
 * integer and salary × multiple stays whole fen. 1.5× is refused at start.
 */
const multiple = leaf(
  'a whole number of monthly salaries above 0 (e.g. 2)',
  (v) => (isNumber(v) && Number.isSafeInteger(v) && v > 0 ? v : undefined),
  { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
);

/** KPI-5: how a tier's share becomes whole people. */
const ROUNDINGS = ['floor', 'nearest', 'ceil'] as const;
const rounding = leaf(
  'one of floor, nearest, ceil',
  (v) => ROUNDINGS.find((r) => r === v),
  { type: 'string', enum: [...ROUNDINGS] },
);

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = leaf(
  'a 24-hour time HH:MM in quotes (e.g. "16:30")',
  (v) => (typeof v === 'string' && TIME.test(v) ? v : undefined),
  { type: 'string', pattern: TIME.source },
);

/** A real calendar date as YYYY-MM-DD, from a string or a YAML timestamp. */
export const toIsoDate = (v: unknown): string | undefined => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? v : undefined;
};
/** A person id of the org file (EXP-1's top approver), or null for none. */
const personId = leaf(
  'a person id of the org file (e.g. zongjingli), or null',
  (v) => (v === null ? null : typeof v === 'string' && new RegExp(`^${PERSON_ID_SOURCE}$`).test(v) ? v : undefined),
  { type: ['string', 'null'], pattern: `^${PERSON_ID_SOURCE}$` },
);
/** The schema cannot tell 2027-02-30 from a real day; the reader can. */
const date = leaf('a real date YYYY-MM-DD (e.g. 2027-01-01)', toIsoDate, { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** A table of the company's own keys (places such as 上海 in the file), each naming a region. */
const placesToRegions = leaf(
  'a mapping of places to regions, each a text (place: region)',
  // `region_by_place:` with nothing under it (YAML's null) is the empty mapping, as an empty section is.
  (v) =>
    v === null
      ? {}
      : isPlainObject(v) && Object.entries(v).every(([place, region]) => place.trim() !== '' && typeof region === 'string' && region.trim() !== '')
      ? Object.fromEntries(Object.entries(v as Record<string, string>).map(([place, region]) => [place.trim(), region.trim()]))
      : undefined,
  { type: 'object', patternProperties: { '.': { type: 'string', minLength: 1, pattern: '\\S' } }, additionalProperties: false },
);
const dates = z.array(date);

// ---------------------------------------------------------------------------
// The schema, in Policy's own (camelCase) keys and units: its money leaves
// read yuan and give fen, its basis-point leaves read percent.

const rewardPercent = z.strictObject({ A: percent, B: percent, C: percent });
const bonusTier = z.strictObject({ topPercent: percent, salaryMultiple: multiple });

const sections = {
  leads: z.strictObject({ dailyTarget: count, companyNameMaxLength: count, regionByPlace: placesToRegions }),
  clients: z.strictObject({
    gradeAAboveFen: yuanAsFen,
    gradeBAboveFen: yuanAsFen,
    aClassVisitsPerQuarter: count,
    followUpEveryMonths: count,
    ticketResponseHours: count,
  }),
  pipeline: z.strictObject({ needsQuestions }),
  contracts: z.strictObject({ maxPaymentTermDays: count, penaltyBp: percentAsBp }),
  incentives: z.strictObject({
    newClientRewardPercent: rewardPercent,
    travelFundAClients: count,
    travelFundAmountFen: yuanAsFen,
  }),
  kpi: z.strictObject({
    quarterlySalesTargetFen: yuanAsFen,
    newClientsPerMonthSales: count,
    newClientsPerMonthPromotion: count,
    collectionRateBp: percentAsBp,
    improvementPlanDays: count,
    planReminderDaysBefore: count,
    bonusTopPercent: percent,
    bonusTiers: z.array(bonusTier),
    bonusRounding: rounding,
    failedReviewsBeforeRetraining: count,
    teamNewClientsPerQuarter: count,
  }),
  expenses: z.strictObject({
    regionalManagerUpToFen: yuanAsFen,
    departmentManagerUpToFen: yuanAsFen,
    eventBenchmarkFen: yuanAsFen,
    escalateAfterWorkingDays: count,
    topApprover: personId,
  }),
  reminders: z.strictObject({
    leadsMorning: time,
    leadsNudge: time,
    followups: time,
    approvalsWaiting: time,
    paymentsDue: time,
    paymentsDueWithinDays: count,
    ticketWarnHours: count,
    monthlyGoals: time,
    financeCheck: time,
    financeCheckWorkingDay: count,
    quarterlyReview: time,
    monthlyConversion: time,
    quietBefore: time,
    quietAfter: time,
    managerGraceDays: count,
  }),
  calendar: z.strictObject({ extraHolidays: dates, extraWorkdays: dates }),
};

/** The whole policy; its output type is exactly Policy (checked below). */
export const PolicySchema = z.strictObject(sections);
type SchemaPolicy = z.output<typeof PolicySchema>;
// Compile-time proof that the schema and the Policy interface agree both ways.
const _toPolicy = (p: SchemaPolicy): Policy => p;
const _fromPolicy = (p: Policy): SchemaPolicy => p;
void _toPolicy;
void _fromPolicy;

/**
 * What a file may hold: every key optional, at every depth (a bonus tier, a
 * list item, has both its keys). In the Policy's keys; toPolicyKeys spells them.
 */
export const OverridesSchema = z.strictObject({
  leads: sections.leads.partial().optional(),
  clients: sections.clients.partial().optional(),
  pipeline: sections.pipeline.partial().optional(),
  contracts: sections.contracts.partial().optional(),
  incentives: sections.incentives
    .extend({ newClientRewardPercent: rewardPercent.partial() })
    .partial()
    .optional(),
  kpi: sections.kpi.partial().optional(),
  expenses: sections.expenses.partial().optional(),
  reminders: sections.reminders.partial().optional(),
  calendar: sections.calendar.partial().optional(),
});
type Overrides = z.output<typeof OverridesSchema>;

// ---------------------------------------------------------------------------

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * Turns the file's keys into Policy's (fileKeyOf backwards: `grade_a_above`
 * is `gradeAAboveFen`), by the keys the defaults have at that place. A key
 * that is not written in snake_case (e.g. `dailyTarget`) is a problem, so the
 * file has one spelling only, and so is a key the Policy does not have there:
 * `grade_a_above_fen` too, or a file could give fen where yuan are meant. An
 * empty section (`leads:` with every key commented out) counts as no
 * overrides. A mapping where the defaults have none is left to the schema,
 * which says what belongs there; so is one the defaults leave empty
 * (`leads.region_by_place`), whose keys are the company's own (上海, 广东).
 */
const toPolicyKeys = (
  value: unknown,
  path: (string | number)[],
  defaults: unknown,
  problems: string[],
): unknown => {
  if (Array.isArray(value)) {
    const inner = Array.isArray(defaults) ? defaults[0] : undefined;
    return value.map((v, i) => toPolicyKeys(v, [...path, i], inner, problems));
  }
  if (!isPlainObject(value) || !isPlainObject(defaults) || Object.keys(defaults).length === 0) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const where = path.length === 0 ? key : `${policyKeyPath(path)}.${key}`;
    const known = Object.keys(defaults).map(fileKeyOf);
    const policyKey = Object.keys(defaults).find((k) => fileKeyOf(k) === key);
    if (policyKey === undefined) {
      const meant = camelToSnake(key);
      problems.push(
        meant !== key && known.includes(meant)
          ? `${where}: unknown key; keys are written in snake_case: ${meant}`
          : `${where}: unknown key; known keys here are ${known.join(', ')}`,
      );
      continue;
    }
    const def = defaults[policyKey];
    if (v === null && isPlainObject(def)) continue;
    out[policyKey] = toPolicyKeys(v, [...path, policyKey], def, problems);
  }
  return out;
};

/** Known keys at a path of the defaults, as the file spells them. */
const knownKeysAt = (path: readonly PropertyKey[]): string[] => {
  let node: unknown = DEFAULT_POLICY;
  for (const seg of path) {
    if (Array.isArray(node)) node = node[0];
    else if (isPlainObject(node)) node = node[String(seg)];
    else return [];
  }
  return isPlainObject(node) ? Object.keys(node).map(fileKeyOf) : [];
};

const describeIssue = (issue: z.core.$ZodIssue): string[] => {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(issue.path);
    return issue.keys.map(
      (key) => `${policyKeyPath([...issue.path, key])}: unknown key; known keys here are ${known.join(', ')}`,
    );
  }
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'object' ? 'a mapping of keys' : issue.expected === 'array' ? 'a list' : issue.expected;
    return [`${policyKeyPath(issue.path)}: must be ${expected}, got ${show(issue.input)}`];
  }
  return [`${policyKeyPath(issue.path)}: ${issue.message}`];
};

/** Merges overrides into a copy of base: mappings key by key, anything else (lists too) replaces. */
const deepMerge = <T>(base: T, over: unknown): T => {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v !== undefined) out[k] = deepMerge(out[k], v);
  }
  return out as T;
};

/** Checks between keys, on the merged policy. The key named is the one the file set. */
const crossChecks = (policy: Policy, over: Overrides): string[] => {
  const problems: string[] = [];
  const ordered = <V extends number | string>(
    lowKey: string[],
    low: V,
    lowSet: boolean,
    highKey: string[],
    high: V,
    highSet: boolean,
    fmt: (v: V) => string,
  ): void => {
    if (low < high) return;
    if (highSet && !lowSet) {
      problems.push(
        `${policyKeyPath(highKey)}: must be above ${policyKeyPath(lowKey)} (${fmt(low)}), got ${fmt(high)}`,
      );
    } else {
      problems.push(
        `${policyKeyPath(lowKey)}: must be below ${policyKeyPath(highKey)} (${fmt(high)}), got ${fmt(low)}`,
      );
    }
  };
  // Money is shown in yuan, as the file writes it.
  const yuan = (fen: number): string => String(fen / 100);
  const str = (v: string): string => JSON.stringify(v);
  ordered(
    ['clients', 'gradeBAboveFen'],
    policy.clients.gradeBAboveFen,
    over.clients?.gradeBAboveFen !== undefined,
    ['clients', 'gradeAAboveFen'],
    policy.clients.gradeAAboveFen,
    over.clients?.gradeAAboveFen !== undefined,
    yuan,
  );
  ordered(
    ['expenses', 'regionalManagerUpToFen'],
    policy.expenses.regionalManagerUpToFen,
    over.expenses?.regionalManagerUpToFen !== undefined,
    ['expenses', 'departmentManagerUpToFen'],
    policy.expenses.departmentManagerUpToFen,
    over.expenses?.departmentManagerUpToFen !== undefined,
    yuan,
  );
  ordered(
    ['reminders', 'quietBefore'],
    policy.reminders.quietBefore,
    over.reminders?.quietBefore !== undefined,
    ['reminders', 'quietAfter'],
    policy.reminders.quietAfter,
    over.reminders?.quietAfter !== undefined,
    str,
  );

  // KPI-5: tiers go from the best upwards and stay inside the bonus share.
  const tiers = policy.kpi.bonusTiers;
  tiers.forEach((tier, i) => {
    const prev = tiers[i - 1];
    if (prev && tier.topPercent <= prev.topPercent) {
      problems.push(
        `${policyKeyPath(['kpi', 'bonusTiers', i, 'topPercent'])}: must be above the tier before it (${prev.topPercent}), got ${tier.topPercent}`,
      );
    }
    if (tier.topPercent > policy.kpi.bonusTopPercent) {
      problems.push(
        `${policyKeyPath(['kpi', 'bonusTiers', i, 'topPercent'])}: must not be above kpi.bonus_top_percent (${policy.kpi.bonusTopPercent}), got ${tier.topPercent}`,
      );
    }
  });

  const holidays = new Set(policy.calendar.extraHolidays);
  for (const day of policy.calendar.extraWorkdays) {
    if (holidays.has(day)) {
      problems.push(`calendar.extra_workdays: ${day} is also in calendar.extra_holidays; a day is one or the other`);
    }
  }
  return problems;
};

/** A policy file's text, read: the full Policy, or every problem it has, each naming its key. */
export type PolicyReading = { ok: true; policy: Policy } | { ok: false; problems: string[] };

/**
 * Reads a policy file's text into the full Policy (defaults plus overrides),
 * or lists every problem so a file is fixed in one pass. Shared by the start
 * (parsePolicyFile) and `npm run policy -- check`, so both say the same.
 */
export function readPolicyText(yamlText: string): PolicyReading {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return `line ${pos.line}, column ${pos.col}: YAML syntax error: ${err.message.split('\n')[0]}`;
      }),
    };
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) return { ok: true, policy: structuredClone(DEFAULT_POLICY) };
  if (!isPlainObject(raw)) {
    return { ok: false, problems: [`(top level): must be a mapping of sections (leads:, clients:, …), got ${show(raw)}`] };
  }

  const problems: string[] = [];
  const keyed = toPolicyKeys(raw, [], DEFAULT_POLICY, problems);
  const parsed = OverridesSchema.safeParse(keyed, { reportInput: true });
  if (!parsed.success) problems.push(...parsed.error.issues.flatMap(describeIssue));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };

  const policy = deepMerge(structuredClone(DEFAULT_POLICY), parsed.data);
  const crossed = crossChecks(policy, parsed.data);
  if (crossed.length > 0) return { ok: false, problems: crossed };
  return { ok: true, policy };
}

/**
 * Parses a policy file's text into the full Policy. `source` names the file
 * in messages. Throws ConfigError listing every problem.
 */
export function parsePolicyFile(yamlText: string, source: string): Policy {
  const reading = readPolicyText(yamlText);
  // One line (contract.md), every problem on it, so a file is fixed in one pass.
  if (!reading.ok) throw new ConfigError(`POLICY_FILE ${source}: ${oneLine(reading.problems)}`);
  return reading.policy;
}

/**
 * The checks that need the org file: EXP-1's top approver must be a person of
 * it, or the requests that need them would be refused while the policy seems
 * to name someone. Each problem names the key and the org file.
 */
export function policyProblemsWithOrg(policy: Policy, personIds: readonly string[], orgSource: string): string[] {
  const top = policy.expenses.topApprover;
  return top !== null && !personIds.includes(top) ? [`expenses.top_approver: no person "${top}" in ORG_FILE ${orgSource}`] : [];
}

/** policyProblemsWithOrg at start: throws ConfigError naming the key and both files. */
export function checkPolicyAgainstOrg(policy: Policy, personIds: readonly string[], policySource: string, orgSource: string): void {
  const problems = policyProblemsWithOrg(policy, personIds, orgSource);
  if (problems.length > 0) throw new ConfigError(`POLICY_FILE ${policySource}: ${oneLine(problems)}`);
}

/** POLICY_FILE at start: no path means the defaults of policy.md. */
export function loadPolicy(path: string | undefined): Policy {
  if (path === undefined || path === '') return structuredClone(DEFAULT_POLICY);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`POLICY_FILE ${path}: cannot read the file (${(err as Error).message})`);
  }
  return parsePolicyFile(text, path);
}
