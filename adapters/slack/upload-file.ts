import type { App } from '@slack/bolt';
import { fileBytes, type FileToSend } from '../../src/bot/face.ts';

/**
 * A reply's file (an import's refused rows, an export, a chart), shared in
 * a DM: the Web API client's filesUploadV2 does files.getUploadURLExternal,
 * the upload of the bytes, then files.completeUploadExternal into the
 * channel. Needs the files:write scope. Text goes as UTF-8; bytes as they are.
 */
export async function uploadFile(client: InstanceType<typeof App>['client'], channel: string, file: FileToSend): Promise<void> {
  await client.filesUploadV2({ channel_id: channel, file: Buffer.from(fileBytes(file)), filename: file.name, title: file.name });
}
