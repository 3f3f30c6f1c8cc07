/**
 * What the council says about a sent report, on its card in "Reports on this phone": the status,
 * the latest note, when it was last checked, and a link to the full history.
 */
import { useTranslation } from 'react-i18next';
import { isClosed } from '../../shared/statuses';
import type { OutboxRecord } from '../outbox/schema';
import { Link } from '../router/router';
import { formatWhen } from './format-when';
import type { RefreshError, StatusEntry } from './report-status';
import { STATUS_TAG_CLASS, statusWords } from './status-words';

export function CouncilStatus({
  record,
  entry,
  error,
}: {
  record: OutboxRecord;
  entry: StatusEntry | undefined;
  error: RefreshError | undefined;
}) {
  const { t, i18n } = useTranslation();
  const name = record.summary.serviceName;
  if (!entry) {
    return (
      <p className="govuk-body">
        {error === 'offline' || !error
          ? t('councilStatus.notChecked')
          : t('councilStatus.cannotCheck')}
      </p>
    );
  }
  const { view } = entry;
  const surveyDue = isClosed(view.extended_status) && !entry.surveyAnswered;
  return (
    <div className="app-council-status">
      <p className="govuk-body govuk-!-margin-bottom-2">
        {t('councilStatus.label')}{' '}
        <strong className={`govuk-tag ${STATUS_TAG_CLASS[view.extended_status]}`}>
          {statusWords(t, view.extended_status)}
        </strong>
      </p>
      {view.status_notes && (
        <div className="govuk-inset-text govuk-!-margin-top-2 govuk-!-margin-bottom-2">
          <span className="govuk-visually-hidden">{t('councilStatus.latestNote')} </span>
          {view.status_notes}
        </div>
      )}
      <p className="govuk-body-s">
        {t('councilStatus.checked', { when: formatWhen(entry.fetchedAt, i18n.language) })}
      </p>
      <p className="govuk-body">
        <Link to={`/reports/${record.id}`} className="govuk-link">
          {t('councilStatus.viewHistory')}
          <span className="govuk-visually-hidden"> {name}</span>
        </Link>
        {surveyDue && (
          <>
            {' '}
            <Link to={`/survey/${record.id}`} className="govuk-link govuk-!-margin-left-3">
              {t('councilStatus.giveFeedback')}
              <span className="govuk-visually-hidden"> {name}</span>
            </Link>
          </>
        )}
      </p>
    </div>
  );
}
