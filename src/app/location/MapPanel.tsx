/**
 * The map part of "Where is the problem?": the lazily loaded map, its keyboard instructions and
 * live announcements, a warning with a link when the pin is outside the council's area, the
 * PSPO zones' key, and "Can't use the map?" (street search). With no map (no tiles offline, or
 * the map's code unavailable) the resident still has their location and the description.
 */
import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isInside, type LatLong } from '../../shared/geo';
import { streetAddress, type Street } from '../../shared/gazetteer';
import { useCouncil } from '../council/council-context';
import { StreetSearch } from './StreetSearch';

const LocationMap = lazy(() => import('./LocationMap'));

class MapBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export interface MapPanelProps {
  pin: LatLong | null;
  onPin: (p: LatLong) => void;
  onStreet: (s: Street) => void;
}

export function MapPanel({ pin, onPin, onStreet }: MapPanelProps) {
  const { t } = useTranslation();
  const council = useCouncil();
  const [said, setSaid] = useState('');
  const [tilesFailed, setTilesFailed] = useState(false);
  const outside = pin !== null && !isInside(pin, council.boundary);
  const announce = (text: string) => setSaid(text);
  const placePin = (p: LatLong, how: 'tap' | 'drag' | 'keyboard') => {
    onPin(p);
    const inside = isInside(p, council.boundary);
    if (how !== 'keyboard' || !inside) {
      announce(
        inside ? t('location.pinPlaced') : t('location.outsideShort', { council: council.name }),
      );
    }
  };
  const unavailable = <p className="govuk-inset-text">{t('location.mapUnavailable')}</p>;

  return (
    <div className="govuk-form-group" data-testid="map-panel">
      <h2 className="govuk-heading-m">{t('location.mapHeading')}</h2>
      <p id="map-instructions" className="govuk-hint">
        {t('location.instructions')}
      </p>
      <MapBoundary fallback={unavailable}>
        <Suspense fallback={<p className="govuk-body">{t('location.loading')}</p>}>
          <LocationMap
            council={council}
            pin={pin}
            onPin={placePin}
            announce={announce}
            onTilesFailed={() => setTilesFailed(true)}
          />
        </Suspense>
      </MapBoundary>
      <div aria-live="polite" className="govuk-visually-hidden" data-testid="map-live">
        {said}
      </div>
      {tilesFailed && typeof navigator !== 'undefined' && !navigator.onLine && (
        <p className="govuk-inset-text">{t('location.noTiles')}</p>
      )}
      {outside && (
        <div className="govuk-warning-text" data-testid="outside-boundary">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">{t('common.warning')}</span>
            {t('location.outside', { council: council.name })}{' '}
            <a
              className="govuk-link"
              href={council.contacts.findYourCouncilUrl}
              rel="noreferrer"
              target="_blank"
            >
              {t('location.findCouncil')}
            </a>
          </strong>
        </div>
      )}
      {council.pspoZones.length > 0 && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">{t('location.pspoKey')}</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list govuk-list--bullet">
              {council.pspoZones.map((z) => (
                <li key={z.id}>
                  <strong>{z.name}</strong>:{' '}
                  {t('location.pspoProhibits', { list: z.prohibits.join('; ') })}
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
      <details className="govuk-details" data-testid="cant-use-map">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">{t('location.cantUseMap')}</span>
        </summary>
        <div className="govuk-details__text">
          <StreetSearch
            onChoose={(s) => {
              onStreet(s);
              announce(t('location.streetChosen', { street: streetAddress(s) }));
            }}
          />
          <p className="govuk-body govuk-!-margin-bottom-0">{t('location.orDescribe')}</p>
        </div>
      </details>
    </div>
  );
}
