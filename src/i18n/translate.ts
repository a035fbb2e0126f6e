import type { Locale } from '../core/people.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/**
 * `{count, plural, one {# item} other {# items}}`: the branch Intl.PluralRules
 * picks for params.count in the message's language (`=0` for an exact
 * number), `#` standing for the number. A branch holds plain text only.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

function plural(rules: Intl.PluralRules, branches: string, n: number): string | null {
  const forms = new Map([...branches.matchAll(BRANCH)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const form = forms.get(`=${n}`) ?? forms.get(rules.select(n)) ?? forms.get('other');
  return form === undefined ? null : form.replace(/#/g, String(n));
}

/** `{name}` in a message is replaced by params.name; an unknown parameter stays visible. Plural forms: see PLURAL. */
export function translator(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  const rules = new Intl.PluralRules(locale);
  return (key, params = {}) =>
    catalog[key]
      .replace(PLURAL, (whole, name: string, branches: string) => {
        const n = Number(params[name]);
        return name in params && Number.isFinite(n) ? (plural(rules, branches, n) ?? whole) : whole;
      })
      .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const catalogs = CATALOGS;

/** For keys computed at run time (`field.${name}`): is there such a message? */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(zhCN, key);
