/**
 * Before a Personal report: the emergency numbers (999, 101, text relay, from the council's
 * contacts) and, in a sensitive flow, how to leave quickly ("Exit this page" or Shift three
 * times) and that leaving deletes what was entered.
 */
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../router/page';
import { findService, STEP_EMERGENCY } from '../report/draft';
import { StepForm, useStep } from '../report/StepForm';
import { ltr } from '../i18n/bidi';
import { telHref } from './tel';
import './safety.scss';

export function EmergencyPage() {
  const { t } = useTranslation();
  const { council, draft, back, goNext } = useStep(STEP_EMERGENCY);
  const service = findService(council, draft.serviceCode);
  const { contacts } = council;
  const title = t('safety.emergency.title');
  return (
    <StepForm
      title={title}
      back={back}
      errors={[]}
      onContinue={() => goNext(draft)}
      before={
        <>
          {service && <span className="govuk-caption-l">{service.service_name}</span>}
          <PageHeading>{title}</PageHeading>
          <ul className="app-emergency-list">
            <li>
              <p className="govuk-heading-m govuk-!-margin-bottom-1">
                {t('safety.emergency.call')}{' '}
                <a className="govuk-link app-emergency-number" href={telHref(contacts.emergency)}>
                  {contacts.emergency}
                </a>
              </p>
              <p className="govuk-body govuk-!-margin-bottom-0">
                {t('safety.emergency.emergencyWhen')}
              </p>
            </li>
            <li>
              <p className="govuk-heading-m govuk-!-margin-bottom-1">
                {t('safety.emergency.call')}{' '}
                <a className="govuk-link app-emergency-number" href={telHref(contacts.police)}>
                  {contacts.police}
                </a>
              </p>
              <p className="govuk-body govuk-!-margin-bottom-0">
                {t('safety.emergency.policeWhen')}
              </p>
            </li>
          </ul>
          <p className="govuk-body">
            {t('safety.emergency.textRelay', {
              emergency: ltr(contacts.textRelayEmergency),
              police: ltr(contacts.textRelayPolice),
            })}
          </p>
          <p className="govuk-body">
            {t('safety.emergency.notEmergency', { council: council.name })}
          </p>
          {service?.sensitive && (
            <>
              <h2 className="govuk-heading-m">{t('safety.emergency.leaveHeading')}</h2>
              <p className="govuk-body">{t('safety.emergency.leaveHow')}</p>
              <p className="govuk-body">{t('safety.emergency.leaveDeletes')}</p>
            </>
          )}
        </>
      }
    >
      {null}
    </StepForm>
  );
}
