import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, ForbiddenException, NotFoundException, systemScopeFor, ValidationException, type Principal } from '@switchboard/api-platform';
import { CLIENT_ROLES, QA_REPORT_GROUPS, type QaAnswer, type QaReportGroup, type QaReportResponse, type ScorecardDefinition } from '@switchboard/shared-contracts';
import { addDays, agentShortNames, isLocalDate, isOnScale, qaGroupReports, questionScore, scorecardQuestions, startOfLocalDay, type QaReportCalibrationUnit } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { qaPeriodPopulation } from './qa-population.queries';

export interface QaReportQuery {
  clientId: string;
  groupBy: string;
  from: string;
  to: string;
}

/** What a client user may group its report by: not by team (the provider's own organisation). */
const CLIENT_USER_GROUPS: readonly QaReportGroup[] = ['client', 'queue', 'agent'];

/** Longest report window, in days. */
const MAX_DAYS = 366;

/**
 * QA reports of one client per agent, team, queue or the client, over tickets resolved between two
 * local dates (inclusive, in the client's time zone): leads and admins of the client, any grouping;
 * client users their own client's, as a whole, per queue or per agent (the portal reads these) but not per
 * team (the provider's own organisation). A client user reads an agent as first name and last initial
 * (`agentShortNames`), never the provider's staff record. Client users cannot
 * read disputes, workforce tables or calibration under row-level security, so their report is read as
 * the system scoped to their one client, after the checks above; every query names the client.
 */
@Injectable()
export class QaReportService {
  constructor(private readonly tenants: TenantDatabase) {}

  async report(principal: Principal, query: QaReportQuery): Promise<QaReportResponse> {
    const clientId = checkedUuid(query.clientId ?? '', 'clientId');
    const groupBy = checkedGroup(query.groupBy);
    const isClientUser = (CLIENT_ROLES as readonly string[]).includes(principal.role);
    if (!principal.clientIds.includes(clientId)) throw new NotFoundException('Client');
    if (isClientUser && !CLIENT_USER_GROUPS.includes(groupBy)) throw new ForbiddenException(`Client users read the QA report of their client as a whole, per queue or per agent (groupBy=${CLIENT_USER_GROUPS.join('|')}).`);
    const problems = [];
    if (!isLocalDate(query.from)) problems.push({ field: 'from', message: 'must be a date (YYYY-MM-DD)' });
    if (!isLocalDate(query.to)) problems.push({ field: 'to', message: 'must be a date (YYYY-MM-DD)' });
    if (problems.length) throw new ValidationException(problems);
    const days = (Date.parse(`${query.to}T00:00:00Z`) - Date.parse(`${query.from}T00:00:00Z`)) / 86_400_000;
    if (days < 0 || days >= MAX_DAYS) throw new ValidationException([{ field: 'to', message: `must be on or after from, at most ${MAX_DAYS} days later` }]);
    return await this.tenants.run(isClientUser ? systemScopeFor(clientId) : principal, (m) => this.compute(m, clientId, groupBy, query.from, query.to, isClientUser));
  }

