import { SETTABLE_TICKET_STATUSES, type AssignTicketRequest, type ReplyRequest, type SetTicketStatusRequest, type SettableTicketStatus } from '@switchboard/shared-contracts';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class ReplyDto implements ReplyRequest {
  @IsString()
  @Length(8, 100)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'may hold letters, digits, _ and - only' })
  clientMsgId!: string;

  @IsIn(['reply', 'note'])
  kind!: 'reply' | 'note';

  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  body!: string;
}

export class AssignTicketDto implements AssignTicketRequest {
  @IsOptional()
  @IsUUID()
  agentId?: string;
}

export class SetTicketStatusDto implements SetTicketStatusRequest {
  @IsIn(SETTABLE_TICKET_STATUSES)
  status!: SettableTicketStatus;

  @IsOptional()
  @IsString()
  @Length(1, 40)
  disposition?: string;
}
