/**
 * /centre/reports/<reference>: one report the centre made, as the council holds it: both
 * references, the category, when and by whom it was made, its status, what the centre recorded
 * for the victim (police consent, contact, what not to share, victim support), the description,
 * its photos and recordings, and the council's updates, newest first.
 *
 * Notes
 * - Read from the server each time (GET /api/centre/reports/<reference>.json, audited there) and
 *   kept only in page memory: nothing of the victim's report is stored on the shared tablet.
 * - Another centre's reference answers exactly like one that does not exist, so the page says
 *   "not found" for both. A session that has ended signs the tablet out (the session's own
 *   handling shows the sign-in page, and this page again after signing in).
 * - Offline, the page says it needs a connection and loads by itself when the tablet is back
 *   online (the app's offline bar already says the tablet is offline).
 * - Photos and recordings come from /api/media/<id> with the session cookie (the server serves
 *   them only to the filing centre and audits each fetch), straight into the page: never cached
 *   by the app (the server says no-store). Photos load lazily, with their size given so the page
 *   does not jump, and shrink to the screen; recordings (always sound: the server keeps only
 *   audio/mp4 and audio/webm) load only when played.
 * - What the centre recorded can be corrected (CentreAmendPage.tsx); coming back from there with
 *   `?changed=...` shows that the change was saved (and whether the victim's contact details left
 *   the report).
 * - The centre can ask to be told on this device when the council updates the report
 *   (CentrePushOptIn.tsx); the victim never is.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentreView } from '../../shared/centre-report';
import type { ServiceRequestView } from '../../shared/open311';
import { BackLink } from '../components/BackLink';
import { formatWhen } from '../my-reports/format-when';
import { STATUS_TAG_CLASS, statusWords } from '../my-reports/status-words';
import { UpdateTimeline } from '../my-reports/UpdateTimeline';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link, useLocation } from '../router/router';
import { report } from './centre-api';
import { CentrePushOptIn } from './CentrePushOptIn';
import { useCentreSession } from './centre-session';
import '../media/media.scss';

/** A photo or recording as the centre's report JSON lists it (`media_items`, api/centre.ts). */
interface MediaItem {
  url: string;
  kind: 'photo' | 'recording';
  content_type: string;
  width: number | null;
  height: number | null;
}
type CentreReportView = ServiceRequestView & { centre: CentreView; media_items?: MediaItem[] };

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ok'; view: CentreReportView }
  | { kind: 'not-found' }
  | { kind: 'offline' }
  | { kind: 'failed' };

export function useCentreReport(reference: string): { loaded: Loaded; retry: () => void } {
  const { signOut } = useCentreSession();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void report(reference).then((r) => {
      if (!live) return;
      if (r.ok) {
        const view = r.value[0];
        setLoaded(view ? { kind: 'ok', view } : { kind: 'not-found' });
      } else if (r.error.kind === 'signed-out') signOut('expired');
      else if (r.error.kind === 'offline') setLoaded({ kind: 'offline' });
      else setLoaded(r.error.status === 404 ? { kind: 'not-found' } : { kind: 'failed' });
    });
    return () => {
      live = false;
    };
  }, [reference, attempt, signOut]);
  // Offline: try again as soon as the tablet is back online.
  useEffect(() => {
    if (loaded.kind !== 'offline') return;
    const again = () => setAttempt((n) => n + 1);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [loaded.kind]);
  return { loaded, retry: () => setAttempt((n) => n + 1) };
}

