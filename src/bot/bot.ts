import type { Logger } from '../logger.ts';
import type { AttachedFile, RunEnv } from '../commands/family.ts';
import { issue } from '../grammar/issues.ts';
import { commandByWord, formFields, isFormName, parseCommand, parseFormSubmission, runCommand, takesFile, type Command } from '../commands/registry.ts';
import { homeSummary } from '../core/home.ts';
import { listRegions } from '../core/identity.ts';
import type { Locale } from '../core/people.ts';
import type { Actor, CoreDeps } from '../core/ports.ts';
import { localDate } from '../core/time.ts';
import { translator } from '../i18n/translate.ts';
import { companyChoices, pickablePeople } from '../core/clients/company-choices.ts';
import type { FormField } from '../grammar/form-field.ts';
import { formView, type FormChoices } from '../views/form-view.ts';
import { homeView } from '../views/home-view.ts';
import { faultView, inputIssuesView, repeatedView } from '../views/problem-views.ts';
import type { ViewContext } from '../views/view-context.ts';
import { viewOf } from '../views/view-of.ts';
import type { View } from '../views/view.ts';
import { awaitingFiles } from './awaiting-file.ts';
import { deliveredOnce, type Delivery } from './deliver-once.ts';

export interface BotDeps extends CoreDeps {
  defaultLocale: Locale;
  logger: Logger;
  /** Called after every command: the outbox dispatcher sends what the change queued. */
  afterChange?: () => void;
  /** Told of every command handled: its kind (or 'unknown'), how it ended, how long it took (the metrics count it). */
  observe?: (handled: { platform: string; kind: string; outcome: CommandOutcome; seconds: number }) => void;
}

/** ok: answered; refused: the policy said no or warned (a danger or warning view); bad_input: not understood; fault: the infrastructure failed. */
export type CommandOutcome = 'ok' | 'refused' | 'bad_input' | 'fault';

/**
 * What every adapter calls: text or a submitted form from a known person in,
 * a View in that person's language out. Adapters add only transport,
 * identity and layout.
 */
export interface Bot {
  /** `delivery`: the platform's id of this delivery, so that a redelivery has no second effect. */
  handleText(actor: Actor, text: string, delivery?: Delivery): Promise<View>;
  /**
   * A file a person sent (a spreadsheet for `/import leads`), with the text
   * of its message, or with none: then it is for the command of theirs that
   * waits for a file (sent within the last 10 minutes; see awaiting-file.ts).
   */
  handleFile(actor: Actor, file: AttachedFile, text: string | null, delivery?: Delivery): Promise<View>;
  /** `form`: the name a form view carried; a name the registry does not know (a form from an older version) is refused in words. */
  submitForm(actor: Actor, form: string, values: Record<string, string | undefined>, delivery?: Delivery): Promise<View>;
  /**
   * A form again, filled in with `values`: for a platform that could not
   * show the form where the reply went (a Slack message cannot hold a modal;
   * its button opens one). Nothing runs until the form is submitted.
   */
  openForm(actor: Actor, form: string, values: Record<string, string>): Promise<View>;
  /**
   * The companies a form's company picker offers this person, whose names
   * contain `typed` (Slack's options load, as the person types); by name,
   * at most 100.
   */
  companyChoices(actor: Actor, typed: string): Promise<string[]>;
  /** The person's first screen (Slack App Home). */
  home(actor: Actor): Promise<View>;
  localeOf(actor: Actor | null): Locale;
}

