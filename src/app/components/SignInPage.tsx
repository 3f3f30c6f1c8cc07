/**
 * The sign-in page staff and reporting centres share: error summary, heading, intro, email and
 * password, one button. What signing in means is the caller's: `onSubmit` answers null when the
 * user is in, or the message to show against the email field (the password is then cleared).
 *
 * Notes
 * - Texts come from `<keys>.title`, `.intro`, `.email`, `.password`, `.submit`, `.busy`,
 *   `.errors.email` and `.errors.password`, so each mode keeps its own wording and translations.
 * - `before` is shown above the heading (why the user was signed out), `after` between the intro
 *   and the form (no signal, reports waiting).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading, useDocumentTitle } from '../router/page';
import { ErrorSummary, type FieldError } from './ErrorSummary';
import { TextField } from './TextField';

export interface SignInPageProps {
  keys: 'staff.signIn' | 'centre.signIn';
  /** Prefix of the fields' ids (several sign-in forms may share a page's history). */
  idPrefix?: string;
  onSubmit(email: string, password: string): Promise<string | null>;
  before?: ReactNode;
  after?: ReactNode;
}

export function SignInPage({ keys, idPrefix = '', onSubmit, before, after }: SignInPageProps) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const emailId = `${idPrefix}email`;
  const passwordId = `${idPrefix}password`;
  useDocumentTitle(t(`${keys}.title`), errors.length > 0);
  const passwordError = errors.find((x) => x.field === passwordId)?.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!email.trim()) found.push({ field: emailId, message: t(`${keys}.errors.email`) });
    if (!password) found.push({ field: passwordId, message: t(`${keys}.errors.password`) });
    setErrors(found);
    if (found.length || busy) return;
    setBusy(true);
    const message = await onSubmit(email.trim(), password);
    setBusy(false);
    if (message === null) return;
    setPassword('');
    setErrors([{ field: emailId, message }]);
  };

  return (
    <main className="govuk-main-wrapper" id="main-content">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          {before}
          <PageHeading>{t(`${keys}.title`)}</PageHeading>
          <p className="govuk-body">{t(`${keys}.intro`)}</p>
          {after}
          <form noValidate onSubmit={(e) => void submit(e)}>
            <TextField
              id={emailId}
              label={t(`${keys}.email`)}
              labelSize="s"
              type="email"
              autoComplete="username"
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={errors.find((x) => x.field === emailId)?.message}
            />
            <div className={`govuk-form-group${passwordError ? ' govuk-form-group--error' : ''}`}>
              <label className="govuk-label govuk-label--s" htmlFor={passwordId}>
                {t(`${keys}.password`)}
              </label>
              {passwordError && (
                <p id={`${passwordId}-error`} className="govuk-error-message">
                  <span className="govuk-visually-hidden">{t('errors.prefix')}</span>{' '}
                  {passwordError}
                </p>
              )}
              <input
                className={`govuk-input govuk-!-width-two-thirds${passwordError ? ' govuk-input--error' : ''}`}
                id={passwordId}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                aria-describedby={passwordError ? `${passwordId}-error` : undefined}
              />
            </div>
            <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
              {busy ? t(`${keys}.busy`) : t(`${keys}.submit`)}
            </button>
          </form>
        </div>
      </div>
    </main>
  );
}