function Row({ k, children }: { k: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{k}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** The report's photos (as images) and recordings (as players), numbered within each kind. */
function ReportMedia({ items }: { items: readonly MediaItem[] }) {
  const { t } = useTranslation();
  const photos = items.filter((m) => m.kind === 'photo');
  const recordings = items.filter((m) => m.kind === 'recording');
  return (
    <>
      <h2 className="govuk-heading-m">{t('centre.report.mediaHeading')}</h2>
      <ul className="app-media-list" data-testid="report-media">
        {photos.map((m, i) => (
          <li key={m.url} className="app-media-item">
            <img
              className="app-media-item__preview"
              src={m.url}
              alt={t('centre.report.photoAlt', { number: i + 1, count: photos.length })}
              width={m.width ?? undefined}
              height={m.height ?? undefined}
              loading="lazy"
              decoding="async"
            />
          </li>
        ))}
        {recordings.map((m, i) => {
          const label = t('centre.report.recordingLabel', {
            number: i + 1,
            count: recordings.length,
          });
          return (
            <li key={m.url} className="app-media-item">
              <p className="govuk-body govuk-!-margin-bottom-2">{label}</p>
              <audio controls preload="none" aria-label={label}>
                <source src={m.url} type={m.content_type} />
              </audio>
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function CentreReportPage({ reference }: { reference: string }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const { loaded, retry } = useCentreReport(reference);
  const view = loaded.kind === 'ok' ? loaded.view : null;
  useDocumentTitle(
    view
      ? t('centre.report.title', {
          reference: view.centre.centre_reference,
          service: view.service_name,
        })
      : loaded.kind === 'not-found'
        ? t('centre.report.notFoundTitle')
        : t('centre.report.councilTitle', { reference }),
  );
  if (loaded.kind === 'loading') return <BackLink to="/centre" />;

  if (!view) {
    return (
      <>
        <BackLink to="/centre" />
        <main className="govuk-main-wrapper" id="main-content">
          {loaded.kind === 'not-found' ? (
            <>
              <PageHeading>{t('centre.report.notFoundTitle')}</PageHeading>
              <p className="govuk-body">{t('centre.report.notFound', { reference })}</p>
              <p className="govuk-body">
                <Link to="/centre" className="govuk-link">
                  {t('centre.report.toList')}
                </Link>
              </p>
            </>
          ) : (
            <>
              <PageHeading>{t('centre.report.councilTitle', { reference })}</PageHeading>
              <p className="govuk-body">
                {loaded.kind === 'offline' ? t('centre.report.offline') : t('centre.failed')}
              </p>
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={retry}
              >
                {t('centre.report.retry')}
              </button>
            </>
          )}
        </main>
      </>
    );
  }

  const c = view.centre;
  const lng = i18n.language;
  const yesNo = (v: 'yes' | 'no') =>
    v === 'yes' ? t('centre.form.consent.yes') : t('centre.form.consent.no');
  const contact = {
    none: t('centre.form.contact.none'),
    centre: t('centre.form.contact.centre'),
    direct: t('centre.form.contact.direct'),
  }[c.contact];
  return (
    <>
      <BackLink to="/centre" />
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {search.get('changed') && (
              <div
                className="govuk-notification-banner govuk-notification-banner--success"
                role="status"
              >
                <div className="govuk-notification-banner__header">
                  <h2 className="govuk-notification-banner__title">{t('centre.title')}</h2>
                </div>
                <div className="govuk-notification-banner__content">
                  <p className="govuk-notification-banner__heading">{t('centre.amend.saved')}</p>
                  {search.get('changed') === 'contact-removed' && (
                    <p className="govuk-body">{t('centre.amend.contactRemoved')}</p>
                  )}
                </div>
              </div>
            )}
            <span className="govuk-caption-l">
              {t('centre.report.caption', { reference: c.centre_reference })}
            </span>
            <PageHeading>{view.service_name}</PageHeading>
            <dl className="govuk-summary-list">
              <Row k={t('centre.report.status')}>
                <strong className={`govuk-tag ${STATUS_TAG_CLASS[view.extended_status]}`}>
                  {statusWords(t, view.extended_status)}
                </strong>
              </Row>
              <Row k={t('centre.home.centreReference')}>{c.centre_reference}</Row>
              <Row k={t('centre.home.reference')}>{view.service_request_id}</Row>
              <Row k={t('centre.report.made')}>
                {t('centre.report.madeValue', {
                  when: formatWhen(c.filed_at, lng),
                  name: c.filed_by,
                })}
              </Row>
            </dl>

            <h2 className="govuk-heading-m">{t('centre.report.recordedHeading')}</h2>
            <dl className="govuk-summary-list">
              <Row k={t('centre.report.police')}>{yesNo(c.police_consent)}</Row>
              <Row k={t('centre.report.contact')}>{contact}</Row>
              <Row k={t('centre.report.notToShare')}>
                {c.not_to_share ? (
                  <span className="app-pre-wrap" dir="auto">
                    {c.not_to_share}
                  </span>
                ) : (
                  t('centre.form.check.none')
                )}
              </Row>
              <Row k={t('centre.report.support')}>{yesNo(c.victim_support)}</Row>
            </dl>
            <p className="govuk-body">
              <Link
                to={`/centre/reports/${encodeURIComponent(view.service_request_id)}/change`}
                className="govuk-link"
              >
                {t('centre.amend.link')}
              </Link>
            </p>

            <h2 className="govuk-heading-m">{t('centre.report.descriptionHeading')}</h2>
            {view.address && (
              <p className="govuk-body">
                <strong>{t('centre.report.where')}</strong> {view.address}
              </p>
            )}
            <p className="govuk-body app-pre-wrap" dir="auto">
              {view.description || t('centre.form.check.none')}
            </p>

            {(view.media_items?.length ?? 0) > 0 && <ReportMedia items={view.media_items!} />}

            <h2 className="govuk-heading-m">{t('centre.report.updatesHeading')}</h2>
            <UpdateTimeline updates={view.updates ?? []} empty={t('centre.report.noUpdates')} />

            <CentrePushOptIn reference={view.service_request_id} />
          </div>
        </div>
      </main>
    </>
  );
}