export function createBot(deps: BotDeps): Bot {
  const localeOf = (actor: Actor | null): Locale => actor?.person.locale ?? deps.defaultLocale;
  const context = (actor: Actor): ViewContext => ({ t: translator(localeOf(actor)), locale: localeOf(actor), timezone: deps.timezone, policy: deps.policy });

  /** Infrastructure faults become one calm sentence; the transaction has rolled back, so nothing is half-done. */
  async function guarded(actor: Actor, work: (seen: { kind: string }) => Promise<View>): Promise<View> {
    const seen = { kind: 'unknown' };
    const started = performance.now();
    const told = (outcome: CommandOutcome) => deps.observe?.({ platform: actor.platform, kind: seen.kind, outcome, seconds: (performance.now() - started) / 1000 });
    try {
      const view = await work(seen);
      told(seen.kind === 'unknown' ? 'bad_input' : view.tone === 'danger' || view.tone === 'warning' ? 'refused' : 'ok');
      return view;
    } catch (error) {
      deps.logger.error({ err: error, person: actor.person.id }, 'command failed');
      told('fault');
      return faultView(context(actor).t);
    }
  }

  /** The family that declared the command runs it; a command given alone opens its form. `deps` is the command's own (see executeOnce). */
  async function execute(actor: Actor, command: Command, deps: CoreDeps, file?: AttachedFile): Promise<View> {
    const view = context(actor);
    if (command.kind === 'form') return formView(view.t, command.form, formFields(command.form), await choicesFor(actor, formFields(command.form)));
    const env: RunEnv = { deps, actor, view, ...(file ? { file } : {}) };
    return runCommand(command, env);
  }

  /**
   * A command the platform may deliver again has its effect once (see
   * deliveredOnce); a repeat is answered with a view the adapter need not show.
   */
  async function executeOnce(actor: Actor, command: Command, delivery: Delivery | undefined, file?: AttachedFile): Promise<View> {
    if (!delivery) return execute(actor, command, deps, file);
    const once = deliveredOnce(deps.store, delivery, deps.clock);
    const view = await execute(actor, command, { ...deps, store: once.store }, file);
    return (await once.wasRepeated()) ? repeatedView(context(actor).t) : view;
  }

  const awaiting = awaitingFiles(deps.clock);

  const parseContext = () => ({ today: localDate(deps.clock.now(), deps.timezone) });

  function afterwards(view: View): View {
    deps.afterChange?.();
    return view;
  }

  async function regions(): Promise<string[]> {
    const result = await listRegions(deps);
    return result.ok ? result.value : [];
  }

  /** Only what the form's fields list is read: the directory for a person picker, the person's companies for a company picker. */
  async function choicesFor(actor: Actor, fields: readonly FormField[]): Promise<FormChoices> {
    const has = (kind: FormField['kind']) => fields.some((f) => f.kind === kind);
    return {
      regions: has('region') ? await regions() : [],
      ...(has('person') && { people: await pickablePeople(deps) }),
      ...(has('company') && { companies: await companyChoices(deps, actor) }),
    };
  }

  return {
    localeOf,
    companyChoices(actor, typed) {
      return companyChoices(deps, actor, typed);
    },
    home(actor) {
      return guarded(actor, async () => {
        const { t } = context(actor);
        return viewOf(t, await homeSummary(deps, actor), (home) => homeView(t, actor.person, home));
      });
    },
    handleText(actor, text, delivery) {
      return guarded(actor, async (seen) => {
        const parsed = parseCommand(text, parseContext());
        if (!parsed.ok) {
          const named = commandByWord(text.trim().split(/\s+/u)[0] ?? '');
          return inputIssuesView(context(actor).t, parsed.issues, named, text);
        }
        seen.kind = parsed.value.kind;
        deps.logger.info({ person: actor.person.id, platform: actor.platform, command: parsed.value.kind }, 'command');
        // Typed without its file: the file may follow on its own.
        if (takesFile(parsed.value)) awaiting.remember(actor.person.id, text);
        return afterwards(await executeOnce(actor, parsed.value, delivery));
      });
    },
    handleFile(actor, file, text, delivery) {
      return guarded(actor, async (seen) => {
        const { t } = context(actor);
        const written = text?.trim() ? text : awaiting.take(actor.person.id);
        if (!written) {
          // A redelivery of a file whose command it already took finds none waiting: it is a repeat, not a new question.
          if (delivery && (await deliveredOnce(deps.store, delivery, deps.clock).wasRepeated())) return repeatedView(t);
          return { tone: 'info', blocks: [{ type: 'text', text: t('import.file_without_command') }] };
        }
        const parsed = parseCommand(written, parseContext());
        if (!parsed.ok) return inputIssuesView(t, parsed.issues, commandByWord(written.trim().split(/\s+/u)[0] ?? ''), written);
        if (!takesFile(parsed.value)) return { tone: 'info', blocks: [{ type: 'text', text: t('import.file_without_command') }] };
        seen.kind = parsed.value.kind;
        deps.logger.info({ person: actor.person.id, platform: actor.platform, command: parsed.value.kind, bytes: file.size }, 'file');
        return afterwards(await executeOnce(actor, parsed.value, delivery, file));
      });
    },
    openForm(actor, form, values) {
      return guarded(actor, async () => {
        if (!isFormName(form)) return inputIssuesView(context(actor).t, [issue('unknown_command', null, { word: form.slice(0, 30) })]);
        return formView(context(actor).t, form, formFields(form), await regions(), values);
      });
    },
    submitForm(actor, form, values, delivery) {
      return guarded(actor, async (seen) => {
        if (!isFormName(form)) return inputIssuesView(context(actor).t, [issue('unknown_command', null, { word: form.slice(0, 30) })]);
        const parsed = parseFormSubmission(form, values, parseContext());
        if (!parsed.ok) {
          const filled = Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => !!e[1]));
          return formView(context(actor).t, form, formFields(form), await choicesFor(actor, formFields(form)), filled, parsed.issues);
        }
        seen.kind = parsed.value.kind;
        deps.logger.info({ person: actor.person.id, platform: actor.platform, command: parsed.value.kind, form }, 'form');
        return afterwards(await executeOnce(actor, parsed.value, delivery));
      });
    },
  };
}

