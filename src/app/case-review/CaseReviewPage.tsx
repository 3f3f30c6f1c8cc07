/**
 * /case-review: the ASB Case Review (formerly the Community Trigger). Counts this phone's
 * qualifying reports with the shared rule; when the threshold is met, explains the review and
 * offers the application (not anonymous, with consent), listing the qualifying references.
 *
 * Notes
 * - The application carries each qualifying report's secret (the outbox record id), so the
 *   council knows the reports are this resident's; the server checks the threshold again.
 * - It is saved in the messages queue (src/app/messages) and sent from there, now or when the
 *   phone is back online, exactly once (the server replays an application with the same
 *   application_id). Offline the button still works and the page says the application is kept
 *   on the phone; while it waits the page shows that, then the council's reference, which is
 *   kept in localStorage so the page can say it was sent.
 * - If the council refuses it (a report that no longer counts), the page says why and shows the
 *   form again with what was typed, to change and send again under the same application_id.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextAreaField, TextField } from '../components/TextField';
import { useCouncil } from '../council/council-context';
import { formatDay } from '../my-reports/format-when';
import { saveMessage, useMessages } from '../messages-ui/messages';
import { PendingNotice } from '../messages-ui/PendingNotice';
import { useOutbox } from '../my-reports/outbox-context';
import { useOnline } from '../my-reports/use-online';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link } from '../router/router';
import { phoneEligibility } from './eligibility';
import {
  applicationFrom,
  applicationPayload,
  readSent,
  type Application,
  type SentApplication,
} from './send';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type ErrorKey = `caseReview.errors.${'name' | 'email' | 'contact' | 'consent'}`;

function validate(a: Application, t: (key: ErrorKey) => string): FieldError[] {
  const errors: FieldError[] = [];
  if (!a.name.trim()) errors.push({ field: 'name', message: t('caseReview.errors.name') });
  if (a.email.trim() && !EMAIL.test(a.email.trim())) {
    errors.push({ field: 'email', message: t('caseReview.errors.email') });
  }
  if (!a.email.trim() && !a.phone.trim()) {
    errors.push({ field: 'email', message: t('caseReview.errors.contact') });
  }
  if (!a.consent) errors.push({ field: 'consent', message: t('caseReview.errors.consent') });
  return errors;
}

export default function CaseReviewPage() {
  const { t, i18n } = useTranslation();
  const council = useCouncil();
  const { records, loaded } = useOutbox();
  const online = useOnline();
  const messages = useMessages();
  const [newId] = useState(() => crypto.randomUUID());
  const [typed, setForm] = useState<Application | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  // Newest first: the application this phone saved last.
  const message = messages.records.find((m) => m.payload.kind === 'case-review');
  const delivered = message?.state === 'sent' && message.answer?.kind === 'case-review';
  const sent: SentApplication | null =
    readSent() ??
    (delivered && message.answer?.kind === 'case-review'
      ? {
          reference: message.answer.reference,
          at: message.answer.receivedAt,
          reports: message.answer.reports,
        }
      : null);
  const pending = !sent && (message?.state === 'queued' || message?.state === 'sending');
  const refused = !sent && message?.state === 'refused' ? message : undefined;
  useDocumentTitle(
    sent
      ? t('caseReview.sentTitle')
      : pending
        ? t('caseReview.pendingTitle')
        : t('caseReview.title'),
    errors.length > 0,
  );
  if (!loaded || !messages.loaded) return null;
  const form: Application = typed ??
    (refused?.payload.kind === 'case-review' ? applicationFrom(refused.payload) : null) ?? {
      name: '',
      email: '',
      phone: '',
      address: '',
      details: '',
      consent: false,
    };
  const applicationId =
    refused?.payload.kind === 'case-review' ? refused.payload.applicationId : newId;

  const rule = council.caseReview;
  const result = phoneEligibility(records, council);
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const set = (k: keyof Application) => (v: string) => setForm({ ...form, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validate(form, (key) => t(key));
    setErrors(found);
    if (found.length || saving) return;
    setSaving(true);
    // In the order the page lists them.
    const reports = result.qualifying.flatMap((ref): Array<[string, string]> => {
      const r = records.find((x) => x.reference === ref);
      return r ? [[ref, r.id]] : [];
    });
    const saved = await saveMessage(applicationPayload(applicationId, form, reports));
    setSaving(false);
    if (!saved.ok) {
      setErrors([
        {
          field: 'send-application',
          message: t(saved.error === 'storage-full' ? 'messages.storageFull' : 'messages.notSaved'),
        },
      ]);
    }
  };

  if (pending && message) {
    const payload = message.payload.kind === 'case-review' ? message.payload : null;
    return (
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <PageHeading>{t('caseReview.pendingTitle')}</PageHeading>
            <PendingNotice record={message} />
            <p className="govuk-body">{t('caseReview.pendingBody')}</p>
            {payload && (
              <>
                <h2 className="govuk-heading-m">{t('caseReview.reportsHeading')}</h2>
                <ul
                  className="govuk-list govuk-list--bullet"
                  aria-label={t('caseReview.reportsHeading')}
                >
                  {payload.reports.map(([ref]) => (
                    <li key={ref}>{ref}</li>
                  ))}
                </ul>
              </>
            )}
            <p className="govuk-body">{t('messages.nothingElse')}</p>
            <p className="govuk-body">
              <Link to="/reports" className="govuk-link">
                {t('caseReview.backToReports')}
              </Link>
            </p>
          </div>
        </div>
      </main>
    );
  }

  if (sent) {
    return (
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <div className="govuk-panel govuk-panel--confirmation">
              <PageHeading className="govuk-panel__title">{t('caseReview.sentTitle')}</PageHeading>
              <div className="govuk-panel__body" role="status">
                {t('caseReview.sentReference')}
                <br />
                <strong>{sent.reference}</strong>
              </div>
            </div>
            <p className="govuk-body">
              {t('caseReview.sentBody', { date: formatDay(sent.at, i18n.language) })}
            </p>
            <p className="govuk-body">{t('caseReview.sentNext', { council: council.name })}</p>
            <p className="govuk-body">
              <Link to="/reports" className="govuk-link">
                {t('caseReview.backToReports')}
              </Link>
            </p>
          </div>
        </div>
      </main>
    );
  }

  return (
    <main className="govuk-main-wrapper" id="main-content">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <PageHeading>{t('caseReview.title')}</PageHeading>
          {refused && (
            <div className="govuk-inset-text" role="alert">
              {t('caseReview.failed', { message: refused.lastError ?? '' })}{' '}
              {t('caseReview.refusedNext', { phone: council.contacts.councilPhone })}
            </div>
          )}
          <p className="govuk-body">
            {t('caseReview.what', { reports: rule.reports, months: rule.months })}
          </p>
          <p className="govuk-body">{t('caseReview.who')}</p>
          {!result.eligible ? (
            <>
              <div className="govuk-inset-text">
                {t('caseReview.notYet', {
                  count: result.qualifying.length,
                  needed: rule.reports,
                  months: rule.months,
                })}
              </div>
              <p className="govuk-body">
                {t('caseReview.otherReports', { phone: council.contacts.councilPhone })}
              </p>
              <p className="govuk-body">{t('caseReview.whatCounts')}</p>
            </>
          ) : (
            <>
              <div className="govuk-inset-text">
                {t('caseReview.eligible', { count: result.qualifying.length, months: rule.months })}
              </div>
              <h2 className="govuk-heading-m">{t('caseReview.reportsHeading')}</h2>
              <ul
                className="govuk-list govuk-list--bullet"
                aria-label={t('caseReview.reportsHeading')}
              >
                {result.qualifying.map((ref) => (
                  <li key={ref}>{ref}</li>
                ))}
              </ul>
              <h2 className="govuk-heading-m">{t('caseReview.applyHeading')}</h2>
              <p className="govuk-body">{t('caseReview.notAnonymous')}</p>
              <form noValidate onSubmit={(e) => void submit(e)}>
                <TextField
                  id="name"
                  label={t('caseReview.name')}
                  labelSize="s"
                  value={form.name}
                  onChange={set('name')}
                  error={error('name')}
                  autoComplete="name"
                  spellCheck={false}
                />
                <TextField
                  id="email"
                  label={t('caseReview.email')}
                  labelSize="s"
                  type="email"
                  value={form.email}
                  onChange={set('email')}
                  error={error('email')}
                  autoComplete="email"
                  spellCheck={false}
                  hint={t('caseReview.contactHint')}
                />
                <TextField
                  id="phone"
                  label={t('caseReview.phone')}
                  labelSize="s"
                  type="tel"
                  value={form.phone}
                  onChange={set('phone')}
                  error={error('phone')}
                  autoComplete="tel"
                  widthClass="govuk-input--width-20"
                />
                <TextField
                  id="address"
                  label={t('common.optionalLabel', { label: t('caseReview.address') })}
                  labelSize="s"
                  value={form.address}
                  onChange={set('address')}
                  autoComplete="street-address"
                />
                <TextAreaField
                  id="details"
                  label={t('common.optionalLabel', { label: t('caseReview.details') })}
                  labelSize="s"
                  value={form.details}
                  onChange={set('details')}
                  maxLength={4000}
                />
                <div
                  className={`govuk-form-group${error('consent') ? ' govuk-form-group--error' : ''}`}
                >
                  {error('consent') && (
                    <p id="consent-error" className="govuk-error-message">
                      <span className="govuk-visually-hidden">{t('errors.prefix')}</span>{' '}
                      {error('consent')}
                    </p>
                  )}
                  <div className="govuk-checkboxes govuk-checkboxes--small">
                    <div className="govuk-checkboxes__item">
                      <input
                        className="govuk-checkboxes__input"
                        id="consent"
                        name="consent"
                        type="checkbox"
                        checked={form.consent}
                        onChange={(e) => setForm({ ...form, consent: e.currentTarget.checked })}
                        aria-describedby={error('consent') ? 'consent-error' : undefined}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor="consent">
                        {t('caseReview.consent', { council: council.name })}
                      </label>
                    </div>
                  </div>
                </div>
                {!online && <div className="govuk-inset-text">{t('messages.offlineHint')}</div>}
                <button
                  type="submit"
                  id="send-application"
                  className="govuk-button"
                  disabled={saving}
                  aria-disabled={saving}
                >
                  {t('caseReview.submit')}
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
