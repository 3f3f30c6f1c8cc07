/** On "Reports on this phone": tells the resident when they can ask for an ASB case review. */
import { useTranslation } from 'react-i18next';
import { useCouncil } from '../council/council-context';
import type { OutboxRecord } from '../outbox/schema';
import { Link } from '../router/router';
import { phoneEligibility } from './eligibility';

export function CaseReviewBanner({ records }: { records: readonly OutboxRecord[] }) {
  const { t } = useTranslation();
  const council = useCouncil();
  const result = phoneEligibility(records, council);
  if (!result.eligible) return null;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="case-review-banner">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="case-review-banner">
          {t('caseReview.bannerTitle')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {t('caseReview.bannerHeading', {
            count: result.qualifying.length,
            months: council.caseReview.months,
          })}
        </p>
        <p className="govuk-body">
          <Link to="/case-review" className="govuk-notification-banner__link">
            {t('caseReview.bannerLink')}
          </Link>
        </p>
      </div>
    </div>
  );
}
