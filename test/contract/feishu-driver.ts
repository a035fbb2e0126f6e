import { cardAction, menuEvent, textMessage } from '../fakes/feishu-events.ts';
import { VERIFICATION_TOKEN, feishuFixture } from '../support/feishu-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { chatDriver, waitFor, wireOutbox, type ChatDriver } from './chat-driver.ts';

/** Every plain text of a Feishu card, forms included; a table as its headings, then a line a row, cells between ` | `. */
export const cardText = (card: any): string => {
  const out: string[] = [card?.header?.title?.content ?? ''];
  const walk = (elements: any[] = []) => {
    for (const e of elements) {
      if (e.text?.content) out.push(e.text.content);
      if (e.tag === 'table') {
        const names: string[] = e.columns.map((c: any) => c.name);
        out.push(e.columns.map((c: any) => c.display_name).join(' | '), ...e.rows.map((row: any) => names.map((n) => row[n] ?? '').join(' | ')));
      }
      walk(e.elements);
    }
  };
  walk(card?.body?.elements);
  return out.join('\n');
};

/** The buttons of a card, wherever they are (inside a form too). */
export const buttons = (card: any): any[] => {
  const found: any[] = [];
  const walk = (elements: any[] = []) => {
    for (const e of elements) {
      if (e.tag === 'button') found.push(e);
      walk(e.elements);
    }
  };
  walk(card?.body?.elements);
  return found;
};

/** Feishu through encrypted, signed webhook events to the real SDK; answers read from the cards the bot sends. */
export async function feishuDriver(): Promise<ChatDriver> {
  const f = await feishuFixture(pgliteBackend);
  const dispatcher = wireOutbox(f, f.adapter.deliverer);
  const personOfOpenId = new Map(f.org.people.map((p) => [f.openId(p.id), p.id]));
  const say = async (personId: string, text: string) => {
    const before = f.api.messages().length;
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId(personId), text }));
    // The answer is the reply to the person's message; a notice to someone else may come first.
    const reply = await waitFor(() => f.api.messages().slice(before).find((c) => c.path.endsWith('/reply')), `the reply to ${personId}'s "${text}"`, {
      got: () => `messages since: ${f.api.messages().slice(before).map((c) => `${c.method} ${c.path}`).join(', ') || 'none'}`,
    });
    return reply.body.content;
  };
  /** The card of each person's last reply, where their charts are read. */
  const lastCard = new Map<string, any>();

  return chatDriver({
    name: 'feishu',
    fixture: f,
    async send(personId, text) {
      const card = await say(personId, text);
      lastCard.set(personId, card);
      return cardText(card);
    },
    async chart(personId, title) {
      const charts = (lastCard.get(personId)?.body?.elements ?? []).filter((e: any) => e.tag === 'chart');
      const chart = charts.find((e: any) => e.chart_spec?.title?.text === title);
      if (!chart) throw new Error(`no chart "${title}" in ${personId}'s last card; charts: ${JSON.stringify(charts.map((c: any) => c.chart_spec?.title?.text))}`);
      // Feishu draws the chart from its data: the figures are the spec's rows.
      const rows = (chart.chart_spec.data as { values: { category: string; series: string; value: number }[] }[]).flatMap((d) => d.values);
      return { title, figures: rows.map((r) => `${r.category} ${r.series} ${r.value}`).join('\n'), png: null };
    },
    async sendAndPress(personId, text, label) {
      const button = buttons(await say(personId, text)).find((b) => b.text?.content === label);
      if (!button) throw new Error(`no button "${label}"`);
      const before = f.api.messages().length;
      await f.deliver(cardAction({ token: VERIFICATION_TOKEN, openId: f.openId(personId), value: button.behaviors[0].value }));
      // The answer is a reply to the pressed card, or (when private) a message to the person; what the change
      // sends others, or the update of an approval card, may come first and is not it.
      const answer = await waitFor(
        () => f.api.messages().slice(before).find((c) => c.path.endsWith('/reply') || (c.query?.receive_id_type === 'open_id' && c.body?.receive_id === f.openId(personId))),
        `the answer to ${personId}'s press of "${label}"`,
        { got: () => `messages since: ${f.api.messages().slice(before).map((c) => `${c.method} ${c.path}`).join(', ') || 'none'}` },
      );
      return cardText(answer.body.content);
    },
    // The menu item keyed `home`: a new overview card in the person's chat with the bot.
    async home(personId) {
      const openId = f.openId(personId);
      const before = f.api.messages().length;
      await f.deliver(menuEvent({ token: VERIFICATION_TOKEN, openId, eventKey: 'home' }));
      const card = await waitFor(() => f.api.messages().slice(before).find((c) => c.method === 'POST' && c.body?.receive_id === openId), `the overview for ${personId}`);
      return cardText(card.body.content);
    },
    async submitForm(personId, command, values) {
      const form = await say(personId, command);
      const submit = buttons(form).find((b) => b.form_action_type === 'submit');
      // Feishu submits every input of the form: what the bot filled in, overwritten by what the person typed or picked.
      const before = f.api.messages().length;
      const res = await f.deliver(
        cardAction({ token: VERIFICATION_TOKEN, openId: f.openId(personId), value: submit.behaviors[0].value, formValue: { ...filledIn(form), ...pickedIn(form, values, f.openId) } }),
      );
      if (res.json.card) return cardText(res.json.card.data);
      // A reply with contact data (a client card) is sent to the person privately: the callback answers only a toast.
      const privately = await waitFor(() => f.api.messages().slice(before).find((c) => c.body?.receive_id === f.openId(personId)), `the private answer to ${personId}'s form`, {
        got: () => `callback answer: ${JSON.stringify(res.json)}`,
      });
      return cardText(privately.body.content);
    },
    // What the bot sends a person by open_id, and Feishu took (a call it refused ends in "!").
    deliveries: () =>
      f.api.messages().flatMap((c) => {
        const to = c.query.receive_id_type === 'open_id' && !c.method.endsWith('!') ? personOfOpenId.get(c.body?.receive_id) : undefined;
        return to ? [{ to, text: cardText(c.body.content) }] : [];
      }),
    close: () => f.close(),
  }, dispatcher);
}

