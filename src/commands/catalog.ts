import type { KeyName } from './keys.ts';

/**
 * The commands of contract.md: their English and Chinese words, the keys
 * each accepts, and which keys take free text (where a stray `word:` is
 * part of the text, not a mistake).
 */
export interface CommandDef {
  words: readonly string[];
  keys: readonly KeyName[];
  freeText?: readonly KeyName[];
  /**
   * The words before the first key are free text too (a plan, a ticket's
   * problem or response, an expense's purpose): `目标：…` there is part of
   * the text, not an unknown key. Keys of the command still start a key.
   */
  freeWords?: true;
}

export const COMMANDS = {
  lead: {
    words: ['lead', '线索'],
    // reason: only with `/lead allow <n>` (a manager allowing a held likely duplicate).
    keys: ['contact', 'phone', 'email', 'size', 'position', 'region', 'code', 'source', 'reason'],
    freeText: ['reason'],
  },
  leads: { words: ['leads', '今日线索', '线索列表'], keys: ['page'] },
  client: {
    words: ['client', '客户'],
    keys: ['purchase', 'grade', 'reason', 'manager', 'confirm_grade', 'keep_grade'],
    freeText: ['reason'],
  },
  visit: { words: ['visit', '拜访'], keys: ['method', 'note'], freeText: ['note'] },
  help: { words: ['help', '帮助', '?', '？'], keys: [] },
  deal: {
    words: ['deal', '商机'],
    keys: ['amount', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'method', 'products', 'pricing', 'service', 'reason'],
    freeText: ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'products', 'pricing', 'service', 'reason'],
  },
  deals: { words: ['deals', '商机列表'], keys: ['page'] },
  contract: { words: ['contract', '合同'], keys: ['amount', 'delivery', 'method', 'term', 'penalty', 'sign'] },
  payment: { words: ['payment', '回款'], keys: ['amount', 'date'] },
  ticket: { words: ['ticket', '工单', '售后'], keys: ['problem', 'response'], freeText: ['problem', 'response'], freeWords: true },
  expense: { words: ['expense', '费用'], keys: ['event', 'date'], freeWords: true },
  promo: { words: ['promo', '推广'], keys: ['product', 'start', 'budget'], freeWords: true },
  approvals: { words: ['approvals', '审批'], keys: ['reason', 'page'], freeText: ['reason'] },
  delegate: { words: ['delegate', '委托'], keys: ['until'] },
  kpi: { words: ['kpi', '业绩'], keys: ['quarter', 'region', 'page'] },
  plan: { words: ['plan', '改进'], keys: [], freeWords: true },
  goal: { words: ['goal', '目标'], keys: ['sales', 'clients', 'month', 'note'], freeText: ['note'] },
  finance: { words: ['finance', '财务'], keys: ['month'] },
  leave: { words: ['leave', '请假'], keys: [] },
  remind: { words: ['remind', '提醒'], keys: [] },
} as const satisfies Record<string, CommandDef>;

export type CommandName = keyof typeof COMMANDS;

const BY_WORD = new Map<string, CommandName>(
  Object.entries(COMMANDS).flatMap(([name, def]) => def.words.map((w) => [w.toLowerCase(), name as CommandName])),
);

/** `/lead`, `lead`, `/线索`, `线索`, `LEAD` all name the same command. */
export const commandByWord = (word: string): CommandName | undefined =>
  BY_WORD.get(word.replace(/^[/／]/, '').toLowerCase());

export const commandDef = (name: CommandName): CommandDef => COMMANDS[name];
