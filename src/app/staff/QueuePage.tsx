/**
 * The staff work queue: reports ordered by priority (risk band), then due date (the first-contact
 * target), with overdue ones marked; open by default, or closed, or all. A reference can be
 * typed to open any report.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../components/TextField';
import { formatShortDay } from '../my-reports/format-when';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link, navigate, useLocation } from '../router/router';
import { statusWords } from '../my-reports/status-words';
import { PriorityTag } from './priority';
import { queue, type ApiError, type QueuePage as Page } from './staff-api';

const FILTERS = ['open', 'closed', 'all'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE = 50;

export function QueuePage({ onSignedOut }: { onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const filter: Filter = FILTERS.find((f) => f === search.get('status')) ?? 'open';
  const offset = Math.max(0, Number(search.get('offset')) || 0);
  const [page, setPage] = useState<Page | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);
  const [reference, setReference] = useState('');
  useDocumentTitle(t('staff.queue.title'));

  useEffect(() => {
    let live = true;
    void queue(filter, offset, PAGE).then((r) => {
      if (!live) return;
      if (r.ok) {
        setPage(r.value);
        setFailed(null);
      } else if (r.error.kind === 'signed-out') onSignedOut();
      else setFailed(r.error);
    });
    return () => {
      live = false;
    };
  }, [filter, offset, onSignedOut]);

  const find = (e: FormEvent) => {
    e.preventDefault();
    const ref = reference.trim();
    if (ref) navigate(`/staff/reports/${encodeURIComponent(ref)}`);
  };
  const lng = i18n.language;
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <PageHeading>{t('staff.queue.title')}</PageHeading>
      <form className="app-staff-find" onSubmit={find} role="search">
        <TextField
          id="reference"
          label={t('staff.queue.find')}
          labelSize="s"
          value={reference}
          onChange={setReference}
          widthClass="govuk-input--width-10"
          spellCheck={false}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t('staff.queue.open')}
        </button>
      </form>
      <nav aria-label={t('staff.queue.filters')}>
        <ul className="govuk-list app-staff-filters">
          {FILTERS.map((f) => (
            <li key={f}>
              {f === filter ? (
                <strong aria-current="page">{t(`staff.queue.filter.${f}`)}</strong>
              ) : (
                <Link to={`/staff?status=${f}`} className="govuk-link">
                  {t(`staff.queue.filter.${f}`)}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {failed && (
        <p className="govuk-body">
          {failed.kind === 'offline' ? t('staff.offline') : t('staff.failed')}
        </p>
      )}
      {page && (
        <>
          <table className="govuk-table govuk-table--small-text-until-tablet app-staff-queue">
            <caption className="govuk-table__caption govuk-table__caption--m">
              {t('staff.queue.caption', {
                count: page.total,
                filter: t(`staff.queue.filter.${filter}`),
              })}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  {t('staff.queue.report')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('staff.queue.priority')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('staff.queue.due')}
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {page.reports.map((r) => (
                <tr className="govuk-table__row" key={r.service_request_id}>
                  <th scope="row" className="govuk-table__header">
                    <Link to={`/staff/reports/${r.service_request_id}`} className="govuk-link">
                      {r.service_request_id}
                    </Link>
                    <span className="app-staff-sub">{r.service_name}</span>
                    <span className="app-staff-sub app-staff-sub--status">
                      {statusWords(t, r.extended_status)}
                    </span>
                  </th>
                  <td className="govuk-table__cell">
                    <PriorityTag band={r.risk_band} />
                  </td>
                  <td className="govuk-table__cell">
                    {r.expected_datetime
                      ? formatShortDay(r.expected_datetime, lng)
                      : t('staff.queue.noDue')}
                    {r.overdue && (
                      <>
                        {' '}
                        <strong className="govuk-tag govuk-tag--red">
                          {t('staff.queue.overdue')}
                        </strong>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="govuk-body" aria-label={t('staff.queue.pages')}>
            {offset > 0 && (
              <Link
                to={`/staff?status=${filter}&offset=${Math.max(0, offset - PAGE)}`}
                className="govuk-link govuk-!-margin-right-4"
              >
                {t('staff.queue.previous')}
              </Link>
            )}
            {offset + page.reports.length < page.total && (
              <Link to={`/staff?status=${filter}&offset=${offset + PAGE}`} className="govuk-link">
                {t('staff.queue.next')}
              </Link>
            )}
          </nav>
        </>
      )}
    </main>
  );
}
