import { cardAction, textMessage } from '../fakes/feishu-events.ts';
import { VERIFICATION_TOKEN, feishuFixture } from '../support/feishu-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { chatDriver, waitFor, wireOutbox, type ChatDriver } from './chat-driver.ts';

/** Every plain text of a Feishu card, forms included. */
export const cardText = (card: any): string => {
  const out: string[] = [card?.header?.title?.content ?? ''];
  const walk = (elements: any[] = []) => {
    for (const e of elements) {
      if (e.text?.content) out.push(e.text.content);
      walk(e.elements);
    }
  };
  walk(card?.body?.elements);
  return out.join('\n');
};

const buttons = (card: any): any[] => {
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
  return chatDriver({
    name: 'feishu',
    fixture: f,
    send: async (personId, text) => cardText(await say(personId, text)),
    async sendAndPress(personId, text, label) {
      const button = buttons(await say(personId, text)).find((b) => b.text?.content === label);
      if (!button) throw new Error(`no button "${label}"`);
      const before = f.api.messages().length;
      await f.deliver(cardAction({ token: VERIFICATION_TOKEN, openId: f.openId(personId), value: button.behaviors[0].value }));
      return cardText((await f.api.waitForMessages(before + 1)).at(-1)!.body.content);
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
