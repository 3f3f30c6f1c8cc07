import { useTranslation } from 'react-i18next';
import { Link } from '../router/router';

export function BackLink({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="govuk-back-link">
      {t('common.back')}
    </Link>
  );
}
