/**
 * The council's updates on a report as a timeline, newest first: the status each update set, when,
 * and the officer's note. The history on a resident's report page ("Reports on this phone"), on
 * a reporting centre's report page and in the staff console.
 *
 * Notes
 * - Newest first, as in the GOV.UK community timeline pattern: the latest word from the council
 *   is what people come for. Updates arrive oldest first (the API's order) and are reversed here.
 * - Each update is a list item with its status as an h3, so it sits under the page's h2 and
 *   screen-reader users can move between updates by heading.
 */
import { useTranslation } from 'react-i18next';
import type { RequestUpdate } from '../../shared/request-updates';
import { formatWhen } from './format-when';
import { statusWords } from './status-words';
import './council-status.scss';

export function UpdateTimeline({
  updates,
  empty,
}: {
  /** Oldest first, as the API sends them. */
  updates: readonly RequestUpdate[];
  /** What to say when there are none. */
  empty: string;
}) {
  const { t, i18n } = useTranslation();
  if (updates.length === 0) return <p className="govuk-body">{empty}</p>;
  const lng = i18n.language;
  return (
    <ol className="govuk-list app-timeline">
      {[...updates].reverse().map((u) => (
        <li key={u.update_id} className="app-timeline__item">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{statusWords(t, u.status)}</h3>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            <time dateTime={u.updated_datetime}>{formatWhen(u.updated_datetime, lng)}</time>
          </p>
          {u.description && <p className="govuk-body">{u.description}</p>}
        </li>
      ))}
    </ol>
  );
}
