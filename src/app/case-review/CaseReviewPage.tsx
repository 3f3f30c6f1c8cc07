/**
 * /case-review: the ASB Case Review (formerly the Community Trigger). Counts this phone's
 * qualifying reports with the shared rule; when the threshold is met, explains the review and
 * offers the application (not anonymous, with consent), listing the qualifying references.
 *
 * Notes
 * - The application carries each qualifying report's secret (the outbox record id), so the
 *   council knows the reports are this resident's; the server checks the threshold again.
 * - It is sent at once, online only (a resend with the same application_id is harmless); the
 *   reference the council gives is kept in localStorage so the page can say it was sent.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextAreaField, TextField } from '../components/TextField';
import { useCouncil } from '../council/council-context';
import { formatDay } from '../my-reports/format-when';
import { useOutbox } from '../my-reports/outbox-context';
import { useOnline } from '../my-reports/use-online';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link } from '../router/router';
import { phoneEligibility } from './eligibility';
import { readSent, sendApplication, type Application, type SentApplication } from './send';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(a: Application, t: ReturnType<typeof useTranslation>['t']): FieldError[] {
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
  const [applicationId] = useState(() => crypto.randomUUID());
  const [form, setForm] = useState<Application>({
    name: '',
    email: '',
    phone: '',
    address: '',
    details: '',
    consent: false,
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<SentApplication | null>(() => readSent());
  useDocumentTitle(sent ? t('caseReview.sentTitle') : t('caseReview.title'), errors.length > 0);
  if (!loaded) return null;

  const rule = council.caseReview;
  const result = phoneEligibility(records, council);
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const set = (k: keyof Application) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validate(form, t);
    setErrors(found);
    setProblem(null);
    if (found.length || sending) return;
    setSending(true);
    const reports = records
      .filter((r) => r.reference && result.qualifying.includes(r.reference))
      .map((r) => [r.reference!, r.id] as [string, string]);
    const outcome = await sendApplication(applicationId, form, reports);
    setSending(false);
    if (outcome.ok) setSent(outcome.value);
    else setProblem(outcome.error);
  };

  if (sent) {
    return (
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <div className="govuk-panel govuk-panel--confirmation">
              <PageHeading className="govuk-panel__title">{t('caseReview.sentTitle')}</PageHeading>
              <div className="govuk-panel__body">
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
                        onChange={(e) => {
                          const consent = e.currentTarget.checked;
                          setForm((f) => ({ ...f, consent }));
                        }}
                        aria-describedby={error('consent') ? 'consent-error' : undefined}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor="consent">
                        {t('caseReview.consent', { council: council.name })}
                      </label>
                    </div>
                  </div>
                </div>
                {problem && (
                  <div className="govuk-inset-text" role="alert">
                    {problem === 'offline'
                      ? t('caseReview.offline')
                      : t('caseReview.failed', { message: problem })}
                  </div>
                )}
                {!online && <div className="govuk-inset-text">{t('caseReview.offline')}</div>}
                <button
                  type="submit"
                  className="govuk-button"
                  disabled={sending || !online}
                  aria-disabled={sending || !online}
                >
                  {sending ? t('caseReview.sending') : t('caseReview.submit')}
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
