import { createInterface } from 'node:readline';
import { importPath, type Actor, type Bot, type Button, type FormFieldView, type FormView, type Person, type View } from '../../src/bot/face.ts';
import { translator, type Translate } from '../../src/i18n/translate.ts';
import { roleName } from '../../src/views/role-name.ts';
import { folderOf, readLocalFile, writeLocalFile } from './console-files.ts';
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, joinPastedLines } from './pasted-lines.ts';
import { renderText } from './render-text.ts';

export interface ConsoleChatOptions {
  bot: Bot;
  /** A person of the directory by id, or null. */
  findPerson(id: string): Promise<Person | null>;
  /** Ids to suggest when `/as` names nobody. */
  knownIds: string[];
  startAs: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Awaited after each line: the bot's own messages to others are printed before the next prompt. */
  afterEachLine?: () => Promise<void>;
  /** Aborted when the bot stops: the chat ends as at the end of its input. */
  signal?: AbortSignal;
}

interface FormInProgress {
  form: FormView;
  /** Fields still to ask, in order. */
  queue: FormFieldView[];
  values: Record<string, string>;
}

/**
 * The terminal chat: the same commands a user types in Slack or Feishu, as
 * a person of the directory. Runs until /quit or the end of input.
 */
export async function runConsoleChat(opts: ConsoleChatOptions): Promise<void> {
  const { bot, output } = opts;
  const print = (text: string) => output.write(`${text}\n`);
  const first = await opts.findPerson(opts.startAs);
  if (!first) throw new Error(`console: no person "${opts.startAs}" in the directory`);
  let actor: Actor = { person: first, platform: 'console' };
  let t: Translate = translator(bot.localeOf(actor));
  let buttons: Button[] = [];
  let form: FormInProgress | null = null;
  const interactive = 'isTTY' in opts.input && Boolean(opts.input.isTTY);

  /** Prints a reply; a form starts its prompts, keeping `typed` when it comes back with errors. */
  const show = (view: View, typed: Record<string, string> = {}) => {
    // A form's title is in its intro line; other replies, and a form that says something first (a paste's findings), are printed whole.
    if (!view.form || view.blocks.length) print(renderText(view));
    buttons = view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    if (buttons.length) print(`  ${t('console.choose')}`);
    if (view.form) form = startForm(view.form, typed);
  };

  const startForm = (view: FormView, previous: Record<string, string>): FormInProgress => {
    const retry = view.fields.some((f) => f.error);
    if (!retry) print(t('console.form.intro', { title: view.title }));
    for (const f of view.fields) if (f.error) print(`  ⚠ ${f.error}`);
    // A field the bot filled in already (the number of the request to reject) is not asked again.
    const given = Object.fromEntries(view.fields.filter((f) => f.value !== undefined).map((f) => [f.key, f.value as string]));
    const queue = retry ? view.fields.filter((f) => f.error || (f.required && !previous[f.key])) : view.fields.filter((f) => f.value === undefined);
    return { form: view, queue, values: retry ? { ...given, ...previous } : given };
  };

  const promptText = (): string => {
    const field = form?.queue[0];
    if (!field) return `[${actor.person.id}] > `;
    const required = field.required ? ` (${t('form.required')})` : '';
    // The pickers of Slack and Feishu are typed here: a date as the grammar reads it, a person by id or name (the directory is not listed).
    const hint = field.kind === 'date' ? t('console.form.date_hint') : field.kind === 'person' ? t('console.form.person_hint') : '';
    const options = field.options?.length && field.kind !== 'person'
      ? `\n  ${t('console.form.choices', { options: field.options.map((o, i) => `${i + 1}) ${o.label}`).join('  ') })}\n`
      : '';
    return `${options}${field.label}${hint}${required}: `;
  };

  const answerField = async (line: string) => {
    if (!form) return;
    if (line.trim() === '/cancel') {
      form = null;
      print(t('console.form.cancelled'));
      return;
    }
    const field = form.queue[0];
    if (!field) return;
    const value = chooseOption(field, line.trim());
    if (value) form.values[field.key] = value;
    else delete form.values[field.key];
    form.queue.shift();
    if (form.queue.length) return;
    const done = form;
    form = null;
    show(await bot.submitForm(actor, done.form.name, done.values), done.values);
  };

  const handleLine = async (raw: string): Promise<'quit' | void> => {
    // A command typed in the middle of a form leaves the form: a field never starts with '/'.
    if (form && /^[/／]/u.test(raw.trim()) && raw.trim() !== '/cancel') {
      form = null;
      print(t('console.form.cancelled'));
    }
    if (form) return answerField(raw);
    const line = raw.trim();
    if (!line) return;
    if (line === '/quit' || line === '/exit') return 'quit';
    const switchTo = /^[/／]as\s+@?(\S+)$/u.exec(line);
    if (switchTo?.[1]) {
      const person = await opts.findPerson(switchTo[1]);
      if (!person) {
        print(t('console.unknown_person', { id: switchTo[1], ids: opts.knownIds.join(', ') }));
        return;
      }
      actor = { person, platform: 'console' };
      t = translator(bot.localeOf(actor));
      buttons = [];
      print(t('console.switched', { name: person.name, id: person.id, role: roleName(t, person.role) }));
      return;
    }
    const upload = importPath(line);
    if (upload) return importFile(upload.command, upload.path);
    const pick = /^\d+$/.test(line) ? buttons[Number(line) - 1] : undefined;
    const view = await bot.handleText(actor, pick ? pick.command : line);
    show(view);
    // A reply's own file (an export): written in the folder the chat runs in, and said where.
    if (view.file) print(t('console.file_saved', { path: await writeLocalFile(folderOf('.'), view.file) }));
  };

  /** `/import leads <path>`: the file read here, handed to the bot with its command; the refused rows written beside it. */
  const importFile = async (command: string, path: string) => {
    let file;
    try {
      file = await readLocalFile(path);
    } catch (error) {
      print(t('console.file_unreadable', { path, reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
      return;
    }
    const view = await bot.handleFile(actor, file, command);
    show(view);
    if (view.file) print(t('console.file_saved', { path: await writeLocalFile(folderOf(path), view.file) }));
  };

  print(t('console.welcome', { name: actor.person.name, id: actor.person.id, role: roleName(t, actor.person.role) }));
  const rl = createInterface({ input: opts.input, terminal: false, signal: opts.signal });
  // The command prompt is for a terminal; a form always says which field it wants next.
  const prompt = () => {
    if (form?.queue.length) output.write(interactive ? promptText() : `${promptText()}\n`);
    else if (interactive) output.write(promptText());
  };
  // A terminal marks what is pasted (see pasted-lines.ts): a pasted page is one message. The mark is taken back however the chat ends.
  if (interactive) output.write(BRACKETED_PASTE_ON);
  try {
    prompt();
    for await (const line of joinPastedLines(rl)) {
      if ((await handleLine(line)) === 'quit') break;
      await opts.afterEachLine?.();
      prompt();
    }
  } finally {
    rl.close();
    if (interactive) output.write(BRACKETED_PASTE_OFF);
  }
  print(t('console.bye'));
}

/** A numbered choice, a choice's value or label (a person's name), or free text as typed. */
function chooseOption(field: FormFieldView, answer: string): string {
  if (!field.options?.length || !answer) return answer;
  // People are not listed, so a number is no pick of one.
  const byNumber = /^\d+$/.test(answer) && field.kind !== 'person' ? field.options[Number(answer) - 1] : undefined;
  const match = byNumber ?? field.options.find((o) => o.value === answer || o.label === answer);
  return match?.value ?? answer;
}
