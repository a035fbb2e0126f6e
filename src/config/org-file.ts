/**
 * ORG_FILE: the org directory (contract.md, "The org directory").
 *
 * ```yaml
 * timezone: Asia/Shanghai
 * regions: [华东, 华南, 华北]
 * people:
 *   - { id: zhangsan, name: 张三, role: sales, region: 华东, manager: lisi,
 *       slack: U01ZHANGSAN, feishu: ou_…, locale: zh-CN, monthly_salary: 15000,
 *       email: zhangsan@example.com, mobile: 138 1234 5678,   # optional: matched on the platforms when slack/feishu are not given
 *       timezone: Europe/Berlin }   # optional: this person's own zone
 * ```
 *
 * Every problem in the file is collected, then ConfigError is thrown with one
 * line (contract.md), the problems separated by ` | `, each naming the person:
 *   ORG_FILE org.yaml: person "zhangsan": unknown role "boss"; roles are … | manager loop: a -> b -> a
 * so the bot never starts with half a directory.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { LOCALES, PERSON_ID_SOURCE, ROLES, type Locale, type Person, type Role } from '../core/people.ts';
import type { StaffContact } from '../core/directory/match-people.ts';
import { ConfigError, oneLine } from './config-error.ts';

export interface OrgFile {
  /** Canonical IANA name, or null when the file leaves it to BOT_TIMEZONE. */
  timezone: string | null;
  regions: string[];
  /** In file order; the first one is the console chat's default person. */
  people: Person[];
  /** Work e-mail and mobile of the people whose entry gives them (`email:`, `mobile:`), to match them on the platforms; absent: none. */
  contacts?: StaffContact[];
}

/** Person ids are typed in commands as @id. */
export const PERSON_ID = new RegExp(`^${PERSON_ID_SOURCE}$`);
export const NAME_MAX_LENGTH = 50;
const SLACK_ID = /^[UW][A-Z0-9]{2,}$/;
const FEISHU_OPEN_ID = /^ou_[A-Za-z0-9]+$/;
/** A plain address; the platform decides whether someone has it. Lower-cased: both platforms compare it so. */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const CHINA_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A mobile as people write it (`138 1234 5678`, `+86 138-1234-5678`, `+49 151 2345678`)
 * in one spelling: `+8613812345678`, or `+` and the digits for another country. Null: not a mobile.
 */
export function canonicalMobile(text: string): string | null {
  const s = text.normalize('NFKC').trim();
  if (!/^\+?[\d\s\-().]+$/.test(s)) return null;
  const digits = s.replace(/\D/g, '');
  const national = s.startsWith('+86') || digits.startsWith('0086') ? digits.replace(/^(?:0086|86)/, '') : digits;
  if (CHINA_MOBILE.test(national)) return `+86${national}`;
  if (s.startsWith('+') && /^[1-9]\d{7,14}$/.test(digits)) return `+${digits}`;
  return null;
}

const TOP_KEYS = ['timezone', 'regions', 'people'] as const;
const PERSON_KEYS = [
  'id',
  'name',
  'role',
  'region',
  'manager',
  'slack',
  'feishu',
  'email',
  'mobile',
  'locale',
  'monthly_salary',
  'timezone',
] as const;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

const show = (v: unknown): string => {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
};

/** Optional text field: absent or null → null; a non-empty string → trimmed; else a problem. */
const optionalText = (v: unknown): { ok: true; value: string | null } | { ok: false } => {
  if (v === undefined || v === null) return { ok: true, value: null };
  if (typeof v === 'string' && v.trim() !== '') return { ok: true, value: v.trim() };
  return { ok: false };
};

/** The canonical zone name, or null when the runtime does not know it. */
const canonicalTimeZone = (zone: string): string | null => {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
};

/**
 * Parses an org file's text. `source` names the file in messages.
 * Throws ConfigError listing every problem at once.
 */
