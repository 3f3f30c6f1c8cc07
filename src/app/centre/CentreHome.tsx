/**
 * The centre's page: what waits on this tablet (opened with the signed-in user's key; reports of
 * other users are only counted) and the reports the centre has made, with their status and the
 * council's latest note, from the server (nothing of other centres' reports is ever listed).
 * Each made report's reference links to its page with the council's updates (CentreReportPage).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShortDay } from '../my-reports/format-when';
import { STATUS_TAG_CLASS, statusWords } from '../my-reports/status-words';
import type { OpenedEntry } from '../outbox/sealed-schema';
import { Link } from '../router/router';
import { PageHeading, useDocumentTitle } from '../router/page';
import { reports, type CentreListItem } from './centre-api';
import { useCentreSession } from './centre-session';

const REFRESH_MS = 60_000;

function useWaiting(): { mine: OpenedEntry[]; others: number } {
  const { state, sealed } = useCentreSession();
  const [waiting, setWaiting] = useState<{ mine: OpenedEntry[]; others: number }>({
    mine: [],
    others: 0,
  });
  const key = state.kind === 'in' ? state.key : null;
  const owner = state.kind === 'in' ? state.me.user_id : null;
  useEffect(() => {
    if (!sealed || !key || !owner) return;
    let live = true;
    const load = async () => {
      const [mine, all] = await Promise.all([sealed.openAll(key, owner), sealed.entries()]);
      if (live) setWaiting({ mine, others: all.filter((e) => e.owner !== owner).length });
    };
    void load();
    const off = sealed.subscribe(() => void load());
    return () => {
      live = false;
      off();
    };
  }, [sealed, key, owner]);
  return waiting;
}

function useFiled(sentCount: number): { items: CentreListItem[] | null; offline: boolean } {
  const [items, setItems] = useState<CentreListItem[] | null>(null);
  const [offline, setOffline] = useState(false);
  const { signOut } = useCentreSession();
  useEffect(() => {
    let live = true;
    const load = async (background: boolean) => {
      const r = await reports({ background });
      if (!live) return;
      if (r.ok) {
        setItems(r.value.reports);
        setOffline(false);
      } else if (r.error.kind === 'signed-out') signOut('expired');
      else setOffline(true);
    };
    void load(sentCount === 0);
    const timer = setInterval(() => void load(true), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [sentCount, signOut]);
  return { items, offline };
}

export function CentreHome({ notice, sentCount }: { notice: 'saved' | null; sentCount: number }) {
  const { t, i18n } = useTranslation();
  const { state, sealed } = useCentreSession();
  const { mine, others } = useWaiting();
  const { items, offline } = useFiled(sentCount);
  const centre = state.kind === 'in' ? state.me.centre.name : '';
  useDocumentTitle(t('centre.home.title', { centre }));
  const lng = i18n.language;

  return (
    <main className="govuk-main-wrapper" id="main-content">
      {notice === 'saved' && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title">{t('centre.title')}</h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              {mine.length ? t('centre.home.saved') : t('centre.home.sentNow')}
            </p>
          </div>
        </div>
      )}
      <PageHeading>{t('centre.home.title', { centre })}</PageHeading>
      <Link to="/centre/new" className="govuk-button govuk-button--start">
        {t('centre.home.newReport')}
      </Link>

      <h2 className="govuk-heading-m">{t('centre.home.waitingHeading')}</h2>
      {mine.length === 0 ? (
        <p className="govuk-body">{t('centre.home.waitingNone')}</p>
      ) : (
        <ul className="govuk-list app-centre-waiting">
          {mine.map(({ entry, payload, error }) => (
            <li key={entry.id} className="govuk-!-margin-bottom-4">
              <strong>{payload?.summary.centreReference ?? t('centre.home.cannotOpen')}</strong>
              {payload && <span className="govuk-body-s"> · {payload.summary.serviceName}</span>}
              <br />
              <strong className="govuk-tag govuk-tag--grey">
                {t(`centre.home.state.${entry.state}`)}
              </strong>
              {error && entry.state === 'needs-attention' && (
                <p className="govuk-body-s govuk-!-margin-top-1">{error}</p>
              )}
              {entry.state === 'needs-attention' && sealed && (
                <p className="govuk-body-s">
                  <button
                    type="button"
                    className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                    onClick={() => void sealed.remove(entry.id)}
                  >
                    {t('centre.home.remove')}
                  </button>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {others > 0 && (
        <p className="govuk-body">{t('centre.home.othersWaiting', { count: others })}</p>
      )}

      <h2 className="govuk-heading-m">{t('centre.home.filedHeading')}</h2>
      {offline && <p className="govuk-body">{t('centre.home.listOffline')}</p>}
      {items && items.length === 0 && <p className="govuk-body">{t('centre.home.filedNone')}</p>}
      {items && items.length > 0 && (
        <table className="govuk-table app-centre-table">
          <caption className="govuk-table__caption govuk-table__caption--s">
            {t('centre.home.filedCaption', { count: items.length })}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                {t('centre.home.centreReference')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('centre.home.reference')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('centre.home.status')}
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {items.map((r) => (
              <tr key={r.service_request_id} className="govuk-table__row app-centre-row">
                <td className="govuk-table__cell">
                  <Link
                    to={`/centre/reports/${encodeURIComponent(r.service_request_id)}`}
                    className="govuk-link govuk-!-font-weight-bold"
                  >
                    {r.centre.centre_reference}
                    <span className="govuk-visually-hidden">
                      {t('centre.home.linkContext', { reference: r.service_request_id })}
                    </span>
                  </Link>
                  <span className="govuk-body-s app-centre-sub">
                    {' '}
                    {formatShortDay(r.requested_datetime, lng)} · {r.centre.filed_by}
                  </span>
                </td>
                <td className="govuk-table__cell">{r.service_request_id}</td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${STATUS_TAG_CLASS[r.extended_status]}`}>
                    {statusWords(t, r.extended_status)}
                  </strong>
                  {r.status_notes && (
                    <span className="govuk-body-s app-centre-sub">
                      {' '}
                      {t('centre.home.note')}: {r.status_notes}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
