import type { Actor, CoreDeps } from '../core/ports.ts';
import type { ViewContext } from '../views/view-context.ts';
import type { View } from '../views/view.ts';
import type { ParseContext } from '../grammar/context.ts';
import type { FormField } from '../grammar/form-field.ts';
import type { SharedKeyName } from '../grammar/keys.ts';
import type { Parsed } from '../grammar/issues.ts';
import type { RawCommand } from '../grammar/read-command.ts';

/** A command's words: the first of each language is the one help shows; case and a leading `/` do not matter. */
export interface CommandWords {
  en: readonly string[];
  'zh-CN': readonly string[];
}

/** One command of a family: how it is written, and how what was written becomes the family's typed input. */
export interface CommandSpec<K extends string, C> {
  words: CommandWords;
  /** The `key:value` keys it accepts. */
  keys: readonly K[];
  /** Keys whose value is free text, where a stray `word:` is part of the text, not a mistake. */
  freeText?: readonly K[];
  /**
   * The words before the first key are free text too (a plan, a ticket's
   * problem or response, an expense's purpose): `目标：…` there is part of
   * the text, not an unknown key. Keys of the command still start a key.
   */
  freeWords?: true;
  read(raw: RawCommand<K>, ctx?: ParseContext): Parsed<C>;
}

/**
 * A form (Slack modal, Feishu form card, console prompts): its fields, and
 * which command it fills in. `words` writes the command's words from the
 * positional fields (the reject form is `/approvals reject <id> reason:…`).
 */
export interface FormSpec<K extends string> {
  command: string;
  fields: readonly FormField<K>[];
  words?: (positional: string, fields: Partial<Record<K, string>>) => string;
  /**
   * The filled form is read exactly as the command its words spell, typed:
   * the reader is not told which field held what (a ticket's Respond form
   * is `/ticket 12 respond …`, not a new ticket for company "12").
   */
  asTyped?: true;
}

/**
 * A file a person sent with a command (a spreadsheet for `/import leads`):
 * its name and bytes. `bytes` is null when the platform said the file is
 * larger than the adapter may fetch (MAX_IMPORT_BYTES): the command refuses
 * it by its `size`.
 */
export interface AttachedFile {
  name: string;
  size: number;
  bytes: Uint8Array | null;
}

/** What running a command has to hand: the core's dependencies (the command's own), who asks, and how to word the answer. */
export interface RunEnv {
  deps: CoreDeps;
  actor: Actor;
  view: ViewContext;
  /** The file sent with the command, for the kinds a family declares in `takesFile`. */
  file?: AttachedFile;
}

/**
 * A command family (leads, deals, approvals, …), declared once, the way
 * Bolt's `app.command(...)` declares a command in the file that handles it:
 * the spellings of its own keys, its commands, its forms, and how its typed
 * input runs (the core use case, then its view). The registry lists the
 * families; the bot's loop, the grammar, help and forms come from it. A
 * family is written `{ … } satisfies CommandFamily<Input, Key>`, so its
 * command and form names stay known to the type checker.
 */
export interface CommandFamily<C extends { kind: string }, K extends string> {
  name: string;
  /** Keys only this family uses, each with its English and Chinese spellings (the first of each is shown in help and forms). */
  keys?: Readonly<Record<Exclude<K, SharedKeyName>, readonly string[]>>;
  commands: Readonly<Record<string, CommandSpec<K, C>>>;
  forms?: Readonly<Record<string, FormSpec<K>>>;
  /**
   * Reads a whole message before the grammar cuts it into words and keys,
   * for text that is not written as keys (a pasted company page keeps its
   * lines and its own `label：value`s): the family's input, its issues, or
   * undefined when the message is not the family's. `named` is the command
   * the message's first word names, if any.
   */
  readMessage?(text: string, named: string | undefined): Parsed<C> | undefined;
  /** The kinds of input it runs: the bot hands each kind to the family that declared it. */
  kinds: readonly C['kind'][];
  /** The kinds that run on a file the person sends with the command or right after it. */
  takesFile?: readonly C['kind'][];
  run(command: C, env: RunEnv): Promise<View>;
}
