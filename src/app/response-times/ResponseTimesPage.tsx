/**
 * /response-times: for each kind of problem, the council's promise in plain words and how it
 * really did, from /api/performance.json (the same figures as the open-data CSV). Real tables
 * with captions and headers, so a screen reader can read them; "too few reports" instead of any
 * median or share below the council's minimum sample. The service worker keeps the last copy,
 * so the page also reads offline.
 *
 * Notes
 * - The page is long (a section per category), so it opens with a GOV.UK-style contents list:
 *   a navigation landmark named by its "Contents" heading, plain in-page links to each section's
 *   h2 (built from the same list as the sections, so they cannot drift apart). Plain fragment
 *   links move the browser's focus starting point to the heading, so Tab continues from there.
 * - A page the server rendered holds the figures (src/app/ssr/server-data.ts), so they read
 *   without script; the app then only asks whether they are still current (a 304 when they are).
 * - Dates are London dates, as the figures' periods are, with month names from the locale files,
 *   not Intl: browsers lack some languages' names (Chromium writes "2026 M12" in Welsh), and the
 *   server and the phone must write the same words.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CategoryPerformance, Figure, PeriodPerformance } from '../../shared/performance';
import { londonDate } from '../../shared/working-days';
import type en from '../i18n/locales/en.json';
import { useCouncil } from '../council/council-context';
import { useOnline } from '../my-reports/use-online';
import { PageHeading, useDocumentTitle } from '../router/page';
import { useServerData } from '../ssr/server-data';
import { loadPerformance, type LoadedPerformance } from './load-performance';
import './response-times.scss';

type State = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; data: LoadedPerformance };

function days(t: TFunction, f: Figure): string {
  return typeof f === 'number' ? t('responseTimes.days', { count: f }) : t('responseTimes.tooFew');
}

function share(t: TFunction, f: Figure, of: number, lng: string): string {
  if (typeof f !== 'number') return t('responseTimes.tooFew');
  const percent = new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 0 }).format(
    f,
  );
  return t('responseTimes.shareOf', { percent, count: of });
}

type MonthKey = keyof typeof en.responseTimes.months;

/** "December 2026" from "2026-12", in the words of the locale files. */
function monthName(t: TFunction, period: string): string {
  const [year, month] = period.split('-') as [string, MonthKey];
  return t('responseTimes.monthYear', { month: t(`responseTimes.months.${month}`), year });
}

/** "2 December 2026" for the London date of an instant, in the words of the locale files. */
function londonDay(t: TFunction, iso: string): string {
  const [year, month, day] = londonDate(iso).split('-') as [string, MonthKey, string];
  return t('responseTimes.date', {
    day: String(Number(day)),
    month: t(`responseTimes.monthsOf.${month}`),
    year,
  });
}

function Row({ head, value }: { head: string; value: string }) {
  return (
    <tr className="govuk-table__row">
      <th scope="row" className="govuk-table__header">
        {head}
      </th>
      <td className="govuk-table__cell">{value}</td>
    </tr>
  );
}

interface Section {
  id: string;
  name: string;
}