  private async compute(m: EntityManager, clientId: string, groupBy: QaReportGroup, fromDate: string, toDate: string, forClientUser: boolean): Promise<QaReportResponse> {
    const [client] = await m.query<{ name: string; time_zone: string }[]>('SELECT name, time_zone FROM clients WHERE id = $1', [clientId]);
    if (!client) throw new NotFoundException('Client');
    const from = new Date(startOfLocalDay(fromDate, client.time_zone)).toISOString();
    const to = new Date(startOfLocalDay(addDays(toDate, 1), client.time_zone)).toISOString();

    const { handled, evaluations } = await qaPeriodPopulation(m, clientId, { from, to });
    const calibration = await m.query<{ session_id: string; ticket_id: string; agent_id: string | null; queue_id: string | null; definition: ScorecardDefinition; reviews: { answers: Record<string, QaAnswer> }[] }[]>(
      `SELECT s.id AS session_id, ct.ticket_id, ct.agent_id, t.queue_id, v.definition,
              coalesce((SELECT json_agg(json_build_object('answers', r.answers)) FROM calibration_reviews r WHERE r.session_id = s.id AND r.ticket_id = ct.ticket_id AND r.submitted_at IS NOT NULL), '[]') AS reviews
         FROM calibration_sessions s JOIN calibration_tickets ct ON ct.session_id = s.id JOIN tickets t ON t.id = ct.ticket_id JOIN scorecard_versions v ON v.id = s.scorecard_version_id
        WHERE s.client_id = $1 AND s.status = 'closed' AND s.closed_at >= $2 AND s.closed_at < $3`,
      [clientId, from, to],
    );
    const agentIds = [...new Set([...handled.map((h) => h.agentId), ...evaluations.map((e) => e.agentId), ...calibration.flatMap((c) => (c.agent_id ? [c.agent_id] : []))])];
    const teams = groupBy === 'team' ? await m.query<{ user_id: string; team_id: string; name: string }[]>(`SELECT m.user_id, m.team_id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ANY ($1) AND m.membership = 'member'`, [agentIds]) : [];

    const groupsOf = (agentId: string | null, queueId: string | null): (string | null)[] => {
      switch (groupBy) {
        case 'agent':
          return agentId ? [agentId] : [];
        case 'team': {
          const mine = teams.filter((t) => t.user_id === agentId).map((t) => t.team_id);
          return mine.length ? mine : [null];
        }
        case 'queue':
          return [queueId];
        case 'client':
          return [clientId];
      }
    };
    const units: QaReportCalibrationUnit[] = calibration.flatMap((c) =>
      scorecardQuestions(c.definition).map((question) => ({
        groups: groupsOf(c.agent_id, c.queue_id),
        scores: c.reviews.map((r) => {
          const answer = r.answers[question.key];
          return isOnScale(question.scale, answer) ? questionScore(question.scale, answer) : null;
        }),
      })),
    );
    const rows = qaGroupReports(
      evaluations.map((e) => ({ ticketId: e.ticketId, stream: e.stream, score: e.score, criticalFailed: e.criticalFailed, disputes: e.disputes, groups: groupsOf(e.agentId, e.queueId) })),
      handled.map((h) => ({ ticketId: h.ticketId, groups: groupsOf(h.agentId, h.queueId) })),
      units,
    );
    const labels = await this.labels(m, groupBy, clientId, client.name, rows.map((r) => r.key), teams, forClientUser);
    return {
      clientId,
      groupBy,
      from: fromDate,
      to: toDate,
      rows: rows.map((r) => ({ group: groupBy, key: r.key, label: labels.get(r.key) ?? (r.key === null ? (groupBy === 'queue' ? 'No queue' : 'No team') : r.key), report: r.report, manual: r.manual, disputes: r.disputes, agreement: r.agreement })),
    };
  }

  private async labels(m: EntityManager, groupBy: QaReportGroup, clientId: string, clientName: string, keys: (string | null)[], teams: { team_id: string; name: string }[], forClientUser: boolean): Promise<Map<string | null, string>> {
    const ids = keys.filter((k): k is string => k !== null);
    if (groupBy === 'client') return new Map([[clientId, clientName]]);
    if (groupBy === 'team') return new Map(teams.map((t) => [t.team_id, t.name]));
    if (groupBy === 'agent') {
      const agents = await m.query<{ id: string; name: string }[]>('SELECT id, display_name AS name FROM users WHERE id = ANY ($1)', [ids]);
      return forClientUser ? agentShortNames(agents.map((a) => ({ id: a.id, displayName: a.name }))) : new Map(agents.map((a) => [a.id, a.name]));
    }
    const rows = await m.query<{ id: string; name: string }[]>('SELECT id, name FROM queues WHERE id = ANY ($1) AND client_id = $2', [ids, clientId]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

function checkedGroup(value: string): QaReportGroup {
  if (!(QA_REPORT_GROUPS as readonly string[]).includes(value)) throw new ValidationException([{ field: 'groupBy', message: `must be one of ${QA_REPORT_GROUPS.join(', ')}` }]);
  return value as QaReportGroup;
}
