import { useEffect, useMemo, useState } from 'preact/hooks';
import type {
  Category,
  Organisation,
  Queue,
  ReportAgentRow,
  ReportCsatItem,
  ReportExport,
  ReportOverview,
  ReportParams,
  StaffMember,
} from '../../api/types.js';
import { DateTime, ErrorMessage, errorText, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { type I18n, useI18n } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { navigate, useLocation } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';
import { Chart, type ChartSeries } from './chart.js';
import {
  defaultRange,
  formatDuration,
  formatNumber,
  formatShare,
  paramsFromSearch,
  previousRange,
  reportQuery,
  searchOfParams,
  sortRows,
  trendOf,
} from './figures.js';

const priorities = ['urgent', 'high', 'normal', 'low'] as const;
const intervals = ['day', 'week', 'month'] as const;
const clocks = ['timeToOpen', 'timeToResolve', 'totalServiceTime'] as const;
const exports: readonly ReportExport[] = ['overview', 'agents', 'csat', 'tickets'];

const colors = {
  created: '#0b57d0',
  resolved: '#1e7d3c',
  p90: '#b4540a',
  sla: '#6a3bb5',
  backlog: '#8a1111',
};

/**
 * Reports (docs/reports.md): how the desk performs over a date range, from the pre-aggregated
 * figures. Leads and admins filter by anything; an agent sees its own figures (`agent=me`).
 * The applied range and filters live in the address (`/reports?from=…&to=…&queue=…`): a reload
 * or a shared link shows the same report, back and forward step through the ones applied.
 * Loaded on demand with uPlot (lazy.tsx), so the initial bundle does not carry either.
 */
const ReportsPage = () => {
  const { api, user } = useApp();
  const i18n = useI18n();
  const { t, tx } = i18n;
  const ownFigures = user?.role === 'agent';
  const { search } = useLocation();
  const timeZone = user?.timeZone;
  const filters = useMemo(
    () => paramsFromSearch(search, defaultRange(new Date(), timeZone)),
    [search, timeZone],
  );
  const [draft, setDraft] = useState<ReportParams>(filters);
  // Back, forward or a link: the form shows the report the address names.
  useEffect(() => setDraft(filters), [filters]);
  const query = useMemo(() => reportQuery(filters, ownFigures), [filters, ownFigures]);

  const choices = useLoad(async () => {
    const [queues, categories, organisations, agents] = await Promise.all([
      api.listQueues().catch((): Queue[] => []),
      api.listCategories().catch((): Category[] => []),
      api.organisationList().catch((): Organisation[] => []),
      ownFigures ? Promise.resolve([]) : api.listStaff('agent').catch((): StaffMember[] => []),
    ]);
    return { queues, categories, organisations, agents };
  }, [api, ownFigures]);

  const overview = useLoad(async () => (await api.reportOverview(query)).data, [api, query]);
  // The same filters over the days just before: the trend of the deflections tile.
  const before = useLoad(async () => {
    if (!query.from || !query.to) return null;
    const range = previousRange({ from: query.from, to: query.to });
    const { data } = await api.reportOverview({ ...query, from: range.from, to: range.to });
    return { deflections: data.totals.deflections, days: range.days };
  }, [api, query]);

  const set = (field: keyof ReportParams) => (event: { currentTarget: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.currentTarget.value }));

  const select = (field: keyof ReportParams, label: string, options: readonly [string, string][]) => (
    <div class="field">
      <label for={`report-${field}`}>{label}</label>
      <select id={`report-${field}`} value={draft[field] ?? ''} onChange={set(field)}>
        <option value="">{t('reports.all')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  const lists = choices.data;
  return (
    <section class="reports">
      <div class="page-head">
        <h1>{t('reports.title')}</h1>
        <button type="button" class="secondary" onClick={overview.reload}>
          {t('app.refresh')}
        </button>
      </div>
      {ownFigures && <p class="hint">{t('reports.ownFigures')}</p>}

      <form
        class="filters"
        aria-label={t('reports.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          const next = searchOfParams(draft);
          if (next !== search) navigate(`${paths.reports}${next}`);
        }}
      >
        <div class="field">
          <label for="report-from">{t('reports.from')}</label>
          <input id="report-from" type="date" required value={draft.from ?? ''} onChange={set('from')} />
        </div>
        <div class="field">
          <label for="report-to">{t('reports.to')}</label>
          <input id="report-to" type="date" required value={draft.to ?? ''} onChange={set('to')} />
        </div>
        {select(
          'queue',
          t('reports.queue'),
          (lists?.queues ?? []).map((queue) => [queue.id, queue.name]),
        )}
        {select(
          'priority',
          t('reports.priority'),
          priorities.map((priority) => [priority, tx(`priority.${priority}`, priority)]),
        )}
        {select(
          'category',
          t('reports.category'),
          (lists?.categories ?? []).map((category) => [category.id, category.names[i18n.language]]),
        )}
        {select(
          'orgId',
          t('reports.organisation'),
          (lists?.organisations ?? []).map((organisation) => [organisation.id, organisation.name]),
        )}
        {!ownFigures &&
          select(
            'agent',
            t('reports.agent'),
            (lists?.agents ?? []).map((agent) => [agent.id, agent.name]),
          )}
        <div class="field">
          <label for="report-interval">{t('reports.interval')}</label>
          <select id="report-interval" value={draft.interval ?? ''} onChange={set('interval')}>
            <option value="">{t('reports.auto')}</option>
            {intervals.map((interval) => (
              <option key={interval} value={interval}>
                {t(`reports.${interval}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('reports.apply')}</button>
      </form>

      {overview.error !== undefined ? (
        <ErrorMessage error={overview.error} onRetry={overview.reload} />
      ) : !overview.data ? (
        <Loading />
      ) : (
        <>
          <Kpis report={overview.data} before={before.data ?? null} />
          <Charts report={overview.data} />
        </>
      )}
      <Downloads query={query} ownFigures={ownFigures} />
      {!ownFigures && <Agents query={query} />}
      <Comments query={query} />
      <Trends query={query} />
    </section>
  );
};

export default ReportsPage;

const trendMarks = { up: '▲', down: '▼', flat: '=' } as const;

const Tile = ({
  label,
  value,
  detail,
  trend,
}: {
  label: string;
  value: string;
  detail?: string;
  /** Shown as an arrow before the detail, which says the same in words. */
  trend?: keyof typeof trendMarks;
}) => (
  <li class="kpi">
    <span class="kpi-label">{label}</span>
    <span class="kpi-value">{value}</span>
    {detail && (
      <span class="kpi-detail">
        {trend && (
          <span class={`kpi-trend trend-${trend}`} aria-hidden="true">
            {trendMarks[trend]}{' '}
          </span>
        )}
        {detail}
      </span>
    )}
  </li>
);

/** The deflections tile's line: how the count moved against the same number of days before. */
const deflectionTrend = (
  t: I18n['t'],
  current: number,
  before: { deflections: number; days: number },
  number: (value: number) => string,
) => {
  const { direction, change } = trendOf(current, before.deflections);
  return t(`reports.deflectionsTrend.${direction}`, {
    change: number(change),
    days: before.days,
    previous: number(before.deflections),
  });
};

const Kpis = ({
  report,
  before,
}: {
  report: ReportOverview;
  before: { deflections: number; days: number } | null;
}) => {
  const { t, locale } = useI18n();
  const none = t('reports.none');
  const number = (value: number) => formatNumber(value, locale, none);
  const duration = (seconds: number | null) => formatDuration(seconds, locale, none);
  const durations = (figures: ReportOverview['firstResponseTime']) =>
    t('reports.p50p90', { p50: duration(figures.p50), p90: duration(figures.p90) });
  return (
    <section aria-labelledby="kpi-title">
      <h2 id="kpi-title" class="visually-hidden">
        {t('reports.kpis')}
      </h2>
      <ul class="kpis">
        <Tile label={t('reports.created')} value={number(report.totals.created)} />
        <Tile label={t('reports.resolved')} value={number(report.totals.resolved)} />
        <Tile
          label={t('reports.backlog')}
          value={number(report.totals.backlog)}
          detail={t('reports.backlogHint')}
        />
        <Tile
          label={t('reports.firstResponse')}
          value={duration(report.firstResponseTime.p50)}
          detail={durations(report.firstResponseTime)}
        />
        <Tile
          label={t('reports.resolution')}
          value={duration(report.resolutionTime.p50)}
          detail={durations(report.resolutionTime)}
        />
        {clocks.map((clock) => (
          <Tile
            key={clock}
            label={`${t('reports.slaCompliance')}: ${t(`reports.clocks.${clock}`)}`}
            value={formatShare(report.sla[clock].compliance, locale, none)}
            detail={t('reports.metBreached', {
              met: number(report.sla[clock].met),
              breached: number(report.sla[clock].breached),
            })}
          />
        ))}
        <Tile
          label={t('reports.csatAverage')}
          value={formatNumber(report.csat.average, locale, none, 2)}
          detail={t('reports.csatResponses', { count: report.csat.responses })}
        />
        <Tile
          label={t('reports.deflections')}
          value={number(report.totals.deflections)}
          detail={
            before
              ? deflectionTrend(t, report.totals.deflections, before, number)
              : t('reports.deflectionsHint')
          }
          {...(before ? { trend: trendOf(report.totals.deflections, before.deflections).direction } : {})}
        />
      </ul>
    </section>
  );
};

const Charts = ({ report }: { report: ReportOverview }) => {
  const { t, locale } = useI18n();
  const none = t('reports.none');
  const charts = useMemo(() => {
    const labels = report.series.map((point) => point.start);
    const hours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);
    const line = (label: string, color: string, values: (number | null)[]): ChartSeries => ({
      label,
      color,
      values,
    });
    return {
      labels,
      volume: [
        line(
          t('reports.created'),
          colors.created,
          report.series.map((point) => point.created),
        ),
        line(
          t('reports.resolved'),
          colors.resolved,
          report.series.map((point) => point.resolved),
        ),
      ],
      firstResponse: [
        line(
          t('reports.median'),
          colors.created,
          report.series.map((point) => hours(point.firstResponseP50)),
        ),
        line(
          t('reports.p90'),
          colors.p90,
          report.series.map((point) => hours(point.firstResponseP90)),
        ),
      ],
      sla: [
        line(
          t('reports.compliance'),
          colors.sla,
          report.series.map((point) => (point.slaCompliance === null ? null : point.slaCompliance * 100)),
        ),
      ],
      backlog: [
        line(
          t('reports.backlog'),
          colors.backlog,
          report.series.map((point) => point.backlog),
        ),
      ],
      ratings: ['1', '2', '3', '4', '5'],
      csat: [
        line(
          t('reports.responses'),
          colors.created,
          ['1', '2', '3', '4', '5'].map((rating) => report.csat.distribution[rating] ?? 0),
        ),
      ],
    };
  }, [report, t]);
  const count = useMemo(() => (value: number | null) => formatNumber(value, locale, none), [locale, none]);
  const hours = useMemo(() => (value: number | null) => formatNumber(value, locale, none, 1), [locale, none]);
  const percent = useMemo(
    () => (value: number | null) => formatNumber(value, locale, none, 1),
    [locale, none],
  );
  return (
    <section aria-labelledby="charts-title">
      <h2 id="charts-title" class="visually-hidden">
        {t('reports.charts')}
      </h2>
      <div class="report-charts">
        <Chart
          id="chart-volume"
          title={t('reports.chartVolume')}
          labelHeading={t('reports.period')}
          labels={charts.labels}
          series={charts.volume}
          format={count}
        />
        <Chart
          id="chart-first-response"
          title={t('reports.chartFirstResponse')}
          labelHeading={t('reports.period')}
          labels={charts.labels}
          series={charts.firstResponse}
          format={hours}
        />
        <Chart
          id="chart-sla"
          title={t('reports.chartSla')}
          labelHeading={t('reports.period')}
          labels={charts.labels}
          series={charts.sla}
          format={percent}
        />
        <Chart
          id="chart-backlog"
          title={t('reports.chartBacklog')}
          labelHeading={t('reports.period')}
          labels={charts.labels}
          series={charts.backlog}
          format={count}
        />
        <Chart
          id="chart-csat"
          title={t('reports.chartCsat')}
          labelHeading={t('reports.rating')}
          labels={charts.ratings}
          series={charts.csat}
          format={count}
          bars
        />
      </div>
    </section>
  );
};

const Downloads = ({ query, ownFigures }: { query: ReportParams; ownFigures: boolean }) => {
  const { api, notify } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState<ReportExport | null>(null);
  const download = async (report: ReportExport) => {
    setBusy(report);
    try {
      const { blob, fileName } = await api.reportExport(report, query);
      const name = fileName ?? `${report}.csv`;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      notify('success', t('reports.downloaded', { name }));
    } catch (error) {
      notify('error', errorText(error, i18n));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('reports.downloads')}</h2>
      <div class="actions">
        {exports
          .filter((report) => !(ownFigures && report === 'agents'))
          .map((report) => (
            <button
              key={report}
              type="button"
              class="secondary"
              disabled={busy !== null}
              aria-busy={busy === report}
              onClick={() => void download(report)}
            >
              {t(`reports.download.${report}`)}
            </button>
          ))}
      </div>
    </section>
  );
};

type AgentColumn =
  | 'name'
  | 'assigned'
  | 'resolved'
  | 'firstResponseP50'
  | 'resolutionP50'
  | 'slaCompliance'
  | 'csatAverage'
  | 'reopenedRate'
  | 'rank';

const agentValue = (column: AgentColumn) => (row: ReportAgentRow) =>
  column === 'name' ? row.agent.name.toLocaleLowerCase() : row[column];

const Agents = ({ query }: { query: ReportParams }) => {
  const { api } = useApp();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const none = t('reports.none');
  const agents = useLoad(async () => (await api.reportAgents(query)).data, [api, query]);
  const [sort, setSort] = useState<{ column: AgentColumn; descending: boolean }>({
    column: 'rank',
    descending: false,
  });
  const columns: { column: AgentColumn; label: string; cell: (row: ReportAgentRow) => string }[] = [
    {
      column: 'assigned',
      label: t('reports.assigned'),
      cell: (row) => formatNumber(row.assigned, locale, none),
    },
    {
      column: 'resolved',
      label: t('reports.resolved'),
      cell: (row) => formatNumber(row.resolved, locale, none),
    },
    {
      column: 'firstResponseP50',
      label: t('reports.firstResponseP50'),
      cell: (row) => formatDuration(row.firstResponseP50, locale, none),
    },
    {
      column: 'resolutionP50',
      label: t('reports.resolutionP50'),
      cell: (row) => formatDuration(row.resolutionP50, locale, none),
    },
    {
      column: 'slaCompliance',
      label: t('reports.slaCompliance'),
      cell: (row) => formatShare(row.slaCompliance, locale, none),
    },
    {
      column: 'csatAverage',
      label: t('reports.csatAverage'),
      cell: (row) =>
        `${formatNumber(row.csatAverage, locale, none, 2)} (${formatNumber(row.csatResponses, locale, none)})`,
    },
    {
      column: 'reopenedRate',
      label: t('reports.reopenedRate'),
      cell: (row) => formatShare(row.reopenedRate, locale, none),
    },
    { column: 'rank', label: t('reports.rank'), cell: (row) => formatNumber(row.rank, locale, none) },
  ];
  const header = (column: AgentColumn, label: string) => {
    const active = sort.column === column;
    return (
      <th
        scope="col"
        key={column}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
      >
        <button
          type="button"
          class="link sort"
          aria-label={t('reports.sortBy', { column: label })}
          onClick={() =>
            setSort((current) => ({
              column,
              descending:
                current.column === column ? !current.descending : column !== 'name' && column !== 'rank',
            }))
          }
        >
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <section aria-labelledby="agents-title">
      <h2 id="agents-title">{t('reports.agents')}</h2>
      {agents.error !== undefined ? (
        <ErrorMessage error={agents.error} onRetry={agents.reload} />
      ) : !agents.data ? (
        <Loading />
      ) : agents.data.items.length === 0 ? (
        <p class="empty">{t('reports.noAgents')}</p>
      ) : (
        <>
          <p class="hint">{t('reports.agentsHint', { count: agents.data.minTickets })}</p>
          <div class="table-wrap">
            <table class="numbers">
              <caption class="visually-hidden">{t('reports.agents')}</caption>
              <thead>
                <tr>
                  {header('name', t('reports.agent'))}
                  {columns.map(({ column, label }) => header(column, label))}
                </tr>
              </thead>
              <tbody>
                {sortRows(agents.data.items, agentValue(sort.column), sort.descending).map((row) => (
                  <tr key={row.agent.id} class={row.flag ? `agent-${row.flag}` : undefined}>
                    <th scope="row">
                      {row.agent.name}{' '}
                      {row.flag && <span class={`badge flag-${row.flag}`}>{t(`reports.${row.flag}`)}</span>}
                    </th>
                    {columns.map(({ column, label, cell }) => (
                      <td key={column} data-label={label}>
                        {cell(row)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
};

const Comments = ({ query }: { query: ReportParams }) => {
  const { api } = useApp();
  const { t } = useI18n();
  const [more, setMore] = useState<{ items: ReportCsatItem[]; cursor: string | null; error: unknown }>({
    items: [],
    cursor: null,
    error: undefined,
  });
  const first = useLoad(async () => {
    const { data } = await api.reportCsat(query);
    setMore({ items: [], cursor: data.nextCursor, error: undefined });
    return data;
  }, [api, query]);
  const loadMore = async () => {
    if (!more.cursor) return;
    try {
      const { data } = await api.reportCsat(query, more.cursor);
      setMore((current) => ({
        items: [...current.items, ...data.items],
        cursor: data.nextCursor,
        error: undefined,
      }));
    } catch (error) {
      setMore((current) => ({ ...current, error }));
    }
  };
  const items = [...(first.data?.items ?? []), ...more.items];
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title">{t('reports.comments')}</h2>
      {first.error !== undefined ? (
        <ErrorMessage error={first.error} onRetry={first.reload} />
      ) : !first.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="empty">{t('reports.noComments')}</p>
      ) : (
        <>
          <ul class="csat-comments">
            {items.map((item) => (
              <li key={item.ticketId}>
                <p class="csat-line">
                  <span class="badge">{t('reports.ratingOf', { rating: item.rating })}</span>{' '}
                  <a class="reference" href={paths.ticket(item.ticketId)}>
                    {item.reference}
                  </a>{' '}
                  {item.agent && <span>{item.agent.name}</span>} <DateTime iso={item.createdAt} />
                </p>
                <p class={item.comment ? 'csat-line' : 'csat-line muted'}>
                  {item.comment ?? t('reports.noComment')}
                </p>
              </li>
            ))}
          </ul>
          {more.error !== undefined && <ErrorMessage error={more.error} />}
          {more.cursor && (
            <button type="button" class="secondary" onClick={() => void loadMore()}>
              {t('app.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
};

const trendQuery = (query: ReportParams) => ({
  ...(query.to ? { to: query.to } : {}),
  ...(query.timeZone ? { timeZone: query.timeZone } : {}),
  ...(query.agent ? { agent: query.agent } : {}),
});

const Trends = ({ query }: { query: ReportParams }) => {
  const { api } = useApp();
  const i18n: I18n = useI18n();
  const { t, locale } = i18n;
  const none = t('reports.none');
  const asked = useMemo(() => trendQuery(query), [query]);
  const trends = useLoad(async () => (await api.reportTrends(asked)).data, [api, asked]);
  const days = (window: { from: string; to: string }) =>
    Math.round((Date.parse(window.to) - Date.parse(window.from)) / 86_400_000) + 1;
  return (
    <section aria-labelledby="trends-title">
      <h2 id="trends-title">{t('reports.trends')}</h2>
      {trends.error !== undefined ? (
        <ErrorMessage error={trends.error} onRetry={trends.reload} />
      ) : !trends.data ? (
        <Loading />
      ) : (
        <>
          <p class="hint">
            {t('reports.trendsHint', {
              recent: days(trends.data.recent),
              baseline: days(trends.data.baseline),
            })}
          </p>
          {trends.data.items.length === 0 ? (
            <p class="empty">{t('reports.noTrends')}</p>
          ) : (
            <div class="table-wrap">
              <table class="numbers">
                <caption class="visually-hidden">{t('reports.trends')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.topic')}</th>
                    <th scope="col">{t('reports.kind')}</th>
                    <th scope="col">{t('reports.recent')}</th>
                    <th scope="col">{t('reports.baseline')}</th>
                    <th scope="col">{t('reports.ratio')}</th>
                    <th scope="col">{t('reports.examples')}</th>
                  </tr>
                </thead>
                <tbody>
                  {trends.data.items.map((trend) => (
                    <tr key={`${trend.kind}:${trend.topic}`}>
                      <th scope="row">{trend.topic}</th>
                      <td data-label={t('reports.kind')}>{t(`reports.kinds.${trend.kind}`)}</td>
                      <td data-label={t('reports.recent')}>{formatNumber(trend.recent, locale, none)}</td>
                      <td data-label={t('reports.baseline')}>{formatNumber(trend.baseline, locale, none)}</td>
                      <td data-label={t('reports.ratio')}>{formatNumber(trend.ratio, locale, none, 1)}</td>
                      <td data-label={t('reports.examples')}>
                        {trend.examples.map((reference) => (
                          <a
                            key={reference}
                            class="reference example"
                            href={`${paths.search}?q=${encodeURIComponent(reference)}`}
                          >
                            {reference}
                          </a>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
};
