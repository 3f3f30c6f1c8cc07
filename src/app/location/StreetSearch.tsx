/**
 * "Can't use the map?": search the council's streets by name and choose one; the choice fills the
 * same fields as the map (address and the street's point), so the report is the same either way.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchStreets, streetAddress, type Street } from '../../shared/gazetteer';
import { loadStreets } from './gazetteer';

export function StreetSearch({ onChoose }: { onChoose: (street: Street) => void }) {
  const { t } = useTranslation();
  const [streets, setStreets] = useState<Street[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Street | null>(null);

  useEffect(() => {
    let live = true;
    void loadStreets().then((r) => {
      if (!live) return;
      if (r.ok) setStreets(r.value);
      else setFailed(true);
    });
    return () => {
      live = false;
    };
  }, []);

  const results = streets && query.trim() ? searchStreets(streets, query, 10) : [];
  return (
    <div id="street-search">
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="street-query">
          {t('location.streetLabel')}
        </label>
        <div id="street-query-hint" className="govuk-hint">
          {t('location.streetHint')}
        </div>
        <input
          id="street-query"
          className="govuk-input govuk-!-width-two-thirds"
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="street-query-hint"
          aria-controls={results.length > 0 && !chosen ? 'street-results' : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setChosen(null);
          }}
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        />
      </div>
      <div aria-live="polite" className="govuk-body">
        {failed
          ? t('location.streetUnavailable')
          : chosen
            ? t('location.streetChosen', { street: streetAddress(chosen) })
            : query.trim() && streets
              ? t('location.streetResults', { count: results.length })
              : ''}
      </div>
      {results.length > 0 && !chosen && (
        <ul id="street-results" className="app-street-results">
          {results.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={() => {
                  setChosen(s);
                  onChoose(s);
                }}
              >
                {streetAddress(s)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
