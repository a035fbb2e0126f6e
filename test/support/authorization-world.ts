import type { FormName } from '../../src/commands/registry.ts';
import { creditCodeCheckChar } from '../../src/grammar/values/credit-code.ts';
import type { OrgFile } from '../../src/config/org-file.ts';
import { ROLES, type Person, type Role } from '../../src/core/people.ts';
import type { Notice } from '../../src/core/notices.ts';
import type { Actor } from '../../src/core/ports.ts';
import { translator } from '../../src/i18n/translate.ts';
import { noticeView } from '../../src/views/notice-view.ts';
import type { Button, View } from '../../src/views/view.ts';
import { botFixture, type BotFixture } from './bot-fixture.ts';
import type { TestBackend } from './test-database.ts';
import { viewText } from './view-text.ts';

/**
 * The department the authorization matrix runs in: one person of every role
 * of src/core/people.ts (their id is the role's name), all in 华东, and the
 * `owner`, a salesperson who owns every client, deal, contract, ticket and
 * request the cells act on. Where a role stands in a relation to the data
 * by what the role is, the person holds it: the regional manager is the
 * owner's manager, the department manager is the top, the account manager is
 * assigned to every client (policy.md: "own assigned A clients"). Everyone
 * else is a colleague with no tie to the data, so a cell's outcome is the
 * role's, not a relationship's or missing data's. The `holder`, another
 * salesperson, holds the names the owner's likely duplicates repeat (LEAD-2),
 * so a held report is the owner's and the name another's.
 */
export const OWNER = 'owner';
const HOLDER = 'holder';

/** Who each role reports to: staff to the regional manager, the partner to the reviewer who shares campaigns with it, the rest to the top. */
function managerOf(role: Role): string | null {
  if (role === 'department_manager') return null;
  if (role === 'partner') return 'marketing_reviewer';
  if (role === 'regional_manager') return 'department_manager';
  // `promotion` (市场推广) is staff "as sales" in policy.md, whenever the role exists.
  if (role === 'sales' || role === 'account_manager' || (role as string) === 'promotion') return 'regional_manager';
  return 'department_manager';
}

export function matrixOrg(): OrgFile {
  const person = (id: string, role: Role, managerId: string | null): Person => ({
    id,
    name: id,
    role,
    region: '华东',
    managerId,
    slackId: null,
    feishuId: null,
    locale: 'en',
    monthlySalaryFen: 1_000_000,
  });
  return {
    timezone: 'Asia/Shanghai',
    regions: ['华东'],
    people: [person(OWNER, 'sales', 'regional_manager'), person(HOLDER, 'sales', 'regional_manager'), ...ROLES.map((role) => person(role, role, managerOf(role)))],
  };
}

/** What one cell came to: allowed, a refusal code, or something that shows the cell itself is broken. */
export type Outcome = string;

const en = translator('en');
const FAULTS = new Set([en('fault.unavailable'), translator('zh-CN')('fault.unavailable')]);

/** Allowed, or the refusal code the view carries; an input problem, a form or a fault is named so a broken cell is seen, not counted. */
export function outcomeOf(view: View): Outcome {
  if (view.refusal) return view.refusal;
  if (view.form) return `form ${view.form.name} (not submitted)`;
  if (FAULTS.has(viewText(view))) return `fault: ${viewText(view)}`;
  if (view.title === en('input.title')) return `input problem: ${viewText(view)}`;
  return 'allowed';
}

/** The last thing a cell's actor did: a text (typed, or a button's command) or a submitted form. */
export type Action = { text: string } | { form: string; values: Record<string, string> };

