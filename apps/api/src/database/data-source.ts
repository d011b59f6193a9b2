import { AuditLogEntity } from '@switchboard/api-audit';
import { AuthSessionEntity, LoginFailureEntity, RefreshTokenEntity, StaffClientEntity, TeamEntity, TeamMemberEntity, UserEntity } from '@switchboard/api-identity';
import { AgentProfileEntity, AgentSkillEntity, AgentStateHistoryEntity, SkillEntity } from '@switchboard/api-presence';
import { ClientEntity, InboxEntity } from '@switchboard/api-tenancy';
import { Foundation1763900000000 } from './migrations/1763900000000-foundation';
import { Intake1763990000000 } from './migrations/1763990000000-intake';
import { Email1764000000000 } from './migrations/1764000000000-email';
import { Conversations1764100000000 } from './migrations/1764100000000-conversations';
import { Routing1764200000000 } from './migrations/1764200000000-routing';
import { Desk1764400000000 } from './migrations/1764400000000-desk';
import { RoutingFacts1764300000000 } from './migrations/1764300000000-routing-facts';
import { Supervision1764450000000 } from './migrations/1764450000000-supervision';
import { EmailEnvelope1764600000000 } from './migrations/1764600000000-email-envelope';
import { Playbooks1764500000000 } from './migrations/1764500000000-playbooks';
import { Qa1764700000000 } from './migrations/1764700000000-qa';
import { AttachmentUploads1764800000000 } from './migrations/1764800000000-attachment-uploads';
import { DeskWrites1764900000000 } from './migrations/1764900000000-desk-writes';
import { Reporting1765000000000 } from './migrations/1765000000000-reporting';
import { KpiRollups1765000000001 } from './migrations/1765000000001-kpi-rollups';
import { QaSampling1765100000000 } from './migrations/1765100000000-qa-sampling';
import { QaAutoQa1765100000001 } from './migrations/1765100000001-qa-autoqa';
import { QaCalibration1765100000002 } from './migrations/1765100000002-qa-calibration';
import { QaCoaching1765100000003 } from './migrations/1765100000003-qa-coaching';
import { DirectoryWrites1765400000000 } from './migrations/1765400000000-directory-writes';
import { SharedRateLimits1765600000000 } from './migrations/1765600000000-shared-rate-limits';
import { ReportSchedules1765700000000 } from './migrations/1765700000000-report-schedules';
import { SlaTargets1765810000000 } from './migrations/1765810000000-sla-targets';
import { RollupAttainment1765820000200 } from './migrations/1765820000200-rollup-attainment';
import { SlaEvidence1765820000300 } from './migrations/1765820000300-sla-evidence';
import { FactMarkGenerations1765820000400 } from './migrations/1765820000400-fact-mark-generations';
import { PrincipalChanges1765200000000 } from './migrations/1765200000000-principal-changes';
import { AuditActors1765200000001 } from './migrations/1765200000001-audit-actors';

/** The only place that sees every entity and every migration. */
export const ENTITIES = [
  ClientEntity,
  InboxEntity,
  UserEntity,
  AuthSessionEntity,
  RefreshTokenEntity,
  LoginFailureEntity,
  TeamEntity,
  TeamMemberEntity,
  StaffClientEntity,
  AgentProfileEntity,
  SkillEntity,
  AgentSkillEntity,
  AgentStateHistoryEntity,
  AuditLogEntity,
];

/** In order. A migration, once released, never changes: add a new one. */
export const MIGRATIONS = [Foundation1763900000000, Intake1763990000000, Email1764000000000, Conversations1764100000000, Routing1764200000000, RoutingFacts1764300000000, Desk1764400000000, Supervision1764450000000, Playbooks1764500000000, EmailEnvelope1764600000000, Qa1764700000000, AttachmentUploads1764800000000, DeskWrites1764900000000, Reporting1765000000000, KpiRollups1765000000001, QaSampling1765100000000, QaAutoQa1765100000001, QaCalibration1765100000002, QaCoaching1765100000003, PrincipalChanges1765200000000, AuditActors1765200000001, DirectoryWrites1765400000000, SharedRateLimits1765600000000, ReportSchedules1765700000000, SlaTargets1765810000000, RollupAttainment1765820000200, SlaEvidence1765820000300, FactMarkGenerations1765820000400];
