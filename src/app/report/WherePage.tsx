/**
 * Where the problem is: a typed address or description of the place, and optionally latitude and
 * longitude: typed, from "Use my location", from the map's pin or a street chosen from the
 * gazetteer (location/MapPanel.tsx), all ending in the same fields.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isInside, type LatLong } from '../../shared/geo';
import { streetAddress } from '../../shared/gazetteer';
import { MapPanel } from '../location/MapPanel';
import type { FieldError } from '../components/ErrorSummary';
import { TextAreaField, TextField } from '../components/TextField';
import { findService, STEP_WHERE, type Draft } from './draft';
import { currentPosition, formatCoordinate, type GeoError } from './geolocate';
import { PspoNotice } from './PspoNotice';
import { StepForm, useStep } from './StepForm';

export const ADDRESS_MAX = 500;
const COORDINATE = /^-?\d{1,3}(\.\d{1,15})?$/;
const GEO_TIMEOUT_MS = 15_000;
// No inputMode="decimal" on latitude and longitude: iOS's decimal pad has no minus sign.

type Problems = Partial<Record<'address' | 'lat' | 'long', string>>;

/** The draft's point for the map's pin, when both coordinates are numbers. */
function pinOf(draft: Draft): LatLong | null {
  const lat = Number(draft.lat.trim());
  const long = Number(draft.long.trim());
  if (!draft.lat.trim() || !draft.long.trim() || !Number.isFinite(lat) || !Number.isFinite(long))
    return null;
  return Math.abs(lat) <= 90 && Math.abs(long) <= 180 ? { lat, long } : null;
}

export function WherePage() {
  const { t } = useTranslation();
  const { council, draft, setDraft, back, goNext } = useStep(STEP_WHERE);
  const service = findService(council, draft.serviceCode);
  const [problems, setProblems] = useState<Problems>({});
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<GeoError | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const validate = (): Problems => {
    const p: Problems = {};
    const address = draft.address.trim();
    const lat = draft.lat.trim();
    const long = draft.long.trim();
    if (address.length > ADDRESS_MAX)
      p.address = t('where.errors.addressTooLong', { max: ADDRESS_MAX });
    if (lat && !COORDINATE.test(lat)) p.lat = t('where.errors.latitude');
    else if (lat && Math.abs(Number(lat)) > 90) p.lat = t('where.errors.latitude');
    if (long && !COORDINATE.test(long)) p.long = t('where.errors.longitude');
    else if (long && Math.abs(Number(long)) > 180) p.long = t('where.errors.longitude');
    if (lat && !long && !p.lat) p.long = t('where.errors.longitudeMissing');
    if (long && !lat && !p.long) p.lat = t('where.errors.latitudeMissing');
    if (lat && long && !p.lat && !p.long) {
      if (!isInside({ lat: Number(lat), long: Number(long) }, council.boundary)) {
        p.lat = t('where.errors.outside', { council: council.name });
      }
    }
    if (!address && !lat && !long) p.address = t('where.errors.required');
    return p;
  };

  const onContinue = () => {
    const p = validate();
    setProblems(p);
    if (Object.keys(p).length === 0) goNext(draft);
  };

  const locate = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const timer = setTimeout(() => controller.abort(), GEO_TIMEOUT_MS);
    setLocating(true);
    setGeoError(null);
    const r = await currentPosition(controller.signal);
    clearTimeout(timer);
    if (abort.current !== controller) return;
    setLocating(false);
    if (r.ok) {
      set({ lat: formatCoordinate(r.value.lat), long: formatCoordinate(r.value.long) });
      setProblems({});
    } else setGeoError(r.error);
  };

  const errors: FieldError[] = (['address', 'lat', 'long'] as const)
    .filter((k) => problems[k])
    .map((k) => ({ field: `where-${k}`, message: problems[k]! }));

  const canLocate = typeof navigator !== 'undefined' && 'geolocation' in navigator;
  return (
    <StepForm
      title={t('where.title')}
      back={back}
      caption={service?.service_name}
      errors={errors}
      onContinue={onContinue}
    >
      <TextAreaField
        id="where-address"
        label={t('where.title')}
        asHeading
        hint={t('where.addressHint')}
        error={problems.address}
        value={draft.address}
        onChange={(v) => set({ address: v })}
        maxLength={ADDRESS_MAX}
        rows={3}
      />
      <MapPanel
        pin={pinOf(draft)}
        onPin={(p) => {
          set({ lat: formatCoordinate(p.lat), long: formatCoordinate(p.long) });
          setProblems({});
        }}
        onStreet={(s) => {
          set({
            address: draft.address.trim() ? draft.address : streetAddress(s),
            lat: formatCoordinate(s.lat),
            long: formatCoordinate(s.long),
          });
          setProblems({});
        }}
      />
      <fieldset className="govuk-fieldset" aria-describedby="where-coordinates-hint">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
          {t('where.coordinatesLegend')}
        </legend>
        <div id="where-coordinates-hint" className="govuk-hint">
          {t('where.coordinatesHint')}
        </div>
        {canLocate && (
          <div className="govuk-form-group">
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
              onClick={() => void locate()}
              disabled={locating}
              aria-disabled={locating}
            >
              {locating ? t('where.locating') : t('where.useMyLocation')}
            </button>
            <div aria-live="polite">
              {geoError && (
                <p className="govuk-body govuk-!-margin-bottom-0">
                  {t(`where.geoErrors.${geoError}`)}
                </p>
              )}
            </div>
          </div>
        )}
        <TextField
          id="where-lat"
          label={t('where.latitude')}
          hint={t('where.latitudeHint')}
          error={problems.lat}
          value={draft.lat}
          onChange={(v) => set({ lat: v })}
          widthClass="govuk-input--width-10"
          spellCheck={false}
        />
        <TextField
          id="where-long"
          label={t('where.longitude')}
          hint={t('where.longitudeHint')}
          error={problems.long}
          value={draft.long}
          onChange={(v) => set({ long: v })}
          widthClass="govuk-input--width-10"
          spellCheck={false}
        />
      </fieldset>
      <div aria-live="polite">
        {service && <PspoNotice service={service} lat={draft.lat} long={draft.long} />}
      </div>
    </StepForm>
  );
}
