/** The messages queue: survey answers and case-review applications sent exactly once. See README.md. */
export { KEEP_SENT_MS, MESSAGES_CHANNEL, MESSAGES_LOCK, isDue, openMessages } from './queue';
export type { Messages, MessagesDrainResult, MessagesList, OpenMessagesOptions } from './queue';
export { MESSAGES_DB_NAME, MESSAGES_DB_VERSION, MessageRecordSchema, messageId } from './schema';
export type {
  CaseReviewPayload,
  MessageAnswer,
  MessagePayload,
  MessageRecord,
  MessageState,
  SurveyPayload,
} from './schema';
export { startMessagesAutoSend } from './auto-send';
export type { MessagesAutoSendOptions } from './auto-send';
export {
  MESSAGES_SYNC_TAG,
  createMessagesSyncHandler,
  requestMessagesSync,
} from './background-sync';
