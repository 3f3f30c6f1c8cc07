/**
 * The centre's part of a request view (extension `centre`), for staff, integrations and the
 * filing centre: which centre and user filed it, when, and what the victim agreed to.
 */
import type { CentreView } from '../../shared/centre-report';
import type { ServiceRequestView } from '../../shared/open311';
import { centreView } from './access';
import type { CentreFilingView } from './centres-repository';

export type ViewWithCentre = ServiceRequestView & { centre?: CentreView };

/** Adds `centre` to the view of a centre report (given as its filing, or a map of filings). */
export function withCentre(
  view: ServiceRequestView,
  filing: CentreFilingView | null | ReadonlyMap<string, CentreFilingView>,
): ViewWithCentre {
  const f =
    filing instanceof Map
      ? (filing as ReadonlyMap<string, CentreFilingView>).get(view.service_request_id)
      : (filing as CentreFilingView | null);
  return f ? { ...view, centre: centreView(f) } : view;
}
