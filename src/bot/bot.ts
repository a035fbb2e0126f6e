import type { Logger } from '../logger.ts';
import { isClientView } from '../commands/build/client.ts';
import type { FormName } from '../commands/forms.ts';
import { parseCommand, parseFormSubmission, type Command } from '../commands/parse.ts';
import { commandByWord } from '../commands/catalog.ts';
import { recordVisit } from '../core/clients/record-visit.ts';
import { showClient } from '../core/clients/show-client.ts';
import { updateClient } from '../core/clients/update-client.ts';
import { decideGrade } from '../core/clients/confirm-grade.ts';
import { decideApproval, listApprovals, withdrawApproval } from '../core/approvals/decide.ts';
import { namesOn } from '../core/approvals/names.ts';
import { submitApproval } from '../core/approvals/submit.ts';
import { setDelegate } from '../core/approvals/delegate.ts';
import { recordLeave, setReminders } from '../core/reminders/availability.ts';
import { ticketCommand } from './ticket-command.ts';
import { runDealCommand, runDealsCommand } from './deal-commands.ts';
import type { ApprovalRequest } from '../core/approvals/types.ts';
import { homeSummary } from '../core/home.ts';
import { localDate } from '../core/time.ts';
import { approvalListView, approvalView, submittedView } from '../views/approval-views.ts';
import { listRegions } from '../core/identity.ts';
import { listLeads } from '../core/leads/list-leads.ts';
import { reportLead } from '../core/leads/report-lead.ts';
import { decideHeldLead } from '../core/leads/decide-held-lead.ts';
import type { Locale } from '../core/people.ts';
import type { Actor, CoreDeps, CoreResult } from '../core/ports.ts';
import { translator } from '../i18n/translate.ts';
import { clientCardView, visitRecordedView, type ViewContext } from '../views/client-views.ts';
import { formView } from '../views/form-view.ts';
import { executePerformance } from './performance.ts';
import { helpView } from '../views/help-view.ts';
import { homeView } from '../views/home-view.ts';
import { heldLeadDecidedView, leadListView, leadSavedView } from '../views/lead-views.ts';
import { faultView, inputIssuesView, refusalView, repeatedView } from '../views/problem-views.ts';
import { deliveredOnce, type Delivery } from './deliver-once.ts';
import type { View } from '../views/view.ts';
import { viewOf } from './view-of.ts';
import { runContractCommand, runPaymentCommand } from './contract-commands.ts';

export interface BotDeps extends CoreDeps {
  defaultLocale: Locale;
  logger: Logger;
  /** Called after every command: the outbox dispatcher sends what the change queued. */
  afterChange?: () => void;
}

/**
 * What every adapter calls: text or a submitted form from a known person in,
 * a View in that person's language out. Adapters add only transport,
 * identity and layout.
 */
export interface Bot {
  /** `delivery`: the platform's id of this delivery, so that a redelivery has no second effect. */
  handleText(actor: Actor, text: string, delivery?: Delivery): Promise<View>;
  submitForm(actor: Actor, form: FormName, values: Record<string, string | undefined>, delivery?: Delivery): Promise<View>;
  /** The person's first screen (Slack App Home). */
  home(actor: Actor): Promise<View>;
  localeOf(actor: Actor | null): Locale;
}

