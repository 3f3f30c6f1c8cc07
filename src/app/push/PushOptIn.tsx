/**
 * "Tell me when the council updates this report": the opt-in for one sent report, with what it
 * means in plain words (the notification says only that the report has an update). Shown on the
 * confirmation page and the report's page once the report has a reference, and, worded for a
 * reporting centre ("Tell this device ..."), on the centre's page for a report it filed.
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
  type PushTarget,
} from './push-client';

/** The words of each audience: the resident's own phone, or a reporting centre's device. */
const WORDING = {
  resident: {
    heading: 'push.heading',
    explain: 'push.explain',
    on: 'push.on',
    turnOn: 'push.turnOn',
    turnOff: 'push.turnOff',
    problems: {
      'not-supported': 'push.notSupported',
      blocked: 'push.blocked',
      failed: 'push.failed',
    },
  },
  centre: {
    heading: 'push.centre.heading',
    explain: 'push.centre.explain',
    on: 'push.centre.on',
    turnOn: 'push.centre.turnOn',
    turnOff: 'push.centre.turnOff',
    problems: {
      'not-supported': 'push.notSupported',
      blocked: 'push.centre.blocked',
      failed: 'push.failed',
    },
  },
} as const satisfies Record<
  string,
  Record<'heading' | 'explain' | 'on' | 'turnOn' | 'turnOff', string> & {
    problems: Record<PushProblem, string>;
  }
>;

/** Stands in for the reference in the translated sentence, where the page puts it as an element. */
const REFERENCE_MARK = '\u0000';

export function PushOptIn({
  report,
  words = 'resident',
}: {
  report: PushTarget;
  words?: keyof typeof WORDING;
}) {
  const { t, i18n } = useTranslation();
  const w = WORDING[words];
  const online = useOnline();
  const [on, setOn] = useState(() => isSubscribed(report));
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

  const [before, after = ''] = t(w.explain, { reference: REFERENCE_MARK }).split(REFERENCE_MARK);
  return (
    <section className="govuk-!-margin-bottom-6" aria-labelledby="push-heading">
      <h2 className="govuk-heading-m" id="push-heading">
        {t(w.heading)}
      </h2>
      {/* The reference isolated (bdi) and kept on one line, so it reads as one word inside
          right-to-left text and never breaks at its hyphen. */}
      <p className="govuk-body">
        {before}
        <bdi className="app-nowrap">{report.reference}</bdi>
        {after}
      </p>
      {!supported ? (
        <p className="govuk-body">{t(w.problems['not-supported'])}</p>
      ) : (
        <>
          <div aria-live="polite">
            <p className="govuk-body" data-testid="push-state">
              {problem ? t(w.problems[problem]) : on ? t(w.on) : ''}
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
            {busy ? t('push.working') : on ? t(w.turnOff) : t(w.turnOn)}
          </button>
        </>
      )}
    </section>
  );
}
