import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../adapters/slack/shortcuts.ts';
import { globalShortcut, interactivity, messageShortcut, slackTriggerId } from '../fakes/slack-signing.ts';
import { TRIGGER_LIFETIME_MS } from '../fakes/slack-rules.ts';
import { slackFixture, type SlackFixture } from '../support/slack-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { blockText } from '../contract/slack-driver.ts';

/** A business card as it reaches Slack: the e-mail turned into a link, `&` escaped. */
const CARD_MESSAGE = readFileSync(new URL('../fixtures/paste/card-zh.txt', import.meta.url), 'utf8').replace(
  'chensy@boyuan-nm.com',
  '<mailto:chensy@boyuan-nm.com|chensy@boyuan-nm.com>',
);

describe('Slack shortcuts: "Save as lead" on a message and "New lead"', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  const opened = async (count: number) => (await f.api.waitFor('views.open', count)).at(-1)!.args;
  const inputs = (view: any) => Object.fromEntries(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b]));

  it('opens the lead form filled in from the message, each field marked found or missing, and saves nothing yet', async () => {
    const before = f.api.callsOf('views.open').length;
    const companies = await f.database.db.selectFrom('companies').select('id').execute();
    const res = await f.post(messageShortcut({ callback_id: SHORTCUTS.saveAsLead, user_id: f.slackId('zhangsan'), text: CARD_MESSAGE, channel_id: 'C_SALES' }));
    expect(res.status).toBe(200);
    const { view, trigger_id } = await opened(before + 1);
    expect(trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(view).toMatchObject({ type: 'modal', callback_id: 'form:lead' });
    const fields = inputs(view);
    expect(fields.company.element.initial_value).toBe('苏州博远新材料股份有限公司');
    expect(fields.contact.element.initial_value).toBe('陈思远');
    expect(fields.email.element.initial_value).toBe('chensy@boyuan-nm.com');
    expect(fields.company.label.text).toContain('（已读出）');
    expect(fields.size.label.text).toContain('（未找到）');
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: 'C_SALES' });
    expect(await f.database.db.selectFrom('companies').select('id').execute()).toHaveLength(companies.length);
  });

  it('saves the lead when the pre-filled form is submitted with what was missing, and answers in the message\'s channel', async () => {
    const before = f.api.callsOf('views.open').length;
    await f.post(messageShortcut({ callback_id: SHORTCUTS.saveAsLead, user_id: f.slackId('zhangsan'), text: CARD_MESSAGE, channel_id: 'C_SALES' }));
    const { view } = await opened(before + 1);
    const typed: Record<string, string> = { size: '300人', position: '细分龙头' };
    const state = Object.fromEntries(
      view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [
        b.block_id,
        b.element.type === 'static_select'
          ? { value: { selected_option: b.element.initial_option ?? null } }
          : { value: { value: typed[b.block_id] ?? b.element.initial_value ?? null } },
      ]),
    );
    const posted = f.api.callsOf('chat.postEphemeral').length;
    const res = await f.post(interactivity({ type: 'view_submission', user: { id: f.slackId('zhangsan') }, view: { id: 'V1', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: state } } }));
    expect(res.json?.response_action).toBeUndefined();
    const answer = (await f.api.waitFor('chat.postEphemeral', posted + 1)).at(-1)!.args;
    expect(answer).toMatchObject({ channel: 'C_SALES', user: f.slackId('zhangsan') });
    expect(blockText(answer.blocks)).toContain('线索已保存');
    expect(await f.database.db.selectFrom('companies').select('name').where('name', '=', '苏州博远新材料股份有限公司').execute()).toHaveLength(1);
  });

  it('opens the empty lead form from the global shortcut', async () => {
    const before = f.api.callsOf('views.open').length;
    await f.post(globalShortcut({ callback_id: SHORTCUTS.newLead, user_id: f.slackId('zhaoliu') }));
    const { view } = await opened(before + 1);
    expect(view).toMatchObject({ type: 'modal', callback_id: 'form:lead' });
    expect(Object.values(inputs(view)).every((b: any) => b.element.initial_value === undefined)).toBe(true);
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: null });
  });

  it('answers a message with no text to read in a modal that says what is missing', async () => {
    const before = f.api.callsOf('views.open').length;
    await f.post(messageShortcut({ callback_id: SHORTCUTS.saveAsLead, user_id: f.slackId('zhangsan'), text: '' }));
    const { view } = await opened(before + 1);
    expect(view.callback_id).toBeUndefined();
    expect(view.blocks.some((b: any) => b.type === 'input')).toBe(false);
    expect(blockText(view.blocks)).toContain('粘贴的文字');
  });

  it('shows someone not in the directory the stranger view in the modal, with their Slack id', async () => {
    const before = f.api.callsOf('views.open').length;
    await f.post(globalShortcut({ callback_id: SHORTCUTS.newLead, user_id: 'U_STRANGER' }));
    const { view } = await opened(before + 1);
    expect(blockText(view.blocks)).toContain('不在本部门的人员目录');
    expect(blockText(view.blocks)).toContain('U_STRANGER');
  });
});

describe('the fake Slack takes a trigger_id as Slack does', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  const open = (trigger_id: unknown) =>
    fetch(`${f.api.apiUrl}views.open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ trigger_id, view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } }),
    }).then((r) => r.json());

  it('opens a view for a fresh trigger_id once, and refuses one made up, one stale, or one used before', async () => {
    const fresh = slackTriggerId();
    expect(await open(fresh)).toMatchObject({ ok: true });
    expect(await open(fresh)).toMatchObject({ ok: false, error: 'exchanged_trigger_id' });
    expect(await open('trigger-made-up')).toMatchObject({ ok: false, error: 'invalid_trigger_id' });
    expect(await open(undefined)).toMatchObject({ ok: false, error: 'invalid_trigger_id' });
    expect(await open(slackTriggerId(Date.now() - TRIGGER_LIFETIME_MS - 1000))).toMatchObject({ ok: false, error: 'expired_trigger_id' });
    expect(f.api.refused.splice(0).map((r) => r.error)).toEqual(['exchanged_trigger_id', 'invalid_trigger_id', 'invalid_trigger_id', 'expired_trigger_id']);
  });

  it('refuses the modal of a shortcut whose trigger is stale by the time the bot opens it', async () => {
    const before = f.api.callsOf('views.open').length;
    await f.post(globalShortcut({ callback_id: SHORTCUTS.newLead, user_id: f.slackId('zhangsan'), trigger_id: slackTriggerId(Date.now() - TRIGGER_LIFETIME_MS - 1000) }));
    await f.api.waitFor('views.open', before + 1);
    expect(f.api.refused.splice(0).map((r) => r.error)).toEqual(['expired_trigger_id']);
  });
});