export function parseOrgFile(yamlText: string, source: string): OrgFile {
  const problems: string[] = [];
  const fail = (): never => {
    // One line (contract.md), every problem on it, so a file is fixed in one pass.
    throw new ConfigError(`ORG_FILE ${source}: ${oneLine(problems)}`);
  };

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = lineCounter.linePos(err.pos[0]);
      problems.push(`line ${pos.line}, column ${pos.col}: YAML syntax error: ${err.message.split('\n')[0]}`);
    }
    return fail();
  }
  const raw: unknown = doc.toJS();
  if (!isPlainObject(raw)) {
    problems.push(`the file must be a mapping with timezone, regions and people, got ${show(raw)}`);
    return fail();
  }
  for (const key of Object.keys(raw)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) {
      problems.push(`unknown key "${key}"; known keys are ${TOP_KEYS.join(', ')}`);
    }
  }

  // timezone
  let timezone: string | null = null;
  if (raw.timezone !== undefined && raw.timezone !== null) {
    const zone = typeof raw.timezone === 'string' ? canonicalTimeZone(raw.timezone.trim()) : null;
    if (zone === null) {
      problems.push(`timezone: unknown time zone ${show(raw.timezone)}; use an IANA name such as Asia/Shanghai`);
    } else {
      timezone = zone;
    }
  }

  // regions
  const regions: string[] = [];
  if (!Array.isArray(raw.regions) || raw.regions.length === 0) {
    problems.push(`regions: list at least one region, e.g. regions: [East, South, North]; got ${show(raw.regions)}`);
  } else {
    raw.regions.forEach((r: unknown, i) => {
      if (typeof r !== 'string' && typeof r !== 'number') {
        problems.push(`regions: entry ${i + 1} must be a region name, got ${show(r)}`);
        return;
      }
      const name = String(r).trim();
      if (name === '') problems.push(`regions: entry ${i + 1} is empty`);
      else if (regions.includes(name)) problems.push(`regions: region "${name}" is listed more than once`);
      else regions.push(name);
    });
  }
  const regionList = regions.join(', ');

  // people, one by one
  if (!Array.isArray(raw.people) || raw.people.length === 0) {
    problems.push(`people: list at least one person; got ${show(raw.people)}`);
    return fail();
  }

  interface Entry {
    label: string;
    index: number;
    id: string | null;
    person: Partial<Person> & { email?: string | null; mobile?: string | null };
  }
  const entries: Entry[] = raw.people.map((item: unknown, i): Entry => {
    const index = i + 1;
    if (!isPlainObject(item)) {
      problems.push(`person #${index}: must be a mapping with id, name, role, region, got ${show(item)}`);
      return { label: `person #${index}`, index, id: null, person: {} };
    }
    const rawId = item.id;
    const named = typeof item.name === 'string' && item.name.trim() !== '' ? ` (${item.name.trim()})` : '';
    const label =
      typeof rawId === 'string' && rawId !== '' ? `person ${JSON.stringify(rawId)}` : `person #${index}${named}`;
    const problem = (text: string) => problems.push(`${label}: ${text}`);
    const person: Entry['person'] = {};

    for (const key of Object.keys(item)) {
      if (!(PERSON_KEYS as readonly string[]).includes(key)) {
        problem(`unknown key "${key}"; known keys are ${PERSON_KEYS.join(', ')}`);
      }
    }

    let id: string | null = null;
    if (rawId === undefined || rawId === null || rawId === '') {
      problem('id is missing');
    } else if (typeof rawId !== 'string' || !PERSON_ID.test(rawId)) {
      problem(
        `id ${show(rawId)} must be 1 to 63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (it is typed as @id in commands)`,
      );
    } else {
      id = rawId;
      person.id = rawId;
    }

    if (typeof item.name !== 'string' || item.name.trim() === '') {
      problem(`name is missing`);
    } else if ([...item.name.trim()].length > NAME_MAX_LENGTH) {
      problem(`name is ${[...item.name.trim()].length} characters; at most ${NAME_MAX_LENGTH}`);
    } else {
      person.name = item.name.trim();
    }

    if (typeof item.role === 'string' && (ROLES as readonly string[]).includes(item.role)) {
      person.role = item.role as Role;
    } else if (item.role === undefined || item.role === null) {
      problem(`role is missing; roles are ${ROLES.join(', ')}`);
    } else {
      problem(`unknown role ${show(item.role)}; roles are ${ROLES.join(', ')}`);
    }

    const region = typeof item.region === 'number' ? String(item.region) : item.region;
    if (typeof region === 'string' && regions.includes(region.trim())) {
      person.region = region.trim();
    } else if (region === undefined || region === null) {
      problem(`region is missing; regions are ${regionList}`);
    } else {
      problem(`unknown region ${show(region)}; regions are ${regionList}`);
    }

    const manager = optionalText(item.manager);
    if (!manager.ok) problem(`manager must be the id of a person in this file, got ${show(item.manager)}`);
    else person.managerId = manager.value;

    const slack = optionalText(item.slack);
    if (!slack.ok || (slack.value !== null && !SLACK_ID.test(slack.value))) {
      problem(`slack must be a Slack user id such as U01ABCDEF, got ${show(item.slack)}`);
    } else {
      person.slackId = slack.value;
    }

    const feishu = optionalText(item.feishu);
    if (!feishu.ok || (feishu.value !== null && !FEISHU_OPEN_ID.test(feishu.value))) {
      problem(`feishu must be a Feishu open_id such as ou_7d8a6e6df7621556, got ${show(item.feishu)}`);
    } else {
      person.feishuId = feishu.value;
    }

    const email = optionalText(item.email);
    if (!email.ok || (email.value !== null && !EMAIL.test(email.value))) {
      problem(`email must be a work e-mail address such as zhangsan@example.com, got ${show(item.email)}`);
    } else {
      person.email = email.value?.toLowerCase() ?? null;
    }

    const rawMobile = typeof item.mobile === 'number' ? String(item.mobile) : item.mobile;
    const mobile = optionalText(rawMobile);
    const mobileValue = mobile.ok && mobile.value !== null ? canonicalMobile(mobile.value) : null;
    if (!mobile.ok || (mobile.value !== null && mobileValue === null)) {
      problem(`mobile must be a mobile number such as 138 1234 5678 (another country's with + and its code), got ${show(item.mobile)}`);
    } else {
      person.mobile = mobileValue;
    }

    if (item.locale === undefined || item.locale === null) {
      person.locale = null;
    } else if (typeof item.locale === 'string' && (LOCALES as readonly string[]).includes(item.locale)) {
      person.locale = item.locale as Locale;
    } else {
      problem(`unknown locale ${show(item.locale)}; locales are ${LOCALES.join(', ')}`);
    }

    const salary = item.monthly_salary;
    if (salary === undefined || salary === null) {
      person.monthlySalaryFen = null;
    } else if (typeof salary === 'number' && Number.isSafeInteger(salary) && salary >= 0) {
      person.monthlySalaryFen = salary * 100;
    } else {
      problem(`monthly_salary must be a whole number of yuan, 0 or more (e.g. 15000), got ${show(salary)}`);
    }

    if (item.timezone !== undefined && item.timezone !== null) {
      const zone = typeof item.timezone === 'string' ? canonicalTimeZone(item.timezone.trim()) : null;
      if (zone === null) problem(`unknown time zone ${show(item.timezone)}; use an IANA name such as Europe/Berlin`);
      else person.timezone = zone;
    }

    return { label, index, id, person };
  });

  // Across people: unique ids, platform ids, managers.
  const byId = new Map<string, Entry>();
  for (const entry of entries) {
    if (entry.id === null) continue;
    const first = byId.get(entry.id);
    if (first) problems.push(`${entry.label}: duplicate id; people #${first.index} and #${entry.index} both use it`);
    else byId.set(entry.id, entry);
  }

  const uniquePlatformId = (field: 'slackId' | 'feishuId', what: string): void => {
    const seen = new Map<string, Entry>();
    for (const entry of entries) {
      const value = entry.person[field];
      if (value === null || value === undefined) continue;
      const first = seen.get(value);
      if (first) problems.push(`${entry.label}: ${what} "${value}" is already ${first.label}'s`);
      else seen.set(value, entry);
    }
  };
  uniquePlatformId('slackId', 'Slack id');
  uniquePlatformId('feishuId', 'Feishu open_id');
  // Two people with one address would both be matched to the same platform user.
  const uniqueContact = (field: 'email' | 'mobile'): void => {
    const seen = new Map<string, Entry>();
    for (const entry of entries) {
      const value = entry.person[field];
      if (value === null || value === undefined) continue;
      const first = seen.get(value);
      if (first) problems.push(`${entry.label}: ${field} "${value}" is already ${first.label}'s`);
      else seen.set(value, entry);
    }
  };
  uniqueContact('email');
  uniqueContact('mobile');

  for (const entry of entries) {
    const managerId = entry.person.managerId;
    if (managerId === null || managerId === undefined) continue;
    if (managerId === entry.id) problems.push(`${entry.label}: is their own manager`);
    else if (!byId.has(managerId)) {
      problems.push(`${entry.label}: manager "${managerId}" is not a person in this file`);
    }
  }

  // Manager loops of two or more people, each reported once, starting at its first person in the file.
  const managerOf = (id: string): string | null => {
    const m = byId.get(id)?.person.managerId;
    return m && m !== id && byId.has(m) ? m : null;
  };
  const done = new Set<string>();
  for (const start of byId.keys()) {
    if (done.has(start)) continue;
    const walk: string[] = [];
    const onWalk = new Set<string>();
    let at: string | null = start;
    while (at !== null && !done.has(at) && !onWalk.has(at)) {
      walk.push(at);
      onWalk.add(at);
      at = managerOf(at);
    }
    if (at !== null && onWalk.has(at)) {
      const loop = walk.slice(walk.indexOf(at));
      const fileIndex = (id: string): number => byId.get(id)?.index ?? 0;
      const first = loop.reduce((best, id, i) => (fileIndex(id) < fileIndex(loop[best]!) ? i : best), 0);
      const rotated = [...loop.slice(first), ...loop.slice(0, first)];
      problems.push(`manager loop: ${[...rotated, rotated[0]].join(' -> ')}`);
    }
    for (const id of walk) done.add(id);
  }

  if (problems.length > 0) return fail();

  const people: Person[] = entries.map(({ person }) => ({
    id: person.id!,
    name: person.name!,
    role: person.role!,
    region: person.region!,
    managerId: person.managerId ?? null,
    slackId: person.slackId ?? null,
    feishuId: person.feishuId ?? null,
    locale: person.locale ?? null,
    monthlySalaryFen: person.monthlySalaryFen ?? null,
    ...(person.timezone ? { timezone: person.timezone } : {}),
  }));
  const contacts: StaffContact[] = entries.flatMap(({ person }) =>
    person.email || person.mobile ? [{ personId: person.id!, email: person.email ?? null, mobile: person.mobile ?? null }] : [],
  );
  return { timezone, regions, people, contacts };
}

/** ORG_FILE at start (and `npm run org -- import FILE`). */
export function loadOrgFile(path: string): OrgFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`ORG_FILE ${path}: cannot read the file (${(err as Error).message})`);
  }
  return parseOrgFile(text, path);
}
