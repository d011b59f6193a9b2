import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENT_STATES, AWAY_REASONS, type AgentState, type AwayReason, type SetPresenceRequest } from '@switchboard/shared-contracts';
import { IsIn, IsOptional } from 'class-validator';

export class SetPresenceDto implements SetPresenceRequest {
  @ApiProperty({ enum: AGENT_STATES })
  @IsIn(AGENT_STATES as AgentState[], { message: `must be one of ${AGENT_STATES.join(', ')}` })
  state!: AgentState;

  @ApiPropertyOptional({ enum: AWAY_REASONS, description: 'Required when state is away.' })
  @IsOptional()
  @IsIn(AWAY_REASONS as AwayReason[], { message: `must be one of ${AWAY_REASONS.join(', ')}` })
  reason?: AwayReason;
}
