import { ref, watch } from 'vue';
import type { QaReportGroup, QaReportResponse } from '@switchboard/shared-contracts';
import { getQaReport } from '@switchboard/web-data-access';

export interface QaReportPeriod {
  clientId: string;
  from: string;
  to: string;
}

/**
 * The client's QA report grouped by `groupBy` for the period the getter names, loaded again when the period
 * changes (by value: an equal period does not load twice); a late reply for a period no longer asked for is
 * dropped, and a failure says why.
 */
export function useQaReport(groupBy: QaReportGroup, period: () => QaReportPeriod) {
  const report = ref<QaReportResponse | null>(null);
  const status = ref<'loading' | 'ready' | 'error'>('loading');
  const error = ref<string | null>(null);
  const asked = () => JSON.stringify(period());
  watch(
    asked,
    async (wanted) => {
      const { clientId, from, to } = period();
      status.value = 'loading';
      try {
        const reply = await getQaReport(clientId, groupBy, from, to);
        if (wanted !== asked()) return;
        report.value = reply;
        status.value = 'ready';
      } catch (cause) {
        if (wanted !== asked()) return;
        error.value = cause instanceof Error ? cause.message : 'The quality figures could not be loaded.';
        status.value = 'error';
      }
    },
    { immediate: true },
  );
  return { report, status, error };
}
