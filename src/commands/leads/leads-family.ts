import { decideHeldLead, type DecideHeldLeadCommand } from '../../core/leads/decide-held-lead.ts';
import { listLeads, type LeadPeriod } from '../../core/leads/list-leads.ts';
import { mayReportLeads, reportLead, type ReportLeadCommand } from '../../core/leads/report-lead.ts';
import { regionOfPlace } from '../../core/leads/region-by-place.ts';
import { listRegions } from '../../core/identity.ts';
import type { PastedCompany } from '../../grammar/paste/read-paste.ts';
import { pastedLeadView } from '../../views/paste-views.ts';
import { formView } from '../../views/form-view.ts';
import { heldLeadDecidedView, leadListView, leadSavedView } from '../../views/lead-views.ts';
import { viewOf } from '../../views/view-of.ts';
import type { CommandFamily } from '../family.ts';
import { multilineField, textField, wordsField } from '../../grammar/form-field.ts';
import { LEAD_KEYS, type LeadKey } from './lead-keys.ts';
import { buildLeadAction } from './read-lead.ts';
import { buildLeads } from './read-leads.ts';
import { readPastedAlone, readPasteCommand } from './read-paste-lead.ts';

export type LeadsCommand =
  | { kind: 'lead'; input: ReportLeadCommand }
  | { kind: 'held_lead'; input: DecideHeldLeadCommand }
  | { kind: 'leads'; period: LeadPeriod; page?: number }
  | { kind: 'lead_paste'; pasted: PastedCompany };

const LEAD_FORM_FIELDS = [
  wordsField('company'),
  textField('contact', true),
  textField('phone'),
  textField('email'),
  textField('size', true),
  textField('position', true),
  { key: 'region', required: false, kind: 'region' },
  textField('code'),
  textField('source'),
] as const;

const ALLOW_FORM = { command: 'lead', fields: [wordsField('id'), multilineField('reason', true)], words: (id: string) => `allow ${id}`.trim(), asTyped: true } as const;

/** `/lead` and `/leads` (LEAD-1..3): report a lead, decide a held likely duplicate, see the day's or the week's leads. */
export const leadsFamily = {
  name: 'leads',
  keys: LEAD_KEYS,
  commands: {
    lead: {
      words: { en: ['lead'], 'zh-CN': ['线索'] },
      // reason: only with `/lead allow <n>` (a manager allowing a held likely duplicate).
      keys: ['contact', 'phone', 'email', 'size', 'position', 'region', 'code', 'source', 'reason'],
      freeText: ['reason'],
      read: (raw) => {
        const action = buildLeadAction(raw);
        if (!action.ok) return action;
        const { value } = action;
        return { ok: true, value: value.action === 'report' ? { kind: 'lead', input: value.lead } : { kind: 'held_lead', input: value.decision } };
      },
    },
    leads: {
      words: { en: ['leads'], 'zh-CN': ['今日线索', '线索列表'] },
      keys: ['page'],
      read: (raw) => {
        const list = buildLeads(raw);
        return list.ok ? { ok: true, value: { kind: 'leads', ...list.value } } : list;
      },
    },
  },
  forms: {
    lead: { command: 'lead', fields: LEAD_FORM_FIELDS },
    /** Opened by a held likely duplicate's Allow button (LEAD-2): its number filled in, the reason asked for. */
    lead_allow: ALLOW_FORM,
  },
  /**
   * `/lead paste <text>` is read whole, before the grammar (its text keeps
   * its lines and its own `label：value`s); so is a company page, card or
   * signature pasted alone in a message that names no command.
   */
  readMessage(text, named) {
    const pasted = readPasteCommand(text, named) ?? readPastedAlone(text, named);
    if (!pasted) return undefined;
    return pasted.ok ? { ok: true, value: { kind: 'lead_paste', pasted: pasted.value } } : pasted;
  },
  kinds: ['lead', 'held_lead', 'leads', 'lead_paste'],
  async run(command, { deps, actor, view: { t } }) {
    switch (command.kind) {
      case 'lead':
        return viewOf(t, await reportLead(deps, actor, command.input), (saved) => leadSavedView(t, saved));
      case 'held_lead':
        // Allow without a reason (the card's button) opens the form that asks for one.
        if (command.input.decision === 'allow' && !command.input.reason) return formView(t, 'lead_allow', ALLOW_FORM.fields, [], { id: String(command.input.heldId) });
        return viewOf(t, await decideHeldLead(deps, actor, command.input), (decided) => heldLeadDecidedView(t, decided));
      case 'leads':
        return viewOf(t, await listLeads(deps, actor, command.period), (list) => leadListView(t, list, command.page));
      case 'lead_paste': {
        // Nothing is saved here: the form, once submitted, is `/lead` with all of LEAD-1..3.
        const { pasted } = command;
        const regions = await listRegions(deps);
        const inOrg = regions.ok ? regions.value : [];
        const place = regionOfPlace(deps.policy, [pasted.address, pasted.place, pasted.company]);
        const region = place && { ...place, inOrg: inOrg.includes(place.region) };
        return viewOf(t, mayReportLeads(actor), () => pastedLeadView(t, pasted, LEAD_FORM_FIELDS, inOrg, region));
      }
    }
  },
} satisfies CommandFamily<LeadsCommand, LeadKey>;