function Contents({ sections }: { sections: Section[] }) {
  const { t } = useTranslation();
  return (
    <nav className="app-contents-list" aria-labelledby="contents-title">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="contents-title">
        {t('responseTimes.contents')}
      </h2>
      <ol className="govuk-list app-contents-list__list">
        {sections.map((s) => (
          <li className="app-contents-list__item" key={s.id}>
            <span className="app-contents-list__dash" aria-hidden="true">
              —
            </span>
            <a className="govuk-link" href={`#${s.id}`}>
              {s.name}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

const categoryId = (serviceCode: string) => `category-${serviceCode}`;
const OPEN_DATA_ID = 'open-data';

function Category({ c, name, promise }: { c: CategoryPerformance; name: string; promise: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const p: PeriodPerformance = c.last90Days;
  const id = categoryId(c.serviceCode);
  return (
    <section className="app-response-category" aria-labelledby={id}>
      <h2 className="govuk-heading-m" id={id}>
        {name}
      </h2>
      <p className="govuk-body">
        <strong>{t('responseTimes.promise')}</strong> {promise}
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">
          {t('responseTimes.last90Caption', { name })}
        </caption>
        <tbody className="govuk-table__body">
          <Row head={t('responseTimes.received')} value={String(p.received)} />
          <Row
            head={t('responseTimes.firstResponseMedian')}
            value={days(t, p.firstResponse.median)}
          />
          <Row head={t('responseTimes.firstResponseP90')} value={days(t, p.firstResponse.p90)} />
          <Row
            head={t('responseTimes.firstResponseOnTime', { count: c.target.firstResponseDays })}
            value={share(
              t,
              p.withinTarget.firstResponse.share,
              p.withinTarget.firstResponse.sample,
              lng,
            )}
          />
          <Row head={t('responseTimes.resolutionMedian')} value={days(t, p.resolution.median)} />
          <Row
            head={t('responseTimes.resolutionOnTime', { count: c.target.resolutionDays })}
            value={share(t, p.withinTarget.resolution.share, p.withinTarget.resolution.sample, lng)}
          />
          <Row head={t('responseTimes.openAfter12Weeks')} value={String(c.openAfter12Weeks)} />
          <Row
            head={t('responseTimes.satisfied')}
            value={share(t, p.satisfaction.satisfied, p.satisfaction.responses, lng)}
          />
        </tbody>
      </table>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">
            {t('responseTimes.byMonth')}
            <span className="govuk-visually-hidden"> {name}</span>
          </span>
        </summary>
        <div className="govuk-details__text">
          <table className="govuk-table govuk-table--small-text-until-tablet">
            <caption className="govuk-table__caption govuk-table__caption--s">
              {t('responseTimes.byMonthCaption', { name })}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  {t('responseTimes.month')}
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  {t('responseTimes.receivedShort')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('responseTimes.firstResponseShort')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('responseTimes.satisfiedShort')}
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {[...c.months].reverse().map((m) => (
                <tr className="govuk-table__row" key={m.period}>
                  <th scope="row" className="govuk-table__header">
                    {monthName(t, m.period)}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{m.received}</td>
                  <td className="govuk-table__cell">{days(t, m.firstResponse.median)}</td>
                  <td className="govuk-table__cell">
                    {share(t, m.satisfaction.satisfied, m.satisfaction.responses, lng)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

export default function ResponseTimesPage() {
  const { t } = useTranslation();
  const council = useCouncil();
  const online = useOnline();
  const given = useServerData().performance;
  const [state, setState] = useState<State>(
    given ? { kind: 'ready', data: given } : { kind: 'loading' },
  );
  const [attempt, setAttempt] = useState(0);
  useDocumentTitle(t('responseTimes.title'));
  const givenEtag = given?.etag;
  useEffect(() => {
    const controller = new AbortController();
    void loadPerformance(controller.signal, attempt === 0 ? givenEtag : undefined).then((r) => {
      if (controller.signal.aborted) return;
      if (!r.ok) setState((s) => (s.kind === 'ready' ? s : { kind: 'failed' }));
      else if (r.value) setState({ kind: 'ready', data: r.value });
    });
    return () => controller.abort();
  }, [attempt, givenEtag]);

  const categories =
    state.kind === 'ready'
      ? state.data.performance.categories.map((c) => {
          const service = council.services.find((s) => s.service_code === c.serviceCode);
          return {
            c,
            name: service?.service_name ?? c.serviceCode,
            promise: service?.target.promise ?? '',
          };
        })
      : [];
  return (
    <main className="govuk-main-wrapper" id="main-content">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageHeading>{t('responseTimes.title')}</PageHeading>
          <p className="govuk-body-l">{t('responseTimes.lead', { council: council.name })}</p>
          <p className="govuk-body">{t('responseTimes.workingDays')}</p>
          {state.kind === 'failed' && (
            <>
              <p className="govuk-body">
                {online ? t('responseTimes.failed') : t('responseTimes.offlineNone')}
              </p>
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => setAttempt((n) => n + 1)}
              >
                {t('responseTimes.retry')}
              </button>
            </>
          )}
          {state.kind === 'ready' && (
            <>
              <Contents
                sections={[
                  ...categories.map(({ c, name }) => ({ id: categoryId(c.serviceCode), name })),
                  { id: OPEN_DATA_ID, name: t('responseTimes.openData') },
                ]}
              />
              {state.data.performance.demoData && (
                <div className="govuk-warning-text">
                  <span className="govuk-warning-text__icon" aria-hidden="true">
                    !
                  </span>
                  <strong className="govuk-warning-text__text">
                    <span className="govuk-visually-hidden">{t('common.warning')}</span>
                    {t('responseTimes.demo')}
                  </strong>
                </div>
              )}
              <p className="govuk-body">
                {t('responseTimes.asOf', {
                  date: londonDay(t, state.data.performance.generatedAt),
                })}{' '}
                {t('responseTimes.minimum', { count: state.data.performance.minimumSample })}
              </p>
              {!online && <div className="govuk-inset-text">{t('responseTimes.offline')}</div>}
              {categories.map(({ c, name, promise }) => (
                <Category key={c.serviceCode} c={c} name={name} promise={promise} />
              ))}
              <h2 className="govuk-heading-m" id={OPEN_DATA_ID}>
                {t('responseTimes.openData')}
              </h2>
              <p className="govuk-body">{t('responseTimes.openDataBody')}</p>
              <ul className="govuk-list">
                <li>
                  <a className="govuk-link" href="/api/performance.csv" download>
                    {t('responseTimes.csv')}
                  </a>
                </li>
                <li>
                  <a className="govuk-link" href="/api/performance.json">
                    {t('responseTimes.json')}
                  </a>
                </li>
              </ul>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
