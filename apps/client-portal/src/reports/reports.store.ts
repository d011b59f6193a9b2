import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ErrorCode, type KpiReportQuery, type KpiReportResponse, type SlaContract } from '@switchboard/shared-contracts';
import { contractVersionFor } from '@switchboard/shared-domain';
import { ApiError, getKpiReport, getSlaContract } from '@switchboard/web-data-access';
import { monthOf } from './report-range.util';

export type ReportFilters = Omit<KpiReportQuery, 'groupBy'>;

const sameFilters = (a: ReportFilters | null, b: ReportFilters) =>
  !!a && a.from === b.from && a.to === b.to && a.channel === b.channel && a.queueId === b.queueId && a.language === b.language;

/**
 * One client's report for a range and filters: the totals with a trend by day (one call, `groupBy=day`),
 * the 30-minute service-level grid (`groupBy=interval`), the queues to filter by, and the client's SLA
 * contract (none is a normal state). A newer load wins over an older one still in flight.
 */
export const useReportsStore = defineStore('reports', () => {
  const clientId = ref<string | null>(null);
  const filters = ref<ReportFilters | null>(null);
  const daily = shallowRef<KpiReportResponse | null>(null);
  const intervals = shallowRef<KpiReportResponse | null>(null);
  const queues = shallowRef<{ id: string; name: string }[]>([]);
  const contract = shallowRef<SlaContract | null>(null);
  const contractLoaded = ref(false);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<string | null>(null);
  const heatmapError = ref<string | null>(null);
  let generation = 0;

  /** The contract version in force in the range's last month (what the tiles are judged against). */
  const contractVersion = computed(() => {
    if (!contract.value || !filters.value) return null;
    return contractVersionFor(contract.value, monthOf(filters.value.to)) ?? contractVersionFor(contract.value, monthOf(filters.value.from));
  });

  async function loadContract(forClientId: string): Promise<void> {
    try {
      contract.value = await getSlaContract(forClientId);
    } catch (cause) {
      if (!(cause instanceof ApiError && cause.code === ErrorCode.SlaContractNotFound)) throw cause;
      contract.value = null;
    }
    contractLoaded.value = true;
  }

  async function loadQueues(forClientId: string, range: ReportFilters, mine: number): Promise<void> {
    const report = await getKpiReport(forClientId, { from: range.from, to: range.to, groupBy: 'queue' });
    if (mine !== generation) return;
    queues.value = report.groups.filter((group) => group.key !== 'none').map((group) => ({ id: group.key, name: group.label }));
  }

  async function load(forClientId: string, next: ReportFilters): Promise<void> {
    // The same report already shown or on its way: nothing to do.
    if (clientId.value === forClientId && sameFilters(filters.value, next) && (status.value === 'ready' || status.value === 'loading')) return;
    const mine = ++generation;
    if (clientId.value !== forClientId) {
      contract.value = null;
      contractLoaded.value = false;
      daily.value = null;
      intervals.value = null;
      queues.value = [];
    }
    clientId.value = forClientId;
    filters.value = next;
    status.value = 'loading';
    error.value = null;
    heatmapError.value = null;
    // The grid of another range is never shown under this one's dates (it is the slowest call).
    intervals.value = null;
    const heatmap = getKpiReport(forClientId, { ...next, groupBy: 'interval' }).then(
      (report) => {
        if (mine === generation) intervals.value = report;
      },
      (cause: unknown) => {
        if (mine === generation) heatmapError.value = cause instanceof Error ? cause.message : 'The interval grid could not be loaded.';
      },
    );
    try {
      const [report] = await Promise.all([getKpiReport(forClientId, { ...next, groupBy: 'day' }), contractLoaded.value ? null : loadContract(forClientId)]);
      if (mine !== generation) return;
      daily.value = report;
      status.value = 'ready';
      void loadQueues(forClientId, next, mine).catch(() => undefined);
    } catch (cause) {
      if (mine !== generation) return;
      error.value = cause instanceof Error ? cause.message : 'The report could not be loaded.';
      status.value = 'error';
    }
    await heatmap;
  }

  function $reset(): void {
    generation += 1;
    clientId.value = null;
    filters.value = null;
    daily.value = null;
    intervals.value = null;
    queues.value = [];
    contract.value = null;
    contractLoaded.value = false;
    status.value = 'idle';
    error.value = null;
    heatmapError.value = null;
  }

  return { clientId, filters, daily, intervals, queues, contract, contractLoaded, contractVersion, status, error, heatmapError, load, $reset };
});
