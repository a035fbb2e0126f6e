import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi, manifestApp } from '../fakes/slack-api.ts';
import { SLACK_LIMITS as L, checkMessage, checkOptionsAnswer, checkView } from '../fakes/slack-rules.ts';

const s = (n: number, ch = 'a') => ch.repeat(n);
const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const button = (extra: Record<string, unknown> = {}) => ({ type: 'button', action_id: 'run:0', text: plain('Go'), value: '/help', ...extra });
const section = (text: string) => ({ type: 'section', text: md(text) });
const input = (element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'input', block_id: 'f', label: plain('Name'), element, ...extra });
const select = (options: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'static_select', action_id: 'value', options, ...extra });
const option = (text: string, value: string) => ({ text: plain(text), value });
const modal = (extra: Record<string, unknown> = {}) => ({ type: 'modal', title: plain('Form'), submit: plain('Send'), close: plain('Cancel'), blocks: [input({ type: 'plain_text_input', action_id: 'value' })], ...extra });

/** Each row: what is sent, and Slack's answer to it (null: accepted). Exactly at a limit passes; one over is refused. */
const messages: [string, string | null, Record<string, unknown>][] = [
  ['50 blocks', null, { blocks: Array.from({ length: L.messageBlocks }, () => section('x')) }],
  ['51 blocks', 'invalid_blocks', { blocks: Array.from({ length: L.messageBlocks + 1 }, () => section('x')) }],
  ['a section text of 3000 characters', null, { blocks: [section(s(L.sectionText))] }],
  ['a section text of 3001 characters', 'invalid_blocks', { blocks: [section(s(L.sectionText + 1))] }],
  ['an empty section text', 'invalid_blocks', { blocks: [section('')] }],
  ['a section without text or fields', 'invalid_blocks', { blocks: [{ type: 'section' }] }],
  ['10 fields of 2000 characters', null, { blocks: [{ type: 'section', fields: Array.from({ length: 10 }, () => md(s(L.fieldText))) }] }],
  ['11 fields', 'invalid_blocks', { blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => md('x')) }] }],
  ['a field of 2001 characters', 'invalid_blocks', { blocks: [{ type: 'section', fields: [md(s(L.fieldText + 1))] }] }],
  ['a header of 150 characters', null, { blocks: [{ type: 'header', text: plain(s(L.header)) }] }],
  ['a header of 151 characters', 'invalid_blocks', { blocks: [{ type: 'header', text: plain(s(L.header + 1)) }] }],
  ['a mrkdwn header', 'invalid_blocks', { blocks: [{ type: 'header', text: md('x') }] }],
  ['an unknown block property', 'invalid_blocks', { blocks: [{ ...section('x'), colour: 'red' }] }],
  ['an unknown text property', 'invalid_blocks', { blocks: [{ type: 'section', text: { ...md('x'), emoji: true } }] }],
  ['a block type the bot never sends', 'invalid_blocks', { blocks: [{ type: 'rich_text', elements: [] }] }],
  ['a context of 11 elements', 'invalid_blocks', { blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => md('x')) }] }],
  ['an empty context', 'invalid_blocks', { blocks: [{ type: 'context', elements: [] }] }],
  ['a divider', null, { blocks: [{ type: 'divider' }] }],
  ['25 buttons in an actions block', null, { blocks: [{ type: 'actions', elements: Array.from({ length: 25 }, (_, i) => button({ action_id: `run:${i}` })) }] }],
  ['26 buttons in an actions block', 'invalid_blocks', { blocks: [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `run:${i}` })) }] }],
  ['a button text of 75 characters', null, { blocks: [{ type: 'actions', elements: [button({ text: plain(s(L.buttonText)) })] }] }],
  ['a button text of 76 characters', 'invalid_blocks', { blocks: [{ type: 'actions', elements: [button({ text: plain(s(L.buttonText + 1)) })] }] }],
  ['a button value of 2001 characters', 'invalid_blocks', { blocks: [{ type: 'actions', elements: [button({ value: s(L.buttonValue + 1) })] }] }],
  ['an action_id of 256 characters', 'invalid_blocks', { blocks: [{ type: 'actions', elements: [button({ action_id: s(L.id + 1) })] }] }],
  ['a block_id of 255 characters', null, { blocks: [{ ...section('x'), block_id: s(L.id) }] }],
  ['a block_id of 256 characters', 'invalid_blocks', { blocks: [{ ...section('x'), block_id: s(L.id + 1) }] }],
  ['a button style other than primary or danger', 'invalid_blocks', { blocks: [{ type: 'actions', elements: [button({ style: 'green' })] }] }],
  ['an unknown button property', 'invalid_blocks', { blocks: [{ type: 'actions', elements: [button({ color: 'red' })] }] }],
  ['two buttons with one action_id in a block', 'invalid_blocks', { blocks: [{ type: 'actions', elements: [button(), button()] }] }],
  ['one action_id in two blocks', null, { blocks: [{ type: 'actions', elements: [button()] }, { type: 'actions', elements: [button()] }] }],
  ['two blocks with one block_id', 'invalid_blocks', { blocks: [{ ...section('x'), block_id: 'b' }, { ...section('y'), block_id: 'b' }] }],
  ['a text of 40000 characters', null, { text: s(L.messageText) }],
  ['a text of 40001 characters', 'msg_too_long', { text: s(L.messageText + 1) }],
];

