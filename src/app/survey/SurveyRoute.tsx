/** /survey/<report id> (a lazily loaded chunk). */
import { matchPath, useLocation } from '../router/router';
import SurveyPage from './SurveyPage';

export default function SurveyRoute() {
  const { path } = useLocation();
  const m = matchPath('/survey/:id', path);
  return <SurveyPage id={m?.id ?? ''} />;
}
