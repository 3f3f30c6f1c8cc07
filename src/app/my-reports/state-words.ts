/** A report's state on the phone, in the words residents see. */
import type { TFunction } from 'i18next';
import type { OutboxRecord } from '../outbox/schema';

/**
 * The server names the wire field before each problem ("service_code: ...", "attribute[size]:
 * ..."), which is for developers; the resident sees only the words after it.
 */
const WIRE_FIELD =
  /^(?:service_code|lat|long|address_string|address_id|description|email|first_name|last_name|phone|device_id|media|attribute\[[^\]]+\](?:\[\])?): /;

export function residentMessage(message: string): string {
  return message
    .split('; ')
    .map((part) => part.replace(WIRE_FIELD, ''))
    .join('; ');
}

export function stateWords(
  t: TFunction,
  r: Pick<OutboxRecord, 'state' | 'reference' | 'lastError'> &
    Partial<Pick<OutboxRecord, 'attempts' | 'lastErrorKind'>>,
): string {
  switch (r.state) {
    case 'draft':
      return t('outbox.state.draft');
    case 'queued':
      // Tried and not answered (or answered 5xx): "when you are online" would be wrong while the
      // phone is online and the council's system is down.
      return (r.attempts ?? 0) > 0 &&
        (r.lastErrorKind === 'network' || r.lastErrorKind === 'server')
        ? t('outbox.state.retrying')
        : t('outbox.state.queued');
    case 'sending':
      return t('outbox.state.sending');
    case 'sent':
      return t('outbox.state.sent', { reference: r.reference ?? '' });
    case 'needs-attention':
      return t('outbox.state.attention', {
        message: r.lastError ? residentMessage(r.lastError) : t('outbox.state.noMessage'),
      });
  }
}

export const TAG_CLASS: Record<OutboxRecord['state'], string> = {
  draft: 'govuk-tag--grey',
  queued: 'govuk-tag--yellow',
  sending: 'govuk-tag--light-blue',
  sent: 'govuk-tag--green',
  'needs-attention': 'govuk-tag--red',
};

export function tagWords(t: TFunction, state: OutboxRecord['state']): string {
  switch (state) {
    case 'draft':
      return t('outbox.tag.draft');
    case 'queued':
      return t('outbox.tag.queued');
    case 'sending':
      return t('outbox.tag.sending');
    case 'sent':
      return t('outbox.tag.sent');
    case 'needs-attention':
      return t('outbox.tag.attention');
  }
}
