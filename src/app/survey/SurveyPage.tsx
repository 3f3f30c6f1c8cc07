/**
 * /survey/<report id>: the one-minute satisfaction survey after the council closes a report.
 * One question and an optional comment. The answer feeds the published satisfaction figure on
 * /response-times.
 *
 * Notes
 * - The answer is saved in the messages queue (src/app/messages) and sent from there, now or when
 *   the phone is back online, with the report's secret. Offline the button still works: the
 *   answer is kept on the phone and the page says so.
 * - Exactly once: the server keeps one answer per report and replays the first for the same
 *   answer; a 409 saying the report was already answered counts as delivered.
 * - While it waits, the page shows the answer and where it is; then the council's thanks. If the
 *   council refuses it (the report is not closed), the page says why and offers the form again
 *   with the answer filled in.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SURVEY_COMMENT_MAX } from '../../shared/request-updates';
import { BackLink } from '../components/BackLink';
import { RadiosField } from '../components/ChoiceField';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextAreaField } from '../components/TextField';
import type { MessageRecord, SurveyPayload } from '../messages';
import { saveMessage, useMessages } from '../messages-ui/messages';
import { PendingNotice } from '../messages-ui/PendingNotice';
import { useOutbox } from '../my-reports/outbox-context';
import { useOnline } from '../my-reports/use-online';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link } from '../router/router';

type Scale = SurveyPayload['satisfaction'];
const SCALE: readonly Scale[] = ['5', '4', '3', '2', '1'];

export default function SurveyPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { records, loaded } = useOutbox();
  const messages = useMessages();
  const online = useOnline();
  const message = messages.records.find(
    (m) => m.payload.kind === 'survey' && m.payload.reportSecret === id,
  );
  const refused = message?.state === 'refused' ? message : undefined;
  const refusedAnswer = refused?.payload.kind === 'survey' ? refused.payload : undefined;
  const [score, setScore] = useState<string | undefined>();
  const [comment, setComment] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  const done = message?.state === 'sent';
  const pending = message?.state === 'queued' || message?.state === 'sending';
  useDocumentTitle(
    done ? t('survey.thanksTitle') : pending ? t('survey.pendingTitle') : t('survey.title'),
    errors.length > 0,
  );
  if (!loaded || !messages.loaded) return null;
  const record = records.find((r) => r.id === id && r.reference);
  const chosen = score ?? refusedAnswer?.satisfaction;
  const written = comment ?? refusedAnswer?.comment ?? '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!chosen) found.push({ field: 'satisfaction', message: t('survey.errors.choose') });
    if (written.length > SURVEY_COMMENT_MAX) {
      found.push({
        field: 'comment',
        message: t('survey.errors.tooLong', { max: SURVEY_COMMENT_MAX }),
      });
    }
    setErrors(found);
    if (found.length || !record || saving) return;
    setSaving(true);
    const saved = await saveMessage({
      kind: 'survey',
      reportSecret: record.id,
      reference: record.reference!,
      satisfaction: chosen as Scale,
      comment: written.trim(),
    });
    setSaving(false);
    if (!saved.ok) {
      setErrors([
        {
          field: 'send-answer',
          message: t(saved.error === 'storage-full' ? 'messages.storageFull' : 'messages.notSaved'),
        },
      ]);
    }
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
  if (done || pending) return <Saved message={message} reportId={record.id} />;

  const choices = SCALE.map((v) => ({ value: v, label: t(`survey.scale.${v}`) }));
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
            {refused && (
              <div className="govuk-inset-text" role="alert">
                {refused.lastStatus === 409
                  ? t('survey.notClosed')
                  : t('survey.refused', { message: refused.lastError ?? '' })}
              </div>
            )}
            <p className="govuk-body">{t('survey.intro')}</p>
            <form noValidate onSubmit={(e) => void submit(e)}>
              <RadiosField
                id="satisfaction"
                name="satisfaction"
                legend={t('survey.question', { service: record.summary.serviceName })}
                choices={choices}
                value={chosen}
                onChange={setScore}
                error={errors.find((e) => e.field === 'satisfaction')?.message}
              />
              <TextAreaField
                id="comment"
                label={t('common.optionalLabel', { label: t('survey.comment') })}
                labelSize="s"
                hint={t('survey.commentHint')}
                value={written}
                onChange={setComment}
                maxLength={SURVEY_COMMENT_MAX}
                rows={3}
                error={errors.find((e) => e.field === 'comment')?.message}
              />
              {!online && <div className="govuk-inset-text">{t('messages.offlineHint')}</div>}
              <button
                type="submit"
                id="send-answer"
                className="govuk-button"
                disabled={saving}
                aria-disabled={saving}
              >
                {t('survey.submit')}
              </button>
            </form>
          </div>
        </div>
      </main>
    </>
  );
}

/** The answer saved: waiting to be sent, or the council's thanks. */
function Saved({ message, reportId }: { message: MessageRecord; reportId: string }) {
  const { t } = useTranslation();
  const answer = message.payload.kind === 'survey' ? message.payload : null;
  const links = (
    <>
      <p className="govuk-body">
        <Link to="/response-times" className="govuk-link">
          {t('survey.seeResponseTimes')}
        </Link>
      </p>
      <p className="govuk-body">
        <Link to={`/reports/${reportId}`} className="govuk-link">
          {t('survey.backToReport')}
        </Link>
      </p>
    </>
  );
  if (message.state === 'sent') {
    const already = message.answer?.kind === 'survey' && message.answer.outcome === 'already';
    return (
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <div className="govuk-panel govuk-panel--confirmation">
              <PageHeading className="govuk-panel__title">{t('survey.thanksTitle')}</PageHeading>
              <div className="govuk-panel__body" role="status">
                {already ? t('survey.already') : t('survey.thanksBody')}
              </div>
            </div>
            {links}
          </div>
        </div>
      </main>
    );
  }
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">
            {t('survey.caption', { reference: answer?.reference ?? '' })}
          </span>
          <PageHeading>{t('survey.pendingTitle')}</PageHeading>
          <PendingNotice record={message} />
          {answer && (
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('survey.yourAnswer')}</dt>
                <dd className="govuk-summary-list__value">
                  {t(`survey.scale.${answer.satisfaction}`)}
                </dd>
              </div>
              {answer.comment && (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">{t('survey.comment')}</dt>
                  <dd className="govuk-summary-list__value">{answer.comment}</dd>
                </div>
              )}
            </dl>
          )}
          <p className="govuk-body">{t('messages.nothingElse')}</p>
          {links}
        </div>
      </div>
    </main>
  );
}
