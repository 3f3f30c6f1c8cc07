/**
 * "Tell me when the council updates this report": the opt-in for one sent report, with what it
 * means in plain words (the notification says only that the report has an update). Shown on the
 * confirmation page and the report's page once the report has a reference.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../my-reports/use-online';
import {
  isSubscribed,
  pushSupported,
  subscribeReport,
  unsubscribeReport,
  type PushProblem,
} from './push-client';

const PROBLEM_WORDS = {
  'not-supported': 'push.notSupported',
  blocked: 'push.blocked',
  failed: 'push.failed',
} as const;

export function PushOptIn({ report }: { report: { id: string; reference: string } }) {
  const { t, i18n } = useTranslation();
  const online = useOnline();
  const [on, setOn] = useState(() => isSubscribed(report.id));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<PushProblem | null>(null);
  const supported = pushSupported();

  const toggle = async () => {
    setBusy(true);
    setProblem(null);
    const outcome = on
      ? await unsubscribeReport(report)
      : await subscribeReport(report, i18n.language);
    setBusy(false);
    if (outcome) setProblem(outcome);
    else setOn(!on);
  };

  return (
    <section className="govuk-!-margin-bottom-6" aria-labelledby="push-heading">
      <h2 className="govuk-heading-m" id="push-heading">
        {t('push.heading')}
      </h2>
      {/* The reference isolated (FSI ... PDI), so it reads as one word inside right-to-left text. */}
      <p className="govuk-body">
        {t('push.explain', { reference: `\u2068${report.reference}\u2069` })}
      </p>
      {!supported ? (
        <p className="govuk-body">{t('push.notSupported')}</p>
      ) : (
        <>
          <div aria-live="polite">
            <p className="govuk-body" data-testid="push-state">
              {problem ? t(PROBLEM_WORDS[problem]) : on ? t('push.on') : ''}
            </p>
          </div>
          {!online && <p className="govuk-body">{t('push.needsSignal')}</p>}
          <button
            type="button"
            className={`govuk-button${on ? ' govuk-button--secondary' : ''}`}
            onClick={() => void toggle()}
            disabled={busy || !online}
            aria-disabled={busy || !online}
          >
            {busy ? t('push.working') : on ? t('push.turnOff') : t('push.turnOn')}
          </button>
        </>
      )}
    </section>
  );
}
