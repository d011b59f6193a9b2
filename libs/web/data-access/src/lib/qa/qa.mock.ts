import type { AutoQaResultView, AutoQaSettings, QaSettings, CalibrationReviewView, CalibrationSessionView, CoachingNoteView, QaReportResponse, DisputeView, SamplingDrawView, SamplingPolicyView, EvaluationSummary, EvaluationView, Page, ReviewCandidate, ScorecardDefinition, ScorecardSummary, ScorecardView } from '@switchboard/shared-contracts';
import { scoreEvaluation } from '@switchboard/shared-domain';
import { mockRoute, onePage, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

/** A small scorecard: opening (binary, one critical), handling (5-point, 3-point with N/A). */
export function scorecardDefinitionFixture(overrides: Partial<ScorecardDefinition> = {}): ScorecardDefinition {
  return {
    name: 'Globex chat quality',
    sections: [
      {
        key: 'opening',
        title: 'Opening',
        weight: 1,
        questions: [
          { key: 'greet', text: 'Greeted the customer', scale: 'binary', allowNa: false, critical: false, guidance: 'The Globex greeting in the first reply.' },
          { key: 'verify', text: 'Verified the order', scale: 'binary', allowNa: false, critical: true, guidance: '' },
        ],
      },
      {
        key: 'handling',
        title: 'Handling',
        weight: 3,
        questions: [
          { key: 'solve', text: 'Solved the problem', scale: '5', allowNa: false, critical: false, guidance: '' },
          { key: 'tone', text: 'Friendly tone', scale: '3', allowNa: true, critical: false, guidance: '' },
        ],
      },
    ],
    ...overrides,
  };
}

export function scorecardSummaryFixture(overrides: Partial<ScorecardSummary> = {}): ScorecardSummary {
  return { id: 'scorecard-1', clientId: 'client-globex', name: 'Globex chat quality', active: true, latestVersion: 1, createdAt: '2025-01-01T09:00:00.000Z', updatedAt: '2025-01-01T09:00:00.000Z', ...overrides };
}

export function scorecardViewFixture(overrides: Partial<ScorecardView> = {}): ScorecardView {
  return { ...scorecardSummaryFixture(), version: 1, definition: scorecardDefinitionFixture(), versionCreatedAt: '2025-01-01T09:00:00.000Z', versionCreatedByName: 'Avery Admin', ...overrides };
}

export function evaluationSummaryFixture(overrides: Partial<EvaluationSummary> = {}): EvaluationSummary {
  return {
    id: 'evaluation-1',
    clientId: 'client-globex',
    ticketId: 'ticket-1',
    ticketReference: 'SB-1001',
    agentId: 'user-agent-1',
    agentName: 'Maria Santos',
    reviewerId: 'user-lead-1',
    reviewerName: 'Lea Mercado',
    scorecardId: 'scorecard-1',
    scorecardName: 'Globex chat quality',
    scorecardVersion: 1,
    stream: 'manual',
    status: 'draft',
    score: null,
    submittedScore: null,
    criticalFailed: false,
    openDisputes: 0,
    createdAt: '2025-01-02T09:00:00.000Z',
    submittedAt: null,
    acknowledgedAt: null,
    disputeDeadline: null,
    ...overrides,
  };
}

/** A full evaluation; `result` is worked out from `answers` by the domain's scoring unless given. */
export function evaluationViewFixture(overrides: Partial<EvaluationView> = {}): EvaluationView {
  const definition = overrides.definition ?? scorecardDefinitionFixture();
  const answers = overrides.answers ?? {};
  return {
    ...evaluationSummaryFixture(),
    definition,
    answers,
    comments: {},
    submittedAnswers: null,
    result: scoreEvaluation(definition, answers),
    disputes: [],
    disputesLeft: 0,
    ...overrides,
  };
}

export function disputeFixture(overrides: Partial<DisputeView> = {}): DisputeView {
  return {
    id: 'dispute-1',
    evaluationId: 'evaluation-1',
    questionKey: 'solve',
    reason: 'I solved it in the second reply.',
    status: 'open',
    raisedById: 'user-agent-1',
    raisedByName: 'Maria Santos',
    originalAnswer: 2,
    adjustedAnswer: null,
    resolvedById: null,
    resolvedByName: null,
    resolutionNote: null,
    createdAt: '2025-01-03T09:00:00.000Z',
    resolvedAt: null,
    ...overrides,
  };
}

export function reviewCandidateFixture(overrides: Partial<ReviewCandidate> = {}): ReviewCandidate {
  return { ticketId: 'ticket-1', clientId: 'client-globex', reference: 'SB-1001', channel: 'chat', subject: 'Damaged parcel', status: 'resolved', agentId: 'user-agent-1', agentName: 'Maria Santos', resolvedAt: '2025-01-02T08:00:00.000Z', ...overrides };
}

export const mockListScorecards = (clientId: string, reply: MockReply<ScorecardSummary[]>, options?: MockRouteOptions) => mockRoute('GET', `/api/clients/${clientId}/scorecards`, onePage(reply), options);
export const mockGetScorecard = (scorecardId: string, reply: MockReply<ScorecardView>, options?: MockRouteOptions) => mockRoute('GET', `/api/scorecards/${scorecardId}`, reply, options);
export const mockCreateScorecard = (clientId: string, reply: MockReply<ScorecardView>, options?: MockRouteOptions) => mockRoute('POST', `/api/clients/${clientId}/scorecards`, reply, options);
export const mockUpdateScorecard = (scorecardId: string, reply: MockReply<ScorecardView>, options?: MockRouteOptions) => mockRoute('PUT', `/api/scorecards/${scorecardId}`, reply, options);
export const mockActivateScorecard = (scorecardId: string, reply: MockReply<ScorecardView>, options?: MockRouteOptions) => mockRoute('POST', `/api/scorecards/${scorecardId}/activate`, reply, options);
/** `query`: the list's query string as the client sends it (`status=draft`), without `?`. */
export const mockListEvaluations = (query: string, reply: MockReply<Page<EvaluationSummary>>, options?: MockRouteOptions) => mockRoute('GET', `/api/evaluations${query ? `?${query}` : ''}`, reply, options);
export const mockGetEvaluation = (evaluationId: string, reply: MockReply<EvaluationView>, options?: MockRouteOptions) => mockRoute('GET', `/api/evaluations/${evaluationId}`, reply, options);
export const mockListReviewCandidates = (query: string, reply: MockReply<Page<ReviewCandidate>>, options?: MockRouteOptions) => mockRoute('GET', `/api/qa/review-candidates${query ? `?${query}` : ''}`, reply, options);
export const mockListAutoQaResults = (clientId: string, query: string, reply: MockReply<Page<AutoQaResultView>>, options?: MockRouteOptions) => mockRoute('GET', `/api/clients/${clientId}/autoqa${query ? `?${query}` : ''}`, reply, options);
export const mockStartEvaluation = (ticketId: string, reply: MockReply<EvaluationView>, options?: MockRouteOptions) => mockRoute('POST', `/api/tickets/${ticketId}/evaluations`, reply, options);
export const mockSaveEvaluation = (evaluationId: string, reply: MockReply<EvaluationView>, options?: MockRouteOptions) => mockRoute('PUT', `/api/evaluations/${evaluationId}`, reply, options);
export const mockSubmitEvaluation = (evaluationId: string, reply: MockReply<EvaluationView>, options?: MockRouteOptions) => mockRoute('POST', `/api/evaluations/${evaluationId}/submit`, reply, options);
export const mockAcknowledgeEvaluation = (evaluationId: string, reply: MockReply<EvaluationView>, options?: MockRouteOptions) => mockRoute('POST', `/api/evaluations/${evaluationId}/acknowledge`, reply, options);
export const mockRaiseDispute = (evaluationId: string, reply: MockReply<DisputeView>, options?: MockRouteOptions) => mockRoute('POST', `/api/evaluations/${evaluationId}/disputes`, reply, options);
export const mockResolveDispute = (disputeId: string, reply: MockReply<DisputeView>, options?: MockRouteOptions) => mockRoute('POST', `/api/disputes/${disputeId}/resolve`, reply, options);

export function samplingPolicyFixture(overrides: Partial<SamplingPolicyView> = {}): SamplingPolicyView {
  return {
    id: 'policy-1',
    clientId: 'client-globex',
    name: 'Weekly chat sample',
    queueId: null,
    queueName: null,
    period: 'week',
    active: true,
    quota: { kind: 'count', count: 2 },
    stratifyByChannel: true,
    capPerAgent: 4,
    targeted: [{ id: 'low-csat', kind: 'low_csat', maxScore: 2 }],
    createdAt: '2025-01-01T09:00:00.000Z',
    updatedAt: '2025-01-01T09:00:00.000Z',
    ...overrides,
  };
}

export function samplingDrawFixture(overrides: Partial<SamplingDrawView> = {}): SamplingDrawView {
  return {
    id: 'draw-1',
    policyId: 'policy-1',
    clientId: 'client-globex',
    period: { kind: 'week', key: 'week:2025-01-06', startDate: '2025-01-06', start: '2025-01-06T00:00:00.000Z', end: '2025-01-13T00:00:00.000Z' },
    trigger: 'demand',
    status: 'done',
    seed: 'policy-1/week:2025-01-06',
    attempts: 1,
    node: 'node-a',
    randomDrawn: 3,
    targetedDrawn: 1,
    agents: [],
    assignments: [{ leadId: 'user-lead-1', leadName: 'Lea Mercado', assigned: 4 }],
    unassigned: 0,
    error: null,
    createdAt: '2025-01-13T01:00:00.000Z',
    finishedAt: '2025-01-13T01:00:02.000Z',
    ...overrides,
  };
}

export function autoQaResultFixture(overrides: Partial<AutoQaResultView> = {}): AutoQaResultView {
  return {
    ticketId: 'ticket-1',
    ticketReference: 'SB-1001',
    clientId: 'client-globex',
    agentId: 'user-agent-1',
    agentName: 'Maria Santos',
    channel: 'chat',
    score: 75,
    flags: ['missing_closing'],
    checks: [
      { rule: 'greeting', outcome: 'pass', flag: null, evidence: ['First reply: "Hi Sam, thanks for contacting Globex"'] },
      { rule: 'closing', outcome: 'fail', flag: 'missing_closing', evidence: ['Last reply: "It ships today."'] },
    ],
    resolvedAt: '2025-01-02T08:00:00.000Z',
    checkedAt: '2025-01-02T08:00:01.000Z',
    ...overrides,
  };
}

export function autoQaSettingsFixture(overrides: Partial<AutoQaSettings> = {}): AutoQaSettings {
  return { greetingPhrases: ['thanks for contacting'], closingPhrases: ['anything else'], firstResponseTargetSeconds: 60, requiredPhrases: [], maxHoldSeconds: 120, maxSilenceSeconds: 180, ...overrides };
}

export const mockListSamplingPolicies = (clientId: string, reply: MockReply<SamplingPolicyView[]>, options?: MockRouteOptions) => mockRoute('GET', `/api/clients/${clientId}/sampling-policies`, onePage(reply), options);
export const mockCreateSamplingPolicy = (clientId: string, reply: MockReply<SamplingPolicyView>, options?: MockRouteOptions) => mockRoute('POST', `/api/clients/${clientId}/sampling-policies`, reply, options);
export const mockUpdateSamplingPolicy = (policyId: string, reply: MockReply<SamplingPolicyView>, options?: MockRouteOptions) => mockRoute('PUT', `/api/sampling-policies/${policyId}`, reply, options);
export const mockListSamplingDraws = (policyId: string, reply: MockReply<Page<SamplingDrawView>>, options?: MockRouteOptions) => mockRoute('GET', `/api/sampling-policies/${policyId}/draws`, reply, options);
export const mockRunSamplingDraw = (policyId: string, reply: MockReply<SamplingDrawView>, options?: MockRouteOptions) => mockRoute('POST', `/api/sampling-policies/${policyId}/draws`, reply, options);
export const mockGetTicketAutoQa = (ticketId: string, reply: MockReply<AutoQaResultView>, options?: MockRouteOptions) => mockRoute('GET', `/api/tickets/${ticketId}/autoqa`, reply, options);
export const mockGetQaSettings = (clientId: string, reply: MockReply<QaSettings>, options?: MockRouteOptions) => mockRoute('GET', `/api/clients/${clientId}/qa-settings`, reply, options);
export const mockSaveQaSettings = (clientId: string, reply: MockReply<QaSettings>, options?: MockRouteOptions) => mockRoute('PUT', `/api/clients/${clientId}/qa-settings`, reply, options);
export const mockGetAutoQaSettings = (clientId: string, reply: MockReply<AutoQaSettings>, options?: MockRouteOptions) => mockRoute('GET', `/api/clients/${clientId}/autoqa-settings`, reply, options);
export const mockSaveAutoQaSettings = (clientId: string, reply: MockReply<AutoQaSettings>, options?: MockRouteOptions) => mockRoute('PUT', `/api/clients/${clientId}/autoqa-settings`, reply, options);

export function calibrationSessionFixture(overrides: Partial<CalibrationSessionView> = {}): CalibrationSessionView {
  return {
    id: 'session-1',
    clientId: 'client-globex',
    title: 'January calibration',
    status: 'open',
    scorecardId: 'scorecard-1',
    scorecardVersion: 1,
    definition: scorecardDefinitionFixture(),
    createdById: 'user-lead-1',
    createdByName: 'Lea Mercado',
    referenceReviewerId: 'user-lead-1',
    tickets: [{ ticketId: 'ticket-1', ticketReference: 'SB-1001', channel: 'chat', agentId: 'user-agent-1' }],
    participants: [
      { reviewerId: 'user-lead-1', reviewerName: 'Lea Mercado', isReference: true, submitted: 0 },
      { reviewerId: 'user-lead-2', reviewerName: 'Andrés Villa', isReference: false, submitted: 0 },
    ],
    reviews: [],
    result: null,
    createdAt: '2025-01-05T09:00:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

export const mockGetCalibrationSession = (sessionId: string, reply: MockReply<CalibrationSessionView>, options?: MockRouteOptions) => mockRoute('GET', `/api/calibration-sessions/${sessionId}`, reply, options);
export const mockSaveCalibrationReview = (sessionId: string, ticketId: string, reply: MockReply<CalibrationReviewView>, options?: MockRouteOptions) =>
  mockRoute('PUT', `/api/calibration-sessions/${sessionId}/reviews/${ticketId}`, reply, options);
export const mockSubmitCalibrationReview = (sessionId: string, ticketId: string, reply: MockReply<CalibrationReviewView>, options?: MockRouteOptions) =>
  mockRoute('POST', `/api/calibration-sessions/${sessionId}/reviews/${ticketId}/submit`, reply, options);
export const mockCloseCalibrationSession = (sessionId: string, reply: MockReply<CalibrationSessionView>, options?: MockRouteOptions) => mockRoute('POST', `/api/calibration-sessions/${sessionId}/close`, reply, options);

export function coachingNoteFixture(overrides: Partial<CoachingNoteView> = {}): CoachingNoteView {
  return {
    id: 'note-1',
    clientId: 'client-globex',
    agentId: 'user-agent-1',
    agentName: 'Maria Santos',
    authorId: 'user-lead-1',
    authorName: 'Lea Mercado',
    body: 'Offer the replacement before the customer asks.',
    evaluations: [{ id: 'evaluation-1', ticketReference: 'SB-1001', score: 71.9, submittedAt: '2025-01-02T10:00:00.000Z' }],
    status: 'open',
    createdAt: '2025-01-03T09:00:00.000Z',
    acknowledgedAt: null,
    ...overrides,
  };
}

export function qaReportFixture(overrides: Partial<QaReportResponse> = {}): QaReportResponse {
  const stream = { evaluations: 0, score: null, criticalFailRate: null, disputeRate: null };
  return {
    clientId: 'client-globex',
    groupBy: 'agent',
    from: '2025-01-01',
    to: '2025-01-31',
    rows: [
      {
        group: 'agent',
        key: 'user-agent-1',
        label: 'Maria Santos',
        report: {
          headline: { evaluations: 4, score: { n: 4, mean: 82.5, low: 70.1, high: 94.9, level: 0.95 }, criticalFailRate: { successes: 0, n: 4, rate: 0, low: 0, high: 0.49, level: 0.95 }, disputeRate: null },
          targeted: { ...stream, evaluations: 1, score: { n: 1, mean: 40, low: null, high: null, level: 0.95 } },
          coverage: 0.1,
          evaluatedTickets: 5,
          handledTickets: 50,
        },
        manual: stream,
        disputes: { rate: { successes: 1, n: 5, rate: 0.2, low: 0.04, high: 0.62, level: 0.95 }, raised: 1, open: 0, upheld: 0, adjusted: 1, adjustedShare: 1 },
        agreement: { alpha: 0.81, units: 6 },
      },
    ],
    ...overrides,
  };
}

export const mockListCoachingNotes = (query: string, reply: MockReply<Page<CoachingNoteView>>, options?: MockRouteOptions) => mockRoute('GET', `/api/coaching-notes${query ? `?${query}` : ''}`, reply, options);
export const mockCreateCoachingNote = (reply: MockReply<CoachingNoteView>, options?: MockRouteOptions) => mockRoute('POST', '/api/coaching-notes', reply, options);
export const mockAcknowledgeCoachingNote = (noteId: string, reply: MockReply<CoachingNoteView>, options?: MockRouteOptions) => mockRoute('POST', `/api/coaching-notes/${noteId}/acknowledge`, reply, options);
export const mockGetQaReport = (query: string, reply: MockReply<QaReportResponse>, options?: MockRouteOptions) => mockRoute('GET', `/api/qa/reports?${query}`, reply, options);
