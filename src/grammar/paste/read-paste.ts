import { companyIn } from './company-text.ts';
import { creditCodesIn, emailsIn, invalidCreditCodeIn, phonesIn } from './find-values.ts';
import { PASTE_LABELS, SOURCE_TOOLS, SPACED_LATIN_LABELS, type PasteField } from './paste-labels.ts';
import { cardName, leadingPersonName } from './person-name.ts';
import type { Phone } from '../values/phone.ts';

/**
 * What a pasted company page, business card or e-mail signature says, field
 * by field; null or empty where the text does not say it. Nothing is guessed:
 * a credit code is only one whose check character is right, a phone only
 * what the phone parser reads, a contact only a labelled one or a card's
 * name line. The legal representative is kept apart: they are not the
 * contact unless the person says so.
 */
export interface PastedCompany {
  company: string | null;
  creditCode: string | null;
  /** A labelled credit code whose check character is wrong: not taken, but said. */
  invalidCreditCode: string | null;
  legalRepresentative: string | null;
  contact: string | null;
  /** Canonical phones, in the order of the text, each once. */
  phones: string[];
  /** The mobiles among `phones`. */
  mobiles: string[];
  emails: string[];
  size: string | null;
  industry: string | null;
  address: string | null;
  /** 所属地区 and the like: a place, for the region. */
  place: string | null;
  scope: string | null;
  /** The information site the text names (企查查, …), as the lead's source. */
  source: string | null;
}

/** One piece of the text: a label's value (and the label, lower-cased), or a line or table cell no label stands before. */
interface Segment {
  field: PasteField | null;
  value: string;
  label?: string;
}

const byLength = (a: string, b: string) => b.length - a.length;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const ALL_LABELS = Object.entries(PASTE_LABELS).flatMap(([field, spellings]) => spellings.map((s) => [s, field as PasteField] as const));
const FIELD_OF = new Map(ALL_LABELS.map(([s, f]) => [s.toLowerCase(), f]));
const isLatin = (s: string) => /^[\x00-\x7F]+$/u.test(s);
const HAN_ALTS = ALL_LABELS.map(([s]) => s).filter((s) => !isLatin(s)).sort(byLength).map(escape).join('|');
const LATIN_ALTS = ALL_LABELS.map(([s]) => s).filter(isLatin).sort(byLength).map(escape).join('|');
/**
 * A label and its colon. A Chinese label starts wherever it stands (pages
 * copied without spaces: `法定代表人：张三注册资本：1000万`); a Latin one only
 * after a space or punctuation, so `time:` is not read as `e:`.
 */
const COLON_LABEL = new RegExp(`(?:(?<![A-Za-z0-9@._-])(${LATIN_ALTS})|(${HAN_ALTS}))\\s*[:：﹕]`, 'giu');
const SPACED_ALTS = ALL_LABELS.map(([s]) => s)
  // 公司 is a word too often: `公司 简介` is no company called 简介.
  .filter((s) => (isLatin(s) ? SPACED_LATIN_LABELS.includes(s) : s.length >= 2 && s !== '公司'))
  .sort(byLength)
  .map(escape)
  .join('|');
/** A label at the start of a cell with only a space before its value: `法定代表人 张三`, `Tel 021-…`. */
const SPACED_LABEL = new RegExp(`^(${SPACED_ALTS})\\s+(\\S.*)$`, 'iu');
/** Sign-offs and greetings of a signature, which are neither a name nor a company. */
const GREETING = /^(best regards|kind regards|regards|thanks|thank you|sincerely|cheers|此致|敬礼|顺祝商祺|祝好|谢谢|您好|你好)[,，!！.。]?$/iu;

/** Reads the whole text; see PastedCompany for what is taken and what is not. */
export function readPaste(text: string): PastedCompany {
  const segments = segmentsOf(text);
  const labelled = (field: PasteField) => segments.filter((s) => s.field === field && s.value);
  // Within a field, the label listed first wins (人员规模 over 参保人数), then the text's order.
  const preferred = (field: PasteField): Segment[] => {
    const rank = (s: Segment) => (PASTE_LABELS[field] as readonly string[]).indexOf(s.label ?? '');
    return labelled(field).sort((a, b) => rank(a) - rank(b));
  };
  const first = <T>(field: PasteField, read: (value: string) => T | null): T | null => {
    for (const s of preferred(field)) {
      const value = read(s.value);
      if (value !== null) return value;
    }
    return null;
  };
  const free = segments.filter((s) => s.field === null);
  // A company page's labels: on a page, a name line is no contact (the person named there is its legal representative, or no one).
  const isPage = (['code', 'legalRepresentative', 'scope', 'industry', 'size'] as const).some((f) => labelled(f).length > 0);

  // Phones: labelled ones first, then those on lines no label stands before (a card's `+86 138 …`), never the digits of another label's value.
  const phones = new Map<string, Phone>();
  for (const phone of [...labelled('phone'), ...free].flatMap((s) => phonesIn(s.value))) if (!phones.has(phone.canonical)) phones.set(phone.canonical, phone);
  const labelledCode = first('code', (v) => creditCodesIn(v)[0] ?? null);
  const anyCode = creditCodesIn(segments.filter((s) => s.field === null || s.field === 'code').map((s) => s.value).join('\n'))[0] ?? null;
  const creditCode = labelledCode ?? anyCode;

  const company = first('company', (v) => companyIn(v, true)) ?? companyLine(free);
  const emails = unique(emailsIn(text));
  return {
    company,
    creditCode,
    invalidCreditCode: creditCode ? null : first('code', invalidCreditCodeIn),
    legalRepresentative: first('legalRepresentative', leadingPersonName),
    // A name line is a contact only on a card or a signature: beside a company line, a phone or an e-mail.
    contact: first('contact', leadingPersonName) ?? (isPage || !(company || phones.size || emails.length) ? null : nameLine(free)),
    phones: [...phones.keys()],
    mobiles: [...phones.values()].filter((p) => p.kind === 'mobile').map((p) => p.canonical),
    emails,
    size: first('size', (v) => firstWord(v, 50)),
    industry: first('industry', (v) => firstWord(v, 100)),
    address: first('address', address),
    place: first('place', (v) => firstWord(v, 50)),
    scope: first('scope', (v) => v.trim().slice(0, 2000) || null),
    source: SOURCE_TOOLS.find((tool) => text.includes(tool)) ?? null,
  };
}

