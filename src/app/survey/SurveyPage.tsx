/**
 * /survey/<report id>: the one-minute satisfaction survey after the council closes a report.
 * One question and an optional comment; sent at once with the report's secret (online only).
 * The answer feeds the published satisfaction figure on /response-times.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_SECRET_HEADER } from '../../shared/open311';
import { SURVEY_COMMENT_MAX } from '../../shared/request-updates';
import { BackLink } from '../components/BackLink';
import { RadiosField } from '../components/ChoiceField';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextAreaField } from '../components/TextField';
import { useOutbox } from '../my-reports/outbox-context';
import { markSurveyAnswered } from '../my-reports/report-status';
import { useOnline } from '../my-reports/use-online';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link } from '../router/router';

type Outcome = 'thanks' | 'already' | 'not-closed' | 'offline' | 'failed';

export default function SurveyPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { records, loaded } = useOutbox();
  const online = useOnline();
  const [score, setScore] = useState<string | undefined>();
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const done = outcome === 'thanks' || outcome === 'already';
  useDocumentTitle(done ? t('survey.thanksTitle') : t('survey.title'), errors.length > 0);
  if (!loaded) return null;
  const record = records.find((r) => r.id === id && r.reference);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!score) found.push({ field: 'satisfaction', message: t('survey.errors.choose') });
    if (comment.length > SURVEY_COMMENT_MAX) {
      found.push({
        field: 'comment',
        message: t('survey.errors.tooLong', { max: SURVEY_COMMENT_MAX }),
      });
    }
    setErrors(found);
    if (found.length || !record || sending) return;
    setSending(true);
    let next: Outcome;
    try {
      const res = await fetch('/api/surveys', {
        method: 'POST',
        headers: { [REPORT_SECRET_HEADER]: record.id },
        body: new URLSearchParams({
          service_request_id: record.reference!,
          satisfaction: score!,
          comment: comment.trim(),
        }),
      });
      const text = await res.text();
      next =
        res.status === 201 || res.status === 200
          ? 'thanks'
          : res.status === 409 && text.includes('already')
            ? 'already'
            : res.status === 409
              ? 'not-closed'
              : 'failed';
    } catch {
      next = 'offline';
    }
    if (next === 'thanks' || next === 'already') await markSurveyAnswered(record.id);
    setSending(false);
    setOutcome(next);
  };

  if (!record) {
    return (
      <>
        <BackLink to="/reports" />
        <main className="govuk-main-wrapper" id="main-content">
          <PageHeading>{t('survey.title')}</PageHeading>
          <p className="govuk-body">{t('survey.noReport')}</p>
        </main>
      </>
    );
  }
  if (done) {
    return (
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <div className="govuk-panel govuk-panel--confirmation">
              <PageHeading className="govuk-panel__title">{t('survey.thanksTitle')}</PageHeading>
              <div className="govuk-panel__body">
                {outcome === 'already' ? t('survey.already') : t('survey.thanksBody')}
              </div>
            </div>
            <p className="govuk-body">
              <Link to="/response-times" className="govuk-link">
                {t('survey.seeResponseTimes')}
              </Link>
            </p>
            <p className="govuk-body">
              <Link to={`/reports/${record.id}`} className="govuk-link">
                {t('survey.backToReport')}
              </Link>
            </p>
          </div>
        </div>
      </main>
    );
  }
  const choices = (['5', '4', '3', '2', '1'] as const).map((v) => ({
    value: v,
    label: t(`survey.scale.${v}`),
  }));
  return (
    <>
      <BackLink to={`/reports/${record.id}`} />
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <ErrorSummary errors={errors} />
            <span className="govuk-caption-l">
              {t('survey.caption', { reference: record.reference ?? '' })}
            </span>
            <PageHeading>{t('survey.title')}</PageHeading>
            <p className="govuk-body">{t('survey.intro')}</p>
            <form noValidate onSubmit={(e) => void submit(e)}>
              <RadiosField
                id="satisfaction"
                name="satisfaction"
                legend={t('survey.question', { service: record.summary.serviceName })}
                choices={choices}
                value={score}
                onChange={setScore}
                error={errors.find((e) => e.field === 'satisfaction')?.message}
              />
              <TextAreaField
                id="comment"
                label={t('common.optionalLabel', { label: t('survey.comment') })}
                labelSize="s"
                hint={t('survey.commentHint')}
                value={comment}
                onChange={setComment}
                maxLength={SURVEY_COMMENT_MAX}
                rows={3}
                error={errors.find((e) => e.field === 'comment')?.message}
              />
              {outcome && (
                <div className="govuk-inset-text" role="alert">
                  {outcome === 'offline'
                    ? t('survey.offline')
                    : outcome === 'not-closed'
                      ? t('survey.notClosed')
                      : t('survey.failed')}
                </div>
              )}
              {!online && !outcome && <div className="govuk-inset-text">{t('survey.offline')}</div>}
              <button
                type="submit"
                className="govuk-button"
                disabled={sending}
                aria-disabled={sending}
              >
                {sending ? t('survey.sending') : t('survey.submit')}
              </button>
            </form>
          </div>
        </div>
      </main>
    </>
  );
}
