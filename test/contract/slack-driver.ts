import { interactivity, slashCommand } from '../fakes/slack-signing.ts';
import { slackFixture } from '../support/slack-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { waitFor, wireOutbox, type ChatDriver } from './chat-driver.ts';

/** Every text of Block Kit blocks. */
export const blockText = (blocks: any[] = []): string =>
  blocks
    .map((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text?.text ?? e.text)].filter(Boolean).join('\n'))
    .join('\n');

/** Slack through signed HTTP requests to the real Bolt app, answers read from the replies and the fake Web API. */
export async function slackDriver(): Promise<ChatDriver> {
  const f = await slackFixture(pgliteBackend);
  let responses = 0;
  wireOutbox(f, f.adapter.deliverer);

  const command = (personId: string, text: string, extra: { trigger_id?: string } = {}) => {
    const [name = '', ...rest] = text.split(' ');
    return f.post(slashCommand({ command: name, text: rest.join(' '), user_id: f.slackId(personId), ...extra }));
  };

  return {
    name: 'slack',
    fixture: f,
    async send(personId, text) {
      const res = await command(personId, text);
      return blockText(res.json?.blocks);
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
          trigger_id: `trigger-press-${responses}`,
          response_url: responseUrl,
          actions: [{ type: 'button', action_id: button.action_id, block_id: 'b', value: button.value, action_ts: '1' }],
        }),
      );
      const answers = await f.api.waitFor('response_url', responses);
      return blockText(answers.at(-1)!.args.blocks);
    },
    async submitForm(personId, text, values) {
      const opened = f.api.callsOf('views.open').length;
      await command(personId, text, { trigger_id: `trigger-${opened}` });
      const view = (await f.api.waitFor('views.open', opened + 1)).at(-1)!.args.view;
      const state = Object.fromEntries(
        view.blocks.map((b: any) => [
          b.block_id,
          // What the person typed, else what the bot filled in (Slack submits initial values too).
          b.element.type === 'static_select'
            ? { value: { selected_option: values[b.block_id] ? { value: values[b.block_id] } : (b.element.initial_option ?? null) } }
            : { value: { value: values[b.block_id] ?? b.element.initial_value ?? null } },
        ]),
      );
      const posted = f.api.callsOf('chat.postEphemeral').length + f.api.callsOf('chat.postMessage').length;
      const res = await f.post(
        interactivity({ type: 'view_submission', user: { id: f.slackId(personId) }, view: { id: 'V', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: state } } }),
      );
      if (res.json?.response_action === 'errors') return Object.values(res.json.errors).join('\n');
      const deadline = Date.now() + 5000;
      while (f.api.callsOf('chat.postEphemeral').length + f.api.callsOf('chat.postMessage').length === posted) {
        if (Date.now() > deadline) throw new Error('no answer after the form');
        await new Promise((r) => setTimeout(r, 10));
      }
      const answer = f.api.calls.filter((c) => c.method === 'chat.postEphemeral' || c.method === 'chat.postMessage').at(-1)!;
      return blockText(answer.args.blocks);
    },
    async delivered(personId) {
      const channel = `D_${f.slackId(personId)}`;
      const post = await waitFor(() => f.api.callsOf('chat.postMessage').findLast((c) => c.args.channel === channel), `a DM to ${personId}`);
      return blockText(post.args.blocks);
    },
    close: () => f.close(),
  };
}