/**
 * What the person enters, as Feishu sends it: a date picked as YYYY-MM-DD comes as `YYYY-MM-DD +0800`, a person
 * picked by directory id as their open_id, which must be among the picker's options, as must a select's value.
 */
function pickedIn(card: unknown, values: Record<string, string>, openId: (personId: string) => string): Record<string, string> {
  const inputs = new Map<string, any>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, any>;
    if (typeof element.name === 'string' && element.tag !== 'button' && element.tag !== 'form') inputs.set(element.name, element);
    Object.values(element).forEach(walk);
  };
  walk(card);
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      const input = inputs.get(key);
      const offered = (v: string) => {
        if (!(input.options ?? []).some((o: any) => o.value === v)) throw new Error(`the ${input.tag} "${key}" does not offer "${value}": ${JSON.stringify(input.options)}`);
        return v;
      };
      switch (input?.tag) {
        case 'date_picker':
          return [key, `${value} +0800`];
        case 'select_person':
          return [key, offered(openId(value))];
        case 'select_static':
          return [key, offered(value)];
        default:
          return [key, value];
      }
    }),
  );
}

/** The values a form card arrives with: each input's default_value, each select's initial_option, each date picker's initial_date. */
function filledIn(card: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    // A date picker sends its day with the person's offset, as a picked one does.
    const value = element.default_value ?? element.initial_option ?? (typeof element.initial_date === 'string' ? `${element.initial_date} +0800` : undefined);
    if (typeof element.name === 'string' && typeof value === 'string') found[element.name] = value;
    Object.values(element).forEach(walk);
  };
  walk(card);
  return found;
}
