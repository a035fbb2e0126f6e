import { decideGrade, type GradeDecisionCommand } from '../../core/clients/confirm-grade.ts';
import { recordVisit, type RecordVisitCommand } from '../../core/clients/record-visit.ts';
import { showClient } from '../../core/clients/show-client.ts';
import { showClientArchive, type ArchiveQuery } from '../../core/clients/show-archive.ts';
import { clientArchiveView } from '../../views/client-archive-view.ts';
import { updateClient, type UpdateClientCommand } from '../../core/clients/update-client.ts';
import { clientCardView, visitRecordedView } from '../../views/client-views.ts';
import { viewOf } from '../../views/view-of.ts';
import type { CommandFamily } from '../family.ts';
import { companyField, multilineField, personField, textField } from '../../grammar/form-field.ts';
import { CLIENT_KEYS, type ClientKey } from './client-keys.ts';
import { buildClient, buildGradeDecision, buildHistory, isClientView, isGradeDecision, isHistory } from './read-client.ts';
import { buildVisit } from './read-visit.ts';

export type ClientsCommand =
  | { kind: 'client'; input: UpdateClientCommand }
  | { kind: 'grade_decision'; input: GradeDecisionCommand }
  | { kind: 'client_history'; input: ArchiveQuery & { page?: number } }
  | { kind: 'visit'; input: RecordVisitCommand };

/** `/client` and `/visit` (CLI-1..3): the client card, its grade and account manager, its archive, and the visits that keep it followed up. */
export const clientsFamily = {
  name: 'clients',
  keys: CLIENT_KEYS,
  commands: {
    client: {
      words: { en: ['client'], 'zh-CN': ['客户'] },
      keys: ['purchase', 'grade', 'reason', 'manager', 'confirm_grade', 'keep_grade', 'page'],
      freeText: ['reason'],
      read: (raw) => {
        if (isHistory(raw)) {
          const history = buildHistory(raw);
          return history.ok ? { ok: true, value: { kind: 'client_history', input: history.value } } : history;
        }
        if (isGradeDecision(raw)) {
          const decision = buildGradeDecision(raw);
          return decision.ok ? { ok: true, value: { kind: 'grade_decision', input: decision.value } } : decision;
        }
        const update = buildClient(raw);
        return update.ok ? { ok: true, value: { kind: 'client', input: update.value } } : update;
      },
    },
    visit: {
      words: { en: ['visit'], 'zh-CN': ['拜访'] },
      keys: ['method', 'note'],
      freeText: ['note'],
      read: (raw) => {
        const visit = buildVisit(raw);
        return visit.ok ? { ok: true, value: { kind: 'visit', input: visit.value } } : visit;
      },
    },
  },
  forms: {
    /** `/client` alone: the card of a company picked from the person's own; a purchase, a grade with its reason or an account manager set it as typed. */
    client: {
      command: 'client',
      fields: [
        companyField('company'),
        textField('purchase'),
        { key: 'grade', required: false, kind: 'choice', options: ['A', 'B', 'C'] },
        multilineField('reason'),
        personField('manager'),
      ],
    },
    visit: {
      command: 'visit',
      fields: [
        companyField('company'),
        { key: 'method', required: false, kind: 'choice', options: ['onsite', 'phone'] },
        { key: 'note', required: false, kind: 'multiline' },
      ],
    },
  },
  kinds: ['client', 'grade_decision', 'client_history', 'visit'],
  async run(command, { deps, actor, view }) {
    switch (command.kind) {
      case 'client': {
        const result = isClientView(command.input) ? await showClient(deps, actor, command.input.company) : await updateClient(deps, actor, command.input);
        return viewOf(view.t, result, (card) => clientCardView(view, card));
      }
      case 'grade_decision':
        return viewOf(view.t, await decideGrade(deps, actor, command.input), (card) => clientCardView(view, card));
      case 'client_history':
        return viewOf(view.t, await showClientArchive(deps, actor, command.input), (archive) => clientArchiveView(view, archive, command.input.page));
      case 'visit':
        return viewOf(view.t, await recordVisit(deps, actor, command.input), (recorded) => visitRecordedView(view, recorded, command.input.method));
    }
  },
} satisfies CommandFamily<ClientsCommand, ClientKey>;
