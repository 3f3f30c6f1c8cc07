/**
 * "Is it anti-social behaviour?": a GOV.UK details component before the behaviour categories
 * that gently says what councils do not usually treat as anti-social behaviour, without
 * stopping anyone from reporting.
 */
import { useTranslation } from 'react-i18next';

const NOT_ASB = ['children', 'parking', 'livingNoise', 'oneOffParty', 'diy'] as const;

export function AsbGuidance() {
  const { t } = useTranslation();
  return (
    <details className="govuk-details govuk-!-margin-top-6 govuk-!-margin-bottom-2">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{t('asb.summary')}</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">{t('asb.definition')}</p>
        <p className="govuk-body">{t('asb.usuallyNot')}</p>
        <ul className="govuk-list govuk-list--bullet">
          {NOT_ASB.map((k) => (
            <li key={k}>{t(`asb.examples.${k}`)}</li>
          ))}
        </ul>
        <p className="govuk-body">{t('asb.talk')}</p>
        <p className="govuk-body govuk-!-margin-bottom-0">{t('asb.unsure')}</p>
      </div>
    </details>
  );
}
