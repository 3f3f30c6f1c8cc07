/**
 * Where a saved survey answer or case-review application is: saved and waiting for a signal,
 * being sent, or waiting after the council's system did not answer. A live status region, so a
 * screen reader hears the change when the phone comes back online.
 */
import { useTranslation } from 'react-i18next';
import type { MessageRecord } from '../messages';
import { useOnline } from '../my-reports/use-online';

export function PendingNotice({ record }: { record: MessageRecord }) {
  const { t } = useTranslation();
  const online = useOnline();
  const text = !online
    ? t('messages.savedOffline')
    : record.lastErrorKind === 'network' || record.lastErrorKind === 'server'
      ? t('messages.retrying')
      : t('messages.sending');
  return (
    <div className="govuk-inset-text" role="status">
      {text}
    </div>
  );
}
