/**
 * /staff: the council staff console (a lazily loaded chunk). Signs in with the staff API's
 * session cookie; the queue at /staff, one report at /staff/reports/<reference>, and for admins
 * the access audit at /staff/audit and people's rights at /staff/rights (a case officer who
 * opens those is told they need the admin role; the API refuses them too).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, matchPath, navigate, useLocation } from '../router/router';
import { AuditPage } from './AuditPage';
import { NeedsAdmin } from './NeedsAdmin';
import { QueuePage } from './QueuePage';
import { RightsPage } from './RightsPage';
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
  const isAdmin = session.me.role === 'admin';
  const adminPage = (page: React.ReactNode) => (isAdmin ? page : <NeedsAdmin />);
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
      {isAdmin && <StaffNav path={path} />}
      {one ? (
        <StaffReportPage
          key={one.reference}
          reference={one.reference!}
          isAdmin={isAdmin}
          onSignedOut={signedOut}
        />
      ) : matchPath('/staff/audit', path) ? (
        adminPage(<AuditPage onSignedOut={signedOut} />)
      ) : matchPath('/staff/rights', path) ? (
        adminPage(<RightsPage onSignedOut={signedOut} />)
      ) : (
        <QueuePage onSignedOut={signedOut} />
      )}
    </>
  );
}

const PAGES = [
  ['/staff', 'staff.nav.reports'],
  ['/staff/audit', 'staff.nav.audit'],
  ['/staff/rights', 'staff.nav.rights'],
] as const;

/** The admin's pages (case officers have only the reports, so no menu). */
function StaffNav({ path }: { path: string }) {
  const { t } = useTranslation();
  const here = (to: string) =>
    to === '/staff' ? path === '/staff' || path.startsWith('/staff/reports') : path === to;
  return (
    <nav aria-label={t('staff.nav.label')} className="app-staff-nav">
      <ul className="govuk-list app-staff-filters govuk-!-margin-top-4 govuk-!-margin-bottom-0">
        {PAGES.map(([to, key]) => (
          <li key={to}>
            <Link
              to={to}
              className="govuk-link govuk-link--no-visited-state"
              aria-current={here(to) ? 'page' : undefined}
            >
              {t(key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
