import {
  COACHING_NOTE_MAX,
  DISPUTE_NOTE_MAX,
  type AutoQaSettings,
  type CreateCalibrationSessionRequest,
  type CreateCoachingNoteRequest,
  type SaveCalibrationReviewRequest,
  DISPUTE_REASON_MAX,
  type CreateEvaluationRequest,
  type DisputeOutcome,
  type QaAnswer,
  type RaiseDisputeRequest,
  type ResolveDisputeRequest,
  type RunSamplingDrawRequest,
  type SamplingPeriodKind,
  type SamplingPolicyRequest,
  type SamplingQuota,
  type TargetedRule,
  type SaveEvaluationRequest,
  type ScorecardDefinition,
  type ScorecardSection,
} from '@switchboard/shared-contracts';
import { Allow, ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

/**
 * A scorecard definition. The DTO only admits its two fields (a `clientId` or anything else in the
 * body is refused); `checkScorecard` checks everything inside them, so the API and an editor share
 * one set of rules and every problem comes back with its dotted path (`sections.1.questions.0.key`).
 */
export class ScorecardDto implements ScorecardDefinition {
  @Allow()
  name!: string;

  @Allow()
  sections!: ScorecardSection[];
}

export class CreateEvaluationDto implements CreateEvaluationRequest {
  @IsOptional()
  @IsUUID()
  agentId?: string;
}

/** Answers and comments are checked against the evaluation's scorecard version by the service. */
export class SaveEvaluationDto implements SaveEvaluationRequest {
  @IsOptional()
  @IsObject()
  answers?: Record<string, QaAnswer | null>;

  @IsOptional()
  @IsObject()
  comments?: Record<string, string>;
}

export class RaiseDisputeDto implements RaiseDisputeRequest {
  @IsString()
  @Length(1, 63)
  questionKey!: string;

  @IsString()
  @Length(1, DISPUTE_REASON_MAX)
  @Matches(/\S/, { message: 'must not be empty' })
  reason!: string;
}

export class ResolveDisputeDto implements ResolveDisputeRequest {
  @IsIn(['upheld', 'adjusted'])
  outcome!: DisputeOutcome;

  @IsString()
  @Length(1, DISPUTE_NOTE_MAX)
  @Matches(/\S/, { message: 'must not be empty' })
  note!: string;

  /** Checked against the disputed question's scale by the service. */
  @Allow()
  answer?: QaAnswer;
}

/**
 * A sampling policy. The DTO admits exactly its fields; `checkSamplingPolicyRequest` checks what is
 * inside them (quota, cap, rules) so the API and an editor share one set of rules.
 */
export class SamplingPolicyDto implements SamplingPolicyRequest {
  @Allow()
  name!: string;

  @Allow()
  queueId!: string | null;

  @Allow()
  period!: SamplingPeriodKind;

  @Allow()
  active?: boolean;

  @Allow()
  quota!: SamplingQuota;

  @Allow()
  stratifyByChannel!: boolean;

  @Allow()
  capPerAgent!: number | null;

  @Allow()
  targeted!: TargetedRule[];
}

export class RunSamplingDrawDto implements RunSamplingDrawRequest {
  @IsOptional()
  @IsString()
  date?: string;
}

/** AutoQA settings: the DTO admits exactly its fields; `checkAutoQaSettings` checks their values. */
export class AutoQaSettingsDto implements AutoQaSettings {
  @Allow()
  greetingPhrases!: string[];

  @Allow()
  closingPhrases!: string[];

  @Allow()
  firstResponseTargetSeconds!: number;

  @Allow()
  requiredPhrases!: string[];

  @Allow()
  maxHoldSeconds!: number;

  @Allow()
  maxSilenceSeconds!: number;
}

export class CreateCalibrationSessionDto implements CreateCalibrationSessionRequest {
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be empty' })
  title!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ticketIds!: string[];

  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  reviewerIds!: string[];

  @IsUUID()
  referenceReviewerId!: string;
}

/** Answers are checked against the session's scorecard version by the service. */
export class SaveCalibrationReviewDto implements SaveCalibrationReviewRequest {
  @IsObject()
  answers!: Record<string, QaAnswer | null>;
}

export class CreateCoachingNoteDto implements CreateCoachingNoteRequest {
  @IsUUID()
  clientId!: string;

  @IsUUID()
  agentId!: string;

  @IsString()
  @Length(1, COACHING_NOTE_MAX)
  @Matches(/\S/, { message: 'must not be empty' })
  body!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  evaluationIds!: string[];
}
