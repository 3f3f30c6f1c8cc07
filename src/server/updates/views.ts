/** Updates as the caller may see them (see src/shared/request-updates.ts). */
import type { RequestUpdate } from '../../shared/request-updates';
import { w3c } from '../reports/views';
import type { StoredUpdate } from './updates-repository';

/** The full view (reporter, staff, integrations) or the public one (no note, media or code). */
export function updateView(u: StoredUpdate, full: boolean): RequestUpdate {
  const base: RequestUpdate = {
    update_id: u.update_id,
    service_request_id: u.report_id,
    status: u.status,
    updated_datetime: w3c(u.updated_datetime),
  };
  if (!full) return base;
  return {
    ...base,
    description: u.description,
    media_url: u.media_url,
    external_status_code: u.external_status_code,
  };
}
