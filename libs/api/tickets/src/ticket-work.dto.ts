import { ATTACHMENTS_PER_MESSAGE_MAX, NOTE_MENTIONS_MAX, SETTABLE_TICKET_STATUSES, type AssignTicketRequest, type ReplyRequest, type RevealContactRequest, type SetTicketStatusRequest, type SettableTicketStatus } from '@switchboard/shared-contracts';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

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

  /** Email replies only; the rules (channel, length) are checkReplyFields'. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  subject?: string;

  /** Email replies only; each address is checked by checkReplyFields (so a bad one gets EMAIL_ADDRESS_INVALID). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(320, { each: true })
  cc?: string[];

  /** Notes only; each must be a colleague serving the client (checked by mentionInNote). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NOTE_MENTIONS_MAX)
  @IsUUID('all', { each: true, message: 'must hold user ids' })
  mentions?: string[];

  /** Pending uploads of the caller on this ticket (checked when the message is written). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ATTACHMENTS_PER_MESSAGE_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'must hold attachment ids' })
  attachmentIds?: string[];
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

export class RevealContactDto implements RevealContactRequest {
  @IsIn(['email', 'phone'])
  field!: 'email' | 'phone';

  /** Why the agent needs it: the client reads this next to their name. */
  @IsString()
  @Length(5, 500, { message: 'must say why, in 5 to 500 characters' })
  @Matches(/\S/, { message: 'must not be empty' })
  reason!: string;
}
