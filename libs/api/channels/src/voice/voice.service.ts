import { Inject, Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER, SYSTEM_SCOPE, systemScopeFor, type AppConfig, type Principal } from '@switchboard/api-platform';
import { appendInbound, appendSystemLine, assignTicket, contactFor, detectLanguage, lockSender, lockTicket, recordEvent, TicketPublisher, TicketWorkService } from '@switchboard/api-tickets';
import { OPEN_TICKET_STATUSES, type CallControlRequest, type CallStatus, type CallView, type MessageView, type PiiPolicy } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { abandonsInQueue, displayPhone, formatDuration, maskSensitiveData, phoneDigits, planCallControl, statusCallbackOutcome, toE164, type CallControl, type CallPlan } from '@switchboard/shared-domain';
import { bridgeTwiml, emptyTwiml, holdTwiml, incomingCallTwiml, unknownNumberTwiml, VOICE_WEBHOOK_PATH } from './twiml.util';
import type { CallUpdate } from './twilio-api.util';
import { VoiceProvider } from './voice-provider.service';
import type { CallStatusReport, IncomingCall, QueueResult, RecordingReport, TranscriptionReport } from './voice-webhook.util';
import { VoiceException } from './voice.exception';

interface VoiceInbox {
  inboxId: string;
  inboxName: string;
  clientId: string;
  clientName: string;
  clientSlug: string;
  piiPolicy: PiiPolicy;
}

interface CallRow {
  id: string;
  clientId: string;
  ticketId: string;
  callSid: string;
  status: CallStatus;
  agentId: string | null;
  answeredAt: Date | null;
  recordingSid: string | null;
  transcript: string | null;
}

const CALL_COLUMNS = `id, client_id AS "clientId", ticket_id AS "ticketId", call_sid AS "callSid", status, agent_id AS "agentId",
  answered_at AS "answeredAt", recording_sid AS "recordingSid", transcript`;

/** Whole seconds since the call reached us, at this transaction's time. */
const SECONDS_SINCE_START = `greatest(0, round(extract(epoch FROM now() - started_at)))::int`;

/** A timeline line written in a transaction, announced after it commits. */
interface Written {
  clientId: string;
  ticketId: string;
  line: MessageView | null;
}

/**
 * Phone calls: the provider's webhooks (a call arrives, waits, is abandoned or ends, is recorded and
 * transcribed) and the agent's controls (answer, hold, resume, hang up, transfer). Every call is one
 * voice ticket; the call row keeps its state. Ticket rules stay with the ticket service; the call rules
 * are in shared-domain's `call-rules.util`; the provider is behind `VoiceProvider`. Events go out after commit.
 *
 * Lock order, everywhere: the ticket row, then its call row.
 */
