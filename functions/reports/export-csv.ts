import { ExportQuery } from '#reports/schemas.js';
import { exportCsv, exportFileName } from '#reports/use-cases/export.js';
import { route, signedIn } from '../http/route.js';
import { reportDeps } from '../wiring/reports-api.js';
import { rangeAndFilters } from './report-range.js';

export const handler = route({ action: 'reports:read', query: ExportQuery }, async ({ caller, query }) => {
  const { range, filters } = rangeAndFilters(signedIn(caller), query);
  const body = await exportCsv(reportDeps, query.report, range, filters);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${exportFileName(query.report, range)}"`,
      'cache-control': 'no-store',
    },
    body,
  };
});
