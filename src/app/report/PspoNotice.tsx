/**
 * When the place is inside a Public Spaces Protection Order zone that covers this category
 * (e.g. street drinking in the town centre), says so and what the order prohibits there. The
 * check is the shared `pspoZonesAt`, the same the server uses to flag the report.
 */
import { useTranslation } from 'react-i18next';
import type { Service } from '../../shared/council-config';
import { pspoZonesAt } from '../../shared/pspo';
import { useCouncil } from '../council/council-context';

export function PspoNotice({
  service,
  lat,
  long,
  compact = false,
}: {
  service: Service;
  lat: string;
  long: string;
  /** Inside a summary list: no inset box. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const council = useCouncil();
  const la = Number(lat.trim());
  const lo = Number(long.trim());
  if (!lat.trim() || !long.trim() || !Number.isFinite(la) || !Number.isFinite(lo)) return null;
  const zones = pspoZonesAt(council, service.service_code, { lat: la, long: lo });
  if (!zones.length) return null;
  return (
    <div
      className={compact ? 'govuk-!-margin-top-2' : 'govuk-inset-text'}
      data-testid="pspo-notice"
    >
      {zones.map((z) => (
        <div key={z.id}>
          <p className="govuk-body govuk-!-margin-bottom-1">
            <strong>{t('pspo.inside', { zone: z.name })}</strong>
          </p>
          <p className="govuk-body govuk-!-margin-bottom-1">{t('pspo.prohibits')}</p>
          <ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">
            {z.prohibits.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
