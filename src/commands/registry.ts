import type { View } from '../views/view.ts';
import { approvalsFamily } from './approvals/approvals-family.ts';
import { availabilityFamily } from './availability/availability-family.ts';
import { clientsFamily } from './clients/clients-family.ts';
import { contractsFamily } from './contracts/contracts-family.ts';
import { dealsFamily } from './deals/deals-family.ts';
import type { RunEnv } from './family.ts';
import { gatherFamilies, type AnyFamily, type AnySpec } from './gather-families.ts';
import type { ParseContext } from '../grammar/context.ts';
import type { FormField } from '../grammar/form-field.ts';
import type { InputIssue, Parsed } from '../grammar/issues.ts';
import { SHARED_KEYS } from '../grammar/keys.ts';
import { chineseKeyPattern, readCommand, textIssues, type Grammar, type RawCommand } from '../grammar/read-command.ts';
import { exportsFamily } from './exports/exports-family.ts';
import { helpFamily } from './help/help-family.ts';
import { importsFamily } from './imports/imports-family.ts';
import { leadsFamily } from './leads/leads-family.ts';
import { performanceFamily } from './performance/performance-family.ts';
import { policyFamily } from './policy/policy-family.ts';
import { ticketsFamily } from './tickets/tickets-family.ts';

/**
 * The command families, in the order help lists their commands. Adding a
 * family is one line here; its words, keys, forms and how it runs are in its
 * own module.
 */
const FAMILIES = [
  leadsFamily,
  clientsFamily,
  dealsFamily,
  contractsFamily,
  ticketsFamily,
  approvalsFamily,
  performanceFamily,
  availabilityFamily,
  importsFamily,
  exportsFamily,
  policyFamily,
  // Help reads the registry's order and words when it runs, not when it is declared.
  helpFamily(
    () => commandOrder,
    (word) => byWord.get(word.replace(/^[/／]/, '').toLowerCase()),
  ),
] as const;

type Family = (typeof FAMILIES)[number];
type InputOf<F> = F extends { run(command: infer C, env: RunEnv): Promise<View> } ? C : never;
type CommandsOf<F> = F extends { commands: infer Commands } ? keyof Commands & string : never;
type FormsOf<F> = F extends { forms: infer Forms } ? keyof Forms & string : never;

export type CommandName = CommandsOf<Family>;
export type FormName = FormsOf<Family>;

/** What a person asked for, typed and checked: the one shape every adapter hands to the bot. A command alone opens its form. */
export type Command = InputOf<Family> | { kind: 'form'; form: FormName };

export type { ParseContext };

// ------------------------------------------------------------ what the families declare, gathered

const { commandSpecs, commandOrder, byWord, keySpellings, aliasToKey, byKindFamily, forms } = gatherFamilies(
  FAMILIES as readonly unknown[] as readonly AnyFamily[],
  SHARED_KEYS,
);

/** Every command, in the registry's order, /help last. */
export const COMMAND_NAMES = commandOrder as readonly CommandName[];

/** `/lead`, `lead`, `/线索`, `线索`, `LEAD` all name the same command. */
export function commandByWord(word: string): CommandName | undefined {
  return byWord.get(word.replace(/^[/／]/, '').toLowerCase()) as CommandName | undefined;
}

/** How a command is written: its words in both languages, its keys. */
export function commandSpec(name: CommandName): Pick<AnySpec, 'words' | 'keys' | 'freeText' | 'freeWords'> {
  const spec = commandSpecs.get(name);
  if (!spec) throw new Error(`no command ${name}`);
  return spec;
}

/** Every `key:value` key with its spellings, English first. */
export const KEY_SPELLINGS: ReadonlyMap<string, readonly string[]> = keySpellings;

export const isFormName = (name: string): name is FormName => forms.has(name);

/** The fields of a form, for the view that shows it. */
export function formFields(name: FormName): readonly FormField[] {
  const form = forms.get(name);
  if (!form) throw new Error(`no form ${name}`);
  return form.fields;
}

/** Every form with its fields, by name. */
export const FORMS = Object.fromEntries([...forms].map(([name, form]) => [name, form.fields])) as Readonly<Record<FormName, readonly FormField[]>>;

const grammar: Grammar = {
  commandByWord,
  command: (name) => commandSpec(name as CommandName),
  keyByAlias: (alias) => aliasToKey.get(alias.toLowerCase()),
  spellings: (key) => keySpellings.get(key) ?? [key],
  chineseKey: chineseKeyPattern([...keySpellings.values()].flat()),
};

// ------------------------------------------------------------ text or a form → Command

/** Text as the grammar reads it, before any family's reader: the command's name, its words, its key:value pairs. */
export const readRawCommand = (text: string): Parsed<RawCommand> => readCommand(text, grammar);

/** The families that read some messages whole (see CommandFamily.readMessage). */
const wholeReaders = (FAMILIES as readonly unknown[] as readonly AnyFamily[]).filter((f) => f.readMessage);

/** Text typed in any chat → Command. */
export function parseCommand(text: string, ctx?: ParseContext): Parsed<Command> {
  const named = commandByWord(text.trim().split(/\s+/u)[0] ?? '');
  for (const family of wholeReaders) {
    const whole = family.readMessage?.(text, named);
    if (whole) return whole as Parsed<Command>;
  }
  const raw = readCommand(text, grammar);
  if (!raw.ok) return raw;
  const { name, words, pairs } = raw.value;
  if (isFormName(name) && !words && Object.keys(pairs).length === 0) return { ok: true, value: { kind: 'form', form: name } };
  return build(raw.value, ctx);
}

/** A submitted form → Command, through the same checks as typed text. */
export function parseFormSubmission(name: FormName, values: Record<string, string | undefined>, ctx?: ParseContext): Parsed<Command> {
  const form = forms.get(name);
  if (!form) throw new Error(`no form ${name}`);
  const pairs: Record<string, string> = {};
  const words: string[] = [];
  const problems: InputIssue[] = [];
  const fields: Record<string, string> = {};
  for (const field of form.fields) {
    const value = values[field.key]?.trim();
    if (!value) continue;
    problems.push(...textIssues(value, field.key));
    fields[field.key] = value;
    if (field.positional) words.push(value);
    else pairs[field.key] = value;
  }
  if (problems.length) return { ok: false, issues: problems };
  const positional = words.join(' ');
  const written = form.words ? form.words(positional, fields) : positional;
  return build(form.asTyped ? { name: form.command, words: written, pairs } : { name: form.command, words: written, pairs, fields }, ctx);
}

function build(raw: RawCommand, ctx?: ParseContext): Parsed<Command> {
  const spec = commandSpecs.get(raw.name);
  if (!spec) throw new Error(`command ${raw.name} has no reader`);
  return spec.read(raw, ctx) as Parsed<Command>;
}

// ------------------------------------------------------------ Command → View

const FILE_KINDS = new Set<string>((FAMILIES as readonly { takesFile?: readonly string[] }[]).flatMap((f) => f.takesFile ?? []));

/** Runs on a file the person sends with it or right after it (`/import leads`). */
export const takesFile = (command: Command): boolean => FILE_KINDS.has(command.kind);

/** Runs a command with the family that declared its kind (a form is opened by the bot itself). */
export function runCommand(command: Exclude<Command, { kind: 'form' }>, env: RunEnv): Promise<View> {
  const family = byKindFamily.get(command.kind);
  if (!family) throw new Error(`no family runs ${command.kind}`);
  return family.run(command, env);
}