export function createBot(deps: BotDeps): Bot {
  const localeOf = (actor: Actor | null): Locale => actor?.person.locale ?? deps.defaultLocale;
  const context = (actor: Actor): ViewContext => ({ t: translator(localeOf(actor)), locale: localeOf(actor), timezone: deps.timezone });

  /** Infrastructure faults become one calm sentence; the transaction has rolled back, so nothing is half-done. */
  async function guarded(actor: Actor, work: () => Promise<View>): Promise<View> {
    try {
      return await work();
    } catch (error) {
      deps.logger.error({ err: error, person: actor.person.id }, 'command failed');
      return faultView(context(actor).t);
    }
  }

  // `deps` here is the command's own: for a delivered command, a store that records the delivery with its effect.
  async function execute(actor: Actor, command: Command, deps: BotDeps): Promise<View> {
    const ctx = context(actor);
    const { t } = ctx;
    switch (command.kind) {
      case 'lead':
        return viewOf(t, await reportLead(deps, actor, command.input), (saved) => leadSavedView(t, saved));
      case 'held_lead': {
        // Allow without a reason (the card's button) opens the form that asks for one.
        if (command.input.decision === 'allow' && !command.input.reason) return formView(t, 'lead_allow', [], { id: String(command.input.heldId) });
        return viewOf(t, await decideHeldLead(deps, actor, command.input), (decided) => heldLeadDecidedView(t, decided));
      }
      case 'leads':
        return viewOf(t, await listLeads(deps, actor, command.period), (list) => leadListView(t, list, command.page));
      case 'client': {
        const result = isClientView(command.input)
          ? await showClient(deps, actor, command.input.company)
          : await updateClient(deps, actor, command.input);
        return viewOf(t, result, (card) => clientCardView(ctx, card));
      }
      case 'grade_decision':
        return viewOf(t, await decideGrade(deps, actor, command.input), (card) => clientCardView(ctx, card));
      case 'visit':
        return viewOf(t, await recordVisit(deps, actor, command.input), (v) => visitRecordedView(ctx, v, command.input.method));
      case 'deal':
        return runDealCommand(deps, actor, ctx, command.input);
      case 'deals':
        return runDealsCommand(deps, actor, ctx, command.page);
      case 'submit_approval': {
        const result = await submitApproval(deps, actor, command.input);
        return result.ok ? submittedView(approvalCtx(ctx), result.value, await namesOn(deps, result.value)) : refusalView(t, result.code, result.details);
      }
      case 'approvals':
        return approvals(deps, actor, command.input);
      case 'delegate':
        return viewOf(t, await setDelegate(deps, actor, command.input), ({ delegate, until, waiting }) => ({
          tone: 'success',
          blocks: [{ type: 'text', text: t('delegate.set', { name: delegate.name, until }) }, ...(waiting ? [{ type: 'text' as const, text: t('delegate.set_waiting', { name: delegate.name, waiting }) }] : [])],
        }));
      case 'leave':
        return viewOf(t, await recordLeave(deps, actor, command.input), (leave) => ({ tone: 'success', blocks: [{ type: 'text', text: t('leave.saved', leave) }] }));
      case 'remind':
        return viewOf(t, await setReminders(deps, actor, command.on), (on) => ({ tone: 'success', blocks: [{ type: 'text', text: t(on ? 'remind.on' : 'remind.off') }] }));
      case 'ticket':
        return ticketCommand(deps, actor, ctx, command.input);
      case 'contract':
        return runContractCommand(deps, actor, ctx, command.input);
      case 'payment':
        return runPaymentCommand(deps, actor, ctx, command.input);
      case 'performance':
        return executePerformance(deps, ctx, actor, command.input);
      case 'help':
        return helpView(t, deps.policy, command.topic);
      case 'form':
        return formView(t, command.form, await regions());
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  }

  const approvalCtx = (ctx: ViewContext) => ({ t: ctx.t, locale: ctx.locale, policy: deps.policy });

  async function approvals(deps: BotDeps, actor: Actor, input: Extract<Command, { kind: 'approvals' }>['input']): Promise<View> {
    const ctx = context(actor);
    if (input.action === 'list') return viewOf(ctx.t, await listApprovals(deps, actor), (list) => approvalListView(approvalCtx(ctx), list, input.page));
    const result: CoreResult<ApprovalRequest> =
      input.action === 'withdraw' ? await withdrawApproval(deps, actor, input.requestId) : await decideApproval(deps, actor, input);
    if (result.ok) return approvalView(approvalCtx(ctx), result.value, await namesOn(deps, result.value));
    // A reject without a reason opens the reject form, the request's number filled in.
    if (result.code === 'reason_required' && input.action === 'decide') {
      return formView(ctx.t, 'reject', [], { id: String(input.requestId) });
    }
    return refusalView(ctx.t, result.code, result.details);
  }

  /**
   * A command the platform may deliver again has its effect once (see
   * deliveredOnce); a repeat is answered with a view the adapter need not show.
   */
  async function executeOnce(actor: Actor, command: Command, delivery: Delivery | undefined): Promise<View> {
    if (!delivery) return execute(actor, command, deps);
    const once = deliveredOnce(deps.store, delivery, deps.clock);
    const view = await execute(actor, command, { ...deps, store: once.store });
    return (await once.wasRepeated()) ? repeatedView(context(actor).t) : view;
  }

  const parseContext = () => ({ today: localDate(deps.clock.now(), deps.timezone) });

  function afterwards(view: View): View {
    deps.afterChange?.();
    return view;
  }

  async function regions(): Promise<string[]> {
    const result = await listRegions(deps);
    return result.ok ? result.value : [];
  }

  return {
    localeOf,
    home(actor) {
      return guarded(actor, async () => {
        const { t } = context(actor);
        return viewOf(t, await homeSummary(deps, actor), (home) => homeView(t, actor.person, home));
      });
    },
    handleText(actor, text, delivery) {
      return guarded(actor, async () => {
        const parsed = parseCommand(text, parseContext());
        if (!parsed.ok) {
          const named = commandByWord(text.trim().split(/\s+/u)[0] ?? '');
          return inputIssuesView(context(actor).t, parsed.issues, named);
        }
        deps.logger.info({ person: actor.person.id, platform: actor.platform, command: parsed.value.kind }, 'command');
        return afterwards(await executeOnce(actor, parsed.value, delivery));
      });
    },
    submitForm(actor, form, values, delivery) {
      return guarded(actor, async () => {
        const parsed = parseFormSubmission(form, values, parseContext());
        if (!parsed.ok) {
          const filled = Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => !!e[1]));
          return formView(context(actor).t, form, await regions(), filled, parsed.issues);
        }
        deps.logger.info({ person: actor.person.id, platform: actor.platform, command: parsed.value.kind, form }, 'form');
        return afterwards(await executeOnce(actor, parsed.value, delivery));
      });
    },
  };
}

