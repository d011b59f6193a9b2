import type { TicketFact } from '@switchboard/shared-contracts';
import { factAnchors, projectTicketFact, type TicketEventRecord, type TicketHeader } from './ticket-fact.util';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
/** An instant `s` seconds after 09:00 UTC. */
const t = (s: number) => new Date(T0 + s * 1000).toISOString();
const ev = (s: number, type: string, data: Record<string, unknown> = {}): TicketEventRecord => ({ type, at: t(s), actorUserId: null, data });
const header = (channel: TicketHeader['channel'] = 'chat'): TicketHeader => ({ ticketId: 'tk', contactId: 'c1', channel, language: 'en', createdAt: t(0) });

const chat = [
  ev(0, 'created', { channel: 'chat' }),
  ev(0, 'message_received', { seq: 1 }),
  ev(0, 'queued', { queueId: 'q1' }),
  ev(5, 'offered', { agentId: 'a1' }),
  ev(12, 'accepted', { agentId: 'a1' }),
  ev(12, 'assigned', { agentId: 'a1', by: 'auto_accept' }),
  ev(30, 'note', { seq: 2 }),
  ev(40, 'first_response', {}),
  ev(40, 'reply', { seq: 3 }),
  ev(100, 'message_received', { seq: 4 }),
  ev(130, 'reply', { seq: 5 }),
  ev(200, 'status_changed', { from: 'assigned', to: 'resolved' }),
  ev(200, 'wrapped_up', { disposition: 'billing' }),
  ev(200, 'resolved'),
  ev(200, 'csat_requested'),
  ev(260, 'csat', { score: 4 }),
];

type Case = [string, TicketHeader, TicketEventRecord[], Partial<TicketFact>];
const cases: Case[] = [
  [
    'chat: queued, accepted, replies (notes ignored), resolved with disposition and CSAT; talk from accept to resolution',
    header(),
    chat,
    {
      queuedAt: t(0),
      queueId: 'q1',
      answeredAt: t(12),
      abandonedAt: null,
      firstInboundAt: t(0),
      customerMessages: [t(0), t(100)],
      agentReplies: [t(40), t(130)],
      resolvedAt: [t(200)],
      reopenedAt: [],
      topic: 'billing',
      csat: { surveyedAt: t(200), score: 4 },
      handleSegments: [{ agentId: 'a1', kind: 'talk', start: t(12), end: t(200) }],
    },
  ],
  [
    'bot / self-service contact that never reached a queue: not offered',
    header(),
    [ev(0, 'created'), ev(0, 'message_received'), ev(50, 'resolved')],
    { queuedAt: null, answeredAt: null, resolvedAt: [t(50)], handleSegments: [] },
  ],
  [
    'voice: answered is the agent connected (not the offer accept); hold splits talk; hang-up starts ACW until wrap-up',
    header('voice'),
    [
      ev(0, 'created'),
      ev(0, 'queued', { queueId: 'qv' }),
      ev(8, 'assigned', { agentId: 'a2' }),
      ev(9, 'call_status', { action: 'answer', status: 'in_progress', agentId: 'a2', waitSeconds: 9 }),
      ev(60, 'call_status', { action: 'hold', status: 'on_hold' }),
      ev(90, 'call_status', { action: 'resume', status: 'in_progress' }),
      ev(150, 'call_status', { action: 'hangup', status: 'completed' }),
      ev(150, 'call_status', { providerStatus: 'completed', durationSeconds: 150 }),
      ev(180, 'status_changed', { to: 'resolved' }),
      ev(180, 'wrapped_up', { disposition: 'refund' }),
      ev(180, 'resolved'),
    ],
    {
      queuedAt: t(0),
      answeredAt: t(9),
      topic: 'refund',
      handleSegments: [
        { agentId: 'a2', kind: 'talk', start: t(9), end: t(60) },
        { agentId: 'a2', kind: 'hold', start: t(60), end: t(90) },
        { agentId: 'a2', kind: 'talk', start: t(90), end: t(150) },
        { agentId: 'a2', kind: 'acw', start: t(150), end: t(180) },
      ],
    },
  ],
  [
    'voice abandoned in queue: abandonedAt, no answer, no handle time',
    header('voice'),
    [ev(0, 'created'), ev(0, 'queued', { queueId: 'qv' }), ev(4, 'abandoned', { waitSeconds: 4 })],
    { queuedAt: t(0), answeredAt: null, abandonedAt: t(4), handleSegments: [] },
  ],
  [
    'an abandon after the answer changes nothing; a second queued keeps the first queue',
    header('voice'),
    [ev(0, 'queued', { queueId: 'q1' }), ev(3, 'call_status', { action: 'answer', agentId: 'a1' }), ev(5, 'queued', { queueId: 'q2' }), ev(9, 'abandoned')],
    { queuedAt: t(0), queueId: 'q1', answeredAt: t(3), abandonedAt: null, handleSegments: [{ agentId: 'a1', kind: 'talk', start: t(3), end: t(9) }] },
  ],
  [
    'email: pending (waiting on the customer) pauses handle time; the customer writing resumes it; reopen after resolution',
    header('email'),
    [
      ev(0, 'created'),
      ev(0, 'message_received'),
      ev(0, 'queued', { queueId: 'qe' }),
      ev(60, 'accepted', { agentId: 'a3' }),
      ev(120, 'reply'),
      ev(120, 'status_changed', { to: 'pending' }),
      ev(1000, 'message_received'),
      ev(1100, 'reply'),
      ev(1100, 'status_changed', { to: 'resolved' }),
      ev(1100, 'resolved'),
      ev(5000, 'message_received'),
      ev(5000, 'reopened', { agentId: 'a3' }),
      ev(5300, 'resolved'),
    ],
    {
      answeredAt: t(60),
      resolvedAt: [t(1100), t(5300)],
      reopenedAt: [t(5000)],
      handleSegments: [
        { agentId: 'a3', kind: 'talk', start: t(60), end: t(120) },
        { agentId: 'a3', kind: 'talk', start: t(1000), end: t(1100) },
        { agentId: 'a3', kind: 'talk', start: t(5000), end: t(5300) },
      ],
    },
  ],
  [
    'returned to the queue and taken by another agent: the first answer stays, each agent gets their own stretch',
    header(),
    [ev(0, 'queued', { queueId: 'q1' }), ev(10, 'accepted', { agentId: 'a1' }), ev(70, 'returned', { agentId: 'a1' }), ev(80, 'accepted', { agentId: 'a2' }), ev(140, 'resolved')],
    {
      answeredAt: t(10),
      handleSegments: [
        { agentId: 'a1', kind: 'talk', start: t(10), end: t(70) },
        { agentId: 'a2', kind: 'talk', start: t(80), end: t(140) },
      ],
    },
  ],
  [
    'work still running is not counted yet; a CSAT score with no request counts as sent when given',
    header(),
    [ev(0, 'queued'), ev(10, 'accepted', { agentId: 'a1' }), ev(20, 'csat', { score: 2 })],
    { answeredAt: t(10), handleSegments: [], csat: { surveyedAt: t(20), score: 2 }, queueId: null },
  ],
  [
    'SLA due times come from the first queued event (stamped by intake); older events without them leave them null',
    header(),
    [ev(0, 'queued', { queueId: 'q1', firstResponseDueAt: t(60), resolutionDueAt: t(3600), nextResponseTargetSeconds: 120 }), ev(10, 'accepted', { agentId: 'a1' })],
    { firstResponseDueAt: t(60), resolutionDueAt: t(3600), nextResponseTargetSeconds: 120 },
  ],
  [
    'a queued event from before due times were stamped: no targets',
    header(),
    [ev(0, 'queued', { queueId: 'q1' })],
    { firstResponseDueAt: null, resolutionDueAt: null, nextResponseTargetSeconds: null },
  ],
  [
    'unreadable due times are no targets (not a crash, not a guess)',
    header(),
    [ev(0, 'queued', { queueId: 'q1', firstResponseDueAt: 'soon', resolutionDueAt: 42, nextResponseTargetSeconds: -5 })],
    { firstResponseDueAt: null, resolutionDueAt: null, nextResponseTargetSeconds: null },
  ],
  [
    'a transfer to another queue keeps the first queue and its due times: the clock does not restart, a late ticket cannot be moved into "met"',
    header(),
    [
      ev(0, 'queued', { queueId: 'q1', firstResponseDueAt: t(60), resolutionDueAt: t(900), nextResponseTargetSeconds: null }),
      ev(10, 'accepted', { agentId: 'a1' }),
      ev(50, 'transfer_requested', { target: { kind: 'queue', queueId: 'q2' }, mode: 'cold', fromAgentId: 'a1' }),
      ev(50, 'queued', { queueId: 'q2', firstResponseDueAt: t(3650), resolutionDueAt: t(86450), nextResponseTargetSeconds: 600 }),
      ev(200, 'accepted', { agentId: 'a2' }),
    ],
    { queueId: 'q1', firstResponseDueAt: t(60), resolutionDueAt: t(900), nextResponseTargetSeconds: null },
  ],
];

