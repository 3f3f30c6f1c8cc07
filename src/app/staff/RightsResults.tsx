/**
 * What was found for a person on the people's rights page: the reports (links to each), counts
 * of everything linked to them, which are on legal hold, and the archive to download for a
 * subject access request.
 */
import { useTranslation } from 'react-i18next';
import type { SubjectSummary } from '../../shared/privacy-api';
import { Link } from '../router/router';

const COUNTS = [
  'updates',
  'surveys',
  'media',
  'case_reviews',
  'centre_filings',
  'audit_entries',
] as const;

/** Whether anything was found that can be exported or erased. */
export const holdsAnything = (s: SubjectSummary) => s.reports.length + s.case_reviews > 0;

export function RightsResults({
  summary,
  exportHref,
}: {
  summary: SubjectSummary;
  exportHref: string;
}) {
  const { t } = useTranslation();
  const held = new Set(summary.held);
  return (
    <section aria-labelledby="rights-found">
      <h2 className="govuk-heading-m" id="rights-found">
        {t('staff.rights.found', { count: summary.reports.length })}
      </h2>
      {summary.truncated && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">{t('staff.rights.truncated')}</strong>
        </div>
      )}
      {summary.reports.length > 0 && (
        <ul className="govuk-list govuk-list--bullet" aria-labelledby="rights-found">
          {summary.reports.map((ref) => (
            <li key={ref}>
              <Link to={`/staff/reports/${ref}`} className="govuk-link">
                {ref}
              </Link>
              {held.has(ref) && (
                <>
                  {' '}
                  <strong className="govuk-tag govuk-tag--orange">{t('staff.hold.tag')}</strong>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!holdsAnything(summary) && <p className="govuk-body">{t('staff.rights.nothing')}</p>}
      {holdsAnything(summary) && (
        <dl className="govuk-summary-list">
          {COUNTS.map((c) => (
            <div className="govuk-summary-list__row" key={c}>
              <dt className="govuk-summary-list__key">{t(`staff.rights.counts.${c}`)}</dt>
              <dd className="govuk-summary-list__value">{summary[c]}</dd>
            </div>
          ))}
        </dl>
      )}
      {held.size > 0 && <p className="govuk-body">{t('staff.rights.heldNote')}</p>}
      {holdsAnything(summary) && (
        <p className="govuk-body">
          <a className="govuk-link" href={exportHref} download>
            {t('staff.rights.export')}
          </a>
        </p>
      )}
    </section>
  );
}
