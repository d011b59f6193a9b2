import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CalibrationUpdated, CoachingUpdated, DisputeUpdated, EvaluationSummary } from '@switchboard/shared-contracts';
import { useSessionStore } from '@switchboard/web-data-access';

/** A live QA notice: what happened, and the evaluation it opens. */
export interface QaNotice {
  key: number;
  text: string;
  /** Where the notice's link goes: an evaluation, or a calibration session. */
  evaluationId: string | null;
  sessionId?: string;
  /** A coaching note: the link opens the agent's or the lead's list of notes. */
  coaching?: boolean;
  tone: 'info' | 'warn' | 'success';
}

/** Notices step aside on their own after this long (they also close with their button or Escape). */
export const QA_NOTICE_MS = 12_000;
const NOTICES_MAX = 3;

let keys = 0;

/**
 * What QA screens hear live: `evaluation.submitted` and `dispute.updated` (the connector checks the
 * tenant first). Each bumps `revision`, which the open QA lists and the open evaluation watch to read
 * again; each someone else caused becomes a notice for this user.
 */
export const useQaLiveStore = defineStore('qaLive', () => {
  const session = useSessionStore();
  /** Grows by one with every QA change heard (and after a reconnect): lists re-read when it moves. */
  const revision = ref(0);
  /** The evaluation each change was about, latest last (the open evaluation re-reads when it is its own). */
  const lastEvaluationId = ref<string | null>(null);
  const notices = ref<QaNotice[]>([]);
  /** Grows with every calibration change heard: the open session and the sessions list re-read. */
  const calibrationRevision = ref(0);
  const lastSessionId = ref<string | null>(null);
  const timers = new Map<number, ReturnType<typeof setTimeout>>();

  function changed(evaluationId: string | null) {
    lastEvaluationId.value = evaluationId;
    revision.value += 1;
  }

  function notify(text: string, evaluationId: string | null, tone: QaNotice['tone'], more: { sessionId?: string; coaching?: boolean } = {}) {
    const notice: QaNotice = { key: ++keys, text, evaluationId, tone, ...more };
    notices.value = [...notices.value, notice].slice(-NOTICES_MAX);
    timers.set(notice.key, setTimeout(() => dismiss(notice.key), QA_NOTICE_MS));
  }

  function dismiss(key: number) {
    const timer = timers.get(key);
    if (timer) clearTimeout(timer);
    timers.delete(key);
    notices.value = notices.value.filter((n) => n.key !== key);
  }

  function applySubmitted(evaluation: EvaluationSummary) {
    changed(evaluation.id);
    const me = session.user?.id;
    if (!me || evaluation.reviewerId === me) return;
    const score = evaluation.score === null ? 'no score' : `${evaluation.score}`;
    if (evaluation.agentId === me) {
      notify(`New evaluation of ${evaluation.ticketReference} by ${evaluation.reviewerName ?? 'a lead'}: ${score}${evaluation.criticalFailed ? ' (critical fail)' : ''}.`, evaluation.id, evaluation.criticalFailed ? 'warn' : 'info');
    } else {
      notify(`${evaluation.reviewerName ?? 'A lead'} evaluated ${evaluation.agentName} on ${evaluation.ticketReference}: ${score}.`, evaluation.id, 'info');
    }
  }

  function applyDisputeUpdated({ dispute, evaluation }: DisputeUpdated) {
    changed(evaluation.id);
    const me = session.user?.id;
    if (!me) return;
    if (dispute.status === 'open') {
      if (dispute.raisedById === me) return;
      notify(`${dispute.raisedByName ?? evaluation.agentName} disputed a question of ${evaluation.ticketReference}.`, evaluation.id, 'warn');
    } else {
      if (dispute.resolvedById === me) return;
      const outcome = dispute.status === 'upheld' ? 'upheld' : `adjusted (score now ${evaluation.score ?? 'none'})`;
      const whose = evaluation.agentId === me ? 'Your dispute' : `${evaluation.agentName}'s dispute`;
      notify(`${whose} on ${evaluation.ticketReference} was ${outcome} by ${dispute.resolvedByName ?? 'a lead'}.`, evaluation.id, 'success');
    }
  }

  /** `evaluation.assigned`: a sampling draw put drafts on this lead's desk. */
  function applyAssigned(evaluations: readonly EvaluationSummary[]) {
    if (evaluations.length === 0) return;
    changed(evaluations[evaluations.length - 1].id);
    const n = evaluations.length;
    const first = evaluations[0];
    notify(n === 1 ? `Sampling gave you ${first.ticketReference} (${first.agentName}) to review.` : `Sampling gave you ${n} evaluations to review, starting with ${first.ticketReference}.`, first.id, 'info');
  }

  /** Sessions this user is closing themselves: their own close is no news to them. */
  const closingMyself = new Set<string>();
  function closingSession(sessionId: string) {
    closingMyself.add(sessionId);
  }

  /** `calibration.updated`: a participant submitted a review, or the session closed (its result is in). */
  function applyCalibration(update: CalibrationUpdated) {
    lastSessionId.value = update.sessionId;
    calibrationRevision.value += 1;
    if (update.status === 'closed' && !closingMyself.delete(update.sessionId)) notify('A calibration session you took part in closed: its result is in.', null, 'success', { sessionId: update.sessionId });
  }

  /** `coaching.updated`: a note was opened (the agent hears of it) or acknowledged (its author hears of it). */
  function applyCoaching(note: CoachingUpdated) {
    changed(null);
    const me = session.user?.id;
    if (!me) return;
    if (note.status === 'open' && note.agentId === me) notify(`${note.authorName ?? 'A lead'} left you a coaching note.`, null, 'info', { coaching: true });
    else if (note.status === 'acknowledged' && note.authorId === me) notify(`${note.agentName} acknowledged your coaching note.`, null, 'success', { coaching: true });
  }

  /** After a reconnect: whatever was missed, the open lists read again. */
  function refresh() {
    changed(null);
    lastSessionId.value = null;
    calibrationRevision.value += 1;
  }

  function $reset() {
    timers.forEach((timer) => clearTimeout(timer));
    timers.clear();
    notices.value = [];
    revision.value = 0;
    lastEvaluationId.value = null;
    calibrationRevision.value = 0;
    lastSessionId.value = null;
  }

  return { revision, lastEvaluationId, calibrationRevision, lastSessionId, notices, applySubmitted, applyDisputeUpdated, applyAssigned, applyCalibration, closingSession, applyCoaching, refresh, dismiss, $reset };
});