@Injectable()
export class VoiceService {
  private readonly log: Logger;

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly work: TicketWorkService,
    private readonly publisher: TicketPublisher,
    private readonly provider: VoiceProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: VoiceService.name });
  }

  // ---- provider webhooks ----

  /** A call to one of our numbers: a queued voice ticket and its call row, once per CallSid; answers the TwiML that queues the caller. */
  async incoming(call: IncomingCall): Promise<string> {
    const inbox = await this.voiceInboxFor(call.to);
    if (!inbox) {
      this.log.warn({ callSid: call.callSid }, 'call to a number no voice inbox owns');
      return unknownNumberTwiml();
    }
    const outcome = await this.tenants.run(systemScopeFor(inbox.clientId), async (m) => {
      const caller = toE164(call.from);
      const identity = caller ?? `unknown:${call.callSid}`;
      // Serialises this caller, so a retried webhook sees the first one's call row.
      await lockSender(m, inbox.clientId, 'voice', identity);
      const [known] = await m.query<{ ticket_id: string; reference: string }[]>(
        `SELECT c.ticket_id, 'SB-' || t.number AS reference FROM calls c JOIN tickets t ON t.id = c.ticket_id WHERE c.call_sid = $1`,
        [call.callSid],
      );
      if (known) return { created: false, ticketId: known.ticket_id, reference: known.reference };

      const shown = caller && inbox.piiPolicy.phone !== 'hidden' ? displayPhone(caller, inbox.piiPolicy.phone) : null;
      const contactId = await contactFor(m, inbox.clientId, 'voice', identity, { displayName: shown ? `Caller ${shown}` : 'Phone caller', phone: caller });
      const { ticketId } = await appendInbound(m, {
        clientId: inbox.clientId,
        inboxId: inbox.inboxId,
        channel: 'voice',
        contactId,
        ticketId: null,
        subject: `Call to ${inbox.inboxName}`,
        body: shown ? `Incoming call from ${shown} to ${inbox.inboxName}` : `Incoming call to ${inbox.inboxName}`,
        externalId: call.callSid,
        eventData: { callSid: call.callSid },
        detectLanguage: false,
      });
      await m.query(`INSERT INTO calls (client_id, ticket_id, call_sid, from_number, to_number, status) VALUES ($1, $2, $3, $4, $5, 'queued')`, [
        inbox.clientId,
        ticketId,
        call.callSid,
        caller ?? call.from,
        call.to,
      ]);
      const [{ reference }] = await m.query<{ reference: string }[]>(`SELECT 'SB-' || number AS reference FROM tickets WHERE id = $1`, [ticketId]);
      return { created: true, ticketId, reference };
    });
    if (outcome.created) {
      this.log.info({ clientId: inbox.clientId, ticketId: outcome.ticketId, callSid: call.callSid }, 'call queued');
      await this.publisher.ticketChanged(outcome.ticketId);
    }
    return incomingCallTwiml({ clientName: inbox.clientName, reference: outcome.reference, queueName: inbox.clientSlug });
  }

  /** `<Enqueue>` finished: a caller who hung up while waiting abandoned the call. */
  async queueResult(report: QueueResult): Promise<string> {
    const found = await this.callBySid(report.callSid);
    if (!found || report.result !== 'hangup') return emptyTwiml();
    const written = await this.tenants.run(systemScopeFor(found.clientId), async (m) => {
      const call = await lockCallOfTicket(m, found.ticketId);
      if (!abandonsInQueue(call.status, report.result)) return null;
      return await this.abandon(m, call, report.queueSeconds);
    });
    await this.announce(written);
    return emptyTwiml();
  }

  /** The provider's status callback: recorded as an event; an ending call is completed, or abandoned when no agent ever answered. */
  async callStatus(report: CallStatusReport): Promise<string> {
    const found = await this.callBySid(report.callSid);
    if (!found) {
      this.log.info({ callSid: report.callSid, status: report.status }, 'status callback for a call we do not know; ignored');
      return emptyTwiml();
    }
    const written = await this.tenants.run(systemScopeFor(found.clientId), async (m): Promise<Written | null> => {
      const call = await lockCallOfTicket(m, found.ticketId);
      const [seen] = await m.query(`SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'call_status' AND data->>'providerStatus' = $2`, [call.ticketId, report.status]);
      if (!seen) await recordEvent(m, call.clientId, call.ticketId, 'call_status', { providerStatus: report.status, durationSeconds: report.durationSeconds, callSid: call.callSid });
      const unchanged = seen ? null : { clientId: call.clientId, ticketId: call.ticketId, line: null };

      const outcome = statusCallbackOutcome({ status: call.status, answered: call.answeredAt !== null }, report.status);
      if (outcome.kind === 'none') return unchanged;
      if (outcome.kind === 'connected') {
        await m.query(`UPDATE calls SET status = 'in_progress', updated_at = now() WHERE id = $1`, [call.id]);
        return { clientId: call.clientId, ticketId: call.ticketId, line: null };
      }
      const [[ended]] = await m.query<[{ talk: number }[], number]>(
        `UPDATE calls SET ended_at = coalesce(ended_at, now()), duration_seconds = coalesce($2, duration_seconds, ${SECONDS_SINCE_START}), updated_at = now()
          WHERE id = $1
          RETURNING greatest(0, round(extract(epoch FROM ended_at - coalesce(answered_at, ended_at))))::int AS talk`,
        [call.id, report.durationSeconds],
      );
      if (outcome.as === 'unchanged') return unchanged;
      if (outcome.as === 'abandoned') return await this.abandon(m, call, null);
      await m.query(`UPDATE calls SET status = 'completed' WHERE id = $1`, [call.id]);
      // The ticket stays with the agent for wrap-up.
      return { clientId: call.clientId, ticketId: call.ticketId, line: await appendSystemLine(m, call.clientId, call.ticketId, `Call ended (talk time ${formatDuration(ended.talk)}).`) };
    });
    await this.announce(written);
    return emptyTwiml();
  }

  /** A finished recording: kept on the call, once per recording. */
  async recording(report: RecordingReport): Promise<string> {
    if (report.status !== 'completed') {
      this.log.info({ callSid: report.callSid, recordingStatus: report.status }, 'recording not completed; ignored');
      return emptyTwiml();
    }
    const found = await this.callBySid(report.callSid);
    if (!found) {
      this.log.info({ callSid: report.callSid }, 'recording for a call we do not know; ignored');
      return emptyTwiml();
    }
    const written = await this.tenants.run(systemScopeFor(found.clientId), async (m): Promise<Written | null> => {
      const call = await lockCallOfTicket(m, found.ticketId);
      if (call.recordingSid === report.recordingSid) return null;
      await m.query(`UPDATE calls SET recording_sid = $2, recording_url = $3, recording_seconds = $4, updated_at = now() WHERE id = $1`, [call.id, report.recordingSid, report.url, report.seconds]);
      await recordEvent(m, call.clientId, call.ticketId, 'recording', { recordingSid: report.recordingSid, seconds: report.seconds });
      const length = report.seconds === null ? '' : ` (${formatDuration(report.seconds)})`;
      return { clientId: call.clientId, ticketId: call.ticketId, line: await appendSystemLine(m, call.clientId, call.ticketId, `Call recording${length}`) };
    });
    await this.announce(written);
    return emptyTwiml();
  }

  /** A transcription of the call: card numbers masked before it is stored; the same text twice is kept once. */
  async transcription(report: TranscriptionReport): Promise<string> {
    if (report.status !== 'completed' || !report.text) {
      this.log.info({ callSid: report.callSid, transcriptionStatus: report.status }, 'transcription without text; ignored');
      return emptyTwiml();
    }
    const found = await this.callBySid(report.callSid);
    if (!found) {
      this.log.info({ callSid: report.callSid }, 'transcription for a call we do not know; ignored');
      return emptyTwiml();
    }
    const masked = maskSensitiveData(report.text);
    const written = await this.tenants.run(systemScopeFor(found.clientId), async (m): Promise<Written | null> => {
      const call = await lockCallOfTicket(m, found.ticketId);
      if (call.transcript === masked.text) return null;
      await m.query(`UPDATE calls SET transcript = $2, updated_at = now() WHERE id = $1`, [call.id, masked.text]);
      // What the caller said is the first thing that tells their language.
      const [{ languages }] = await m.query<{ languages: string[] }[]>('SELECT languages FROM clients WHERE id = $1', [call.clientId]);
      await m.query('UPDATE tickets SET language = coalesce(language, $2) WHERE id = $1', [call.ticketId, detectLanguage(masked.text, languages)]);
      await recordEvent(m, call.clientId, call.ticketId, 'transcript', { transcriptionSid: report.transcriptionSid, characters: masked.text.length, cardsMasked: masked.cards });
      return { clientId: call.clientId, ticketId: call.ticketId, line: await appendSystemLine(m, call.clientId, call.ticketId, `Call transcript:\n${masked.text}`) };
    });
    await this.announce(written);
    return emptyTwiml();
  }

  // ---- agent controls ----

  /** The agent takes the voice ticket (ticket rules apply) and the caller is connected to their softphone. */
  async answer(principal: Principal, ticketId: string): Promise<CallView> {
    const plan = await this.tenants.run(principal, async (m) => planCallControl(principal, await lockCallOfTicket(m, (await lockTicket(m, ticketId)).id), 'answer'));
    if (plan.kind === 'refuse') throw VoiceException.refused(plan);
    if (plan.kind === 'act') {
      // Taking the ticket and bridging the call commit together: a provider failure leaves neither.
      const written = await this.tenants.run(principal, async (m): Promise<Written | null> => {
        const ticket = await lockTicket(m, ticketId);
        const call = await lockCallOfTicket(m, ticket.id);
        if (!this.planned(principal, call, 'answer')) return null;
        await assignTicket(m, principal, ticket, null);
        await this.provider.updateCall(m, call, { Twiml: bridgeTwiml(principal.userId, this.recordingCallbackUrl()) }, 'answer');
        const [[{ wait }]] = await m.query<[{ wait: number }[], number]>(
          `UPDATE calls SET status = 'in_progress', agent_id = $2, answered_at = now(), wait_seconds = ${SECONDS_SINCE_START}, updated_at = now() WHERE id = $1 RETURNING wait_seconds AS wait`,
          [call.id, principal.userId],
        );
        await recordEvent(m, call.clientId, call.ticketId, 'call_status', { action: 'answer', status: 'in_progress', agentId: principal.userId, waitSeconds: wait }, principal.userId);
        return { clientId: call.clientId, ticketId: call.ticketId, line: await appendSystemLine(m, call.clientId, call.ticketId, `${principal.displayName} answered the call after ${formatDuration(wait)} in the queue.`) };
      });
      await this.announce(written);
    }
    return await this.view(principal, ticketId);
  }

  /** Hold, resume, hang up or transfer a live call: the agent on the call, or a lead/admin of the client. */
  async control(principal: Principal, ticketId: string, request: CallControlRequest): Promise<CallView> {
    const target = request.action === 'transfer' ? (request.agentId ?? null) : null;
    const plan = await this.tenants.run(principal, async (m) => planCallControl(principal, await lockCallOfTicket(m, (await lockTicket(m, ticketId)).id), request.action, target));
    if (plan.kind === 'refuse') throw VoiceException.refused(plan);
    if (plan.kind === 'noop') return await this.view(principal, ticketId);
    const written = await this.tenants.run(principal, async (m): Promise<Written | null> => {
      const ticket = await lockTicket(m, ticketId);
      const call = await lockCallOfTicket(m, ticket.id);
      if (!this.planned(principal, call, request.action, target)) return null;
      const by = principal.displayName;
      let update: CallUpdate;
      let text: (talkSeconds: number | null) => string;
      switch (request.action) {
        case 'hold':
          update = { Twiml: holdTwiml(this.config.voice.holdMusicUrl) };
          text = () => `${by} put the caller on hold.`;
          break;
        case 'resume':
          update = { Twiml: bridgeTwiml(call.agentId ?? principal.userId, this.recordingCallbackUrl()) };
          text = () => `${by} took the caller off hold.`;
          break;
        case 'hangup':
          update = { Status: 'completed' };
          text = (talk) => `${by} ended the call (talk time ${formatDuration(talk ?? 0)}).`;
          break;
        case 'transfer': {
          if (!target) throw VoiceException.takenMeanwhile();
          // The ticket follows the call, in the same transaction; the ticket rules decide who may give it to whom.
          await assignTicket(m, principal, ticket, target);
          const [agent] = await m.query<{ display_name: string }[]>('SELECT display_name FROM users WHERE id = $1', [target]);
          update = { Twiml: bridgeTwiml(target, this.recordingCallbackUrl()) };
          text = () => `${by} transferred the call to ${agent?.display_name ?? 'another agent'}.`;
          break;
        }
      }
      await this.provider.updateCall(m, call, update, request.action);
      const [[after]] = await m.query<[{ status: CallStatus; talk: number | null }[], number]>(
        `UPDATE calls SET status = $2, agent_id = coalesce($3, agent_id),
                ended_at = CASE WHEN $2 = 'completed' THEN now() ELSE ended_at END,
                duration_seconds = CASE WHEN $2 = 'completed' THEN ${SECONDS_SINCE_START} ELSE duration_seconds END,
                updated_at = now()
          WHERE id = $1
          RETURNING status, CASE WHEN ended_at IS NOT NULL THEN greatest(0, round(extract(epoch FROM ended_at - answered_at)))::int END AS talk`,
        [call.id, plan.next, target],
      );
      await recordEvent(m, call.clientId, call.ticketId, 'call_status', { action: request.action, status: after.status, agentId: target ?? call.agentId }, principal.userId);
      if (target) await recordEvent(m, call.clientId, call.ticketId, 'transferred', { fromAgentId: call.agentId, toAgentId: target, channel: 'voice' }, principal.userId);
      return { clientId: call.clientId, ticketId: call.ticketId, line: await appendSystemLine(m, call.clientId, call.ticketId, text(after.talk)) };
    });
    await this.announce(written);
    return await this.view(principal, ticketId);
  }

  // ---- helpers ----

  /** Re-plans inside the final transaction (things may have moved since the first look): act → true, noop → false, refuse → throws. */
  private planned(principal: Principal, call: CallRow, control: CallControl, target: string | null = null): boolean {
    const plan: CallPlan = planCallControl(principal, call, control, target);
    if (plan.kind === 'refuse') throw VoiceException.refused(plan);
    return plan.kind === 'act';
  }

  /** The call is over without an agent: the call and its ticket are abandoned, with the time the caller waited (by default, since the call came in). */
  private async abandon(m: EntityManager, call: CallRow, queueSeconds: number | null): Promise<Written> {
    const [[{ waitSeconds }]] = await m.query<[{ waitSeconds: number }[], number]>(
      `UPDATE calls SET status = 'abandoned', wait_seconds = coalesce($2, ${SECONDS_SINCE_START}), ended_at = coalesce(ended_at, now()), updated_at = now() WHERE id = $1 RETURNING wait_seconds AS "waitSeconds"`,
      [call.id, queueSeconds],
    );
    const [, changed] = await m.query<[unknown[], number]>(`UPDATE tickets SET status = 'abandoned', abandoned_at = now(), updated_at = now() WHERE id = $1 AND status = ANY ($2)`, [call.ticketId, OPEN_TICKET_STATUSES]);
    if (changed) await recordEvent(m, call.clientId, call.ticketId, 'abandoned', { waitSeconds, callSid: call.callSid });
    this.log.info({ clientId: call.clientId, ticketId: call.ticketId, callSid: call.callSid, waitSeconds }, 'call abandoned');
    return { clientId: call.clientId, ticketId: call.ticketId, line: await appendSystemLine(m, call.clientId, call.ticketId, `The caller hung up after waiting ${formatDuration(waitSeconds)}.`) };
  }

  private async announce(written: Written | null): Promise<void> {
    if (!written) return;
    if (written.line) await this.publisher.messageCreated(written.clientId, written.line, null);
    else await this.publisher.ticketChanged(written.ticketId);
  }

  /** The call as the agent's workspace shows it (the caller's number per the client's PII policy). */
  private async view(principal: Principal, ticketId: string): Promise<CallView> {
    const { call } = await this.work.detail(principal, ticketId);
    if (!call) throw VoiceException.notACall();
    return call;
  }

  private async voiceInboxFor(dialled: string): Promise<VoiceInbox | null> {
    const digits = phoneDigits(dialled);
    if (!digits) return null;
    const [row] = await this.tenants.run(SYSTEM_SCOPE, (m) =>
      m.query<{ id: string; name: string; client_id: string; client_name: string; slug: string; pii_policy: PiiPolicy }[]>(
        `SELECT i.id, i.name, i.client_id, c.name AS client_name, c.slug, c.pii_policy
           FROM inboxes i JOIN clients c ON c.id = i.client_id
          WHERE i.channel = 'voice' AND regexp_replace(i.address, '\\D', '', 'g') = $1
          ORDER BY i.created_at LIMIT 1`,
        [digits],
      ),
    );
    return row ? { inboxId: row.id, inboxName: row.name, clientId: row.client_id, clientName: row.client_name, clientSlug: row.slug, piiPolicy: row.pii_policy } : null;
  }

  private async callBySid(callSid: string): Promise<{ clientId: string; ticketId: string } | null> {
    const [row] = await this.tenants.run(SYSTEM_SCOPE, (m) => m.query<{ client_id: string; ticket_id: string }[]>('SELECT client_id, ticket_id FROM calls WHERE call_sid = $1', [callSid]));
    return row ? { clientId: row.client_id, ticketId: row.ticket_id } : null;
  }

  /** Where the provider posts a bridged call's recording (absolute: bridge TwiML is sent through the API, not fetched). */
  private recordingCallbackUrl(): string {
    return `${this.config.publicUrl}${VOICE_WEBHOOK_PATH}/recording`;
  }
}


/** Locks the ticket's call row (after the ticket row: the one lock order). A ticket without a call is not a phone call. */
async function lockCallOfTicket(m: EntityManager, ticketId: string): Promise<CallRow> {
  await m.query('SELECT 1 FROM tickets WHERE id = $1 FOR UPDATE', [ticketId]);
  const [call] = await m.query<CallRow[]>(`SELECT ${CALL_COLUMNS} FROM calls WHERE ticket_id = $1 FOR UPDATE`, [ticketId]);
  if (!call) throw VoiceException.notACall();
  return call;
}
