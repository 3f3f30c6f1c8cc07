/** Staff sign-in: email and password; slowed and then refused after repeated failures. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextField } from '../components/TextField';
import { PageHeading, useDocumentTitle } from '../router/page';
import { signIn, type StaffMe } from './staff-api';

export function SignInPage({ onSignedIn }: { onSignedIn: (me: StaffMe) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('staff.signIn.title'), errors.length > 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!email.trim()) found.push({ field: 'email', message: t('staff.signIn.errors.email') });
    if (!password) found.push({ field: 'password', message: t('staff.signIn.errors.password') });
    setErrors(found);
    if (found.length || busy) return;
    setBusy(true);
    const r = await signIn(email.trim(), password);
    setBusy(false);
    if (r.ok) {
      onSignedIn(r.value);
      return;
    }
    const e2 = r.error;
    const message =
      e2.kind === 'offline'
        ? t('staff.offline')
        : e2.kind === 'refused' && e2.status === 429
          ? t('staff.signIn.errors.locked', { minutes: Math.ceil((e2.retryAfter ?? 60) / 60) })
          : e2.kind === 'refused' && e2.status === 401
            ? t('staff.signIn.errors.wrong')
            : t('staff.failed');
    setPassword('');
    setErrors([{ field: 'email', message }]);
  };

  return (
    <main className="govuk-main-wrapper" id="main-content">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <PageHeading>{t('staff.signIn.title')}</PageHeading>
          <p className="govuk-body">{t('staff.signIn.intro')}</p>
          <form noValidate onSubmit={(e) => void submit(e)}>
            <TextField
              id="email"
              label={t('staff.signIn.email')}
              labelSize="s"
              type="email"
              autoComplete="username"
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={errors.find((x) => x.field === 'email')?.message}
            />
            <div
              className={`govuk-form-group${errors.some((x) => x.field === 'password') ? ' govuk-form-group--error' : ''}`}
            >
              <label className="govuk-label govuk-label--s" htmlFor="password">
                {t('staff.signIn.password')}
              </label>
              {errors.some((x) => x.field === 'password') && (
                <p id="password-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">{t('errors.prefix')}</span>{' '}
                  {t('staff.signIn.errors.password')}
                </p>
              )}
              <input
                className="govuk-input govuk-!-width-two-thirds"
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                aria-describedby={
                  errors.some((x) => x.field === 'password') ? 'password-error' : undefined
                }
              />
            </div>
            <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
              {busy ? t('staff.signIn.busy') : t('staff.signIn.submit')}
            </button>
          </form>
        </div>
      </div>
    </main>
  );
}
