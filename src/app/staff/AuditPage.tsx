/**
 * /staff/audit (admins): who at the council read which Personal report, its updates or media,
 * and the rights work done, newest first. Filters by staff member, report and dates live in the
 * page's URL, so a filtered view can be bookmarked or shared with another admin; pages go back
 * in time with the server's `next` cursor; "Download CSV" gives the same filters as a file.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditPage as Page } from '../../shared/privacy-api';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextField } from '../components/TextField';
import { formatWhen } from '../my-reports/format-when';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link, navigate, useLocation } from '../router/router';
import { AUDIT_CSV_MAX, auditCsvUrl, auditPage, type AuditFilters } from './privacy-api';
import type { ApiError } from './staff-api';

const PAGE = 50;
const FIELDS = ['actor', 'report', 'from', 'to'] as const;
const ACTIONS = [
  'read',
  'read_media',
  'read_updates',
  'set_hold',
  'find',
  'export',
  'erase',
  'anonymise',
  'correct',
] as const;
type Action = (typeof ACTIONS)[number];
const isAction = (a: string): a is Action => (ACTIONS as readonly string[]).includes(a);

const toQuery = (f: AuditFilters) =>
  new URLSearchParams(
    Object.entries(f).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();

export function AuditPage({ onSignedOut }: { onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const filters: AuditFilters = Object.fromEntries(
    [...FIELDS, 'before'].map((k) => [k, search.get(k) ?? undefined]),
  );
  const key = toQuery(filters);
  const [draft, setDraft] = useState<Record<(typeof FIELDS)[number], string>>(() => ({
    actor: filters.actor ?? '',
    report: filters.report ?? '',
    from: filters.from ?? '',
    to: filters.to ?? '',
  }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [page, setPage] = useState<Page | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);
  useDocumentTitle(t('staff.audit.title'), errors.length > 0);

  useEffect(() => {
    let live = true;
    const f = Object.fromEntries(new URLSearchParams(key)) as AuditFilters;
    void auditPage(f, PAGE).then((r) => {
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
  }, [key, onSignedOut]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (draft.from && draft.to && draft.from > draft.to) {
      found.push({ field: 'audit-to', message: t('staff.audit.errors.toBeforeFrom') });
    }
    setErrors(found);
    if (found.length) return;
    const q = toQuery({
      actor: draft.actor.trim(),
      report: draft.report.trim(),
      from: draft.from,
      to: draft.to,
    });
    navigate(`/staff/audit${q ? `?${q}` : ''}`);
  };
  const field = (name: (typeof FIELDS)[number]) => ({
    id: `audit-${name}`,
    labelSize: 's' as const,
    value: draft[name],
    onChange: (v: string) => setDraft((d) => ({ ...d, [name]: v })),
    error: errors.find((x) => x.field === `audit-${name}`)?.message,
  });
  const actionWords = (a: string) => (isAction(a) ? t(`staff.audit.actions.${a}`) : a);
  const lng = i18n.language;
  const newest = toQuery({ ...filters, before: undefined });
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <PageHeading>{t('staff.audit.title')}</PageHeading>
      <p className="govuk-body">{t('staff.audit.intro')}</p>
      <ErrorSummary errors={errors} />
      <form noValidate onSubmit={apply} aria-labelledby="audit-filters">
        <h2 className="govuk-heading-m" id="audit-filters">
          {t('staff.audit.filters')}
        </h2>
        <TextField
          {...field('actor')}
          label={t('staff.audit.actor')}
          type="email"
          spellCheck={false}
          autoComplete="off"
        />
        <TextField
          {...field('report')}
          label={t('staff.audit.report')}
          widthClass="govuk-input--width-10"
          spellCheck={false}
        />
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset" aria-describedby="audit-dates-hint">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              {t('staff.audit.dates')}
            </legend>
            <div id="audit-dates-hint" className="govuk-hint">
              {t('staff.audit.datesHint')}
            </div>
            <div className="app-staff-filters">
              <TextField {...field('from')} label={t('staff.audit.from')} type="date" />
              <TextField {...field('to')} label={t('staff.audit.to')} type="date" />
            </div>
          </fieldset>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t('staff.audit.apply')}
        </button>
      </form>
      <p className="govuk-body">
        <a className="govuk-link" href={auditCsvUrl(filters)} download>
          {t('staff.audit.csv', { max: AUDIT_CSV_MAX })}
        </a>
      </p>
      {failed && (
        <div className="govuk-inset-text" role="alert">
          {failed.kind === 'offline'
            ? t('staff.offline')
            : failed.kind === 'refused' && failed.status === 400
              ? t('staff.audit.refused', { message: failed.message })
              : t('staff.failed')}
        </div>
      )}
      {page && page.entries.length === 0 && <p className="govuk-body">{t('staff.audit.none')}</p>}
      {page && page.entries.length > 0 && (
        <table className="govuk-table govuk-table--small-text-until-tablet">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {filters.before ? t('staff.audit.captionOlder') : t('staff.audit.caption')}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                {t('staff.audit.when')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('staff.audit.what')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('staff.audit.detail')}
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {page.entries.map((e, i) => (
              <tr className="govuk-table__row" key={`${e.at}-${i}`}>
                <td className="govuk-table__cell">{formatWhen(e.at, lng)}</td>
                <td className="govuk-table__cell app-staff-audit-what">
                  <strong>{actionWords(e.action)}</strong>
                  <span className="app-staff-sub">{e.actor}</span>
                  {e.report && (
                    <Link to={`/staff/reports/${e.report}`} className="govuk-link">
                      {e.report}
                    </Link>
                  )}
                </td>
                <td className="govuk-table__cell">{e.detail || t('staff.audit.noDetail')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="govuk-body" aria-label={t('staff.queue.pages')}>
        {filters.before && (
          <Link
            to={`/staff/audit${newest ? `?${newest}` : ''}`}
            className="govuk-link govuk-!-margin-right-4"
          >
            {t('staff.audit.newest')}
          </Link>
        )}
        {page?.next && (
          <Link
            to={`/staff/audit?${toQuery({ ...filters, before: page.next })}`}
            className="govuk-link"
          >
            {t('staff.audit.older')}
          </Link>
        )}
      </nav>
    </main>
  );
}
