import type {
  AutoQaResultView,
  AutoQaSettings,
  QaSettings,
  CalibrationReviewView,
  CoachingNoteView,
  CreateCoachingNoteRequest,
  CalibrationSessionSummary,
  CalibrationSessionView,
  CreateCalibrationSessionRequest,
  DisputeView,
  EvaluationStatus,
  EvaluationSummary,
  EvaluationView,
  Page,
  QaReportGroup,
  QaReportResponse,
  RaiseDisputeRequest,
  ResolveDisputeRequest,
  ReviewCandidate,
  RunSamplingDrawRequest,
  SamplingDrawView,
  SamplingPolicyRequest,
  SamplingPolicyView,
  SaveCalibrationReviewRequest,
  SaveEvaluationRequest,
  ScorecardDefinition,
  ScorecardSummary,
  ScorecardView,
} from '@switchboard/shared-contracts';
import { afterQuery, allPages, apiRequest } from '../http/http-client.util';

const enc = encodeURIComponent;
const query = (params: Record<string, string | number | null | undefined>) => {
  const parts = Object.entries(params)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${enc(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

/** `GET /api/clients/:clientId/scorecards`: the client's scorecards (staff of the client), page after page. */
export function listScorecards(clientId: string): Promise<ScorecardSummary[]> {
  return allPages((after) => apiRequest<Page<ScorecardSummary>>('GET', `/api/clients/${enc(clientId)}/scorecards${afterQuery(after)}`));
}

/** `GET /api/scorecards/:id[?version=n]`: the latest version, or version `n`. */
export function getScorecard(scorecardId: string, version?: number): Promise<ScorecardView> {
  return apiRequest<ScorecardView>('GET', `/api/scorecards/${enc(scorecardId)}${query({ version })}`);
}

/** `POST /api/clients/:clientId/scorecards` (admins): a new scorecard at version 1 (the client's first becomes active). */
export function createScorecard(clientId: string, definition: ScorecardDefinition): Promise<ScorecardView> {
  return apiRequest<ScorecardView>('POST', `/api/clients/${enc(clientId)}/scorecards`, definition);
}

/** `PUT /api/scorecards/:id` (admins): saves the whole definition as the next version. */
export function updateScorecard(scorecardId: string, definition: ScorecardDefinition): Promise<ScorecardView> {
  return apiRequest<ScorecardView>('PUT', `/api/scorecards/${enc(scorecardId)}`, definition);
}

/** `POST /api/scorecards/:id/activate` (admins): new evaluations of the client are scored on it. */
export function activateScorecard(scorecardId: string): Promise<ScorecardView> {
  return apiRequest<ScorecardView>('POST', `/api/scorecards/${enc(scorecardId)}/activate`);
}

export interface EvaluationListFilter {
  agentId?: string;
  clientId?: string;
  status?: EvaluationStatus;
  /** `me`: only the caller's reviews (their drafts, sampling's assignments included). */
  reviewer?: 'me';
}

/** `GET /api/evaluations`: newest first, a page at a time (agents: their own, submitted). */
export function listEvaluations(filter: EvaluationListFilter = {}, after: string | null = null, limit?: number): Promise<Page<EvaluationSummary>> {
  return apiRequest<Page<EvaluationSummary>>('GET', `/api/evaluations${query({ ...filter, limit, after })}`);
}

/** `GET /api/evaluations/:id`: the evaluation in full with its scorecard version and disputes. */
export function getEvaluation(evaluationId: string): Promise<EvaluationView> {
  return apiRequest<EvaluationView>('GET', `/api/evaluations/${enc(evaluationId)}`);
}

/** `GET /api/qa/review-candidates` (leads, admins): resolved tickets not yet evaluated, newest first. */
export function listReviewCandidates(clientId: string | null = null, after: string | null = null): Promise<Page<ReviewCandidate>> {
  return apiRequest<Page<ReviewCandidate>>('GET', `/api/qa/review-candidates${query({ clientId, after })}`);
}

/** `POST /api/tickets/:ticketId/evaluations` (leads, admins): a draft on the client's active scorecard. */
export function startEvaluation(ticketId: string, agentId?: string): Promise<EvaluationView> {
  return apiRequest<EvaluationView>('POST', `/api/tickets/${enc(ticketId)}/evaluations`, agentId ? { agentId } : {});
}

/** `PUT /api/evaluations/:id`: saves part of the reviewer's draft (`null` clears an answer, `''` a comment). */
export function saveEvaluation(evaluationId: string, change: SaveEvaluationRequest): Promise<EvaluationView> {
  return apiRequest<EvaluationView>('PUT', `/api/evaluations/${enc(evaluationId)}`, change);
}

/** `POST /api/evaluations/:id/submit`: scores the draft; refused with every missing or bad answer listed. */
export function submitEvaluation(evaluationId: string): Promise<EvaluationView> {
  return apiRequest<EvaluationView>('POST', `/api/evaluations/${enc(evaluationId)}/submit`);
}

/** `POST /api/evaluations/:id/acknowledge` (the agent evaluated): accepts it; final. */
export function acknowledgeEvaluation(evaluationId: string): Promise<EvaluationView> {
  return apiRequest<EvaluationView>('POST', `/api/evaluations/${enc(evaluationId)}/acknowledge`);
}

/** `POST /api/evaluations/:id/disputes` (the agent evaluated): disputes one question with a reason. */
export function raiseDispute(evaluationId: string, request: RaiseDisputeRequest): Promise<DisputeView> {
  return apiRequest<DisputeView>('POST', `/api/evaluations/${enc(evaluationId)}/disputes`, request);
}

/** `POST /api/disputes/:id/resolve` (a lead other than the reviewer): upheld, or adjusted with the new answer. */
export function resolveDispute(disputeId: string, request: ResolveDisputeRequest): Promise<DisputeView> {
  return apiRequest<DisputeView>('POST', `/api/disputes/${enc(disputeId)}/resolve`, request);
}

/** `GET /api/clients/:clientId/sampling-policies` (leads, admins): the client's sampling policies, page after page. */
export function listSamplingPolicies(clientId: string): Promise<SamplingPolicyView[]> {
  return allPages((after) => apiRequest<Page<SamplingPolicyView>>('GET', `/api/clients/${enc(clientId)}/sampling-policies${afterQuery(after)}`));
}

/** `POST /api/clients/:clientId/sampling-policies` (admins). */
export function createSamplingPolicy(clientId: string, request: SamplingPolicyRequest): Promise<SamplingPolicyView> {
  return apiRequest<SamplingPolicyView>('POST', `/api/clients/${enc(clientId)}/sampling-policies`, request);
}

/** `PUT /api/sampling-policies/:id` (admins): replaces the policy. */
export function updateSamplingPolicy(policyId: string, request: SamplingPolicyRequest): Promise<SamplingPolicyView> {
  return apiRequest<SamplingPolicyView>('PUT', `/api/sampling-policies/${enc(policyId)}`, request);
}

/** `GET /api/sampling-policies/:id/draws`: the policy's draws, newest first. */
export function listSamplingDraws(policyId: string, after: string | null = null): Promise<Page<SamplingDrawView>> {
  return apiRequest<Page<SamplingDrawView>>('GET', `/api/sampling-policies/${enc(policyId)}/draws${query({ after })}`);
}

/** `POST /api/sampling-policies/:id/draws` (leads, admins): draws now — the period holding `date`, or the last one that ended. */
export function runSamplingDraw(policyId: string, request: RunSamplingDrawRequest = {}): Promise<SamplingDrawView> {
  return apiRequest<SamplingDrawView>('POST', `/api/sampling-policies/${enc(policyId)}/draws`, request);
}

/** `GET /api/tickets/:id/autoqa`: AutoQA's checks of a resolved ticket with their evidence (404 until checked). */
export function getTicketAutoQa(ticketId: string): Promise<AutoQaResultView> {
  return apiRequest<AutoQaResultView>('GET', `/api/tickets/${enc(ticketId)}/autoqa`);
}

/** `GET /api/clients/:clientId/autoqa?flag=&agentId=` (leads, admins): the client's AutoQA results, newest first; `flag=any`: the flagged ones. */
export function listAutoQaResults(clientId: string, filter: { flag?: string; agentId?: string } = {}, after: string | null = null): Promise<Page<AutoQaResultView>> {
  return apiRequest<Page<AutoQaResultView>>('GET', `/api/clients/${enc(clientId)}/autoqa${query({ ...filter, after })}`);
}

/** `GET /api/clients/:clientId/autoqa-settings` (leads, admins). */
export function getAutoQaSettings(clientId: string): Promise<AutoQaSettings> {
  return apiRequest<AutoQaSettings>('GET', `/api/clients/${enc(clientId)}/autoqa-settings`);
}

/** `GET /api/clients/:clientId/qa-settings` (leads, admins): the client's dispute window and limit. */
export function getQaSettings(clientId: string): Promise<QaSettings> {
  return apiRequest<QaSettings>('GET', `/api/clients/${enc(clientId)}/qa-settings`);
}

/** `PUT /api/clients/:clientId/qa-settings` (admins): both fields; applies to evaluations already submitted. */
export function saveQaSettings(clientId: string, settings: QaSettings): Promise<QaSettings> {
  return apiRequest<QaSettings>('PUT', `/api/clients/${enc(clientId)}/qa-settings`, settings);
}

/** `PUT /api/clients/:clientId/autoqa-settings` (admins): replaces them. */
export function saveAutoQaSettings(clientId: string, settings: AutoQaSettings): Promise<AutoQaSettings> {
  return apiRequest<AutoQaSettings>('PUT', `/api/clients/${enc(clientId)}/autoqa-settings`, settings);
}

/** `GET /api/clients/:clientId/calibration-sessions` (leads, admins): newest first, page after page. */
export function listCalibrationSessions(clientId: string): Promise<CalibrationSessionSummary[]> {
  return allPages((after) => apiRequest<Page<CalibrationSessionSummary>>('GET', `/api/clients/${enc(clientId)}/calibration-sessions${afterQuery(after)}`));
}

/** `POST /api/clients/:clientId/calibration-sessions`: tickets scored blind by 2–20 reviewers, one the reference. */
export function createCalibrationSession(clientId: string, request: CreateCalibrationSessionRequest): Promise<CalibrationSessionView> {
  return apiRequest<CalibrationSessionView>('POST', `/api/clients/${enc(clientId)}/calibration-sessions`, request);
}

/** `GET /api/calibration-sessions/:id`: while open, the caller's own reviews only; once closed, all of them and the result. */
export function getCalibrationSession(sessionId: string): Promise<CalibrationSessionView> {
  return apiRequest<CalibrationSessionView>('GET', `/api/calibration-sessions/${enc(sessionId)}`);
}

/** `PUT /api/calibration-sessions/:id/reviews/:ticketId`: the caller's blind answers (partial; `null` clears). */
export function saveCalibrationReview(sessionId: string, ticketId: string, request: SaveCalibrationReviewRequest): Promise<CalibrationReviewView> {
  return apiRequest<CalibrationReviewView>('PUT', `/api/calibration-sessions/${enc(sessionId)}/reviews/${enc(ticketId)}`, request);
}

/** `POST /api/calibration-sessions/:id/reviews/:ticketId/submit`. */
export function submitCalibrationReview(sessionId: string, ticketId: string): Promise<CalibrationReviewView> {
  return apiRequest<CalibrationReviewView>('POST', `/api/calibration-sessions/${enc(sessionId)}/reviews/${enc(ticketId)}/submit`);
}

/** `POST /api/calibration-sessions/:id/close` (its creator or an admin, once the reference reviewed every ticket). */
export function closeCalibrationSession(sessionId: string): Promise<CalibrationSessionView> {
  return apiRequest<CalibrationSessionView>('POST', `/api/calibration-sessions/${enc(sessionId)}/close`);
}

/** `GET /api/coaching-notes?agentId&clientId&status`: newest first (agents: their own). */
export function listCoachingNotes(filter: { agentId?: string; clientId?: string; status?: CoachingNoteView['status'] } = {}, after: string | null = null): Promise<Page<CoachingNoteView>> {
  return apiRequest<Page<CoachingNoteView>>('GET', `/api/coaching-notes${query({ ...filter, after })}`);
}

/** `POST /api/coaching-notes` (leads, admins): coaches an agent on submitted evaluations of theirs. */
export function createCoachingNote(request: CreateCoachingNoteRequest): Promise<CoachingNoteView> {
  return apiRequest<CoachingNoteView>('POST', '/api/coaching-notes', request);
}

/** `POST /api/coaching-notes/:id/acknowledge` (the agent coached). */
export function acknowledgeCoachingNote(noteId: string): Promise<CoachingNoteView> {
  return apiRequest<CoachingNoteView>('POST', `/api/coaching-notes/${enc(noteId)}/acknowledge`);
}

/** `GET /api/qa/reports?clientId&groupBy&from&to`: QA per agent, team, queue or client over local dates (inclusive). */
export function getQaReport(clientId: string, groupBy: QaReportGroup, from: string, to: string): Promise<QaReportResponse> {
  return apiRequest<QaReportResponse>('GET', `/api/qa/reports${query({ clientId, groupBy, from, to })}`);
}
