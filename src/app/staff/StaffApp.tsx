/**
 * /staff: the council staff console (a lazily loaded chunk). Signs in with the staff API's
 * session cookie; the queue at /staff, one report at /staff/reports/<reference>.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, navigate, useLocation } from '../router/router';
import { QueuePage } from './QueuePage';
import { SignInPage } from './SignInPage';
import { me, signOut, type StaffMe } from './staff-api';
import { StaffReportPage } from './StaffReportPage';
import '../response-times/response-times.scss';
import '../my-reports/council-status.scss';
import './staff.scss';

type Session =
  { kind: 'checking' } | { kind: 'out' } | { kind: 'in'; me: StaffMe } | { kind: 'offline' };

export default function StaffApp() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  useEffect(() => {
    let live = true;
    void me().then((r) => {
      if (!live) return;
      if (r.ok) setSession({ kind: 'in', me: r.value });
      else setSession(r.error.kind === 'offline' ? { kind: 'offline' } : { kind: 'out' });
    });
    return () => {
      live = false;
    };
  }, []);
  const signedOut = useCallback(() => setSession({ kind: 'out' }), []);

  if (session.kind === 'checking') return null;
  if (session.kind === 'offline') {
    return (
      <main className="govuk-main-wrapper" id="main-content">
        <h1 className="govuk-heading-l">{t('staff.title')}</h1>
        <p className="govuk-body">{t('staff.offline')}</p>
      </main>
    );
  }
  if (session.kind === 'out') {
    return <SignInPage onSignedIn={(m) => setSession({ kind: 'in', me: m })} />;
  }
  const one = matchPath('/staff/reports/:reference', path);
  return (
    <>
      <div className="app-staff-bar govuk-body-s">
        <span>{t('staff.signedInAs', { name: session.me.name })}</span>{' '}
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 app-staff-bar__button"
          onClick={() =>
            void signOut().then(() => {
              setSession({ kind: 'out' });
              navigate('/staff');
            })
          }
        >
          {t('staff.signOut')}
        </button>
      </div>
      {one ? (
        <StaffReportPage key={one.reference} reference={one.reference!} onSignedOut={signedOut} />
      ) : (
        <QueuePage onSignedOut={signedOut} />
      )}
    </>
  );
}
