import type { BotFixture } from '../support/bot-fixture.ts';

/**
 * One adapter as a person uses it. The contract suite runs the same
 * scenarios through every driver: the console, Slack and Feishu.
 * Every method answers with the text the person reads.
 */
export interface ChatDriver {
  name: string;
  fixture: BotFixture;
  /** A person types a command. */
  send(personId: string, text: string): Promise<string>;
  /** A person types a command, then presses the button of the reply labelled `label`. */
  sendAndPress(personId: string, text: string, label: string): Promise<string>;
  /** A person opens the form of a bare command (`/lead`) and submits these values. */
  submitForm(personId: string, command: string, values: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

export type DriverFactory = () => Promise<ChatDriver>;
