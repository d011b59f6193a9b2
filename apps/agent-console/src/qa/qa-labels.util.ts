import { QA_NA, type DisputeStatus, type EvaluationStatus, type EvaluationStream, type QaAnswer, type QaScale } from '@switchboard/shared-contracts';
import { scaleRange } from '@switchboard/shared-domain';

/** The answers a question offers, as a reviewer reads them: Yes / No, or 1…n, then N/A where allowed. */
export function answerOptions(scale: QaScale, allowNa: boolean): { value: QaAnswer; label: string }[] {
  const values: { value: QaAnswer; label: string }[] =
    scale === 'binary'
      ? [
          { value: 1, label: 'Yes' },
          { value: 0, label: 'No' },
        ]
      : Array.from({ length: scaleRange(scale).max }, (_, i) => ({ value: i + 1, label: String(i + 1) }));
  return allowNa ? [...values, { value: QA_NA, label: 'N/A' }] : values;
}

export function answerLabel(scale: QaScale, answer: QaAnswer | null | undefined): string {
  if (answer === undefined || answer === null) return 'not answered';
  if (answer === QA_NA) return 'N/A';
  if (scale === 'binary') return answer === 1 ? 'Yes' : 'No';
  return `${answer} of ${scaleRange(scale).max}`;
}

export const SCALE_LABELS: Record<QaScale, string> = { binary: 'Yes / No', '3': '3-point', '4': '4-point', '5': '5-point' };

const STATUS_LABELS: Record<EvaluationStatus, string> = { draft: 'Draft', submitted: 'Submitted', acknowledged: 'Acknowledged', disputed: 'Disputed', resolved: 'Dispute resolved' };
export const evaluationStatusLabel = (status: EvaluationStatus) => STATUS_LABELS[status] ?? status;
export const STATUS_SEVERITY: Record<EvaluationStatus, 'secondary' | 'info' | 'success' | 'warn' | 'contrast'> = {
  draft: 'secondary',
  submitted: 'info',
  acknowledged: 'success',
  disputed: 'warn',
  resolved: 'contrast',
};

const STREAM_LABELS: Record<EvaluationStream, string> = { random: 'Random sample', targeted: 'Targeted', calibration: 'Calibration', manual: 'Chosen by hand' };
export const streamLabel = (stream: EvaluationStream) => STREAM_LABELS[stream] ?? stream;

const DISPUTE_LABELS: Record<DisputeStatus, string> = { open: 'Open', upheld: 'Upheld', adjusted: 'Adjusted' };
export const disputeStatusLabel = (status: DisputeStatus) => DISPUTE_LABELS[status] ?? status;

export const scoreText = (score: number | null | undefined) => (score === null || score === undefined ? '—' : score.toFixed(1));

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
export const whenText = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');

/** AutoQA's flags as a lead reads them, in the order its rules run. */
export const AUTOQA_FLAG_LABELS: Record<string, string> = {
  missing_greeting: 'No greeting',
  missing_closing: 'No closing',
  slow_first_response: 'Slow first response',
  card_data: 'Card data asked or typed',
  negative_end: 'Ended on a negative note',
  long_hold: 'Long hold',
  long_silence: 'Long silence',
  missing_required_phrase: 'Required phrase missing',
};
export const autoQaFlagLabel = (flag: string) => AUTOQA_FLAG_LABELS[flag] ?? flag.replace(/_/g, ' ');