const views: [string, string, string | null, Record<string, unknown>][] = [
  ['a home view of type and blocks', 'views.publish', null, { type: 'home', blocks: [section('x')] }],
  ['a home view with a text property', 'views.publish', 'invalid_arguments', { type: 'home', blocks: [section('x')], text: 'x' }],
  ['a home view with a title', 'views.publish', 'invalid_arguments', { type: 'home', blocks: [], title: plain('x') }],
  ['a home view with private_metadata, callback_id and external_id', 'views.publish', null, { type: 'home', blocks: [], private_metadata: 'm', callback_id: 'c', external_id: 'e' }],
  ['100 blocks in a view', 'views.publish', null, { type: 'home', blocks: Array.from({ length: L.viewBlocks }, () => section('x')) }],
  ['101 blocks in a view', 'views.publish', 'invalid_arguments', { type: 'home', blocks: Array.from({ length: L.viewBlocks + 1 }, () => section('x')) }],
  ['a modal to views.publish', 'views.publish', 'invalid_arguments', modal()],
  ['a modal of every allowed property', 'views.open', null, modal({ private_metadata: '{}', callback_id: 'form:lead', clear_on_close: true, notify_on_close: false, external_id: 'x', submit_disabled: false })],
  ['a modal with an unknown property', 'views.open', 'invalid_arguments', modal({ blocks_count: 1 })],
  ['a modal title of 24 characters', 'views.open', null, modal({ title: plain(s(L.modalText)) })],
  ['a modal title of 25 characters', 'views.open', 'invalid_arguments', modal({ title: plain(s(L.modalText + 1)) })],
  ['a submit label of 25 characters', 'views.open', 'invalid_arguments', modal({ submit: plain(s(L.modalText + 1)) })],
  ['a close label of 25 characters', 'views.open', 'invalid_arguments', modal({ close: plain(s(L.modalText + 1)) })],
  ['a modal with inputs and no submit', 'views.open', 'invalid_arguments', { type: 'modal', title: plain('x'), blocks: [input({ type: 'plain_text_input', action_id: 'value' })] }],
  ['private_metadata of 3000 characters', 'views.open', null, modal({ private_metadata: s(L.privateMetadata) })],
  ['private_metadata of 3001 characters', 'views.open', 'invalid_arguments', modal({ private_metadata: s(L.privateMetadata + 1) })],
  ['a callback_id of 256 characters', 'views.open', 'invalid_arguments', modal({ callback_id: s(L.id + 1) })],
  ['an input label of 2001 characters', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'plain_text_input', action_id: 'value' }, { label: plain(s(L.inputLabel + 1)) })] })],
  ['an input with an unknown property', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'plain_text_input', action_id: 'value' }, { required: true })] })],
  ['a text input with max_length 3001', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'plain_text_input', action_id: 'value', max_length: 3001 })] })],
  ['an initial value longer than max_length', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'plain_text_input', action_id: 'value', max_length: 3, initial_value: 'abcd' })] })],
  ['a placeholder of 151 characters', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'plain_text_input', action_id: 'value', placeholder: plain(s(L.placeholder + 1)) })] })],
  ['100 options of 75 and 150 characters', 'views.open', null, modal({ blocks: [input(select(Array.from({ length: 100 }, (_, i) => option(s(L.optionText), `${i}`.padEnd(L.optionValue, 'v')))))] })],
  ['101 options', 'views.open', 'invalid_arguments', modal({ blocks: [input(select(Array.from({ length: 101 }, (_, i) => option('o', `${i}`))))] })],
  ['an option text of 76 characters', 'views.open', 'invalid_arguments', modal({ blocks: [input(select([option(s(L.optionText + 1), 'v')]))] })],
  ['an option value of 151 characters', 'views.open', 'invalid_arguments', modal({ blocks: [input(select([option('o', s(L.optionValue + 1))]))] })],
  ['an initial option that is not an option', 'views.open', 'invalid_arguments', modal({ blocks: [input(select([option('o', 'v')], { initial_option: option('p', 'w') }))] })],
  ['a home view to views.open', 'views.open', 'invalid_arguments', { type: 'home', blocks: [] }],
  ['a datepicker with an initial date written YYYY-MM-DD', 'views.open', null, modal({ blocks: [input({ type: 'datepicker', action_id: 'value', initial_date: '2026-11-30' })] })],
  ['a datepicker with an initial date written otherwise', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'datepicker', action_id: 'value', initial_date: '2026/11/30' })] })],
  ['a datepicker with an initial date that is no day', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'datepicker', action_id: 'value', initial_date: '2026-02-30' })] })],
  ['a datepicker with an unknown property', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'datepicker', action_id: 'value', initial_value: '2026-11-30' })] })],
  ['a users_select with an initial user', 'views.open', null, modal({ blocks: [input({ type: 'users_select', action_id: 'value', initial_user: 'U01ZHANGSAN' })] })],
  ['a users_select whose initial user is no user ID', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'users_select', action_id: 'value', initial_user: 'zhangsan' })] })],
  ['a users_select with options', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'users_select', action_id: 'value', options: [] })] })],
  ['a users_select with an unknown property', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'users_select', action_id: 'value', initial_users: ['U1'] })] })],
  ['an external_select with min_query_length 0 and an initial option', 'views.open', null, modal({ blocks: [input({ type: 'external_select', action_id: 'company', min_query_length: 0, initial_option: option('Acme', 'Acme') })] })],
  ['an external_select with a negative min_query_length', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'external_select', action_id: 'company', min_query_length: -1 })] })],
  ['an external_select with static options', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'external_select', action_id: 'company', options: [option('a', 'a')] })] })],
  ['an external_select whose initial option has a value of 151 characters', 'views.open', 'invalid_arguments', modal({ blocks: [input({ type: 'external_select', action_id: 'company', initial_option: option('a', s(L.optionValue + 1)) })] })],
];

