// The public-service search (/app/services, open to everyone): the heading at once, the search
// with its filters and results (ServiceSearch) as a chunk loaded on the first visit.
import { lazy } from '../../../shared/ui/lazy';
import { useTitle } from '../../title';
import { st } from './strings';

const ServiceSearch = lazy(() => import('./ServiceSearch').then((m) => m.ServiceSearch));

export function Services({ query }: { query: URLSearchParams }) {
  useTitle(st('search.title'));
  return (
    <>
      <h1 tabIndex={-1}>{st('search.title')}</h1>
      <p class="lead">{st('search.lead')}</p>
      <ServiceSearch
        initial={{
          q: query.get('q') ?? '',
          field: query.get('field') ?? '',
          level: query.get('level') ?? '',
          agency: query.get('agency') ?? '',
        }}
      />
    </>
  );
}
