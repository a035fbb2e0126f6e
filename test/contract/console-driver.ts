import { PassThrough } from 'node:stream';
import { runConsoleChat } from '../../adapters/console/console-chat.ts';
import { personById } from '../../src/core/identity.ts';
import { botFixture } from '../support/bot-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { consoleDeliverer } from '../../adapters/console/console-deliverer.ts';
import { chatDriver, wireOutbox, type ChatDriver, type Delivery } from './chat-driver.ts';

/** The console chat at a terminal: lines typed, prompts awaited, the printed text read. */
export async function consoleDriver(): Promise<ChatDriver> {
  const fixture = await botFixture(pgliteBackend);
  // Everyone is at the one terminal: messages to others are printed there.
  // The deliverer prints each message in one write, addressed to its person by name.
  const terminal = new PassThrough();
  const deliveries: Delivery[] = [];
  terminal.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    const to = fixture.org.people.find((p) => text.includes(`发给 ${p.name}：`));
    if (to) deliveries.push({ to: to.id, text });
  });
  const dispatcher = wireOutbox(fixture, consoleDeliverer(terminal, 'zh-CN'));

  async function session(personId: string, drive: (type: (line: string) => Promise<string>) => Promise<string>): Promise<string> {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const done = runConsoleChat({
      bot: fixture.bot,
      findPerson: (id) => personById(fixture.deps, id),
      knownIds: fixture.org.people.map((p) => p.id),
      startAs: personId,
      input,
      output,
    });
    /** Waits until what was printed since `before` ends in a prompt; fails, showing it, when none comes. */
    const prompted = async (before: number, after: string): Promise<string> => {
      const deadline = Date.now() + 10_000;
      while (!/(> |: )$/.test(printed.slice(before)) || printed.length === before) {
        if (Date.now() > deadline) throw new Error(`no prompt ${after} within 10 s; printed: ${printed.slice(before)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return printed.slice(before);
    };
    /** Types a line and waits for the next prompt; answers what was printed in between. */
    const type = async (line: string): Promise<string> => {
      const before = printed.length;
      input.write(`${line}\n`);
      return prompted(before, `after "${line}"`);
    };
    // The first prompt, so that it is not taken for the answer to the first line.
    await prompted(0, `when ${personId} logged in`);
    const result = await drive(type);
    input.end();
    await done;
    return result;
  }

  /** What each person's last command printed, where their charts are read. */
  const lastReply = new Map<string, string>();
  const remembered = (personId: string) => (printed: string) => (lastReply.set(personId, printed), printed);

  return chatDriver({
    name: 'console',
    fixture,
    send: (personId, text) => session(personId, (type) => type(text)).then(remembered(personId)),
    async chart(personId, title) {
      // A chart is its title, then its figures one line each, indented under it.
      const lines = (lastReply.get(personId) ?? '').split('\n');
      const at = lines.findIndex((l) => l.trim() === title);
      if (at < 0) throw new Error(`no chart "${title}" in what ${personId} was shown: ${lastReply.get(personId) ?? '(nothing)'}`);
      const figures: string[] = [];
      for (const line of lines.slice(at + 1)) {
        if (!line.startsWith('    ')) break;
        figures.push(line.trim());
      }
      return { title, figures: figures.join('\n'), png: null };
    },
    sendAndPress: (personId, text, label) =>
      session(personId, async (type) => {
        const reply = await type(text);
        const number = new RegExp(`\\[(\\d+)\\] ${label}`).exec(reply)?.[1];
        if (!number) throw new Error(`no button "${label}" in: ${reply}`);
        return type(number);
      }),
    submitForm: (personId, command, values) =>
      session(personId, async (type) => {
        // The fields the console will ask for: those of the form the command opens that the bot did not fill in.
        const view = await fixture.bot.handleText({ person: fixture.person(personId), platform: 'console' }, command);
        if (!view.form) throw new Error(`${command} opens no form`);
        await type(command);
        let last = '';
        for (const field of view.form.fields.filter((f) => f.value === undefined)) last = await type(values[field.key] ?? '');
        return last;
      }),
    deliveries: () => deliveries,
    close: () => fixture.close(),
  }, dispatcher);
}
