/** The privacy notice, accessibility statement and cookies page (one lazily loaded chunk). */
import { useLocation } from '../router/router';
import { AccessibilityPage } from './AccessibilityPage';
import { CookiesPage } from './CookiesPage';
import { PrivacyNoticePage } from './PrivacyNoticePage';

export default function InfoPages() {
  const { path } = useLocation();
  if (path === '/accessibility') return <AccessibilityPage />;
  if (path === '/cookies') return <CookiesPage />;
  return <PrivacyNoticePage />;
}