export interface MatrixWorld {
  fixture: BotFixture;
  /** What the actor last did through `type`, `press` or `form` (set-up steps by `say` are not recorded). */
  lastAction: Action | null;
  as(id: string): Actor;
  /** A setup step by someone: it must be allowed, or the cell would measure the setup. */
  say(id: string, text: string): Promise<View>;
  /** A command as typed by `actor`; a form it opens is filled with `values` and submitted, as a person would. */
  type(actor: Actor, text: string, values?: Record<string, string>): Promise<View>;
  /** `actor` presses the button of `view` whose command starts with `which` (or matches it); a form it opens is filled and submitted. */
  press(actor: Actor, view: View, which: string | RegExp, values?: Record<string, string>): Promise<View>;
  /** The bare command's form, opened by `actor`, filled with `values` and submitted. */
  form(actor: Actor, command: string, name: FormName, values: Record<string, string>): Promise<View>;
  /** A new client of the owner, with the account manager assigned unless told not to. */
  client(options?: { accountManager?: boolean }): Promise<string>;
  /** A new deal of the owner at stage 1 or at negotiation (4). */
  deal(stage?: 1 | 4): Promise<number>;
  /** A contract of a new deal: a draft, approved by legal, or signed. */
  contract(status: 'draft' | 'approved' | 'signed'): Promise<number>;
  /** An after-sales ticket on a new client, with a first response when asked. */
  ticket(responded?: boolean): Promise<number>;
  /** The owner's expense, approved by these people in turn; its request id. */
  expense(yuan: number, approvedBy?: string[]): Promise<number>;
  /** The owner's promotion waiting on the marketing reviewer; its request id. */
  promotion(): Promise<number>;
  /** A contract review waiting on legal; its request id. */
  contractReview(): Promise<number>;
  /** The owner's report of the holder's client's name under another credit code, held for a manager (LEAD-2); its held number. */
  heldLead(): Promise<number>;
  /**
   * A new client of `by` (the owner unless told), with the account manager
   * assigned, whose grade `by` raised by typing a purchase figure: the raise
   * waits for a confirmer (CLI-1); the client's name.
   */
  raisedGrade(by?: string): Promise<string>;
  /** The latest card the bot sent anyone (an outbox notice) that `matches`, as its reader sees it. */
  card(matches: (notice: Notice) => boolean): Promise<View>;
  /** The latest id of a table the bot writes. */
  latestId(table: 'deals' | 'contracts' | 'tickets' | 'approval_requests' | 'held_leads'): Promise<number>;
  close(): Promise<void>;
}

/** A checksum-valid unified social credit code, one per serial. */
function creditCode(serial: number): string {
  const prefix = `91310000MA1${String(serial).padStart(6, '0')}`;
  const check = creditCodeCheckChar(prefix);
  if (check === null) throw new Error(`no credit code from ${prefix}`);
  return prefix + check;
}

const NEEDS = Array.from({ length: 10 }, (_, i) => `q${i + 1}:答${i + 1}`).join(' ');

