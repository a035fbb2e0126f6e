import type { PolicyErrorCode } from '../core/errors.ts';

/**
 * Platform-neutral replies. Every string in a View is already in the reader's
 * language; adapters only lay it out (Block Kit, Feishu card, terminal text).
 */
export type Tone = 'info' | 'success' | 'warning' | 'danger';

export interface Button {
  label: string;
  /** The command text the button runs, as if the person had typed it. */
  command: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'progress'; label: string; current: number; target: number }
  | { type: 'list'; items: string[] }
  | { type: 'note'; text: string }
  | { type: 'actions'; buttons: Button[] };

export interface FormFieldView {
  key: string;
  label: string;
  required: boolean;
  kind: 'text' | 'multiline' | 'choice';
  options?: { value: string; label: string }[];
  value?: string;
  error?: string;
}

export interface FormView {
  /** The form's name in the command registry: the adapter hands it back with the values when the form is submitted. */
  name: string;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  fields: FormFieldView[];
}

/**
 * A file the reply sends along (the refused rows of an import, an export):
 * CSV text, or the bytes of a workbook or a picture. The adapter uploads it
 * beside the message (Slack, Feishu) or writes it to disk (the console).
 */
export interface FileToSend {
  name: string;
  mime: FileMime;
  /** The whole file: text (a UTF-8 BOM first where Excel needs one to read UTF-8) or bytes. */
  content: string | Uint8Array;
}

export type FileMime = 'text/csv' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' | 'image/png';

/** The bytes to upload: text as UTF-8. */
export const fileBytes = (file: FileToSend): Uint8Array => (typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content);

export interface View {
  tone: Tone;
  title?: string;
  blocks: Block[];
  /** Set when the reply is a form to fill in. */
  form?: FormView;
  /** A file sent with the reply, to the person who asked only (like `sensitive`). */
  file?: FileToSend;
  /**
   * Holds client contact data in full (SEC-2): an adapter shows it only to
   * the person who asked, never in a group chat or a channel.
   */
  sensitive?: boolean;
  /** The platform delivered this command again after it had its effect: nothing new to say. */
  repeated?: boolean;
  /**
   * Set when the reply is a refusal of the policy core: its code. Adapters
   * do not show it (the words are in the blocks); it lets tests tell which
   * rule answered without reading sentences.
   */
  refusal?: PolicyErrorCode;
}
