/**
 * Before the council's risk questions: why they are asked, who sees the answers, and that
 * "I would rather not say" is always an answer. The questions follow, one per page.
 */
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../router/page';
import { askedQuestions, findService, isRiskQuestion, STEP_RISK_INTRO } from './draft';
import { StepForm, useStep } from './StepForm';

export function RiskIntroPage() {
  const { t } = useTranslation();
  const { council, draft, back, goNext } = useStep(STEP_RISK_INTRO);
  const service = findService(council, draft.serviceCode);
  if (!service) return null; // ReportFlow redirects before this renders
  const count = askedQuestions(council, service, draft.answers).filter(isRiskQuestion).length;
  const title = t('risk.intro.title');
  return (
    <StepForm
      title={title}
      back={back}
      errors={[]}
      onContinue={() => goNext(draft)}
      before={
        <>
          <span className="govuk-caption-l">{service.service_name}</span>
          <PageHeading>{title}</PageHeading>
          <p className="govuk-body-l">{t('risk.intro.lead', { count })}</p>
          <p className="govuk-body">{t('risk.intro.why')}</p>
          <p className="govuk-body">{t('risk.intro.who')}</p>
          <p className="govuk-body">{t('risk.intro.ratherNot')}</p>
        </>
      }
    >
      {null}
    </StepForm>
  );
}
