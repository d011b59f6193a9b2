import { CALL_ACTIONS, type CallAction, type CallControlRequest } from '@switchboard/shared-contracts';
import { IsIn, IsUUID, ValidateIf } from 'class-validator';

export class CallControlDto implements CallControlRequest {
  @IsIn(CALL_ACTIONS)
  action!: CallAction;

  /** transfer: the agent who takes the call (required then). */
  @ValidateIf((o: CallControlDto) => o.action === 'transfer' || o.agentId !== undefined)
  @IsUUID()
  agentId?: string;
}
