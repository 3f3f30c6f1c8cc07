/**
 * /staff/rights (admins): answering people's rights requests. Find every record held for an
 * email address, phone number or reference; download them all for a subject access request;
 * erase or anonymise them; correct a contact detail. Every action is audited by the server.
 *
 * Notes
 * - Whose records are being looked at stays in the page's state, never in its URL, so a
 *   person's email address or phone number does not end up in browser history.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EraseOutcome, Subject, SubjectSummary } from '../../shared/privacy-api';
import { RadiosField } from '../components/ChoiceField';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextField } from '../components/TextField';
import { PageHeading, useDocumentTitle } from '../router/page';
import { CorrectForm } from './CorrectForm';
import { EraseForm } from './EraseForm';
import { exportUrl, findSubject } from './privacy-api';
import { holdsAnything, RightsResults } from './RightsResults';
import type { ApiError } from './staff-api';

type By = 'email' | 'phone' | 'reference';
const BY: By[] = ['email', 'phone', 'reference'];
const INPUT_TYPE = { email: 'email', phone: 'tel', reference: 'text' } as const;

export function RightsPage({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<By | undefined>();
  const [values, setValues] = useState<Record<By, string>>({ email: '', phone: '', reference: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [found, setFound] = useState<{ subject: Subject; summary: SubjectSummary } | null>(null);
  const [done, setDone] = useState<EraseOutcome | null>(null);
  useDocumentTitle(t('staff.rights.title'), errors.length > 0);

  const search = async (subject: Subject) => {
    setBusy(true);
    const r = await findSubject(subject);
    setBusy(false);
    if (r.ok) {
      setFailure(null);
      setFound({ subject, summary: r.value });
    } else if (r.error.kind === 'signed-out') onSignedOut();
    else {
      setFound(null);
      setFailure(r.error);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = by ? values[by].trim() : '';
    const problems: FieldError[] = [];
    if (!by) problems.push({ field: 'rights-by', message: t('staff.rights.errors.by') });
    else if (!value) {
      problems.push({ field: `rights-${by}`, message: t(`staff.rights.errors.${by}`) });
    }
    setErrors(problems);
    if (problems.length || busy || !by) return;
    setDone(null);
    void search({ [by]: value });
  };

  return (
    <main className="govuk-main-wrapper" id="main-content">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageHeading>{t('staff.rights.title')}</PageHeading>
          <p className="govuk-body">{t('staff.rights.intro')}</p>
          <ErrorSummary errors={errors} />
          <form noValidate onSubmit={submit} role="search" aria-labelledby="rights-find">
            <h2 className="govuk-heading-m" id="rights-find">
              {t('staff.rights.find')}
            </h2>
            <RadiosField
              id="rights-by"
              name="by"
              legend={t('staff.rights.by')}
              value={by}
              onChange={(v) => setBy(v as By)}
              error={errors.find((x) => x.field === 'rights-by')?.message}
              choices={BY.map((b) => ({
                value: b,
                label: t(`staff.rights.byChoice.${b}`),
                conditional: (
                  <TextField
                    id={`rights-${b}`}
                    label={t(`staff.rights.value.${b}`)}
                    type={INPUT_TYPE[b]}
                    spellCheck={false}
                    autoComplete="off"
                    value={values[b]}
                    onChange={(v) => setValues((old) => ({ ...old, [b]: v }))}
                    error={errors.find((x) => x.field === `rights-${b}`)?.message}
                  />
                ),
              }))}
            />
            <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
              {busy ? t('staff.rights.searching') : t('staff.rights.search')}
            </button>
          </form>
          {done && <ErasedBanner outcome={done} />}
          {failure && (
            <div className="govuk-inset-text" role="alert">
              {failure.kind === 'offline'
                ? t('staff.offline')
                : failure.kind === 'refused' && failure.status === 400
                  ? t('staff.rights.refused', { message: failure.message })
                  : t('staff.failed')}
            </div>
          )}
          {found && (
            <>
              <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
              <RightsResults summary={found.summary} exportHref={exportUrl(found.subject)} />
              {holdsAnything(found.summary) && (
                <EraseForm
                  key={JSON.stringify(found.subject)}
                  subject={found.subject}
                  summary={found.summary}
                  onSignedOut={onSignedOut}
                  onDone={(outcome) => {
                    setDone(outcome);
                    void search(found.subject);
                  }}
                />
              )}
            </>
          )}
          <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
          <CorrectForm onSignedOut={onSignedOut} />
        </div>
      </div>
    </main>
  );
}

/** What the erasure or anonymisation did, announced when it appears. */
function ErasedBanner({ outcome }: { outcome: EraseOutcome }) {
  const { t } = useTranslation();
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title">{t('staff.report.doneTitle')}</h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {t(outcome.mode === 'erase' ? 'staff.rights.erased' : 'staff.rights.anonymised', {
            count: outcome.reports,
          })}
        </p>
        <p className="govuk-body">
          {t('staff.rights.erasedAlso', {
            reviews: outcome.caseReviews,
            media: outcome.mediaFiles,
          })}
        </p>
        {outcome.held.length > 0 && (
          <p className="govuk-body">
            {t('staff.rights.keptHeld', { references: outcome.held.join(', ') })}
          </p>
        )}
      </div>
    </div>
  );
}
