import { describe, expect, it } from 'vitest';
import type { CommandFamily } from '../../src/commands/family.ts';
import { gatherFamilies, type AnyFamily } from '../../src/commands/gather-families.ts';
import { COMMAND_NAMES, commandByWord, commandSpec, FORMS, parseCommand, parseFormSubmission } from '../../src/commands/registry.ts';

/** A small family as a module would declare it; each test breaks one thing. */
const family = (over: Partial<AnyFamily> = {}): AnyFamily =>
  ({
    name: 'samples',
    keys: { flavour: ['flavour', '口味'] },
    commands: { sample: { words: { en: ['sample'], 'zh-CN': ['样品'] }, keys: ['flavour'], read: () => ({ ok: true, value: { kind: 'sample' } }) } },
    forms: { sample: { command: 'sample', fields: [{ key: 'flavour', required: true, kind: 'text' }] } },
    kinds: ['sample'],
    run: async () => ({ tone: 'info', blocks: [] }),
    ...over,
  }) satisfies CommandFamily<{ kind: string }, string>;

describe('the command registry', () => {
  it('names every command by each of its words, in both languages, with or without a slash', () => {
    for (const name of COMMAND_NAMES) {
      const { words } = commandSpec(name);
      expect(words.en.length, `${name} has an English word`).toBeGreaterThan(0);
      expect(words['zh-CN'].length, `${name} has a Chinese word`).toBeGreaterThan(0);
      for (const word of [...words.en, ...words['zh-CN']]) {
        expect(commandByWord(word)).toBe(name);
        expect(commandByWord(`/${word.toUpperCase()}`)).toBe(name);
      }
    }
  });

  it('lists the commands family by family, /help last', () => {
    expect(COMMAND_NAMES.slice(0, 4)).toEqual(['lead', 'leads', 'client', 'visit']);
    expect(COMMAND_NAMES.at(-1)).toBe('help');
  });

  it('opens a command’s form when the command is given alone, and reads the form back through the same family', () => {
    expect(parseCommand('/费用')).toEqual({ ok: true, value: { kind: 'form', form: 'expense' } });
    const submitted = parseFormSubmission('expense', { amount: '800', purpose: '展会' }, { today: '2026-12-02' });
    expect(submitted.ok && submitted.value.kind).toBe('submit_approval');
    expect(Object.keys(FORMS)).toEqual(expect.arrayContaining(['lead', 'lead_allow', 'reject', 'ticket_respond', 'needs', 'contract', 'plan']));
  });

  it('gathers a well-formed family into the lookups the grammar uses', () => {
    const tables = gatherFamilies([family()], { note: ['note', '备注'] });
    expect(tables.byWord.get('样品')).toBe('sample');
    expect(tables.aliasToKey.get('口味')).toBe('flavour');
    expect(tables.byKindFamily.get('sample')?.name).toBe('samples');
    expect(tables.commandOrder).toEqual(['sample']);
  });

  it('stops at start, naming both, when two families declare the same word, key spelling, command, form or input kind', () => {
    const other = (over: Partial<AnyFamily>) => family({ name: 'others', keys: {}, forms: {}, commands: {}, kinds: [], ...over });
    const command = (words: { en: string[]; 'zh-CN': string[] }) => ({ words, keys: [], read: () => ({ ok: true as const, value: { kind: 'x' } }) });
    expect(() => gatherFamilies([family(), other({ commands: { other: command({ en: ['other'], 'zh-CN': ['样品'] }) } })], {})).toThrow(
      'the word 样品 of other already names sample',
    );
    expect(() => gatherFamilies([family(), other({ keys: { taste: ['taste', '口味'] } })], {})).toThrow('the spelling 口味 of key taste already spells flavour');
    expect(() => gatherFamilies([family(), other({ keys: { flavour: ['f'] } })], {})).toThrow('key flavour of others is already declared');
    expect(() => gatherFamilies([family(), other({ commands: { sample: command({ en: ['s2'], 'zh-CN': ['样2'] }) } })], {})).toThrow(
      'command sample of others is already declared',
    );
    expect(() => gatherFamilies([family(), other({ forms: { sample: { command: 'sample', fields: [] } } })], {})).toThrow('form sample of others is already declared');
    expect(() => gatherFamilies([family(), other({ kinds: ['sample'] })], {})).toThrow('input kind sample of others is already run by samples');
  });

  it('stops at start when a command or a form names a key no family spells, or a form fills in no command', () => {
    const sample = family().commands.sample!;
    expect(() => gatherFamilies([family({ commands: { sample: { ...sample, keys: ['flavor'] } } })], {})).toThrow(
      'command sample accepts key flavor, which no family spells',
    );
    expect(() => gatherFamilies([family({ forms: { sample: { command: 'sample', fields: [{ key: 'colour', required: false, kind: 'text' }] } } })], {})).toThrow(
      'form sample has field colour, which no family spells',
    );
    expect(() => gatherFamilies([family({ forms: { sample: { command: 'smaple', fields: [] } } })], {})).toThrow('form sample fills in smaple, which is no command');
  });
});
