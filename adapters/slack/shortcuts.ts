import { typedText } from './message-text.ts';

/**
 * The app's shortcuts, as adapters/slack/manifest.yml declares them (the
 * callback ids must match): "Save as lead" in a message's menu, "New lead"
 * in the shortcuts menu. Each opens the lead form in a modal.
 */
export const SHORTCUTS = {
  /** Message shortcut: the message's text read as `/lead paste` reads it, the form filled in with what was found. */
  saveAsLead: 'save_as_lead',
  /** Global shortcut: the empty lead form. */
  newLead: 'new_lead',
} as const;

/** The command a shortcut runs, as if the person had typed it; `/lead paste` keeps the message's lines. */
export function shortcutCommand(callbackId: string, messageText: string | undefined): string {
  return callbackId === SHORTCUTS.saveAsLead ? `/lead paste\n${typedText(messageText ?? '')}` : '/lead';
}
