/**
 * Centre sign-in: email and password; says why the user was signed out, if they were, how many
 * sealed reports wait on the tablet, and, without signal, that signing in still works on a
 * tablet the user has signed in on before (offline-sign-in.ts).
 */
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SignInPage } from '../components/SignInPage';
import { useOnline } from '../my-reports/use-online';
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
  const submit = async (email: string, password: string): Promise<string | null> => {
    const r = await signIn(email, password);
    return r.ok ? null : errorMessage(t, r.error);
  };
  return (
    <SignInPage
      keys="centre.signIn"
      idPrefix="centre-"
      onSubmit={submit}
      before={
        reason && (
          <div className="govuk-inset-text" role="status">
            {t(REASON_KEY[reason])}
          </div>
        )
      }
      after={
        <>
          {!online && (
            <div className="govuk-inset-text" role="status">
              {t('centre.signIn.noSignal')}
            </div>
          )}
          <Waiting />
        </>
      }
    />
  );
}
