import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../adapters/slack/shortcuts.ts';
import { UMBRELLA_COMMAND } from '../../adapters/slack/slack-adapter.ts';
import { COMMAND_NAMES, commandSpec } from '../../src/commands/registry.ts';

const manifest = parse(readFileSync(new URL('../../adapters/slack/manifest.yml', import.meta.url), 'utf8'));
const declared: string[] = manifest.features.slash_commands.map((c: { command: string }) => c.command);

describe('the Slack app manifest', () => {
  it('declares every command of the contract that Slack does not keep for itself, and the umbrella /crm', () => {
    const slackOwn = ['/remind', '/leave'];
    const expected = COMMAND_NAMES.map((name) => `/${commandSpec(name).words.en[0]}`).filter((c) => !slackOwn.includes(c));
    expect(declared.sort()).toEqual([...expected, UMBRELLA_COMMAND].sort());
  });

  it('sends commands, interactivity and events to the one path the bot serves', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
      manifest.settings.interactivity.request_url,
      // The Options Load URL: a form's company picker (external_select) loads its options there.
      manifest.settings.interactivity.message_menu_options_url,
      manifest.settings.event_subscriptions.request_url,
    ];
    expect(new Set(urls.map((u: string) => new URL(u).pathname))).toEqual(new Set(['/slack/events']));
  });

  it('asks for the scopes of the Web API methods the adapter calls, and the events it handles', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['chat:write', 'commands', 'files:read', 'files:write', 'im:history', 'im:write', 'users:read', 'users:read.email']);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'message.im']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('declares the shortcuts the adapter handles: "Save as lead" on a message, "New lead" everywhere', () => {
    const shortcuts = manifest.features.shortcuts.map((c: { callback_id: string; type: string }) => [c.callback_id, c.type]);
    expect(shortcuts).toEqual([
      [SHORTCUTS.saveAsLead, 'message'],
      [SHORTCUTS.newLead, 'global'],
    ]);
    for (const c of manifest.features.shortcuts) expect(c.name && c.description).toBeTruthy();
    // Shortcuts arrive as interactivity: it must be on.
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });
});