describe('projectTicketFact', () => {
  it.each(cases)('%s', (_name, h, events, expected) => {
    expect(projectTicketFact(h, events)).toMatchObject(expected);
  });

  it('is deterministic: the same log gives the same fact', () => {
    expect(projectTicketFact(header(), chat)).toEqual(projectTicketFact(header(), [...chat]));
  });
});

describe('factAnchors', () => {
  it('spans every KPI anchor and settles at the final resolution', () => {
    expect(factAnchors(projectTicketFact(header(), chat))).toEqual({ firstAnchorAt: t(0), lastAnchorAt: t(200), settledAt: t(200), firstResolvedAt: t(200) });
  });
  it('reaches out to the SLA due times, which may come after every event (a resolution target a day away)', () => {
    const fact = projectTicketFact(header(), [ev(0, 'message_received'), ev(0, 'queued', { firstResponseDueAt: t(60), resolutionDueAt: t(86_400) }), ev(30, 'reply'), ev(100, 'resolved')]);
    expect(factAnchors(fact)).toMatchObject({ firstAnchorAt: t(0), lastAnchorAt: t(86_400) });
    // Each follow-up's next-response due time (follow-up at 200 + 600 s) is an anchor as well.
    const nrt = projectTicketFact(header(), [ev(0, 'message_received'), ev(0, 'queued', { nextResponseTargetSeconds: 600 }), ev(30, 'reply'), ev(200, 'message_received'), ev(260, 'reply')]);
    expect(factAnchors(nrt).lastAnchorAt).toBe(t(800));
  });
  it('a reopened ticket with no later resolution is not settled; an abandoned one settles when abandoned', () => {
    const reopened = projectTicketFact(header(), [ev(0, 'queued'), ev(10, 'resolved'), ev(20, 'reopened')]);
    expect(factAnchors(reopened).settledAt).toBeNull();
    const abandoned = projectTicketFact(header('voice'), [ev(0, 'queued'), ev(7, 'abandoned')]);
    expect(factAnchors(abandoned).settledAt).toBe(t(7));
  });
});
