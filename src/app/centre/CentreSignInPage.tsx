/** Centre sign-in: email and password; says why the user was signed out, if they were. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextField } from '../components/TextField';
import { PageHeading, useDocumentTitle } from '../router/page';
import { useCentreSession, type SignedOutReason } from './centre-session';

const REASON_KEY = {
  idle: 'centre.signIn.idle',
  expired: 'centre.signIn.expired',
  'signed-out': 'centre.signIn.signedOut',
} as const;

export function CentreSignInPage({ reason }: { reason: SignedOutReason | null }) {
  const { t } = useTranslation();
  const { signIn } = useCentreSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('centre.signIn.title'), errors.length > 0);
  const passwordError = errors.find((x) => x.field === 'centre-password')?.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!email.trim())
      found.push({ field: 'centre-email', message: t('centre.signIn.errors.email') });
    if (!password) {
      found.push({ field: 'centre-password', message: t('centre.signIn.errors.password') });
    }
    setErrors(found);
    if (found.length || busy) return;
    setBusy(true);
    const r = await signIn(email.trim(), password);
    setBusy(false);
    if (r.ok) return;
    const e2 = r.error;
    const message =
      e2.kind === 'offline'
        ? t('centre.offline')
        : e2.kind === 'refused' && e2.status === 429
          ? t('centre.signIn.errors.locked', { count: Math.ceil((e2.retryAfter ?? 60) / 60) })
          : e2.kind === 'refused' && e2.status === 401
            ? t('centre.signIn.errors.wrong')
            : t('centre.failed');
    setPassword('');
    setErrors([{ field: 'centre-email', message }]);
  };

  return (
    <main className="govuk-main-wrapper" id="main-content">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          {reason && (
            <div className="govuk-inset-text" role="status">
              {t(REASON_KEY[reason])}
            </div>
          )}
          <PageHeading>{t('centre.signIn.title')}</PageHeading>
          <p className="govuk-body">{t('centre.signIn.intro')}</p>
          <form noValidate onSubmit={(e) => void submit(e)}>
            <TextField
              id="centre-email"
              label={t('centre.signIn.email')}
              labelSize="s"
              type="email"
              autoComplete="username"
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={errors.find((x) => x.field === 'centre-email')?.message}
            />
            <div className={`govuk-form-group${passwordError ? ' govuk-form-group--error' : ''}`}>
              <label className="govuk-label govuk-label--s" htmlFor="centre-password">
                {t('centre.signIn.password')}
              </label>
              {passwordError && (
                <p id="centre-password-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">{t('errors.prefix')}</span>{' '}
                  {passwordError}
                </p>
              )}
              <input
                className={`govuk-input govuk-!-width-two-thirds${passwordError ? ' govuk-input--error' : ''}`}
                id="centre-password"
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                aria-describedby={passwordError ? 'centre-password-error' : undefined}
              />
            </div>
            <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
              {busy ? t('centre.signIn.busy') : t('centre.signIn.submit')}
            </button>
          </form>
        </div>
      </div>
    </main>
  );
}
