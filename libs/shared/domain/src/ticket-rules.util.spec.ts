import type { TicketStatus } from '@switchboard/shared-contracts';
import { canAddNote, canAssign, canReply, canSetStatus, deliveryBackoffSeconds, replyTransports, wrapUpProblem, type Actor, type TicketFacts } from './ticket-rules.util';

const agent: Actor = { role: 'agent', userId: 'a1' };
const otherAgent: Actor = { role: 'agent', userId: 'a2' };
const lead: Actor = { role: 'team_lead', userId: 'l1' };
const viewer: Actor = { role: 'client_viewer', userId: 'v1' };
const ticket = (over: Partial<TicketFacts> = {}): TicketFacts => ({ status: 'assigned', channel: 'chat', mode: 'live', assigneeId: 'a1', ...over });
const verdict = (v: { ok: boolean; reason?: string }) => (v.ok ? 'ok' : v.reason);

describe('canReply', () => {
  it.each([
    ['the assignee', agent, ticket(), 'ok'],
    ['another agent', otherAgent, ticket(), 'not_yours'],
    ['an agent on an unassigned ticket', agent, ticket({ assigneeId: null, status: 'queued' }), 'not_yours'],
    ['a lead on anyone’s ticket', lead, ticket({ assigneeId: 'a2' }), 'ok'],
    ['a client user', viewer, ticket(), 'role'],
    ['on a call', agent, ticket({ channel: 'voice' }), 'state'],
    ['on a closed ticket', agent, ticket({ status: 'closed' }), 'state'],
    ['on an abandoned ticket', lead, ticket({ status: 'abandoned' }), 'state'],
    ['on a resolved email (a follow-up)', agent, ticket({ status: 'resolved', channel: 'email' }), 'ok'],
  ])('%s', (_why, actor, facts, expected) => expect(verdict(canReply(actor, facts))).toBe(expected));
});

describe('canAddNote', () => {
  it('lets staff note, not client users', () => {
    expect(canAddNote(otherAgent).ok).toBe(true);
    expect(canAddNote(viewer).ok).toBe(false);
  });
});

describe('canAssign', () => {
  it.each([
    ['an agent takes a queued ticket', agent, ticket({ status: 'queued', assigneeId: null }), null, 'ok'],
    ['an agent takes their own ticket again', agent, ticket(), null, 'ok'],
    ['an agent takes someone else’s', otherAgent, ticket(), null, 'not_yours'],
    ['an agent gives a ticket to another', agent, ticket({ status: 'queued', assigneeId: null }), 'a2', 'role'],
    ['a lead reassigns', lead, ticket(), 'a2', 'ok'],
    ['a resolved ticket', lead, ticket({ status: 'resolved' }), 'a2', 'state'],
    ['a client user', viewer, ticket({ status: 'queued' }), null, 'role'],
  ])('%s', (_why, actor, facts, target, expected) => expect(verdict(canAssign(actor, facts, target))).toBe(expected));
});

describe('canSetStatus', () => {
  const cases: [TicketStatus, 'pending' | 'resolved' | 'closed', string][] = [
    ['assigned', 'pending', 'ok'],
    ['assigned', 'resolved', 'ok'],
    ['pending', 'resolved', 'ok'],
    ['queued', 'resolved', 'ok'],
    ['queued', 'pending', 'state'],
    ['resolved', 'closed', 'ok'],
    ['resolved', 'pending', 'state'],
    ['closed', 'resolved', 'state'],
    ['abandoned', 'closed', 'state'],
  ];
  it.each(cases)('%s → %s: %s', (from, to, expected) => expect(verdict(canSetStatus(lead, ticket({ status: from }), to))).toBe(expected));
  it('keeps agents to their own tickets', () => {
    expect(verdict(canSetStatus(otherAgent, ticket(), 'resolved'))).toBe('not_yours');
    expect(verdict(canSetStatus(agent, ticket(), 'resolved'))).toBe('ok');
  });
});

describe('replyTransports', () => {
  it.each([
    [{ channel: 'chat', mode: 'live' }, 'x@y.z', { widget: true, outbox: null }],
    [{ channel: 'chat', mode: 'async' }, 'x@y.z', { widget: true, outbox: 'email' }],
    [{ channel: 'chat', mode: 'async' }, null, { widget: true, outbox: null }],
    [{ channel: 'email', mode: 'live' }, 'x@y.z', { widget: false, outbox: 'email' }],
    [{ channel: 'social', mode: 'live' }, null, { widget: false, outbox: 'social' }],
    [{ channel: 'voice', mode: 'live' }, null, { widget: false, outbox: null }],
  ] as const)('%j with %s', (facts, email, expected) => expect(replyTransports(facts, email)).toEqual(expected));
});

describe('deliveryBackoffSeconds', () => {
  it.each([
    [1, 5],
    [2, 10],
    [4, 40],
    [20, 900],
  ])('after %i attempts waits %i s', (attempts, seconds) => expect(deliveryBackoffSeconds(attempts)).toBe(seconds));
});

describe('wrapUpProblem', () => {
  const codes = ['replacement_sent', 'order_status'];
  it.each([
    ['resolving with a code of the client', 'resolved', 'replacement_sent', null, codes, null],
    ['closing with a code', 'closed', 'order_status', null, codes, null],
    ['resolving without a code', 'resolved', undefined, null, codes, 'is required: choose one of replacement_sent, order_status'],
    ['resolving with another client’s code', 'resolved', 'claim_opened', null, codes, 'must be one of replacement_sent, order_status'],
    ['closing a ticket already wrapped up', 'closed', undefined, 'order_status', codes, null],
    ['re-wrapping with a new code', 'closed', 'replacement_sent', 'order_status', codes, null],
    ['a client without codes', 'resolved', undefined, null, [], null],
    ['a code for a client without codes', 'resolved', 'order_status', null, [], 'is not used by this client'],
    ['a code while setting pending', 'pending', 'order_status', null, codes, 'is given only when resolving or closing'],
    ['pending without a code', 'pending', undefined, null, codes, null],
  ] as const)('%s', (_case, next, given, current, active, problem) => {
    expect(wrapUpProblem(next, given, current, active)).toBe(problem);
  });
});
