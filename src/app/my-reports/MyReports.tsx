/** The /reports pages (a lazily loaded chunk). */
import { matchPath, useLocation } from '../router/router';
import { DeleteReportPage } from './DeleteReportPage';
import { ReportsPage } from './ReportsPage';

export default function MyReports() {
  const { path } = useLocation();
  const del = matchPath('/reports/:id/delete', path);
  if (del) return <DeleteReportPage id={del.id!} />;
  return <ReportsPage />;
}
