import type { Readable } from 'node:stream';
import type { Client } from '@larksuiteoapi/node-sdk';
import { fileBytes, MAX_IMPORT_BYTES, type AttachedFile, type FileToSend } from '../../src/bot/face.ts';
import { sendWithRetry, type RetryPolicy } from './send-with-retry.ts';

/** What a Feishu `file` message's content says: the key to download it by and its name (no size). */
export function fileOfMessage(message: { message_type: string; content: string }): { file_key: string; file_name: string } | null {
  if (message.message_type !== 'file') return null;
  try {
    const content = JSON.parse(message.content) as { file_key?: unknown; file_name?: unknown };
    return typeof content.file_key === 'string' && content.file_key ? { file_key: content.file_key, file_name: typeof content.file_name === 'string' ? content.file_name : 'file' } : null;
  } catch {
    return null;
  }
}

/**
 * A file a person sent the bot (im:resource): GET
 * /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file with
 * the tenant token. The event carries no size, so the answer's
 * Content-Length decides before the body is read; a body that runs past the
 * limit all the same is cut off there. One larger than the bot takes is
 * handed over by its size only, and refused by it.
 */
export async function downloadMessageFile(client: Client, messageId: string, file: { file_key: string; file_name: string }): Promise<AttachedFile> {
  const answer = await client.im.messageResource.get({ path: { message_id: messageId, file_key: file.file_key }, params: { type: 'file' } });
  const stream = answer.getReadableStream() as Readable;
  const declared = Number((answer.headers as Record<string, unknown> | undefined)?.['content-length']);
  if (Number.isFinite(declared) && declared > MAX_IMPORT_BYTES) {
    stream.destroy();
    return { name: file.file_name, size: declared, bytes: null };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_IMPORT_BYTES) {
      stream.destroy();
      return { name: file.file_name, size, bytes: null };
    }
    chunks.push(chunk as Buffer);
  }
  return { name: file.file_name, size, bytes: new Uint8Array(Buffer.concat(chunks)) };
}

/** Feishu's file kinds for im/v1/files: a workbook is `xls`; a CSV, a picture or anything else `stream`. */
const fileTypeOf = (file: FileToSend): 'xls' | 'stream' =>
  file.mime === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' ? 'xls' : 'stream';

/**
 * A reply's file (an import's refused rows, an export, a chart) to one
 * person, never to a group: POST /open-apis/im/v1/files (multipart
 * file_type, file_name, file; im:resource) gives a file_key, then a message
 * of msg_type `file` to their open_id. Feishu takes files up to 30 MB.
 */
export async function sendFileTo(client: Client, openId: string, file: FileToSend, retry: RetryPolicy): Promise<void> {
  const uploaded = await client.im.file.create({ data: { file_type: fileTypeOf(file), file_name: file.name, file: Buffer.from(fileBytes(file)) } });
  const fileKey = uploaded?.file_key;
  if (!fileKey) throw new Error(`Feishu file upload of ${file.name} returned no file_key`);
  await sendWithRetry(
    () => client.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: openId, msg_type: 'file', content: JSON.stringify({ file_key: fileKey }) } }),
    retry,
  );
}
