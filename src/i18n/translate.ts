import type { Locale } from '../core/people.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** `{name}` in a message is replaced by params.name; an unknown parameter stays visible. */
export function translator(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  return (key, params = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const catalogs = CATALOGS;

/** For keys computed at run time (`field.${name}`): is there such a message? */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(zhCN, key);
