/**
 * "Call 999 now" at the top of every page after the resident said they are in danger, and first
 * on the confirmation page of a high-risk report. A warning text (icon and words, not colour).
 */
import { useTranslation } from 'react-i18next';
import { useCouncil } from '../council/council-context';
import { ltr } from '../i18n/bidi';
import { telHref } from './tel';

export function InDangerBanner({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  const { contacts } = useCouncil();
  return (
    <div className="govuk-warning-text app-in-danger" data-testid={testId}>
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">{t('common.warning')}</span>
        {t('safety.inDanger.call')}{' '}
        <a className="govuk-link app-emergency-number" href={telHref(contacts.emergency)}>
          {contacts.emergency}
        </a>
        {t('safety.inDanger.callSuffix')}{' '}
        {t('safety.inDanger.textRelay', { textRelay: ltr(contacts.textRelayEmergency) })}
      </strong>
    </div>
  );
}
