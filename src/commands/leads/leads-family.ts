import { decideHeldLead, type DecideHeldLeadCommand } from '../../core/leads/decide-held-lead.ts';
import { listLeads, type LeadPeriod } from '../../core/leads/list-leads.ts';
import { reportLead, type ReportLeadCommand } from '../../core/leads/report-lead.ts';
import { formView } from '../../views/form-view.ts';
import { heldLeadDecidedView, leadListView, leadSavedView } from '../../views/lead-views.ts';
import { viewOf } from '../../views/view-of.ts';
import type { CommandFamily } from '../family.ts';
import { multilineField, textField, wordsField } from '../../grammar/form-field.ts';
import { LEAD_KEYS, type LeadKey } from './lead-keys.ts';
import { buildLeadAction } from './read-lead.ts';
import { buildLeads } from './read-leads.ts';

export type LeadsCommand =
  | { kind: 'lead'; input: ReportLeadCommand }
  | { kind: 'held_lead'; input: DecideHeldLeadCommand }
  | { kind: 'leads'; period: LeadPeriod; page?: number };

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
    lead: {
      command: 'lead',
      fields: [
        wordsField('company'),
        textField('contact', true),
        textField('phone'),
        textField('email'),
        textField('size', true),
        textField('position', true),
        { key: 'region', required: false, kind: 'region' },
        textField('code'),
        textField('source'),
      ],
    },
    /** Opened by a held likely duplicate's Allow button (LEAD-2): its number filled in, the reason asked for. */
    lead_allow: ALLOW_FORM,
  },
  kinds: ['lead', 'held_lead', 'leads'],
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
    }
  },
} satisfies CommandFamily<LeadsCommand, LeadKey>;
