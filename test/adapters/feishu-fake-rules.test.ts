import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeFeishuApi } from '../fakes/feishu-api.ts';
import { FEISHU_LIMITS, checkCard, componentCount } from '../fakes/feishu-card-rules.ts';

const plain = (content: string) => ({ tag: 'plain_text', content });
const div = (content = 'x') => ({ tag: 'div', text: plain(content) });
const card = (elements: unknown[], extra: Record<string, unknown> = {}) => ({ schema: '2.0', config: { update_multi: true }, header: { title: plain('T'), template: 'blue' }, body: { elements }, ...extra });
const submit = (extra: Record<string, unknown> = {}) => ({ tag: 'button', name: 'submit', text: plain('Send'), type: 'primary', form_action_type: 'submit', behaviors: [{ type: 'callback', value: { form: 'lead' } }], ...extra });
const input = (name?: string) => ({ tag: 'input', ...(name && { name }), required: true, label: plain('Company') });
const form = (elements: unknown[], extra: Record<string, unknown> = {}) => ({ tag: 'form', name: 'form_lead', elements, ...extra });

/** `n` components: a div and its text are two, so n/2 divs. */
const divs = (components: number) => Array.from({ length: components / 2 }, () => div());
/** A card of exactly `bytes` bytes of JSON. */
const cardOfBytes = (bytes: number) => {
  const base = card([div('')]);
  return card([div('a'.repeat(bytes - Buffer.byteLength(JSON.stringify(base))))]);
};

/** Each row: a card, and the code Feishu answers it with (null: accepted). Exactly at a limit passes; one over is refused. */
const cards: [string, number | null, unknown][] = [
  ['a 2.0 card of texts and buttons', null, card([div(), { tag: 'button', text: plain('Go'), type: 'default', behaviors: [{ type: 'callback', value: { cmd: '/help' } }] }])],
  ['a card without schema 2.0 (JSON 1.0)', 230099, { config: {}, elements: [div()] }],
  ['a card with 1.0 top-level elements', 230099, card([div()], { elements: [] })],
  ['a card with i18n_elements', 230099, card([div()], { i18n_elements: {} })],
  ['a card without a body', 230099, { schema: '2.0' }],
  ['an unsupported config property', 230099, card([div()], { config: { update_multi: true, wide_screen_mode: true } })],
  ['update_multi false', 230099, card([div()], { config: { update_multi: false } })],
  ['an unsupported header property', 230099, card([div()], { header: { title: plain('T'), color: 'blue' } })],
  ['an unsupported body property', 230099, { schema: '2.0', body: { elements: [], columns: [] } }],
  ['the 1.0 action module', 230099, card([{ tag: 'action', actions: [] }])],
  ['the 1.0 note module', 230099, card([{ tag: 'note', elements: [plain('x')] }])],
  ['an unsupported property on a div', 230099, card([{ ...div(), fields: [] }])],
  ['a text of an unknown tag', 230099, card([{ tag: 'div', text: { tag: 'text', content: 'x' } }])],
  ['exactly 200 components', null, card(divs(FEISHU_LIMITS.components))],
  ['201 components', 230099, card([...divs(FEISHU_LIMITS.components), { tag: 'hr' }])],
  ['201 components counting those nested in a form', 230099, card([...divs(FEISHU_LIMITS.components - 4), form([input('company'), submit()])])],
  ['exactly 30 KB of JSON', null, cardOfBytes(FEISHU_LIMITS.bytes)],
  ['30 KB and one byte of JSON', 230025, cardOfBytes(FEISHU_LIMITS.bytes + 1)],
  ['a form at the root with named inputs and a named submit button', null, card([form([input('company'), { tag: 'select_static', name: 'size', options: [{ text: plain('S'), value: 's' }], initial_option: 's' }, submit()])])],
  ['a form of a date_picker, a select_person and a select, named', null, card([form([
    { tag: 'date_picker', name: 'date', required: false, placeholder: plain('Date'), initial_date: '2026-11-30' },
    { tag: 'select_person', name: 'who', required: true, placeholder: plain('Who'), options: [{ value: 'ou_7d8a6e6df7621556' }], initial_option: 'ou_7d8a6e6df7621556' },
    { tag: 'select_static', name: 'company', placeholder: plain('Company'), options: [{ text: plain('Acme'), value: 'Acme' }] },
    submit(),
  ])])],
  ['a date_picker in a form without a name', 230099, card([form([{ tag: 'date_picker', placeholder: plain('Date') }, submit()])])],
  ['a date_picker with an initial date written otherwise', 230099, card([form([{ tag: 'date_picker', name: 'date', initial_date: '2026/11/30' }, submit()])])],
  ['a date_picker with an initial date that is no day', 230099, card([form([{ tag: 'date_picker', name: 'date', initial_date: '2026-02-30' }, submit()])])],
  ['a date_picker with neither an initial date nor a placeholder', 230099, card([form([{ tag: 'date_picker', name: 'date' }, submit()])])],
  ['a date_picker with a label', 230099, card([form([{ tag: 'date_picker', name: 'date', placeholder: plain('Date'), label: plain('Date') }, submit()])])],
  ['a select_person whose options are not open_ids', 230099, card([form([{ tag: 'select_person', name: 'who', options: [{ value: 'zhangsan' }] }, submit()])])],
  ['a select_person option with a text', 230099, card([form([{ tag: 'select_person', name: 'who', options: [{ value: 'ou_1', text: plain('张三') }] }, submit()])])],
  ['a select_person whose initial option is not among its options', 230099, card([form([{ tag: 'select_person', name: 'who', options: [{ value: 'ou_1' }], initial_option: 'ou_2' }, submit()])])],
  ['a select_person in a form without a name', 230099, card([form([{ tag: 'select_person', options: [] }, submit()])])],
  ['a select with one value twice', 230099, card([form([{ tag: 'select_static', name: 'company', options: [{ text: plain('A'), value: 'a' }, { text: plain('A'), value: 'a' }] }, submit()])])],
  ['a select option without a text', 230099, card([form([{ tag: 'select_static', name: 'company', options: [{ value: 'a' }] }, submit()])])],
  ['a form without a name', 230099, card([form([input('company'), submit()], { name: undefined })])],
  ['a form inside a column', 230099, card([{ tag: 'column_set', columns: [{ tag: 'column', elements: [form([input('company'), submit()])] }] }])],
  ['a form inside a form', 230099, card([form([input('company'), submit(), form([submit({ name: 's2' })], { name: 'inner' })])])],
  ['an input in a form without a name', 230099, card([form([input(), submit()])])],
  ['two inputs of one name in a form', 230099, card([form([input('company'), input('company'), submit()])])],
  ['a form without a submit button', 230099, card([form([input('company')])])],
  ['a submit button without a name', 230099, card([form([input('company'), submit({ name: undefined })])])],
  ['the 1.0 action_type form_submit', 230099, card([form([input('company'), submit({ form_action_type: undefined, action_type: 'form_submit' })])])],
  ['form_action_type outside a form', 230099, card([submit()])],
  ['a select whose initial option is not an option', 230099, card([form([{ tag: 'select_static', name: 'size', options: [{ text: plain('S'), value: 's' }], initial_option: 'm' }, submit()])])],
];

