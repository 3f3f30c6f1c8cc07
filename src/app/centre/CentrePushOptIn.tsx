/**
 * "Tell this device when the council updates this report", on the centre's page for a report it
 * filed: the resident's opt-in (PushOptIn), worded for a centre. The victim is never notified;
 * the notification names only the council reference and opens this page, which the centre reads
 * with its session. The council takes the subscription on the centre's session cookie, not on a
 * report secret (a centre's tablet holds none), and it is for this device only.
 */
import { PushOptIn } from '../push/PushOptIn';
import { centreTarget } from '../push/push-client';

export function CentrePushOptIn({ reference }: { reference: string }) {
  return <PushOptIn report={centreTarget(reference)} words="centre" />;
}
