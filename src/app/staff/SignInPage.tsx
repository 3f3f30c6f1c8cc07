/** Staff sign-in: email and password; slowed and then refused after repeated failures. */
import { useTranslation } from 'react-i18next';
import { SignInPage as SharedSignInPage } from '../components/SignInPage';
import { signIn, type StaffMe } from './staff-api';

export function SignInPage({ onSignedIn }: { onSignedIn: (me: StaffMe) => void }) {
  const { t } = useTranslation();
  const submit = async (email: string, password: string): Promise<string | null> => {
    const r = await signIn(email, password);
    if (r.ok) {
      onSignedIn(r.value);
      return null;
    }
    const e = r.error;
    if (e.kind === 'offline') return t('staff.offline');
    if (e.kind === 'refused' && e.status === 429) {
      return t('staff.signIn.errors.locked', { minutes: Math.ceil((e.retryAfter ?? 60) / 60) });
    }
    return e.kind === 'refused' && e.status === 401
      ? t('staff.signIn.errors.wrong')
      : t('staff.failed');
  };
  return <SharedSignInPage keys="staff.signIn" onSubmit={submit} />;
}
