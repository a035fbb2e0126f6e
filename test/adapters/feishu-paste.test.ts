import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy.ts';
import { cardAction, textMessage } from '../fakes/feishu-events.ts';
import { VERIFICATION_TOKEN, feishuFixture, type FeishuFixture } from '../support/feishu-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { QICHACHA_LEAD } from '../fixtures/paste/qichacha-lead.ts';

/**
 * Paste to save a lead on Feishu, with the real Lark SDK against the fake
 * Open API: a company page pasted in the bot's chat comes back as the lead
 * form card, filled in, what has no field (the legal representative) said
 * above the form; the lead is saved when the card is submitted, never before.
 */

const sample = (name: string) => readFileSync(new URL(`../fixtures/paste/${name}.txt`, import.meta.url), 'utf8');
const POLICY: Policy = { ...DEFAULT_POLICY, leads: { ...DEFAULT_POLICY.leads, regionByPlace: { 上海: '华东' } } };

/** The form's inputs as sent, by name: their default values (inputs) or initial options (selects). */
const formDefaults = (card: any): Record<string, string> => {
  const form = card.body.elements.find((e: any) => e.tag === 'form');
  return Object.fromEntries(
    form.elements.flatMap((e: any) => {
      const value = e.default_value ?? e.initial_option;
      return e.name && value !== undefined ? [[e.name, value]] : [];
    }),
  );
};

describe('pasting a company page to save a lead on Feishu', () => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(pgliteBackend, { policy: POLICY });
  });
  afterAll(() => f.close());

  const saved = () => f.database.db.selectFrom('companies').selectAll().where('name', '=', '上海华信精密机械有限公司').execute();

  it('answers a page pasted in the chat with the filled-in form card, notes above it, and saves every field the page had when it is submitted', async () => {
    const before = f.api.messages().length;
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: sample('qichacha'), eventId: 'ev_paste_1' }));
    const card = (await f.api.waitForMessages(before + 1)).at(-1)!.body.content;
    const notes = card.body.elements.filter((e: any) => e.tag === 'div').map((e: any) => e.text.content);
    expect(notes[0]).toContain('粘贴的文字');
    expect(notes.some((n: string) => n.includes('法定代表人：张建国'))).toBe(true);
    const values = formDefaults(card);
    expect(values).toEqual(QICHACHA_LEAD);
    expect(await saved()).toEqual([]);

    const submitted = await f.deliver(cardAction({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), value: { form: 'lead' }, formValue: { ...values, contact: '张建国' } }));
    expect(submitted.json.toast.type).toBe('success');
    expect(await saved()).toEqual([
      expect.objectContaining({ owner_id: 'zhangsan', region: '华东', credit_code: '91310115MA1K3YJ12G', size: '100-499人', position: '通用设备制造业', source: '企查查' }),
    ]);
    f.api.assertNothingRefused();
  });
});
