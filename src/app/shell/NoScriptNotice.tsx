/**
 * What a page says inside <noscript> when JavaScript is off: the app cannot run, and the council's
 * phone number to call instead. The server renders it in the page's language (src/app/ssr) in
 * place of index.html's English fallback.
 */
import { useTranslation } from 'react-i18next';
import type { CouncilConfig } from '../../shared/council-config';

export function NoScriptNotice({ phone }: { phone: CouncilConfig['contacts']['councilPhone'] }) {
  const { t } = useTranslation();
  return (
    <div className="govuk-width-container">
      <p className="govuk-body">
        {t('noScript.needsScript')} {t('noScript.phone.prefix')}{' '}
        <a className="govuk-link app-emergency-number" href={`tel:${phone.replace(/\s+/g, '')}`}>
          {phone}
        </a>
        {t('noScript.phone.suffix')}
      </p>
    </div>
  );
}
