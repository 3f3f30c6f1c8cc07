/** The /reports pages (a lazily loaded chunk). */
import { matchPath, useLocation } from '../router/router';
import { DeleteReportPage } from './DeleteReportPage';
import { ReportDetailPage } from './ReportDetailPage';
import { ReportsPage } from './ReportsPage';

export default function MyReports() {
  const { path } = useLocation();
  const del = matchPath('/reports/:id/delete', path);
  if (del) return <DeleteReportPage id={del.id!} />;
  const one = matchPath('/reports/:id', path);
  if (one) return <ReportDetailPage id={one.id!} />;
  return <ReportsPage />;
}
