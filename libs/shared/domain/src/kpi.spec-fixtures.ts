import type { HandleSegment, TicketFact } from '@switchboard/shared-contracts';

/** A ticket fact with every field empty unless given. */
export function makeFact(over: Partial<TicketFact> & { ticketId: string }): TicketFact {
  return {
    contactId: `contact-${over.ticketId}`,
    topic: null,
    channel: 'chat',
    queueId: 'q-support',
    language: 'en',
    createdAt: over.queuedAt ?? '2026-01-14T09:00:00Z',
    firstInboundAt: null,
    queuedAt: null,
    answeredAt: null,
    abandonedAt: null,
    agentReplies: [],
    customerMessages: [],
    resolvedAt: [],
    reopenedAt: [],
    handleSegments: [],
    csat: null,
    nps: null,
    excluded: null,
    ...over,
  };
}

/** 2026-01-14 (a Wednesday; London is on GMT, so local time = UTC) at hh:mm:ss. */
export const jan14 = (time: string) => `2026-01-14T${time}Z`;
const seg = (agentId: string, kind: HandleSegment['kind'], start: string, end: string): HandleSegment => ({ agentId, kind, start: jan14(start), end: jan14(end) });

/**
 * The golden day: 20 tickets of one client on Wednesday 2026-01-14, Europe/London. Queue waits (w, s):
 *
 * | ticket | channel | queued   | outcome            | w  | notes                                             |
 * |--------|---------|----------|--------------------|----|---------------------------------------------------|
 * | t1     | voice   | 09:00:00 | answered           | 10 | talk 300 + hold 60 + acw 60                       |
 * | t2     | chat    | 09:01:40 | answered           | 20 | T boundary (within); FRT 25; resolved +600; FCR   |
 * | t3     | email   | 08:00:00 | answered           | 21 | FRT 3600; resolved next day                       |
 * | t4     | voice   | 09:40:00 | answered           | 5  | talk 180 + acw 30                                 |
 * | t5     | email   | 13:30:00 | answered           | 45 | FRT 7200                                          |
 * | t6     | chat    | 09:10:00 | answered           | 0  | agent C; FRT 40; NRT 40, 30; resolved, reopened, resolved |
 * | t7     | chat    | 09:14:30 | answered           | 30 | agent C; FRT 90; NRT 300; repeat contact t16      |
 * | t8     | chat    | 09:17:45 | answered           | 15 | agent C; FRT 30; resolved then reopened           |
 * | t9     | chat    | 09:59:00 | answered           | 60 | agent-initiated (reply before the first inbound); FRT 120 from the inbound; NRT 120 |
 * | t10    | chat    | 10:04:48 | answered           | 12 | agent D with t9, then agent E; FRT 60; follow-up never answered |
 * | t11    | voice   | 11:30:00 | abandoned          | 3  | short abandon                                     |
 * | t12    | voice   | 11:10:00 | abandoned          | 5  | short-abandon boundary (short)                    |
 * | t13    | chat    | 08:30:00 | abandoned          | 8  | contact of t2, same topic, before t2: no repeat   |
 * | t14    | voice   | 12:00:00 | abandoned          | 25 |                                                   |
 * | t15    | email   | 13:00:00 | abandoned          | 40 |                                                   |
 * | t16    | chat    | 11:00:00 | abandoned          | 18 | contact of t7, same topic: t7's repeat            |
 * | t17    | voice   | 16:00:00 | still waiting      | –  | offered, neither answered nor abandoned           |
 * | t18    | chat    | –        | bot-resolved       | –  | never queued: counts nowhere                      |
 * | t19    | chat    | 09:30:00 | answered (excluded)| 5  | client-caused outage: counts nowhere              |
 * | t20    | voice   | 01-13 23:59:50 | answered     | 40 | previous local day                                |
 */
