/**
 * The app shell: skip link, council header, service navigation, phase banner, status bars, and
 * the page for the current path. The start page is in the first bundle; the report flow and
 * "Reports on this phone" are loaded when first needed.
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CouncilConfig } from '../shared/council-config';
import { localiseCouncil } from '../shared/council-text';
import { LocalisedCouncil } from './i18n/LocalisedCouncil';
import { loadCouncil, verifyCouncil } from './council/load-council';
import { applyTheme } from './council/theme';
import { OutboxProvider } from './my-reports/outbox-context';
import { PageHeading } from './router/page';
import { Link, useLocation } from './router/router';
import { Footer, Header, PhaseBanner, ServiceNavigation } from './shell/Header';
import { markReady } from './shell/app-ready';
import { OfflineBar } from './shell/OfflineBar';
import { StartPage } from './start/StartPage';

const ReportFlow = lazy(() => import('./report/ReportFlow'));
const MyReports = lazy(() => import('./my-reports/MyReports'));
const ResponseTimes = lazy(() => import('./response-times/ResponseTimesPage'));
const CaseReview = lazy(() => import('./case-review/CaseReviewPage'));
const Survey = lazy(() => import('./survey/SurveyRoute'));
const Staff = lazy(() => import('./staff/StaffApp'));
const Centre = lazy(() => import('./centre/CentreApp'));
const InfoPages = lazy(() => import('./privacy/InfoPages'));

function Page() {
  const { path } = useLocation();
  if (path === '/' || path === '/index.html') return <StartPage />;
  if (path === '/report' || path.startsWith('/report/')) return <ReportFlow />;
  if (path === '/reports' || path.startsWith('/reports/')) return <MyReports />;
  if (path === '/response-times') return <ResponseTimes />;
  if (path === '/case-review') return <CaseReview />;
  if (path.startsWith('/survey/')) return <Survey />;
  if (path === '/staff' || path.startsWith('/staff/')) return <Staff />;
  if (path === '/centre' || path.startsWith('/centre/')) return <Centre />;
  if (path === '/privacy' || path === '/accessibility' || path === '/cookies') return <InfoPages />;
  return <NotFound />;
}

function NotFound() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('notFound.title');
  }, [t]);
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p className="govuk-body">{t('notFound.body')}</p>
      <p className="govuk-body">
        <Link to="/" className="govuk-link">
          {t('notFound.home')}
        </Link>
      </p>
    </main>
  );
}

function Unavailable({ retry }: { retry: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('unavailable.title');
  }, [t]);
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <PageHeading>{t('unavailable.title')}</PageHeading>
      <p className="govuk-body">{t('unavailable.body')}</p>
      <button type="button" className="govuk-button" onClick={retry}>
        {t('unavailable.retry')}
      </button>
    </main>
  );
}

type CouncilState =
  { status: 'loading' } | { status: 'failed' } | { status: 'ready'; council: CouncilConfig };

/**
 * Marks `hydrated` (app-ready.ts) once the page beside it has committed: in the same Suspense
 * boundary, so a page whose code loads lazily counts only once it is taken over too.
 */
function TakenOver() {
  useEffect(() => markReady('hydrated'), []);
  return null;
}

export function App({
  updatePrompt,
  council: given,
}: {
  updatePrompt?: ReactNode;
  /** The configuration when the page came with it (server-rendered pages); else fetched. */
  council?: CouncilConfig;
}) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<CouncilState>(
    given ? { status: 'ready', council: given } : { status: 'loading' },
  );
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    const check = (council: CouncilConfig) => {
      applyTheme(council);
      void verifyCouncil(council).then((v) => {
        if (!v.ok && !controller.signal.aborted) {
          console.error('Council configuration is not valid:', v.error);
          setState({ status: 'failed' });
        }
      });
    };
    // Already in state: setting it again would be an update above pages still taking over the
    // server's markup, which makes React throw that markup away and render them again.
    if (given && attempt === 0) check(given);
    else {
      void loadCouncil(controller.signal).then((r) => {
        if (controller.signal.aborted) return;
        if (r.ok) {
          setState({ status: 'ready', council: r.value });
          check(r.value);
        } else setState({ status: 'failed' });
      });
    }
    return () => controller.abort();
  }, [attempt, given]);

  const council = state.status === 'ready' ? state.council : null;
  const councilName = council ? localiseCouncil(council, i18n.language).name : null;
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        {t('app.skipLink')}
      </a>
      <Header councilName={councilName} />
      <ServiceNavigation />
      {updatePrompt}
      <OfflineBar />
      <PhaseBanner />
      <div className="govuk-width-container">
        {state.status === 'failed' && (
          <Unavailable
            retry={() => {
              setState({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          />
        )}
        {council && (
          <LocalisedCouncil council={council}>
            <OutboxProvider>
              <Suspense fallback={null}>
                <Page />
                <TakenOver />
              </Suspense>
            </OutboxProvider>
          </LocalisedCouncil>
        )}
      </div>
      <Footer councilName={councilName} />
    </>
  );
}
