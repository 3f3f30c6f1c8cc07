/**
 * Centre sign-in: email and password; says why the user was signed out, if they were, how many
 * sealed reports wait on the tablet, and, without signal, that signing in still works on a
 * tablet the user has signed in on before (offline-sign-in.ts).
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextField } from '../components/TextField';
import { useOnline } from '../my-reports/use-online';
import { PageHeading, useDocumentTitle } from '../router/page';
import { useCentreSession, type CentreSignInError, type SignedOutReason } from './centre-session';

const REASON_KEY = {
  idle: 'centre.signIn.idle',
  expired: 'centre.signIn.expired',
  'signed-out': 'centre.signIn.signedOut',
  'password-changed': 'centre.signIn.passwordChanged',
} as const;

function errorMessage(t: TFunction, e: CentreSignInError): string {
  if (e.kind === 'offline') return t('centre.offline');
  if (e.kind === 'signed-out') return t('centre.failed');
  if (e.kind === 'refused') {
    if (e.status === 429) {
      return t('centre.signIn.errors.locked', { count: Math.ceil((e.retryAfter ?? 60) / 60) });
    }
    return e.status === 401 ? t('centre.signIn.errors.wrong') : t('centre.failed');
  }
  const o = e.error;
  switch (o.kind) {
    case 'unknown':
      return t('centre.signIn.errors.offlineUnknown');
    case 'unavailable':
      return t('centre.signIn.errors.offlineUnavailable');
    case 'wait':
      return t('centre.signIn.errors.locked', {
        count: Math.max(1, Math.ceil((o.until - Date.now()) / 60_000)),
      });
    case 'wrong':
      return o.left > 0
        ? t('centre.signIn.errors.offlineWrong', { count: o.left })
        : t('centre.signIn.errors.offlineTooMany');
  }
}

/** How many sealed reports wait, without opening them (no key while signed out). */
function Waiting() {
  const { t } = useTranslation();
  const { sealed } = useCentreSession();
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!sealed) return;
    let live = true;
    const load = () =>
      void sealed.entries().then(
        (e) => live && setCount(e.length),
        () => undefined,
      );
    load();
    const off = sealed.subscribe(load);
    return () => {
      live = false;
      off();
    };
  }, [sealed]);
  if (!count) return null;
  return <p className="govuk-body">{t('centre.offlineWaiting', { count })}</p>;
}

export function CentreSignInPage({ reason }: { reason: SignedOutReason | null }) {
  const { t } = useTranslation();
  const { signIn } = useCentreSession();
  const online = useOnline();
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
    const message = errorMessage(t, r.error);
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
          {!online && (
            <div className="govuk-inset-text" role="status">
              {t('centre.signIn.noSignal')}
            </div>
          )}
          <Waiting />
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
