import { describe, expect, it } from 'vitest';
import { FORMS, KEY_SPELLINGS } from '../../src/commands/registry.ts';
import { INPUT_ERROR_CODES } from '../../src/grammar/issues.ts';
import { POLICY_ERROR_CODES } from '../../src/core/errors.ts';
import { en } from '../../src/i18n/en.ts';
import { catalogs, translator } from '../../src/i18n/translate.ts';
import { zhCN } from '../../src/i18n/zh-CN.ts';

const zh: Record<string, string> = zhCN;
const english: Record<string, string> = en;
const LANGUAGES = Object.entries(catalogs) as [string, Record<string, string>][];

/** The `{name}` parameters of a message (and `{name, plural, …}` ones), each once, sorted. */
const placeholders = (message: string): string[] => [...new Set([...message.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1] ?? ''))].sort();

/** The keys that are not in a catalog, per language, so a failure names both. */
function missingKeys(keys: string[]): Record<string, string[]> {
  return Object.fromEntries(LANGUAGES.map(([lang, catalog]) => [lang, keys.filter((k) => !Object.hasOwn(catalog, k))]));
}

const noneMissing = Object.fromEntries(LANGUAGES.map(([lang]) => [lang, []]));

describe('the message catalogs', () => {
  it('has both languages the bot speaks', () => {
    expect(Object.keys(catalogs).sort()).toEqual(['en', 'zh-CN']);
  });

  it('has exactly the same keys in zh-CN and en', () => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.keys(zh).length).toBeGreaterThan(50);
  });

  it('has the same {placeholders} in both languages for every message', () => {
    const mismatched = Object.keys(zh)
      .filter((key) => JSON.stringify(placeholders(zh[key] ?? '')) !== JSON.stringify(placeholders(english[key] ?? '')))
      .map((key) => `${key}: zh-CN ${placeholders(zh[key] ?? '')} / en ${placeholders(english[key] ?? '')}`);
    expect(mismatched).toEqual([]);
  });

  it('finds placeholders the way the translator fills them', () => {
    expect(placeholders('「{company}」（{region}）{company}')).toEqual(['company', 'region']);
    expect(translator('en')('input.too_long', { field: 'note', length: 600, max: 500 })).toBe(
      'The note is too long (600 characters); at most 500.',
    );
  });

  it('says English counts in the singular and plural, never "(s)"', () => {
    const t = translator('en');
    expect(Object.entries(en).filter(([, m]) => /\(s\)|\(es\)/.test(m)).map(([key]) => key)).toEqual([]);
    expect(t('reminder.payments_due.title', { count: 1 })).toBe('Payments: 1 contract near or past due');
    expect(t('reminder.payments_due.title', { count: 2 })).toBe('Payments: 2 contracts near or past due');
    expect(t('policy.rule.CLI-3.body', { months: 1 })).toMatch(/at least every 1 month\.$/);
    expect(t('policy.rule.CLI-3.body', { months: 3 })).toMatch(/at least every 3 months\.$/);
    // A plural form is chosen for the number only; anything else leaves the message's text visible, as with {name}.
    expect(t('reminder.payments_due.title')).toContain('{count, plural,');
    expect(Object.entries(en).filter(([, m]) => m.includes(', plural,') && !/other\s*\{/.test(m)).map(([key]) => key)).toEqual([]);
  });

  it('has no empty message', () => {
    const empty = LANGUAGES.flatMap(([lang, catalog]) =>
      Object.entries(catalog)
        .filter(([, message]) => message.trim() === '')
        .map(([key]) => `${lang} ${key}`),
    );
    expect(empty).toEqual([]);
  });

  it('has a refusal.<code> sentence for every policy error code', () => {
    expect(POLICY_ERROR_CODES.length).toBeGreaterThan(0);
    expect(missingKeys(POLICY_ERROR_CODES.map((c) => `refusal.${c}`))).toEqual(noneMissing);
  });

  it('has an input.<code> sentence for every input error code', () => {
    expect(INPUT_ERROR_CODES.length).toBeGreaterThan(0);
    expect(missingKeys([...INPUT_ERROR_CODES.map((c) => `input.${c}`), 'input.missing_field_or', 'input.title', 'input.how'])).toEqual(
      noneMissing,
    );
  });

  it('has a field.<key> label for every form field and every command key', () => {
    const formKeys = Object.values(FORMS).flatMap((fields) => fields.map((f) => f.key));
    expect(formKeys).toContain('company');
    const keys = [...new Set([...formKeys, ...KEY_SPELLINGS.keys()])];
    expect(missingKeys(keys.map((k) => `field.${k}`))).toEqual(noneMissing);
  });

  it('has a title for every form and a label for every choice a form offers', () => {
    const keys = Object.entries(FORMS).flatMap(([name, fields]) => [
      `form.${name}.title`,
      ...fields.flatMap((f): string[] => ('options' in f && f.options ? f.options.map((o) => `choice.${f.key}.${o}`) : [])),
    ]);
    expect(keys).toContain('choice.method.onsite');
    expect(missingKeys(keys)).toEqual(noneMissing);
  });
});

describe('help covers every command that works', () => {
  it('has a help line and an example for each command /help lists', async () => {
    const { COMMAND_NAMES: AVAILABLE } = await import('../../src/commands/registry.ts');
    const { hasMessage } = await import('../../src/i18n/translate.ts');
    const missing = AVAILABLE.flatMap((c) => [`help.${c}`, ...(c === 'help' ? [] : [`help.usage.${c}`])]).filter((key) => !hasMessage(key));
    expect(missing).toEqual([]);
    expect(AVAILABLE.at(-1)).toBe('help');
    expect(AVAILABLE).toContain('expense');
    expect(AVAILABLE).toContain('deal');
  });
});