export async function matrixWorld(backend: TestBackend, now: string): Promise<MatrixWorld> {
  const fixture = await botFixture({ name: backend.name, open: () => backend.openCopy(), openCopy: () => backend.openCopy() }, { org: matrixOrg(), now });
  const db = fixture.database.db;
  let serial = 0;
  const as = (id: string): Actor => fixture.as(id);

  async function acted(actor: Actor, text: string, values: Record<string, string> | undefined): Promise<View> {
    world.lastAction = { text };
    const view = await fixture.bot.handleText(actor, text);
    if (!view.form || !values) return view;
    const filled = Object.fromEntries(view.form.fields.flatMap((f) => (f.value === undefined ? [] : [[f.key, f.value]])));
    const submitted = { form: view.form.name, values: { ...filled, ...values } };
    world.lastAction = submitted;
    return fixture.bot.submitForm(actor, submitted.form, submitted.values);
  }

  const world: MatrixWorld = {
    fixture,
    lastAction: null,
    as,
    async say(id, text) {
      const view = await fixture.bot.handleText(as(id), text);
      const outcome = outcomeOf(view);
      if (outcome !== 'allowed') throw new Error(`setup "${text}" by ${id} was not allowed: ${outcome}\n${viewText(view)}`);
      return view;
    },
    type: (actor, text, values) => acted(actor, text, values),
    async press(actor, view, which, values) {
      const buttons: Button[] = view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
      const button = buttons.find((b) => (typeof which === 'string' ? b.command.startsWith(which) : which.test(b.command)));
      if (!button) throw new Error(`no button ${String(which)} among ${buttons.map((b) => b.command).join(', ') || 'none'}`);
      return acted(actor, button.command, values);
    },
    async form(actor, command, name, values) {
      const view = await acted(actor, command, values);
      const last = world.lastAction;
      if (!last || !('form' in last) || last.form !== name) throw new Error(`${command} opened ${last && 'form' in last ? last.form : 'no form'}, not ${name}`);
      return view;
    },
    async client({ accountManager = true } = {}) {
      serial += 1;
      const company = `矩阵测试${serial}号精密机械有限公司`;
      const phone = `1390000${String(serial).padStart(4, '0')}`;
      await world.say(OWNER, `/lead ${company} contact:王经理 phone:${phone} size:200人 position:区域龙头`);
      if (accountManager) await world.say('regional_manager', `/client ${company} purchase:600万 manager:@account_manager`);
      return company;
    },
    async deal(stage = 1) {
      const company = await world.client();
      await world.say(OWNER, `/deal new ${company} amount:50万`);
      const id = await world.latestId('deals');
      if (stage === 4) {
        await world.say(OWNER, `/deal ${id} next`);
        await world.say(OWNER, `/deal ${id} needs ${NEEDS} method:phone`);
        await world.say(OWNER, `/deal ${id} next`);
        await world.say(OWNER, `/deal ${id} proposal products:机床 pricing:九折 service:48小时上门`);
        await world.say(OWNER, `/deal ${id} next`);
      }
      return id;
    },
    async contract(status) {
      const deal = await world.deal(4);
      const delivery = new Date(fixture.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
      await world.say(OWNER, `/contract ${deal} amount:50万 delivery:${delivery} method:银行转账 term:30 penalty:5% sign:esign`);
      const id = await world.latestId('contracts');
      if (status === 'draft') return id;
      await world.say(OWNER, `/contract ${id} submit`);
      await world.say('legal', `/approvals approve ${await world.latestId('approval_requests')}`);
      if (status === 'signed') await world.say(OWNER, `/contract ${id} signed`);
      return id;
    },
    async ticket(responded = false) {
      const company = await world.client();
      await world.say(OWNER, `/ticket ${company} problem:主轴异响`);
      const id = await world.latestId('tickets');
      if (responded) await world.say(OWNER, `/ticket ${id} respond 已安排工程师`);
      return id;
    },
    async expense(yuan, approvedBy = []) {
      serial += 1;
      await world.say(OWNER, `/expense ${yuan} 展位费${serial}`);
      const id = await world.latestId('approval_requests');
      for (const approver of approvedBy) await world.say(approver, `/approvals approve ${id}`);
      return id;
    },
    async promotion() {
      serial += 1;
      await world.say(OWNER, `/promo 新品发布${serial} product:智能门锁 start:2026-12-20 budget:2万`);
      return world.latestId('approval_requests');
    },
    async contractReview() {
      const id = await world.contract('draft');
      await world.say(OWNER, `/contract ${id} submit`);
      return world.latestId('approval_requests');
    },
    async heldLead() {
      serial += 1;
      const company = `矩阵重名${serial}号电子有限公司`;
      await world.say(HOLDER, `/lead ${company} contact:陈经理 phone:1380000${String(serial).padStart(4, '0')} size:80人 position:一般 code:${creditCode(serial * 2)}`);
      const view = await fixture.bot.handleText(as(OWNER), `/lead ${company} contact:周工 phone:1360000${String(serial).padStart(4, '0')} size:80人 position:一般 code:${creditCode(serial * 2 + 1)}`);
      if (view.refusal !== 'company_likely_duplicate') throw new Error(`setup: the owner's duplicate of ${company} was not held: ${outcomeOf(view)}\n${viewText(view)}`);
      return world.latestId('held_leads');
    },
    async raisedGrade(by = OWNER) {
      serial += 1;
      const company = `矩阵待定${serial}号精密机械有限公司`;
      await world.say(by, `/lead ${company} contact:王经理 phone:1350000${String(serial).padStart(4, '0')} size:200人 position:区域龙头`);
      if (by === OWNER) await world.say('regional_manager', `/client ${company} manager:@account_manager`);
      await world.say(by, `/client ${company} purchase:600万`);
      // The raise waits (CLI-1): its confirmer's card is what the cells press; had it taken effect, card() would find none.
      return company;
    },
    async card(matches) {
      const rows = await db.selectFrom('outbox').select('notice').orderBy('id', 'desc').execute();
      const notice = rows.map((r) => (typeof r.notice === 'string' ? JSON.parse(r.notice) : r.notice) as Notice).find(matches);
      if (!notice) throw new Error('setup: no such card was sent');
      return noticeView(en, 'en', notice);
    },
    async latestId(table) {
      const row = await db.selectFrom(table).select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      return row.id;
    },
    close: () => fixture.close(),
  };
  return world;
}
