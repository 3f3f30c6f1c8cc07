/**
 * /centre: centre mode, for third-party reporting centres filing on a victim's behalf on a shared
 * tablet (a lazily loaded chunk). Sign-in at /centre, the centre's reports at /centre, one of
 * them with the council's updates at /centre/reports/<reference> (what the centre recorded is
 * corrected at .../change), a new report at /centre/new.
 * "Exit this page" is on every page: it signs out, drops the key and replaces the page. See
 * centre-session.tsx for the key and the idle timer.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, navigate, useLocation } from '../router/router';
import { ExitThisPage } from '../safety/ExitThisPage';
import { CentreAmendPage } from './CentreAmendPage';
import { CentreHome } from './CentreHome';
import { CentreReportPage } from './CentreReportPage';
import { CentreSessionProvider, useCentreSession } from './centre-session';
import { CentreSignInPage } from './CentreSignInPage';
import { OnBehalfFlow } from './OnBehalfFlow';
import { useSealedSender } from './use-sealed-sender';
import '../response-times/response-times.scss';
import './centre.scss';

function Signed() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const { state, sealed, signOut } = useCentreSession();
  const [sentCount, setSentCount] = useState(0);
  // A notice belongs to the sign-in it was given in (the key identifies it).
  const [notice, setNotice] = useState<CryptoKey | null>(null);
  const ended = useCallback(() => signOut('expired'), [signOut]);
  const sent = useCallback(() => setSentCount((n) => n + 1), []);
  useSealedSender(sealed, state, ended, sent);

  if (state.kind === 'checking') return null;
  if (state.kind === 'out') return <CentreSignInPage reason={state.reason} />;
  const me = state.me;
  const change = matchPath('/centre/reports/:reference/change', path);
  const one = change ? null : matchPath('/centre/reports/:reference', path);
  return (
    <>
      <div className="app-centre-bar govuk-body-s">
        <span>{t('centre.signedInAs', { name: me.name, centre: me.centre.name })}</span>{' '}
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 app-centre-bar__button"
          onClick={() => {
            signOut('signed-out');
            navigate('/centre');
          }}
        >
          {t('centre.signOut')}
        </button>
      </div>
      {!state.server && (
        <div className="govuk-inset-text govuk-!-margin-bottom-0" role="status">
          {t('centre.tabletOnlyNote')}
        </div>
      )}
      {path === '/centre/new' ? (
        <OnBehalfFlow
          onSaved={() => {
            setNotice(state.key);
            navigate('/centre', { replace: true });
          }}
        />
      ) : change ? (
        <CentreAmendPage key={change.reference} reference={change.reference!} />
      ) : one ? (
        <CentreReportPage key={one.reference} reference={one.reference!} />
      ) : (
        <CentreHome notice={notice === state.key ? 'saved' : null} sentCount={sentCount} />
      )}
    </>
  );
}

function Exit() {
  const { signOut } = useCentreSession();
  return <ExitThisPage onExit={() => signOut('signed-out')} />;
}

export default function CentreApp() {
  return (
    <CentreSessionProvider>
      <Exit />
      <Signed />
    </CentreSessionProvider>
  );
}
