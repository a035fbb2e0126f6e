import { eventCallback, interactivity, slackTriggerId, slashCommand } from '../fakes/slack-signing.ts';
import { slackFixture } from '../support/slack-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { chatDriver, waitFor, wireOutbox, type ChatDriver } from './chat-driver.ts';

/** Every text of Block Kit blocks; a table a line a row, cells between ` | `. */
export const blockText = (blocks: any[] = []): string =>
  blocks
    .map((b) => b.type === 'table' ? b.rows.map((row: any[]) => row.map((cell) => cell.text).join(' | ')).join('\n') : [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text?.text ?? e.text)].filter(Boolean).join('\n'))
    .join('\n');

/** Slack through signed HTTP requests to the real Bolt app, answers read from the replies and the fake Web API. */
export async function slackDriver(): Promise<ChatDriver> {
  const f = await slackFixture(pgliteBackend);
  let responses = 0;
  let homes = 0;
  const dispatcher = wireOutbox(f, f.adapter.deliverer);
  const personOfChannel = new Map(f.org.people.map((p) => [`D_${f.slackId(p.id)}`, p.id]));

  const command = (personId: string, text: string, extra: { trigger_id?: string } = {}) => {
    const [name = '', ...rest] = text.split(' ');
    return f.post(slashCommand({ command: name, text: rest.join(' '), user_id: f.slackId(personId), ...extra }));
  };

  /** What each person's last command answered, and how many files had been shared before it. */
  const last = new Map<string, { blocks: any[]; uploadsBefore: number }>();
  /**
   * What one input of a modal holds when submitted, as Slack sends it: what the person typed or picked, else what the
   * bot filled in (Slack submits initial values too). A date is picked as YYYY-MM-DD, a person by their directory id (Slack
   * sends their user id), a company by its name, from the options Slack loads from the bot as the person types it.
   */
  async function picked(personId: string, view: any, b: any, value: string | undefined): Promise<Record<string, unknown>> {
    const e = b.element;
    switch (e.type) {
      case 'static_select':
        return { type: e.type, selected_option: value ? { value } : (e.initial_option ?? null) };
      case 'datepicker':
        return { type: e.type, selected_date: value ?? e.initial_date ?? null };
      case 'users_select':
        return { type: e.type, selected_user: value ? f.slackId(value) : (e.initial_user ?? null) };
      case 'external_select': {
        if (!value) return { type: e.type, selected_option: e.initial_option ?? null };
        const options = await loadOptions(personId, view, b, value);
        const option = options.find((o) => o.value === value);
        if (!option) throw new Error(`the company picker does not offer "${value}" to ${personId}; it offers: ${JSON.stringify(options.map((o) => o.value))}`);
        return { type: e.type, selected_option: option };
      }
      default:
        return { type: e.type, value: value ?? e.initial_value ?? null };
    }
  }

  /** The options Slack asks the bot for (block_suggestion) while the person types `typed` into an external_select. */
  async function loadOptions(personId: string, view: any, b: any, typed: string): Promise<{ text: { text: string }; value: string }[]> {
    const res = await f.post(
      interactivity({
        type: 'block_suggestion',
        user: { id: f.slackId(personId) },
        action_id: b.element.action_id,
        block_id: b.block_id,
        value: typed,
        container: { type: 'view', view_id: 'V' },
        view: { id: 'V', callback_id: view.callback_id, private_metadata: view.private_metadata },
      }),
    );
    if (res.status !== 200 || !Array.isArray(res.json?.options)) throw new Error(`the options load answered ${res.status}: ${res.text}`);
    return res.json.options;
  }

  return chatDriver({
    name: 'slack',
    fixture: f,
    async send(personId, text) {
      const uploadsBefore = f.api.completedUploads().length;
      const res = await command(personId, text);
      last.set(personId, { blocks: res.json?.blocks ?? [], uploadsBefore });
      return blockText(res.json?.blocks);
    },
    async chart(personId, title) {
      const reply = last.get(personId);
      if (!reply) throw new Error(`${personId} typed no command`);
      // The reply shows the figures as text; the picture follows in the person's DM (an ephemeral reply's file would be everyone's in a channel).
      const section = reply.blocks.find((b) => typeof b.text?.text === 'string' && b.text.text.startsWith(`*${title}*`));
      if (!section) throw new Error(`no chart "${title}" in the reply: ${blockText(reply.blocks)}`);
      const upload = await waitFor(() => f.api.completedUploads().slice(reply.uploadsBefore).find((u) => u.channel === `D_${f.slackId(personId)}` && u.title === title), `the picture of "${title}" in ${personId}'s DM`, {
        got: () => `uploads since: ${JSON.stringify(f.api.completedUploads().slice(reply.uploadsBefore).map((u) => [u.channel, u.title]))}; refused: ${JSON.stringify(f.api.refused.map((r) => r.why))}`,
      });
      return { title, figures: section.text.text.replaceAll('```', '\n'), png: upload.bytes };
    },
    async sendAndPress(personId, text, label) {
      const res = await command(personId, text);
      const button = (res.json?.blocks ?? []).flatMap((b: any) => b.elements ?? []).find((e: any) => e.text?.text === label);
      if (!button) throw new Error(`no button "${label}" in ${JSON.stringify(res.json)}`);
      const responseUrl = f.api.responseUrl(`press-${++responses}`);
      await f.post(
        interactivity({
          type: 'block_actions',
          user: { id: f.slackId(personId) },
          // Slack gives every interaction a trigger_id of its own.
          trigger_id: slackTriggerId(),
          response_url: responseUrl,
          actions: [{ type: 'button', action_id: button.action_id, block_id: 'b', value: button.value, action_ts: '1' }],
        }),
      );
      const answers = await f.api.waitFor('response_url', responses);
      return blockText(answers.at(-1)!.args.blocks);
    },
    async home(personId) {
      const published = f.api.callsOf('views.publish').length;
      await f.post(eventCallback(`Ev_HOME_${personId}_${++homes}`, { type: 'app_home_opened', user: f.slackId(personId), channel: `D_${f.slackId(personId)}`, tab: 'home', event_ts: '1' }));
      return blockText((await f.api.waitFor('views.publish', published + 1)).at(-1)!.args.view.blocks);
    },
    async submitForm(personId, text, values) {
      const opened = f.api.callsOf('views.open').length;
      await command(personId, text, { trigger_id: slackTriggerId() });
      const view = (await f.api.waitFor('views.open', opened + 1)).at(-1)!.args.view;
      const state = Object.fromEntries(
        await Promise.all(view.blocks.map(async (b: any) => [b.block_id, { [b.element.action_id]: await picked(personId, view, b, values[b.block_id]) }])),
      );
      // The answer comes to this person: shown only to them where the command was typed, or in their DM.
      const answers = () =>
        f.api.calls.filter(
          (c) => (c.method === 'chat.postEphemeral' && c.args.user === f.slackId(personId)) || (c.method === 'chat.postMessage' && c.args.channel === `D_${f.slackId(personId)}`),
        );
      const posted = answers().length;
      const res = await f.post(
        interactivity({ type: 'view_submission', user: { id: f.slackId(personId) }, view: { id: 'V', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: state } } }),
      );
      if (res.json?.response_action === 'errors') return Object.values(res.json.errors).join('\n');
      const answer = await waitFor(() => answers().at(posted), `an answer to ${personId}'s ${view.callback_id} form`, {
        got: () => `calls: ${f.api.calls.map((c) => c.method).join(', ')}`,
      });
      return blockText(answer.args.blocks);
    },
    // What the bot posts to a person's DM channel.
    deliveries: () =>
      f.api.callsOf('chat.postMessage').flatMap((c) => {
        const to = personOfChannel.get(c.args.channel);
        return to ? [{ to, text: blockText(c.args.blocks) }] : [];
      }),
    close: () => f.close(),
  }, dispatcher);
}