describe('the strict fake Feishu refuses what Feishu refuses', () => {
  it.each(cards)('%s is answered %s', (_name, code, sent) => {
    const refusal = checkCard(sent);
    expect(refusal?.code ?? null).toBe(code);
    if (refusal) expect(refusal.status).toBe(400);
  });

  it('counts nested components and text objects', () => {
    expect(componentCount(card([div(), form([input('company'), submit()])]))).toBe(2 + 1 + 2 + 2);
  });
});

describe('the strict fake Feishu over HTTP', () => {
  const api = new FakeFeishuApi();
  beforeAll(() => api.start());
  afterAll(() => api.stop());

  it('answers a refused card with HTTP 400 and 230099, sends nothing and keeps the refusal for the test to see', async () => {
    const send = (content: unknown) =>
      fetch(`${api.baseUrl}/open-apis/im/v1/messages?receive_id_type=open_id`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ receive_id: 'ou_1', msg_type: 'interactive', content: JSON.stringify(content) }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { code: number; msg: string } }));
    const refused = await send(card([{ tag: 'note', elements: [] }]));
    expect(refused).toMatchObject({ status: 400, body: { code: 230099 } });
    expect(refused.body.msg).toMatch(/^Failed to create card content, ext=ErrCode: 11310/);
    expect(await send(card([div()]))).toMatchObject({ status: 200, body: { code: 0 } });
    expect(api.messages().filter((c) => !c.method.endsWith('!'))).toHaveLength(1);
    expect(api.refused).toHaveLength(1);
    expect(() => api.assertNothingRefused()).toThrow(/Feishu would refuse 1 card/);
    api.refused.splice(0);
  });

  it('checks a patched card too', async () => {
    const res = await fetch(`${api.baseUrl}/open-apis/im/v1/messages/om_1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: JSON.stringify(card(divs(202))) }),
    });
    expect(res.status).toBe(400);
    expect(api.refused.map((r) => r.code)).toEqual([230099]);
    api.refused.splice(0);
  });
});
