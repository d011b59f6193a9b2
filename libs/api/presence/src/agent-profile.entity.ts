import type { AgentState, StateReason, TimeRange, Weekday } from '@switchboard/shared-contracts';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('agent_profiles')
export class AgentProfileEntity {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  @Column('text', { array: true }) languages!: string[];
  /** Concurrent work per channel: a call occupies the agent; chats and emails take shares. */
  @Column('jsonb') capacity!: Record<string, number>;
  @Column('jsonb', { name: 'shift_schedule' }) shiftSchedule!: Partial<Record<Weekday, TimeRange[]>>;
  @Column('text') state!: AgentState;
  @Column('text', { name: 'state_reason', nullable: true }) stateReason!: StateReason | null;
  @Column('timestamptz', { name: 'state_since' }) stateSince!: Date;
  @Column('timestamptz', { name: 'last_connected_at', nullable: true }) lastConnectedAt!: Date | null;
  @Column('timestamptz', { name: 'disconnected_at', nullable: true }) disconnectedAt!: Date | null;
}

@Entity('skills')
export class SkillEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') key!: string;
  @Column('text') name!: string;
}

@Entity('agent_skills')
export class AgentSkillEntity {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @PrimaryColumn('uuid', { name: 'skill_id' }) skillId!: string;
  @Column('smallint') proficiency!: number;
}

/** Every state an agent was in, for adherence and occupancy. */
@Entity('agent_state_history')
export class AgentStateHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') state!: AgentState;
  @Column('text', { nullable: true }) reason!: StateReason | null;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('uuid', { name: 'changed_by', nullable: true }) changedBy!: string | null;
}
