import type { CommandFamily, CommandSpec, FormSpec } from './family.ts';

export type AnySpec = CommandSpec<string, { kind: string }>;
export type AnyFamily = CommandFamily<{ kind: string }, string>;

/**
 * The families' declarations as the lookup tables the grammar and the bot
 * use. A clash two families could not see from their own modules (a word,
 * a key spelling, a command, a form or an input kind declared twice, a key
 * or form field no family spells, a form filling in no command) stops the
 * bot at start with the names, instead of one of them quietly winning.
 */
export function gatherFamilies(families: readonly AnyFamily[], sharedKeys: Readonly<Record<string, readonly string[]>>) {
  const commandSpecs = new Map<string, AnySpec & { family: AnyFamily }>();
  const commandOrder: string[] = [];
  const byWord = new Map<string, string>();
  const keySpellings = new Map<string, readonly string[]>(Object.entries(sharedKeys));
  const byKindFamily = new Map<string, AnyFamily>();
  const forms = new Map<string, FormSpec<string>>();

  for (const family of families) {
    for (const [key, spellings] of Object.entries(family.keys ?? {}) as [string, readonly string[]][]) {
      if (keySpellings.has(key)) throw new Error(`key ${key} of ${family.name} is already declared`);
      keySpellings.set(key, spellings);
    }
    for (const kind of family.kinds) {
      if (byKindFamily.has(kind)) throw new Error(`input kind ${kind} of ${family.name} is already run by ${byKindFamily.get(kind)?.name}`);
      byKindFamily.set(kind, family);
    }
    for (const [name, spec] of Object.entries(family.commands)) {
      if (commandSpecs.has(name)) throw new Error(`command ${name} of ${family.name} is already declared`);
      commandSpecs.set(name, { ...spec, family });
      commandOrder.push(name);
      for (const word of [...spec.words.en, ...spec.words['zh-CN']]) {
        const lower = word.toLowerCase();
        if (byWord.has(lower)) throw new Error(`the word ${word} of ${name} already names ${byWord.get(lower)}`);
        byWord.set(lower, name);
      }
    }
    for (const [name, form] of Object.entries(family.forms ?? {})) {
      if (forms.has(name)) throw new Error(`form ${name} of ${family.name} is already declared`);
      forms.set(name, form);
    }
  }

  const aliasToKey = new Map<string, string>();
  for (const [key, spellings] of keySpellings) {
    for (const spelling of spellings) {
      const lower = spelling.toLowerCase();
      if (aliasToKey.has(lower)) throw new Error(`the spelling ${spelling} of key ${key} already spells ${aliasToKey.get(lower)}`);
      aliasToKey.set(lower, key);
    }
  }
  for (const [name, spec] of commandSpecs) {
    for (const key of spec.keys) if (!keySpellings.has(key)) throw new Error(`command ${name} accepts key ${key}, which no family spells`);
  }
  for (const [name, form] of forms) {
    if (!commandSpecs.has(form.command)) throw new Error(`form ${name} fills in ${form.command}, which is no command`);
    for (const field of form.fields) if (!keySpellings.has(field.key)) throw new Error(`form ${name} has field ${field.key}, which no family spells`);
  }

  return { commandSpecs, commandOrder, byWord, keySpellings, aliasToKey, byKindFamily, forms };
}
