import { recordLeave, setReminders } from '../../core/reminders/availability.ts';
import { viewOf } from '../../views/view-of.ts';
import type { CommandFamily } from '../family.ts';
import type { SharedKeyName } from '../../grammar/keys.ts';
import { buildLeave, buildRemind } from './read-availability.ts';

export type AvailabilityCommand = { kind: 'leave'; input: { from: string; to: string } } | { kind: 'remind'; on: boolean };

/** `/leave` and `/remind`: days away, when the daily lead target is not asked for; the optional reminders off or on (approvals always come). */
export const availabilityFamily = {
  name: 'availability',
  commands: {
    leave: {
      words: { en: ['leave'], 'zh-CN': ['请假'] },
      keys: [],
      read: (raw, ctx) => {
        const leave = buildLeave(raw, ctx);
        return leave.ok ? { ok: true, value: { kind: 'leave', input: leave.value } } : leave;
      },
    },
    remind: {
      words: { en: ['remind'], 'zh-CN': ['提醒'] },
      keys: [],
      read: (raw) => {
        const on = buildRemind(raw);
        return on.ok ? { ok: true, value: { kind: 'remind', on: on.value } } : on;
      },
    },
  },
  kinds: ['leave', 'remind'],
  async run(command, { deps, actor, view: { t } }) {
    if (command.kind === 'leave') {
      return viewOf(t, await recordLeave(deps, actor, command.input), (leave) => ({ tone: 'success', blocks: [{ type: 'text', text: t('leave.saved', leave) }] }));
    }
    return viewOf(t, await setReminders(deps, actor, command.on), (on) => ({ tone: 'success', blocks: [{ type: 'text', text: t(on ? 'remind.on' : 'remind.off') }] }));
  },
} satisfies CommandFamily<AvailabilityCommand, SharedKeyName>;