export const goldenDay: TicketFact[] = [
  makeFact({
    ticketId: 't1', channel: 'voice', createdAt: jan14('09:00:00'), queuedAt: jan14('09:00:00'), answeredAt: jan14('09:00:10'),
    handleSegments: [seg('F', 'talk', '09:00:10', '09:05:10'), seg('F', 'hold', '09:05:10', '09:06:10'), seg('F', 'acw', '09:06:10', '09:07:10')],
    csat: { surveyedAt: jan14('09:07:10'), score: 5 }, nps: { surveyedAt: jan14('09:07:10'), score: 10 },
  }),
  makeFact({
    ticketId: 't2', contactId: 'c2', topic: 'billing', createdAt: jan14('09:01:40'), firstInboundAt: jan14('09:01:40'), queuedAt: jan14('09:01:40'), answeredAt: jan14('09:02:00'),
    customerMessages: [jan14('09:01:40')], agentReplies: [jan14('09:02:05')], resolvedAt: [jan14('09:11:40')],
    handleSegments: [seg('B', 'talk', '09:02:00', '09:12:00')],
    csat: { surveyedAt: jan14('09:11:40'), score: 5 }, nps: { surveyedAt: jan14('09:11:40'), score: 9 },
    firstResponseDueAt: jan14('09:02:40'), resolutionDueAt: jan14('09:16:40'),
  }),
  makeFact({
    ticketId: 't3', channel: 'email', createdAt: jan14('08:00:00'), firstInboundAt: jan14('08:00:00'), queuedAt: jan14('08:00:00'), answeredAt: jan14('08:00:21'),
    customerMessages: [jan14('08:00:00')], agentReplies: [jan14('09:00:00')], resolvedAt: ['2026-01-15T08:00:00Z'],
    handleSegments: [seg('G', 'talk', '08:00:21', '08:04:21'), seg('G', 'acw', '08:04:21', '08:05:21')],
    firstResponseDueAt: jan14('09:00:00'),
  }),
  makeFact({
    ticketId: 't4', channel: 'voice', createdAt: jan14('09:40:00'), queuedAt: jan14('09:40:00'), answeredAt: jan14('09:40:05'),
    handleSegments: [seg('F', 'talk', '09:40:05', '09:43:05'), seg('F', 'acw', '09:43:05', '09:43:35')],
    csat: { surveyedAt: jan14('09:43:35'), score: null },
  }),
  makeFact({
    ticketId: 't5', channel: 'email', createdAt: jan14('13:30:00'), firstInboundAt: jan14('13:30:00'), queuedAt: jan14('13:30:00'), answeredAt: jan14('13:30:45'),
    customerMessages: [jan14('13:30:00')], agentReplies: [jan14('15:30:00')],
    handleSegments: [seg('G', 'talk', '13:30:45', '13:40:45')],
    firstResponseDueAt: jan14('14:30:00'),
  }),
  makeFact({
    ticketId: 't6', contactId: 'c6', createdAt: jan14('09:10:00'), firstInboundAt: jan14('09:10:00'), queuedAt: jan14('09:10:00'), answeredAt: jan14('09:10:00'),
    customerMessages: [jan14('09:10:00'), jan14('09:11:40'), jan14('09:11:50'), jan14('09:15:40')],
    agentReplies: [jan14('09:10:40'), jan14('09:12:20'), jan14('09:16:10')],
    resolvedAt: [jan14('09:40:00'), jan14('10:40:00')], reopenedAt: [jan14('10:10:00')],
    handleSegments: [seg('C', 'talk', '09:10:00', '09:20:00')],
    csat: { surveyedAt: jan14('10:40:00'), score: 3 }, nps: { surveyedAt: jan14('10:40:00'), score: 6 },
    firstResponseDueAt: jan14('09:11:00'), resolutionDueAt: jan14('09:40:00'), nextResponseTargetSeconds: 60,
  }),
  makeFact({
    ticketId: 't7', contactId: 'c7', topic: 'delivery', createdAt: jan14('09:14:30'), firstInboundAt: jan14('09:14:30'), queuedAt: jan14('09:14:30'), answeredAt: jan14('09:15:00'),
    customerMessages: [jan14('09:14:30'), jan14('09:17:00')], agentReplies: [jan14('09:16:00'), jan14('09:22:00')], resolvedAt: [jan14('09:29:30')],
    handleSegments: [seg('C', 'talk', '09:15:00', '09:25:00')],
    csat: { surveyedAt: jan14('09:29:30'), score: 4 }, nps: { surveyedAt: jan14('09:29:30'), score: 10 },
    firstResponseDueAt: jan14('09:15:30'), resolutionDueAt: jan14('09:24:30'), nextResponseTargetSeconds: 60,
  }),
  makeFact({
    ticketId: 't8', contactId: 'c8', createdAt: jan14('09:17:45'), firstInboundAt: jan14('09:17:45'), queuedAt: jan14('09:17:45'), answeredAt: jan14('09:18:00'),
    customerMessages: [jan14('09:17:45')], agentReplies: [jan14('09:18:15')], resolvedAt: [jan14('09:37:45')], reopenedAt: [jan14('09:51:05')],
    handleSegments: [seg('C', 'talk', '09:18:00', '09:19:00'), seg('C', 'acw', '09:19:00', '09:20:00')],
    csat: { surveyedAt: jan14('09:37:45'), score: null },
    firstResponseDueAt: jan14('09:18:45'), resolutionDueAt: jan14('10:17:45'),
  }),
  makeFact({
    ticketId: 't9', contactId: 'c9', createdAt: jan14('09:00:00'), firstInboundAt: jan14('09:58:00'), queuedAt: jan14('09:59:00'), answeredAt: jan14('10:00:00'),
    customerMessages: [jan14('09:58:00'), jan14('10:03:00')], agentReplies: [jan14('09:00:10'), jan14('10:00:00'), jan14('10:05:00')],
    handleSegments: [seg('D', 'talk', '10:00:00', '10:10:00')],
    firstResponseDueAt: jan14('09:59:00'), resolutionDueAt: jan14('11:00:00'), nextResponseTargetSeconds: 60,
  }),
  makeFact({
    ticketId: 't10', contactId: 'c10', topic: 'returns', createdAt: jan14('10:04:48'), firstInboundAt: jan14('10:04:48'), queuedAt: jan14('10:04:48'), answeredAt: jan14('10:05:00'),
    customerMessages: [jan14('10:04:48'), jan14('10:06:30')], agentReplies: [jan14('10:05:48')], resolvedAt: [jan14('10:09:48')],
    handleSegments: [seg('D', 'talk', '10:05:00', '10:10:00'), seg('E', 'acw', '10:10:00', '10:12:00')],
    csat: { surveyedAt: jan14('10:09:48'), score: 1 }, nps: { surveyedAt: jan14('10:09:48'), score: 0 },
    firstResponseDueAt: jan14('10:05:48'), resolutionDueAt: jan14('10:14:48'), nextResponseTargetSeconds: 60,
  }),
  makeFact({ ticketId: 't11', channel: 'voice', queuedAt: jan14('11:30:00'), abandonedAt: jan14('11:30:03') }),
  makeFact({ ticketId: 't12', channel: 'voice', queuedAt: jan14('11:10:00'), abandonedAt: jan14('11:10:05') }),
  makeFact({ ticketId: 't13', contactId: 'c2', topic: 'billing', queuedAt: jan14('08:30:00'), abandonedAt: jan14('08:30:08') }),
  makeFact({ ticketId: 't14', channel: 'voice', queuedAt: jan14('12:00:00'), abandonedAt: jan14('12:00:25') }),
  makeFact({ ticketId: 't15', channel: 'email', queuedAt: jan14('13:00:00'), abandonedAt: jan14('13:00:40') }),
  makeFact({ ticketId: 't16', contactId: 'c7', topic: 'delivery', queuedAt: jan14('11:00:00'), abandonedAt: jan14('11:00:18') }),
  makeFact({ ticketId: 't17', channel: 'voice', queuedAt: jan14('16:00:00') }),
  makeFact({ ticketId: 't18', contactId: 'c10', topic: 'opening-hours', createdAt: jan14('09:45:00'), resolvedAt: [jan14('09:46:00')], csat: { surveyedAt: jan14('09:46:00'), score: 5 } }),
  makeFact({
    ticketId: 't19', createdAt: jan14('09:30:00'), firstInboundAt: jan14('09:30:00'), queuedAt: jan14('09:30:00'), answeredAt: jan14('09:30:05'),
    customerMessages: [jan14('09:30:00')], agentReplies: [jan14('09:30:15')], resolvedAt: [jan14('09:35:00')],
    handleSegments: [seg('B', 'talk', '09:30:05', '09:35:00')], csat: { surveyedAt: jan14('09:35:00'), score: 1 },
    excluded: 'client_caused_outage',
  }),
  makeFact({
    ticketId: 't20', channel: 'voice', createdAt: '2026-01-13T23:59:50Z', queuedAt: '2026-01-13T23:59:50Z', answeredAt: '2026-01-14T00:00:30Z',
    handleSegments: [{ agentId: 'F', kind: 'talk', start: '2026-01-14T00:00:30Z', end: '2026-01-14T00:05:00Z' }],
  }),
];