const APP = { optionsLoadUrl: 'https://bot.example.com/slack/events' };

describe('the strict fake Slack refuses what Slack refuses', () => {
  it.each(messages)('a message with %s is answered %s', (_name, error, args) => {
    expect(checkMessage(args)?.error ?? null).toBe(error);
  });

  it.each(views)('%s sent to %s is answered %s', (_name, method, error, view) => {
    expect(checkView(view, method, APP)?.error ?? null).toBe(error);
  });

  it('refuses an external_select of an app that has no Options Load URL, which could never fill it', () => {
    const view = modal({ blocks: [input({ type: 'external_select', action_id: 'company', min_query_length: 0 })] });
    expect(checkView(view, 'views.open', APP)).toBeNull();
    expect(checkView(view, 'views.open', { optionsLoadUrl: null })?.why).toContain('Options Load URL');
  });

  it('takes the app from the manifest: its Options Load URL is the one path the bot serves', () => {
    expect(new URL(manifestApp().optionsLoadUrl ?? 'http://none/').pathname).toBe('/slack/events');
  });

  it('refuses an options load answer of more than 100 options or a bad option', () => {
    const options = (n: number) => ({ options: Array.from({ length: n }, (_, i) => option(`o${i}`, `v${i}`)) });
    expect(checkOptionsAnswer(options(L.options))).toBeNull();
    expect(checkOptionsAnswer(options(L.options + 1))).toContain('more than 100 options');
    expect(checkOptionsAnswer({ options: [option(s(L.optionText + 1), 'v')] })).toContain('longer than 75');
    expect(checkOptionsAnswer({})).toContain('needs options');
  });
});

describe('the strict fake Slack over HTTP', () => {
  const api = new FakeSlackApi();
  beforeAll(() => api.start());
  afterAll(() => api.stop());

  it('answers a refused call ok:false with Slack\'s error and keeps the refusal for the test to see', async () => {
    const post = (method: string, body: Record<string, unknown>) =>
      fetch(`${api.apiUrl}${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    expect(await post('views.publish', { user_id: 'U1', view: { type: 'home', blocks: [], text: 'x' } })).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(await post('chat.postMessage', { channel: 'D1', blocks: [{ type: 'header', text: plain(s(151)) }] })).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(await post('chat.postMessage', { channel: 'D1', blocks: [section('fine')] })).toMatchObject({ ok: true });
    expect(api.refused.map((r) => [r.method, r.error])).toEqual([
      ['views.publish', 'invalid_arguments'],
      ['chat.postMessage', 'invalid_blocks'],
    ]);
    expect(() => api.assertNothingRefused()).toThrow(/Slack would refuse 2 payload/);
    api.refused.splice(0);
    expect(() => api.assertNothingRefused()).not.toThrow();
  });
});