/**
 * The text cut into segments: each line, each tab-separated cell of a copied
 * table, each `label：value` within a cell. A label with nothing after it
 * (the label on one line or cell, its value on the next) takes the next
 * segment that is not itself a label.
 */
function segmentsOf(text: string): Segment[] {
  const out: Segment[] = [];
  let pending: { field: PasteField; label: string } | null = null;
  const push = (field: PasteField | null, value: string, label?: string) => {
    if (field && !value) {
      pending = { field, label: label ?? '' };
      return;
    }
    out.push(label === undefined ? { field, value } : { field, value, label });
    if (field) pending = null;
  };
  const lines = text
    .replace(/\r\n?/gu, '\n')
    .replace(/[\u00a0\u3000]/gu, ' ')
    .split('\n')
    .map((line) => line.split('\t').map((cell) => cell.trim()))
    .filter((cells) => cells.some(Boolean));
  for (let i = 0; i < lines.length; i++) {
    const cells = lines[i] ?? [];
    const next = lines[i + 1];
    // A copied table with its labels in a header row: each value is the cell below its label.
    if (next && cells.length >= 2 && next.length >= 2 && cells.every((c) => FIELD_OF.has(c.toLowerCase()))) {
      cells.forEach((label, column) => {
        const value = next[column] ?? '';
        if (value) out.push({ field: FIELD_OF.get(label.toLowerCase()) ?? null, value, label: label.toLowerCase() });
      });
      i++;
      continue;
    }
    for (const cell of cells.filter(Boolean)) readCell(cell);
  }
  return out;

  function readCell(cell: string) {
    const matches = [...cell.matchAll(COLON_LABEL)];
    if (matches.length > 0) {
      const before = cell.slice(0, matches[0]?.index ?? 0).trim();
      if (before) free(before);
      matches.forEach((m, i) => {
        const label = (m[1] ?? m[2] ?? '').toLowerCase();
        const end = (m.index ?? 0) + m[0].length;
        push(FIELD_OF.get(label) ?? null, cell.slice(end, matches[i + 1]?.index ?? cell.length).trim(), label);
      });
      return;
    }
    const exact = FIELD_OF.get(cell.toLowerCase());
    if (exact && cell.length >= 2) return push(exact, '', cell.toLowerCase());
    const spaced = SPACED_LABEL.exec(cell);
    if (spaced) {
      const label = (spaced[1] ?? '').toLowerCase();
      return push(FIELD_OF.get(label) ?? null, spaced[2] ?? '', label);
    }
    free(cell);
  }

  /** A segment no label stands before: the value of a label waiting for one, or free text. */
  function free(value: string) {
    const waiting = pending as { field: PasteField; label: string } | null;
    pending = null;
    out.push(waiting ? { field: waiting.field, value, label: waiting.label } : { field: null, value });
  }
}

/** A line that is a company's name, on a card or at the head of a copied page: the first with a company ending and no colon. */
function companyLine(free: Segment[]): string | null {
  for (const s of free) {
    if (/[:：]/u.test(s.value) || GREETING.test(s.value) || s.value.length > 120) continue;
    const company = companyIn(s.value, false);
    if (company) return company;
  }
  return null;
}

/** A card's or signature's name line, among its first lines. */
function nameLine(free: Segment[]): string | null {
  for (const s of free.slice(0, 8)) {
    if (GREETING.test(s.value) || companyIn(s.value, false)) continue;
    const name = cardName(s.value);
    if (name) return name;
  }
  return null;
}

const firstWord = (value: string, max: number): string | null => {
  const v = value.trim();
  const word = /^[\x00-\x7F]/u.test(v) ? (v.split(/\s{2,}/u)[0] ?? '') : (v.split(/\s+/u)[0] ?? '');
  return word && word.length <= max ? word : null;
};

const address = (value: string): string | null => {
  const v = value.trim();
  const text = /^[\x00-\x7F]/u.test(v) ? (v.split(/\s{2,}/u)[0] ?? '') : (v.split(/\s+/u)[0] ?? '');
  return text && text.length <= 200 ? text : null;
};

const unique = <T>(values: T[]): T[] => [...new Set(values)];
