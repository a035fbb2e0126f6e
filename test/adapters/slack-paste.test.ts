import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy.ts';
import { eventCallback, interactivity, slackTriggerId, slashCommand } from '../fakes/slack-signing.ts';
import { slackFixture, type SlackFixture } from '../support/slack-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { QICHACHA_LEAD } from '../fixtures/paste/qichacha-lead.ts';

/**
 * Paste to save a lead on Slack, with the real Bolt against the fake Web
 * API: a company page pasted in the DM comes back as a message of what was
 * read with a button that opens the filled-in lead form as a modal (a
 * message cannot hold one); `/lead paste` opens that modal at once. Either
 * way the modal says what has no field (the legal representative), and the
 * lead is saved only when it is submitted.
 */

const sample = (name: string) => readFileSync(new URL(`../fixtures/paste/${name}.txt`, import.meta.url), 'utf8');
const POLICY: Policy = { ...DEFAULT_POLICY, leads: { ...DEFAULT_POLICY.leads, regionByPlace: { 上海: '华东' } } };
const text = (value: unknown) => JSON.stringify(value);

/** The initial values of a modal's inputs, by block id. */
const initialValues = (view: any): Record<string, string> =>
  Object.fromEntries(
    view.blocks
      .filter((b: any) => b.type === 'input')
      .flatMap((b: any) => {
        const value = b.element.initial_value ?? b.element.initial_option?.value;
        return value === undefined ? [] : [[b.block_id, value]];
      }),
  );

/** A modal's state as Slack sends it on submission, from values by block id. */
const stateOf = (view: any, values: Record<string, string>) =>
  Object.fromEntries(
    view.blocks
      .filter((b: any) => b.type === 'input')
      .map((b: any) => [
        b.block_id,
        { value: b.element.type === 'static_select' ? { type: 'static_select', selected_option: values[b.block_id] ? { value: values[b.block_id] } : null } : { type: 'plain_text_input', value: values[b.block_id] ?? null } },
      ]),
  );

describe('pasting a company page to save a lead on Slack', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend, { policy: POLICY });
  });
  afterAll(() => f.close());

  const saved = () => f.database.db.selectFrom('companies').selectAll().where('name', '=', '上海华信精密机械有限公司').execute();

  it('answers a page pasted in the DM with what it read and a button; the button opens the filled-in modal, and submitting it saves every field the page had', async () => {
    const dm = eventCallback('Ev_PASTE_1', { type: 'message', channel_type: 'im', channel: 'D_ZHANG', user: f.slackId('zhangsan'), text: sample('qichacha'), ts: '10.1', event_ts: '10.1' });
    await f.post(dm);
    const [said] = await f.api.waitFor('chat.postMessage');
    expect(said!.args.channel).toBe('D_ZHANG');
    expect(text(said!.args.blocks)).toContain('上海华信精密机械有限公司');
    expect(text(said!.args.blocks)).toContain('法定代表人：张建国');
    const actions = said!.args.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements);
    const open = actions.find((a: any) => a.action_id === 'form:open');
    expect(open?.text.text).toBe('填写表单');
    expect(await saved()).toEqual([]);

    const trigger = slackTriggerId();
    await f.post(
      interactivity({
        type: 'block_actions',
        user: { id: f.slackId('zhangsan') },
        trigger_id: trigger,
        channel: { id: 'D_ZHANG' },
        actions: [{ type: 'button', action_id: 'form:open', block_id: 'b', value: open.value, action_ts: '1' }],
      }),
    );
    const [modal] = await f.api.waitFor('views.open');
    expect(modal!.args.trigger_id).toBe(trigger);
    const view = modal!.args.view;
    expect(view.callback_id).toBe('form:lead');
    const values = initialValues(view);
    expect(values).toEqual(QICHACHA_LEAD);

    // The person names the contact (the legal representative, because they say so) and submits.
    const submitted = await f.post(
      interactivity({
        type: 'view_submission',
        user: { id: f.slackId('zhangsan') },
        view: { id: 'V_PASTE', callback_id: 'form:lead', private_metadata: view.private_metadata, state: { values: stateOf(view, { ...values, contact: '张建国' }) } },
      }),
    );
    expect(submitted.status).toBe(200);
    const [answer] = await f.api.waitFor('chat.postEphemeral');
    expect(text(answer!.args.blocks)).toContain('线索已保存');
    expect(await saved()).toEqual([
      expect.objectContaining({ owner_id: 'zhangsan', region: '华东', credit_code: '91310115MA1K3YJ12G', size: '100-499人', position: '通用设备制造业', source: '企查查' }),
    ]);
  });

  it('opens the modal at once for /lead paste, with the notes the fields cannot hold above them', async () => {
    const before = f.api.callsOf('views.open').length;
    const res = await f.post(slashCommand({ command: '/lead', text: `paste\n${sample('tianyancha')}`, user_id: f.slackId('lisi'), trigger_id: slackTriggerId(), channel_id: 'C_SALES' }));
    expect(res.status).toBe(200);
    const modal = (await f.api.waitFor('views.open', before + 1)).at(-1)!;
    const notes = modal.args.view.blocks.filter((b: any) => b.type === 'context').map((b: any) => b.elements[0].text);
    expect(notes[0]).toContain('粘贴的文字');
    expect(notes.some((n: string) => n.includes('法定代表人'))).toBe(true);
    expect(modal.args.view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id)).toEqual(['company', 'contact', 'phone', 'email', 'size', 'position', 'region', 'code', 'source']);
    expect(f.api.refused).toEqual([]);
  });

  it('answers a forged open-form button as an unknown form and opens nothing', async () => {
    const before = f.api.callsOf('views.open').length;
    const posts = f.api.callsOf('chat.postMessage').length;
    await f.post(
      interactivity({
        type: 'block_actions',
        user: { id: f.slackId('zhangsan') },
        trigger_id: slackTriggerId(),
        channel: { id: 'D_ZHANG' },
        actions: [{ type: 'button', action_id: 'form:open', block_id: 'b', value: '{"form":"drop_tables","values":{}}', action_ts: '1' }],
      }),
    );
    const said = await f.api.waitFor('chat.postMessage', posts + 1);
    expect(text(said.at(-1)!.args.blocks)).toContain('drop_tables');
    expect(f.api.callsOf('views.open')).toHaveLength(before);
  });
});
